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

COUNT=${COUNT:-500}
RUNS=${RUNS:-3}
PG_MAJOR=${PG_MAJOR:-17}
whole_numbers COUNT RUNS PG_MAJOR
[ "$COUNT" -ge 1 ] && [ "$RUNS" -ge 1 ] || die "COUNT and RUNS must be at least 1"

require_programs psql python3 java
find_gnu_time
build_pgcarry
lists_command "$pgcarry" status migrate || die "this build of pgcarry has no migrate status command"

stamp=$(date -u +%Y%m%dT%H%M%SZ)
mkdir -p "$results_dir"
bench_workspace pgcarry-bench-migrate

say "starting a PostgreSQL $PG_MAJOR server..."
start_server server || exit 2
admin=$server_url
prisma_url="${admin%/*}/prisma"
flyway_url="${admin%/*}/flyway"
sql "$admin" -c "CREATE DATABASE prisma" -c "CREATE DATABASE flyway"

# ---------------------------------------------------------------- fixtures

say "writing $COUNT Prisma and $COUNT Flyway migrations and their ledgers..."
python3 "$here/fixtures.py" "$work" "$COUNT"
sql "$prisma_url" -f "$work/prisma-ledger.sql"
sql "$flyway_url" -f "$work/flyway-ledger.sql"

# ---------------------------------------------------------------- measurements

# best NAME COMMAND...: best of $RUNS runs; sets best_wall, best_cpu, last exit status in exit_status
best() {
  local name=$1 run
  shift
  best_wall= best_cpu=
  for run in $(seq 1 "$RUNS"); do
    say "[$name] run $run/$RUNS"
    run_timed "$work/$name" "$@"
    if [ -z "$best_wall" ] || awk -v a="$elapsed" -v b="$best_wall" 'BEGIN { exit !(a < b) }'; then
      best_wall=$elapsed best_cpu=$cpu_s
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
