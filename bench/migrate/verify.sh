#!/usr/bin/env bash
# Benchmark: pgcarry migrate verify of a 200-migration Prisma directory.
#
# On one throw-away embedded server started by pgcarry itself (the target), writes a Prisma project of
# $MIGRATIONS migrations (tables with keys, foreign keys and enums, added columns, indexes, views, checks),
# deploys it as `prisma migrate deploy` would (each file run, then its _prisma_migrations row with the SHA-256
# of the file), and measures:
#   status   pgcarry migrate status (the ledger against the files; reads only)
#   verify   pgcarry migrate verify: status, a second throw-away server of the same major started by pgcarry
#            (while status and the target's schema are read), every applied migration replayed on it, both
#            schemas read and compared
# and prints verify's wall time beside the start time of its throw-away server, which verify reports. Each
# measurement includes the JVM's start, as a user waits for it.
#
# Settings (environment):
#   PG_MAJOR    server major version (default 17)
#   PG_BINDIR   directory with client programs (psql) to use before those on PATH
#   MIGRATIONS  number of migrations (default 200)
#   RUNS        runs of every measurement; the best wall time is kept (default 3)
#   PGCARRY     pgcarry launcher to run (default: bin/pgcarry of this checkout)
#
# Writes the figures as JSON to bench/results/migrate-verify-<timestamp>.json. Exits 1 when verify did not
# find the deployed directory clean (exit code 0, no drift), 2 on a setup error, 0 otherwise.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=../lib.sh
. "$here/../lib.sh"
root=$(cd "$here/../.." && pwd)
results_dir="$here/../results"
pgcarry=${PGCARRY:-"$root/bin/pgcarry"}

PG_MAJOR=${PG_MAJOR:-17}
MIGRATIONS=${MIGRATIONS:-200}
RUNS=${RUNS:-3}

if [ -n "${PG_BINDIR:-}" ]; then
  PATH="$PG_BINDIR:$PATH"
  export PATH
fi

case "$MIGRATIONS$RUNS$PG_MAJOR" in
  *[!0-9]*) die "MIGRATIONS, RUNS and PG_MAJOR must be whole numbers" ;;
esac
[ "$MIGRATIONS" -ge 4 ] || die "MIGRATIONS must be at least 4"
[ "$RUNS" -ge 1 ] || die "RUNS must be at least 1"

for program in psql java sha256sum; do
  command -v "$program" >/dev/null || die "$program is not installed"
done

if [ -z "${PGCARRY:-}" ] && [ ! -f "$root/pgcarry-cli/target/pgcarry.jar" ]; then
  say "building pgcarry (mvn -q package -DskipTests)..."
  (cd "$root" && mvn -q package -DskipTests)
fi
help_text=$("$pgcarry" migrate --help 2>&1 || true)
grep -Eq '^ +verify( |$)' <<<"$help_text" || die "this build of pgcarry has no migrate verify command"

stamp=$(date -u +%Y%m%dT%H%M%SZ)
mkdir -p "$results_dir"

# ---------------------------------------------------------------- server and cleanup

work=$(mktemp -d -t pgcarry-bench-migrate.XXXXXX)
server_pid=
current=

stop_server() {
  local i
  [ -n "$server_pid" ] || return 0
  kill "$server_pid" 2>/dev/null || true
  for i in $(seq 1 60); do
    kill -0 "$server_pid" 2>/dev/null || break
    sleep 0.5
  done
  if kill -0 "$server_pid" 2>/dev/null; then
    say "server process $server_pid did not stop; killing it"
    kill_tree "$server_pid"
    kill -KILL "$server_pid" 2>/dev/null || true
  fi
  wait "$server_pid" 2>/dev/null || true
  server_pid=
}

cleanup() {
  local status=$?
  trap - EXIT INT TERM
  if [ -n "$current" ]; then
    kill_tree "$current"
    wait "$current" 2>/dev/null || true
  fi
  stop_server
  rm -rf "$work"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

start_server() {
  # Starts the embedded target and sets $admin to its URL (database postgres); three attempts.
  local attempt i url
  for attempt in 1 2 3; do
    "$pgcarry" embedded start --pg "$PG_MAJOR" >"$work/server.url" 2>"$work/server.log" &
    server_pid=$!
    for i in $(seq 1 240); do
      url=$(head -n 1 "$work/server.url" 2>/dev/null || true)
      if [ -n "$url" ]; then
        admin=$url
        return 0
      fi
      kill -0 "$server_pid" 2>/dev/null || break
      sleep 0.5
    done
    say "the server did not start (attempt $attempt of 3):"
    sed 's/^/  /' "$work/server.log" >&2
    stop_server
  done
  exit 2
}

seconds_since() { awk -v a="$1" -v b="$(date +%s.%N)" 'BEGIN { printf "%.3f", b - a }'; }

# ---------------------------------------------------------------- the migrations

# migration N (1-based): what a schema of an application gains over time, in Prisma's words.
migration_sql() {
  local n=$1 prev=$(( $1 - 1 ))
  case $(( n % 5 )) in
    1) printf -- '-- CreateEnum\nCREATE TYPE "Status%d" AS ENUM (%s);\n\n-- CreateTable\nCREATE TABLE "Entity%d" (\n    "id" SERIAL NOT NULL,\n    "name" TEXT NOT NULL,\n    "status" "Status%d" NOT NULL DEFAULT %s,\n    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,\n    "payload" JSONB,\n\n    CONSTRAINT "Entity%d_pkey" PRIMARY KEY ("id")\n);\n' \
         "$n" "'ACTIVE', 'INACTIVE', 'ARCHIVED'" "$n" "$n" "'ACTIVE'" "$n" ;;
    2) printf -- '-- AlterTable\nALTER TABLE "Entity%d" ADD COLUMN "ownerId" INTEGER,\nADD COLUMN "score" DECIMAL(10,2) NOT NULL DEFAULT 0;\n\n-- AddForeignKey\nALTER TABLE "Entity%d" ADD CONSTRAINT "Entity%d_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "Entity%d"("id") ON DELETE SET NULL ON UPDATE CASCADE;\n' \
         "$prev" "$prev" "$prev" "$(( prev > 5 ? prev - 5 : prev ))" ;;
    3) printf -- '-- CreateIndex\nCREATE INDEX "Entity%d_name_idx" ON "Entity%d"("name");\n\n-- CreateIndex\nCREATE UNIQUE INDEX "Entity%d_name_ownerId_key" ON "Entity%d"("name", "ownerId");\n' \
         "$(( n - 2 ))" "$(( n - 2 ))" "$(( n - 2 ))" "$(( n - 2 ))" ;;
    4) printf -- 'CREATE VIEW "Entity%d_active" AS\n  SELECT "id", "name", "score" FROM "Entity%d" WHERE "status" = '"'"'ACTIVE'"'"';\n\nCOMMENT ON TABLE "Entity%d" IS '"'"'entities of batch %d'"'"';\n' \
         "$(( n - 3 ))" "$(( n - 3 ))" "$(( n - 3 ))" "$(( n - 3 ))" ;;
    0) printf -- '-- AlterTable\nALTER TABLE "Entity%d" ADD CONSTRAINT "Entity%d_score_check" CHECK ("score" >= 0);\nALTER TABLE "Entity%d" ALTER COLUMN "payload" SET DEFAULT '"'"'{}'"'"';\n' \
         "$(( n - 4 ))" "$(( n - 4 ))" "$(( n - 4 ))" ;;
  esac
}

project="$work/project"
folder="$project/prisma/migrations"
mkdir -p "$folder"
printf '# Please do not edit this file manually\nprovider = "postgresql"\n' >"$folder/migration_lock.toml"
say "writing $MIGRATIONS Prisma migrations..."
deploy="$work/deploy.sql"
cat >"$deploy" <<'EOF'
CREATE TABLE "_prisma_migrations" (
    "id" VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum" VARCHAR(64) NOT NULL,
    "finished_at" TIMESTAMPTZ,
    "migration_name" VARCHAR(255) NOT NULL,
    "logs" TEXT,
    "rolled_back_at" TIMESTAMPTZ,
    "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count" INTEGER NOT NULL DEFAULT 0
);
EOF
# whole migrations only: a batch of five ends with the check of its table
count=$(( MIGRATIONS / 5 * 5 ))
[ "$count" = "$MIGRATIONS" ] || say "note: $MIGRATIONS is not a multiple of 5; using $count migrations"
for n in $(seq 1 "$count"); do
  name=$(printf '2024%010d_step_%d' "$n" "$n")
  mkdir -p "$folder/$name"
  migration_sql "$n" >"$folder/$name/migration.sql"
  checksum=$(sha256sum "$folder/$name/migration.sql" | cut -d' ' -f1)
  { cat "$folder/$name/migration.sql"
    printf "INSERT INTO \"_prisma_migrations\" VALUES (gen_random_uuid(), '%s', now(), '%s', NULL, NULL, now(), 1);\n" "$checksum" "$name"
  } >>"$deploy"
done

say "starting the target, PostgreSQL $PG_MAJOR..."
start_server
target="${admin%/*}/app"
sql "$admin" -c "CREATE DATABASE app"
deploy_start=$(date +%s.%N)
run_bg sql "$target" -f "$deploy" >"$work/deploy.log" 2>&1 || { cat "$work/deploy.log" >&2; exit 2; }
say "deployed $count migrations in $(seconds_since "$deploy_start") s"

# ---------------------------------------------------------------- measurements

best() { sort -n | head -n 1; }
json_number() { grep -o "\"$1\" : [0-9.]*" "$2" | head -n 1 | sed 's/.* : //'; }

status_times=()
for run in $(seq 1 "$RUNS"); do
  start=$(date +%s.%N)
  st=0
  run_bg "$pgcarry" migrate status --json --to "$target" --dir "$project" >"$work/status.json" 2>"$work/status.err" || st=$?
  status_times+=("$(seconds_since "$start")")
  [ "$st" = 0 ] || { say "migrate status exited $st:"; cat "$work/status.err" >&2; exit 1; }
done
status_best=$(printf '%s\n' "${status_times[@]}" | best)

verify_times=()
start_times=()
verify_failed=0
for run in $(seq 1 "$RUNS"); do
  start=$(date +%s.%N)
  st=0
  run_bg "$pgcarry" migrate verify --json --to "$target" --dir "$project" >"$work/verify.json" 2>"$work/verify.err" || st=$?
  verify_times+=("$(seconds_since "$start")")
  if [ "$st" != 0 ]; then
    say "migrate verify exited $st (expected 0: the deployed directory has no drift):"
    cat "$work/verify.err" >&2
    verify_failed=1
    break
  fi
  start_times+=("$(json_number startSeconds "$work/verify.json")")
done
verify_best=$(printf '%s\n' "${verify_times[@]}" | best)
start_best=$( (printf '%s\n' "${start_times[@]}" | grep . || echo 0) | best)
replayed=$(json_number replayed "$work/verify.json" || true)
rest=$(awk -v a="$verify_best" -v b="$start_best" 'BEGIN { printf "%.3f", a - b }')

printf '\nmigrate, %d Prisma migrations on PostgreSQL %s (best of %d runs)\n' "$count" "$PG_MAJOR" "$RUNS"
printf '  %-44s %8s s\n' "pgcarry migrate status" "$status_best"
printf '  %-44s %8s s\n' "pgcarry migrate verify, wall time" "$verify_best"
printf '  %-44s %8s s   (while status and the target are read)\n' "its throw-away server's start" "$start_best"
printf '  %-44s %8s s\n' "verify's wall time minus that start" "$rest"
printf '  migrations replayed: %s\n' "${replayed:-?}"

cat >"$results_dir/migrate-verify-$stamp.json" <<EOF
{
  "benchmark": "migrate verify",
  "migrations": $count,
  "pgMajor": $PG_MAJOR,
  "runs": $RUNS,
  "statusSeconds": $status_best,
  "verifySeconds": $verify_best,
  "serverStartSeconds": $start_best,
  "verifyMinusStartSeconds": $rest,
  "replayed": ${replayed:-null},
  "clean": $([ "$verify_failed" = 0 ] && echo true || echo false)
}
EOF
say "results: bench/results/migrate-verify-$stamp.json"
exit "$verify_failed"
