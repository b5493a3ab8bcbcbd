#!/usr/bin/env bash
# Benchmark: pgcarry migrate status over large migration histories.
#
# On one throw-away embedded server started by pgcarry itself, writes two projects and their ledgers
# exactly as the tools leave them, every migration applied:
#   prisma   $COUNT migrations (prisma/migrations/<timestamp>_mN/migration.sql beside migration_lock.toml)
#            and _prisma_migrations with the SHA-256 of each file (database prisma)
#   flyway   $COUNT files V<n>__Migration_n.sql and flyway_schema_history with Flyway's CRC-32 of each
#            (database flyway)
# then measures, best of $RUNS runs:
#   pgcarry migrate status --json on each project (exit 0 and every migration applied expected)
#   pgcarry --version, the JVM's start alone, for scale
#   anchors: `npx --no-install prisma migrate status` and `flyway info` on the same projects, when those
#            tools are installed; otherwise the anchor is reported unavailable (never installed here)
#
# Settings (environment):
#   COUNT     migrations per project (default 500)
#   RUNS      runs of every measurement; the best wall time is kept (default 3)
#   PG_MAJOR  server major version (default 17)
#   PGCARRY   pgcarry launcher to run (default: bin/pgcarry of this checkout)
#
# Prints wall seconds and CPU seconds (user + system, from GNU time) and writes them as JSON to
# bench/results/migrate-<timestamp>.json. Exits 1 when migrate status gave a wrong answer, 2 on a
# setup error, 0 otherwise. Needs bash, psql, python3 (to write the fixtures), Java and Maven.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=../lib.sh
. "$here/../lib.sh"
root=$(cd "$here/../.." && pwd)
results_dir="$here/../results"
pgcarry=${PGCARRY:-"$root/bin/pgcarry"}

COUNT=${COUNT:-500}
RUNS=${RUNS:-3}
PG_MAJOR=${PG_MAJOR:-17}
case "$COUNT$RUNS$PG_MAJOR" in
  *[!0-9]*) die "COUNT, RUNS and PG_MAJOR must be whole numbers" ;;
esac
[ "$COUNT" -ge 1 ] && [ "$RUNS" -ge 1 ] || die "COUNT and RUNS must be at least 1"

for program in psql python3 java; do
  command -v "$program" >/dev/null || die "$program is not installed"
done
gnu_time=$(type -P time || true)
if [ -z "$gnu_time" ] && is_root; then
  say "installing GNU time (for CPU seconds)..."
  apt-get install -y -qq time >/dev/null 2>&1 || { apt-get update -qq >/dev/null 2>&1 || true; apt-get install -y -qq time >/dev/null 2>&1 || true; }
  gnu_time=$(type -P time || true)
fi
[ -n "$gnu_time" ] || say "note: GNU time is missing; CPU seconds are not measured"

if [ -z "${PGCARRY:-}" ] && [ ! -f "$root/pgcarry-cli/target/pgcarry.jar" ]; then
  say "building pgcarry (mvn -q package -DskipTests)..."
  (cd "$root" && mvn -q package -DskipTests)
fi
help_text=$("$pgcarry" migrate --help 2>&1 || true)
grep -Eq '^ +status( |$)' <<<"$help_text" || die "this build of pgcarry has no migrate status command"

stamp=$(date -u +%Y%m%dT%H%M%SZ)
mkdir -p "$results_dir"
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
    kill_tree "$server_pid"
    kill -KILL "$server_pid" 2>/dev/null || true
  fi
  wait "$server_pid" 2>/dev/null || true
  server_pid=
}
cleanup() {
  local status=$?
  trap - EXIT INT TERM
  if [ -n "$current" ]; then kill_tree "$current"; wait "$current" 2>/dev/null || true; fi
  stop_server
  rm -rf "$work"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

start_server() { # sets $admin to the server's URL (database postgres); three tries
  local attempt i url
  for attempt in 1 2 3; do
    "$pgcarry" embedded start --pg "$PG_MAJOR" >"$work/server.url" 2>"$work/server.log" &
    server_pid=$!
    for i in $(seq 1 240); do
      url=$(head -n 1 "$work/server.url" 2>/dev/null || true)
      if [ -n "$url" ]; then admin=$url; return 0; fi
      kill -0 "$server_pid" 2>/dev/null || break
      sleep 0.5
    done
    say "the server did not start (attempt $attempt of 3):"
    sed 's/^/  /' "$work/server.log" >&2
    stop_server
  done
  exit 2
}

say "starting a PostgreSQL $PG_MAJOR server..."
start_server
prisma_url="${admin%/*}/prisma"
flyway_url="${admin%/*}/flyway"
sql "$admin" -c "CREATE DATABASE prisma" -c "CREATE DATABASE flyway"

# ---------------------------------------------------------------- fixtures

say "writing $COUNT Prisma and $COUNT Flyway migrations and their ledgers..."
python3 "$here/fixtures.py" "$work" "$COUNT"
sql "$prisma_url" -f "$work/prisma-ledger.sql"
sql "$flyway_url" -f "$work/flyway-ledger.sql"

# ---------------------------------------------------------------- measurements

# timed BASE COMMAND...: runs it with stdout to BASE.out and stderr to BASE.log; sets $wall,
# $cpu (user + system seconds, or "" without GNU time) and $exit_status.
timed() {
  local base=$1 start
  shift
  start=$(date +%s.%N)
  exit_status=0
  if [ -n "$gnu_time" ]; then
    run_bg "$gnu_time" -f '%U %S' -o "$work/time.txt" "$@" >"$base.out" 2>"$base.log" || exit_status=$?
    cpu=$(awk '{ printf "%.2f", $1 + $2 }' "$work/time.txt")
  else
    run_bg "$@" >"$base.out" 2>"$base.log" || exit_status=$?
    cpu=
  fi
  wall=$(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN { printf "%.3f", b - a }')
}

# best NAME COMMAND...: best of $RUNS runs; sets best_wall, best_cpu, last exit status in exit_status
best() {
  local name=$1 run
  shift
  best_wall= best_cpu=
  for run in $(seq 1 "$RUNS"); do
    say "[$name] run $run/$RUNS"
    timed "$work/$name" "$@"
    if [ -z "$best_wall" ] || awk -v a="$wall" -v b="$best_wall" 'BEGIN { exit !(a < b) }'; then
      best_wall=$wall best_cpu=$cpu
    fi
  done
}

problems=()
problem() { problems+=("$1"); say "!!!!!!!! FAILED: $1 !!!!!!!!"; }
# check_json NAME: migrate status's JSON says ok, tool $2 and $COUNT applied migrations
check_json() {
  local verdict
  verdict=$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(d["ok"], d["tool"], d["counts"].get("applied", 0), len(d["migrations"]))' \
    "$work/$1.out" 2>&1) || { problem "$1: the output is not JSON ($verdict)"; return; }
  [ "$verdict" = "True $2 $COUNT $COUNT" ] || problem "$1: expected ok, tool $2 and $COUNT applied; got: $verdict"
}

best startup "$pgcarry" --version
startup_wall=$best_wall startup_cpu=$best_cpu

best pgcarry-prisma "$pgcarry" migrate status --to "$prisma_url" --dir "$work/prisma" --json
[ "$exit_status" = 0 ] || { tail -5 "$work/pgcarry-prisma.log" >&2; problem "prisma: pgcarry migrate status exited $exit_status (expected 0)"; }
check_json pgcarry-prisma prisma
prisma_wall=$best_wall prisma_cpu=$best_cpu

best pgcarry-flyway "$pgcarry" migrate status --to "$flyway_url" --dir "$work/flyway" --json
[ "$exit_status" = 0 ] || { tail -5 "$work/pgcarry-flyway.log" >&2; problem "flyway: pgcarry migrate status exited $exit_status (expected 0)"; }
check_json pgcarry-flyway flyway
flyway_wall=$best_wall flyway_cpu=$best_cpu

# Anchors: the tools' own status, only when they are already installed.
prisma_anchor="unavailable: prisma is not installed (npx --no-install prisma --version fails)"
prisma_anchor_wall= prisma_anchor_cpu=
if command -v npx >/dev/null && (cd "$work/prisma" && timeout 60 npx --no-install prisma --version) >/dev/null 2>&1; then
  export DATABASE_URL="$prisma_url"
  best prisma-anchor sh -c "cd '$work/prisma' && npx --no-install prisma migrate status --schema prisma/schema.prisma"
  prisma_anchor="prisma migrate status (exit $exit_status)"
  prisma_anchor_wall=$best_wall prisma_anchor_cpu=$best_cpu
fi
flyway_anchor="unavailable: flyway is not installed (no flyway on PATH)"
flyway_anchor_wall= flyway_anchor_cpu=
if command -v flyway >/dev/null; then
  # postgresql://user@host:port/db -> jdbc:postgresql://host:port/db and the user
  jdbc="jdbc:postgresql://$(sed -E 's#^[a-z]+://([^@/]*@)?##' <<<"$flyway_url")"
  user=$(sed -E 's#^[a-z]+://([^:@/]*).*@.*#\1#; t; s#.*#postgres#' <<<"$flyway_url")
  best flyway-anchor flyway -url="$jdbc" -user="$user" -locations="filesystem:$work/flyway" info
  flyway_anchor="flyway info (exit $exit_status)"
  flyway_anchor_wall=$best_wall flyway_anchor_cpu=$best_cpu
fi

# ---------------------------------------------------------------- report

show() { # show LABEL WALL CPU
  printf '%-52s %8s %8s\n' "$1" "${2:--}" "${3:--}"
}
echo
echo "migrate status benchmark: PostgreSQL $PG_MAJOR, $COUNT migrations per project, all applied; best of $RUNS run(s)"
show "measurement" "wall s" "CPU s"
show "pgcarry --version (JVM start alone)" "$startup_wall" "$startup_cpu"
show "pgcarry migrate status, Prisma" "$prisma_wall" "$prisma_cpu"
show "pgcarry migrate status, Flyway" "$flyway_wall" "$flyway_cpu"
if [ -n "$prisma_anchor_wall" ]; then show "anchor: $prisma_anchor" "$prisma_anchor_wall" "$prisma_anchor_cpu"; else echo "anchor prisma: $prisma_anchor"; fi
if [ -n "$flyway_anchor_wall" ]; then show "anchor: $flyway_anchor" "$flyway_anchor_wall" "$flyway_anchor_cpu"; else echo "anchor flyway: $flyway_anchor"; fi

jnum() { if [ -n "$1" ]; then printf '%s' "$1"; else printf 'null'; fi; }
json="$results_dir/migrate-$stamp.json"
{
  printf '{\n  "benchmark": "migrate-status",\n  "timestamp": %s,\n  "pg_major": %s,\n  "count": %s,\n  "runs": %s,\n' \
    "$(jstr "$stamp")" "$PG_MAJOR" "$COUNT" "$RUNS"
  printf '  "machine": {"cpus": %s},\n' "$(nproc)"
  printf '  "startup": {"wall_seconds": %s, "cpu_seconds": %s},\n' "$(jnum "$startup_wall")" "$(jnum "$startup_cpu")"
  printf '  "pgcarry": {"prisma": {"wall_seconds": %s, "cpu_seconds": %s}, "flyway": {"wall_seconds": %s, "cpu_seconds": %s}},\n' \
    "$(jnum "$prisma_wall")" "$(jnum "$prisma_cpu")" "$(jnum "$flyway_wall")" "$(jnum "$flyway_cpu")"
  printf '  "anchors": {"prisma": {"status": %s, "wall_seconds": %s, "cpu_seconds": %s}, ' \
    "$(jstr "$prisma_anchor")" "$(jnum "$prisma_anchor_wall")" "$(jnum "$prisma_anchor_cpu")"
  printf '"flyway": {"status": %s, "wall_seconds": %s, "cpu_seconds": %s}},\n' \
    "$(jstr "$flyway_anchor")" "$(jnum "$flyway_anchor_wall")" "$(jnum "$flyway_anchor_cpu")"
  printf '  "problems": ['
  for i in "${!problems[@]}"; do [ "$i" = 0 ] || printf ', '; jstr "${problems[$i]}"; done
  printf ']\n}\n'
} >"$json"
echo "results: bench/results/$(basename "$json")"

if [ "${#problems[@]}" -gt 0 ]; then
  say "pgcarry migrate status gave a WRONG ANSWER:"
  printf '  %s\n' "${problems[@]}" >&2
  exit 1
fi
