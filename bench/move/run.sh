#!/usr/bin/env bash
# Benchmark: move one PostgreSQL database's data into another.
#
# Compares `pgcarry move` with two anchors on the same data set, on two throw-away
# embedded servers started by pgcarry itself:
#   A  pg_dump --data-only | psql          into a target that already has the schema
#   B  pgcopydb clone                      into an empty target database
#   C  pgcarry move --jobs 2               into a target that already has the schema
#
# Settings (environment):
#   PG_MAJOR      server major version for both servers (default 17 when the installed
#                 pg_dump can dump it, otherwise 13; see README)
#   PG_BINDIR     directory with newer client programs (pg_dump, psql, pgbench) to use
#   SCALE         pgbench scale factor (default 30: 3,000,000 pgbench_accounts rows)
#   PAYLOAD_ROWS  rows of the extra jsonb/text table (default 200000)
#   RUNS          runs per tool; the best wall time is kept (default 1)
#   JOBS          parallel jobs for pgcopydb and pgcarry (default 2)
#   TOOLS         which tools to measure, space-separated from: dump pgcopydb pgcarry
#                 (default: all three)
#   PGCARRY       pgcarry launcher to run (default: bin/pgcarry of this checkout)
#   PGCARRY_BASELINE  another pgcarry launcher (an older build) to measure in the same run,
#                 alternately with PGCARRY, as "pgcarry move (baseline)"; prints new / baseline ratios
#   PGCARRY_ARGS  extra options for pgcarry move, e.g. "--no-validate" to compare like with
#                 like against pgcopydb, which does not validate
#
# Prints a table and the goal ratios, and writes the figures as JSON to
# bench/results/move-<timestamp>.json. Exits 1 when a tool failed or a row count differs.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=../lib.sh
. "$here/../lib.sh"

SCALE=${SCALE:-30}
PAYLOAD_ROWS=${PAYLOAD_ROWS:-200000}
RUNS=${RUNS:-1}
JOBS=${JOBS:-2}
TOOLS=${TOOLS:-"dump pgcopydb pgcarry"}
PGCARRY_ARGS=${PGCARRY_ARGS:-}
TABLES="pgbench_accounts pgbench_branches pgbench_tellers pgbench_history payload"

BENCH=move
PGCARRY_COMMAND=move
# shellcheck source=../copy-lib.sh
. "$here/../copy-lib.sh"
dump_disable_triggers=0

run_dump() {
  local run=$1 db=tgt_dump st=0 flags=()
  [ "$dump_disable_triggers" = 1 ] && flags=(--disable-triggers)
  fresh_db $db schema
  settle
  say "[A] pg_dump --data-only ${flags[*]:+${flags[*]} }| psql  (run $run/$RUNS)"
  local timer1=() timer2=() target
  if [ "$have_time" = 1 ]; then
    timer1=("$gnu_time" -v -o "$work/time.1")
    timer2=("$gnu_time" -v -o "$work/time.2")
  fi
  target=$(db_url $db)
  measure_start
  {
    "${timer1[@]}" pg_dump --data-only "${flags[@]}" "$src_url" 2>"$work/dump.err" |
      "${timer2[@]}" psql -X -q -v ON_ERROR_STOP=1 "$target" >"$work/dump.log" 2>&1
  } &
  current=$!
  wait "$current" || st=$?
  current=
  # The two processes run at the same time: their peaks are added.
  measure_end "$work/time.1" "$work/time.2"
  rm -f "$work/time.1" "$work/time.2"
  cat "$work/dump.err" >>"$work/dump.log"
  keep_log "$work/dump.log" pg_dump-psql
  if [ "$st" != 0 ]; then
    if [ ${#flags[@]} = 0 ] && grep -qi 'foreign key' "$work/dump.log"; then
      # Table data came in an order the foreign keys reject. We are superuser here, so
      # pg_dump may disable the triggers that check them (a non-superuser could not).
      say "note: pg_dump --data-only failed on foreign-key order; retrying with --disable-triggers (allowed: superuser)"
      dump_disable_triggers=1
      note[dump]="used --disable-triggers (superuser only)"
      run_dump "$run"
      return
    fi
    show_log "$work/dump.log" "pg_dump | psql"
    fail dump "exit status $st"
    return
  fi
  check_counts $db "pg_dump | psql" || { fail dump "row counts differ"; return; }
  check_shape $db "pg_dump | psql" || { fail dump "keys or indexes missing"; return; }
  record dump
  sql "$tgt_admin" -c "DROP DATABASE $db"
}

run_pgcopydb() {
  local run=$1 db=tgt_pgcopydb dir="$work/pgcopydb"
  fresh_db $db
  rm -rf "$dir"
  settle
  say "[B] pgcopydb clone --table-jobs $JOBS --index-jobs $JOBS --no-owner --no-acl  (run $run/$RUNS)"
  if ! timed "$work/pgcopydb.log" pgcopydb clone --source "$src_url" --target "$(db_url $db)" --dir "$dir" \
      --table-jobs "$JOBS" --index-jobs "$JOBS" --no-owner --no-acl --skip-extensions; then
    keep_log "$work/pgcopydb.log" pgcopydb
    show_log "$work/pgcopydb.log" "pgcopydb clone"
    fail pgcopydb "pgcopydb clone failed"
    rm -rf "$dir"
    return
  fi
  keep_log "$work/pgcopydb.log" pgcopydb
  rm -rf "$dir"
  check_counts $db "pgcopydb clone" || { fail pgcopydb "row counts differ"; return; }
  check_shape $db "pgcopydb clone" || { fail pgcopydb "keys or indexes missing"; return; }
  record pgcopydb
  sql "$tgt_admin" -c "DROP DATABASE $db"
}

run_pgcarry() { # run_pgcarry SIDE RUN: SIDE is new (PGCARRY) or baseline (PGCARRY_BASELINE)
  local side=$1 run=$2 db=tgt_pgcarry tool name
  tool=pgcarry$(suffix "$side")
  name=$(baseline_label "$tool" "pgcarry move")
  fresh_db $db schema
  settle
  say "[C] $name --jobs $JOBS $PGCARRY_ARGS  (run $run/$RUNS)"
  # shellcheck disable=SC2086 # PGCARRY_ARGS is a list of options
  if ! timed "$work/$tool.log" "$(launcher "$side")" move --from "$src_url" --to "$(db_url $db)" --jobs "$JOBS" $PGCARRY_ARGS; then
    keep_log "$work/$tool.log" "$tool"
    show_log "$work/$tool.log" "$name"
    fail "$tool" "$name failed"
    return
  fi
  keep_log "$work/$tool.log" "$tool"
  check_counts $db "$name" || { fail "$tool" "row counts differ"; return; }
  check_shape $db "$name" || { fail "$tool" "keys or indexes missing"; return; }
  record "$tool"
  sql "$tgt_admin" -c "DROP DATABASE $db"
}

src_shape=$(schema_shape "$src_url")
for run in $(seq 1 "$RUNS"); do
  if want dump && [ "${status[dump]:-}" != failed ]; then run_dump "$run"; fi
  if want pgcopydb && [ "$pgcopydb_ok" = 1 ] && [ "${status[pgcopydb]:-}" != failed ]; then run_pgcopydb "$run"; fi
  for side in $(sides "$run"); do
    tool=pgcarry$(suffix "$side")
    if want pgcarry && [ "$pgcarry_ok" = 1 ] && [ "${status[$tool]:-}" != failed ]; then run_pgcarry "$side" "$run"; fi
  done
done

# ---------------------------------------------------------------- report

label() {
  case $1 in
    dump) echo "pg_dump | psql" ;;
    pgcopydb) echo "pgcopydb clone" ;;
    pgcarry*) baseline_label "$1" "pgcarry move" ;;
  esac
}
skip_reason() {
  case $1 in
    pgcopydb) echo "pgcopydb not installed" ;;
    pgcarry*) echo "pgcarry move not available yet" ;;
    *) echo "not measured" ;;
  esac
}
all_tools="dump pgcopydb pgcarry"
[ "$baseline_ok" = 1 ] && all_tools+=" pgcarry-baseline"
wanted() { want "${1%-baseline}"; } # a baseline tool runs when its new tool does

echo
echo "move benchmark: PostgreSQL $PG_MAJOR, pgbench scale $SCALE + $PAYLOAD_ROWS payload rows = $total_rows rows, $((src_bytes / 1024 / 1024)) MB; best of $RUNS run(s); jobs $JOBS"
printf '%-29s %10s %12s %14s %8s %14s  %s\n' tool seconds rows/s "peak RSS MB" "CPU s" "server CPU s" note
for tool in $all_tools; do
  wanted "$tool" || continue
  case ${status[$tool]:-skipped} in
    ok)
      printf '%-29s %10.2f %12s %14s %8s %14s  %s\n' "$(label $tool)" "${best_s[$tool]}" "$(rate "${best_s[$tool]}")" \
        "$(rss_or_na "$tool")" "${best_cpu[$tool]:-n/a}" "${best_server_cpu[$tool]}" "${note[$tool]:-}" ;;
    failed)
      printf '%-29s %10s %12s %14s %8s %14s  %s\n' "$(label $tool)" FAILED - - - - "${note[$tool]:-}" ;;
    *)
      printf '%-29s %10s %12s %14s %8s %14s  %s\n' "$(label $tool)" skipped - - - - "$(skip_reason $tool)" ;;
  esac
done
echo

vs_dump=null vs_pgcopydb=null carry_rss=null
if ok pgcarry && ok dump; then
  vs_dump=$(ratio "${best_s[dump]}" "${best_s[pgcarry]}")
  echo "pgcarry move vs pg_dump|psql: ${vs_dump}x faster (goal >= 4x)"
else
  echo "pgcarry move vs pg_dump|psql: n/a (goal >= 4x)"
fi
if ok pgcarry && ok pgcopydb; then
  vs_pgcopydb=$(ratio "${best_s[pgcopydb]}" "${best_s[pgcarry]}")
  echo "pgcarry move vs pgcopydb clone: ${vs_pgcopydb}x (goal >= 1.0)"
else
  echo "pgcarry move vs pgcopydb clone: n/a (goal >= 1.0)"
fi
if ok pgcarry && [ "${best_rss[pgcarry]:-0}" -gt 0 ]; then
  carry_rss=$(mb "${best_rss[pgcarry]}")
  echo "pgcarry peak RSS: $carry_rss MB (goal < 512 MB)"
else
  echo "pgcarry peak RSS: n/a (goal < 512 MB)"
fi
if [ "$baseline_ok" = 1 ]; then
  if ok pgcarry-baseline && ok dump; then echo "baseline move vs pg_dump|psql: $(ratio "${best_s[dump]}" "${best_s[pgcarry-baseline]}")x"; fi
  if ok pgcarry-baseline && ok pgcopydb; then echo "baseline move vs pgcopydb clone: $(ratio "${best_s[pgcopydb]}" "${best_s[pgcarry-baseline]}")x"; fi
  compare_baseline pgcarry "pgcarry move"
fi

# JSON, written by hand so that the script needs nothing beyond bash and awk.
json="$results_dir/move-$stamp.json"
{
  printf '{\n'
  printf '  "benchmark": "move",\n'
  printf '  "timestamp": %s,\n' "$(jstr "$stamp")"
  printf '  "pg_major": %s,\n' "$PG_MAJOR"
  printf '  "client_major": %s,\n' "$client_major"
  printf '  "scale": %s,\n' "$SCALE"
  printf '  "payload_rows": %s,\n' "$PAYLOAD_ROWS"
  printf '  "runs": %s,\n' "$RUNS"
  printf '  "jobs": %s,\n' "$JOBS"
  printf '  "machine": {"cpus": %s, "memory_kb": %s},\n' "$(nproc)" "$(free -k | awk '/^Mem:/ { print $2 }')"
  printf '  "source_bytes": %s,\n' "$src_bytes"
  printf '  "total_rows": %s,\n' "$total_rows"
  printf '  "source_rows": {'
  printf '%s\n' "$src_counts" | awk '{ printf "%s\"%s\": %s", (NR > 1 ? ", " : ""), $1, $2 }'
  printf '},\n'
  printf '  "tools": [\n'
  first=1
  for tool in $all_tools; do
    wanted "$tool" || continue
    [ "$first" = 1 ] || printf ',\n'
    first=0
    st=${status[$tool]:-skipped}
    printf '    {"tool": %s, "status": %s' "$(jstr "$(label $tool)")" "$(jstr "$st")"
    if [ "$st" = ok ]; then figures_json "$tool"; fi
    if [ "$st" = skipped ]; then
      printf ', "note": %s' "$(jstr "$(skip_reason $tool)")"
    elif [ -n "${note[$tool]:-}" ]; then
      printf ', "note": %s' "$(jstr "${note[$tool]}")"
    fi
    printf '}'
  done
  printf '\n  ],\n'
  baseline_json pgcarry
  printf '  "ratios": {"pgcarry_vs_pg_dump_psql": %s, "pgcarry_vs_pgcopydb_clone": %s, "pgcarry_peak_rss_mb": %s},\n' \
    "$vs_dump" "$vs_pgcopydb" "$carry_rss"
  printf '  "goals": {"pgcarry_vs_pg_dump_psql_min": 4, "pgcarry_vs_pgcopydb_clone_min": 1.0, "pgcarry_peak_rss_mb_max": 512}\n'
  printf '}\n'
} >"$json"
echo "results: bench/results/$(basename "$json") (each tool's output: bench/results/move-$stamp-*.log)"

if [ "$failed" = 1 ]; then
  say "one or more tools FAILED (see above)"
  exit 1
fi
