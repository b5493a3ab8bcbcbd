#!/usr/bin/env bash
# Benchmark: what rehearsing a migration costs over plainly applying it.
#
# On one throw-away embedded server started by pgcarry itself, builds a database `live` (an orders table of
# $ROWS rows and its customers), then, in each run, makes two identical copies of it (CREATE DATABASE ...
# TEMPLATE) and runs the same two migration files on them:
#   A  psql -f 1.sql -f 2.sql                                  plainly applying them
#   B  pgcarry rehearse --on live --scratch COPY --no-proof     the same statements, each measured (locks read
#                                                               from pg_locks, relations before and after, WAL)
#   C  B with --probe-traffic                                   and probe sessions reading and writing meanwhile
#   S  pgcarry ping --to live                                   what starting pgcarry (a JVM) and one connection cost
# The copy is given with --scratch so that B and C measure the rehearsal, not the making of its copy.
# 1.sql runs in transactions (a rewrite, an index build, a validating check, SET NOT NULL, a backfill);
# 2.sql holds CREATE INDEX CONCURRENTLY, so its statements run outside transactions, their locks sampled.
#
# Settings (environment):
#   PG_MAJOR   server major version (default 17)
#   PG_BINDIR  directory with the client programs (psql) to use
#   ROWS       rows of the orders table (default 1000000)
#   RUNS       runs per variant, alternating; the best wall time is kept (default 2)
#   PGCARRY    pgcarry launcher to run (default: bin/pgcarry of this checkout)
#
# Prints the figures and the ratios rehearse / plain (goal <= 1.10), and beside them (rehearse - S) / plain: what
# the measuring costs, without the fixed start of a JVM that psql does not pay. It writes them as JSON to
# bench/results/rehearse-<timestamp>.json. Exits 1 when a variant failed.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=../lib.sh
. "$here/../lib.sh"

PG_MAJOR=${PG_MAJOR:-17}
ROWS=${ROWS:-1000000}
RUNS=${RUNS:-2}
whole_numbers PG_MAJOR ROWS RUNS
use_pg_bindir
require_programs psql awk
find_gnu_time
build_pgcarry
lists_command "$pgcarry" rehearse || die "$pgcarry has no rehearse command; rebuild it with mvn -q package -DskipTests"
bench_workspace pgcarry-bench-rehearse

start_server live || die "the embedded PostgreSQL $PG_MAJOR did not start"
base=${server_url%/postgres}
strategy=$([ "$PG_MAJOR" -ge 15 ] && echo " STRATEGY FILE_COPY" || true)

say "building the data set: $ROWS orders..."
sql "$server_url" -c "CREATE DATABASE live"
sql "$base/live" <<SQL
CREATE TABLE customer (id int PRIMARY KEY, name text NOT NULL);
INSERT INTO customer SELECT g, 'customer ' || g FROM generate_series(1, 10000) g;
CREATE TABLE orders (id bigint PRIMARY KEY, customer_id int NOT NULL REFERENCES customer, amount numeric NOT NULL,
                     status text, note text, created_at timestamptz NOT NULL);
INSERT INTO orders SELECT g, 1 + g % 10000, g % 997, 'new', 'note ' || g, timestamptz '2026-01-01' + g * interval '1 second'
  FROM generate_series(1, $ROWS) g;
VACUUM (FREEZE, ANALYZE);
SQL
cat >"$work/1.sql" <<'SQL'
ALTER TABLE orders ADD COLUMN region text NOT NULL DEFAULT 'eu';
ALTER TABLE orders ADD COLUMN token uuid DEFAULT gen_random_uuid();
CREATE INDEX orders_customer_idx ON orders (customer_id);
ALTER TABLE orders ADD CONSTRAINT amount_nonneg CHECK (amount >= 0);
ALTER TABLE orders ALTER COLUMN status SET NOT NULL;
UPDATE orders SET status = 'old' WHERE id % 20 = 0;
SQL
cat >"$work/2.sql" <<'SQL'
CREATE INDEX CONCURRENTLY orders_created_idx ON orders (created_at);
ALTER TABLE orders ADD CONSTRAINT orders_note_present CHECK (note IS NOT NULL) NOT VALID;
ALTER TABLE orders VALIDATE CONSTRAINT orders_note_present;
SQL

declare -A best_s best_cpu best_server runs_s
failed=0
copy_of_live() { sql "$server_url" -c "CHECKPOINT" -c "CREATE DATABASE $1 TEMPLATE live$strategy"; }
drop() { sql "$server_url" -c "DROP DATABASE IF EXISTS $1"; }

measure() { # measure VARIANT COMMAND...: runs it timed, with the servers' CPU seconds meanwhile, and keeps the best
  local variant=$1 ticks0
  shift
  ticks0=$(server_ticks)
  run_timed "$work/$variant" "$@"
  local server_s
  server_s=$(awk -v a="$ticks0" -v b="$(server_ticks)" -v hz="$clk_tck" 'BEGIN { printf "%.2f", (b - a) / hz }')
  say "    $variant: $elapsed s wall, CPU seconds $cpu_s client, $server_s server (exit $exit_status)"
  if [ "$exit_status" != 0 ]; then
    say "$variant FAILED:"; sed 's/^/  /' "$work/$variant.log" "$work/$variant.out" | tail -20 >&2
    failed=1
    return
  fi
  runs_s[$variant]+="${runs_s[$variant]:+, }$elapsed"
  if [ -z "${best_s[$variant]:-}" ] || awk -v a="$elapsed" -v b="${best_s[$variant]}" 'BEGIN { exit !(a < b) }'; then
    best_s[$variant]=$elapsed; best_cpu[$variant]=$cpu_s; best_server[$variant]=$server_s
  fi
}

for run in $(seq 1 "$RUNS"); do
  say "run $run of $RUNS"
  copy_of_live plain_$run
  measure plain psql -X -q -v ON_ERROR_STOP=1 -d "$base/plain_$run" -f "$work/1.sql" -f "$work/2.sql"
  drop plain_$run
  copy_of_live rehearse_$run
  measure rehearse "$pgcarry" rehearse --on "$base/live" --scratch "$base/rehearse_$run" --no-proof "$work/1.sql" "$work/2.sql"
  drop rehearse_$run
  copy_of_live probes_$run
  measure probes "$pgcarry" rehearse --on "$base/live" --scratch "$base/probes_$run" --no-proof --probe-traffic \
    "$work/1.sql" "$work/2.sql"
  drop probes_$run
  measure start "$pgcarry" ping --to "$base/live"
done
[ "$failed" = 0 ] || exit 1
cp "$work/rehearse.out" "$work/rehearse-report.txt"

printf '\n%-34s %10s %12s %12s\n' "variant (best of $RUNS)" "wall s" "client CPU s" "server CPU s"
for variant in plain rehearse probes start; do
  printf '%-34s %10s %12s %12s\n' "$variant" "${best_s[$variant]}" "${best_cpu[$variant]}" "${best_server[$variant]}"
done
r_rehearse=$(ratio "${best_s[rehearse]}" "${best_s[plain]}")
r_probes=$(ratio "${best_s[probes]}" "${best_s[plain]}")
r_measuring=$(awk -v r="${best_s[rehearse]}" -v s="${best_s[start]}" -v p="${best_s[plain]}" 'BEGIN { printf "%.2f", (r - s) / p }')
echo "rehearse / plain: ${r_rehearse}x (goal <= 1.10)"
echo "(rehearse - pgcarry's start) / plain: ${r_measuring}x (the measuring alone)"
r_probes_measuring=$(awk -v r="${best_s[probes]}" -v s="${best_s[start]}" -v p="${best_s[plain]}" 'BEGIN { printf "%.2f", (r - s) / p }')
echo "rehearse --probe-traffic / plain: ${r_probes}x"
echo "(rehearse --probe-traffic - pgcarry's start) / plain: ${r_probes_measuring}x (the measuring and the probes alone)"
say "the rehearsal's report (last run):"
sed 's/^/  /' "$work/rehearse-report.txt" >&2

mkdir -p "$results_dir"
stamp=$(date -u +%Y%m%dT%H%M%SZ)
json="$results_dir/rehearse-$stamp.json"
{
  echo "{\"pg_major\": $PG_MAJOR, \"rows\": $ROWS, \"runs\": $RUNS, \"variants\": ["
  sep=
  for variant in plain rehearse probes start; do
    echo "  $sep{\"variant\": $(jstr "$variant"), \"seconds\": ${best_s[$variant]}, \"client_cpu_s\": ${best_cpu[$variant]/n\/a/null},"\
      "\"server_cpu_s\": ${best_server[$variant]}, \"runs_s\": [${runs_s[$variant]}]}"
    sep=,
  done
  echo "], \"rehearse_over_plain\": $r_rehearse, \"probes_over_plain\": $r_probes,"\
    "\"rehearse_without_start_over_plain\": $r_measuring, \"probes_without_start_over_plain\": $r_probes_measuring}"
} >"$json"
echo "results: bench/results/$(basename "$json")"
