#!/usr/bin/env bash
# Benchmark: clone a whole PostgreSQL database (schema and data) into an empty one.
#
# Compares `pgcarry clone` with two anchors on the data set of the move benchmark, on two
# throw-away embedded servers started by pgcarry itself. Every run goes into a fresh, empty
# target database:
#   A  pg_dump --no-owner --no-acl | psql      plain format, schema and data
#   B  pgcopydb clone                           the goal: pgcarry clone no slower than this
#   C  pgcarry clone --jobs 2                   with its default validation afterwards
#   D  pgcarry clone --jobs 2 --no-validate     like with like against A and B, which do not validate
#
# Settings (environment):
#   PG_MAJOR      server major version for both servers (default 17 when the installed
#                 pg_dump can dump it, otherwise 13; see README)
#   PG_BINDIR     directory with newer client programs (pg_dump, psql, pgbench) to use
#   SCALE         pgbench scale factor (default 30: 3,000,000 pgbench_accounts rows)
#   PAYLOAD_ROWS  rows of the extra jsonb/text table (default 200000)
#   RUNS          runs per tool; the best wall time is kept (default 2)
#   JOBS          parallel jobs for pgcopydb and pgcarry (default 2)
#   TOOLS         which tools to measure, space-separated from:
#                 dump pgcopydb pgcarry pgcarry-novalidate (default: all four)
#   PGCARRY       pgcarry launcher to run (default: bin/pgcarry of this checkout)
#   PGCARRY_BASELINE  another pgcarry launcher (an older build) to measure in the same run,
#                 alternately with PGCARRY, as "pgcarry clone ... (baseline)"; prints new / baseline ratios
#   PGCARRY_ARGS  extra options for both pgcarry clone runs
#
# Prints a table and the goal ratios, and writes the figures as JSON to
# bench/results/clone-<timestamp>.json. Exits 1 when a tool failed or a row count differs.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=../lib.sh
. "$here/../lib.sh"

SCALE=${SCALE:-30}
PAYLOAD_ROWS=${PAYLOAD_ROWS:-200000}
RUNS=${RUNS:-2}
JOBS=${JOBS:-2}
TOOLS=${TOOLS:-"dump pgcopydb pgcarry pgcarry-novalidate"}
PGCARRY_ARGS=${PGCARRY_ARGS:-}
TABLES="pgbench_accounts pgbench_branches pgbench_tellers pgbench_history payload"
ALL_TOOLS="dump pgcopydb pgcarry pgcarry-novalidate"

for tool in $TOOLS; do
  case " $ALL_TOOLS " in *" $tool "*) ;; *) die "unknown tool '$tool' in TOOLS (known: $ALL_TOOLS)" ;; esac
done

BENCH=clone
PGCARRY_COMMAND=clone
# shellcheck source=../copy-lib.sh
. "$here/../copy-lib.sh"

run_dump() {
  local run=$1 db=tgt_dump st=0
  fresh_db $db
  settle
  say "[A] pg_dump --no-owner --no-acl | psql  (run $run/$RUNS)"
  local timer1=() timer2=() target
  if [ "$have_time" = 1 ]; then
    timer1=("$gnu_time" -v -o "$work/time.1")
    timer2=("$gnu_time" -v -o "$work/time.2")
  fi
  target=$(db_url $db)
  measure_start
  {
    "${timer1[@]}" pg_dump --no-owner --no-acl "$src_url" 2>"$work/dump.err" |
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
  say "[B] pgcopydb clone --table-jobs $JOBS --index-jobs $JOBS --no-owner --no-acl --skip-extensions  (run $run/$RUNS)"
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

run_pgcarry() { # run_pgcarry TOOL SIDE RUN: TOOL is pgcarry or pgcarry-novalidate, SIDE new or baseline
  local run=$3 db=tgt_pgcarry letter=C extra=() name tool
  if [ "$1" = pgcarry-novalidate ]; then letter=D; extra=(--no-validate); fi
  tool=$1$(suffix "$2")
  name=$(baseline_label "$tool" "pgcarry clone${extra[*]:+ ${extra[*]}}")
  fresh_db $db
  settle
  say "[$letter] $name --jobs $JOBS${PGCARRY_ARGS:+ $PGCARRY_ARGS}  (run $run/$RUNS)"
  # shellcheck disable=SC2086 # PGCARRY_ARGS is a list of options
  if ! timed "$work/$tool.log" "$(launcher "$2")" clone --from "$src_url" --to "$(db_url $db)" --jobs "$JOBS" "${extra[@]}" $PGCARRY_ARGS; then
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
  for tool in pgcarry pgcarry-novalidate; do
    for side in $(sides "$run"); do
      if want "$tool" && [ "$pgcarry_ok" = 1 ] && [ "${status[$tool$(suffix "$side")]:-}" != failed ]; then
        run_pgcarry "$tool" "$side" "$run"
      fi
    done
  done
done

# ---------------------------------------------------------------- report

label() {
  case $1 in
    dump) echo "pg_dump | psql" ;;
    pgcopydb) echo "pgcopydb clone" ;;
    pgcarry-novalidate*) baseline_label "$1" "pgcarry clone --no-validate" ;;
    pgcarry*) baseline_label "$1" "pgcarry clone" ;;
  esac
}
skip_reason() {
  case $1 in
    pgcopydb) echo "pgcopydb not installed" ;;
    pgcarry*) echo "pgcarry clone not available yet" ;;
    *) echo "not measured" ;;
  esac
}
listed_tools=$ALL_TOOLS
[ "$baseline_ok" = 1 ] && listed_tools+=" pgcarry-baseline pgcarry-novalidate-baseline"
wanted() { want "${1%-baseline}"; } # a baseline tool runs when its new tool does

echo
echo "clone benchmark: PostgreSQL $PG_MAJOR, pgbench scale $SCALE + $PAYLOAD_ROWS payload rows = $total_rows rows, $((src_bytes / 1024 / 1024)) MB; best of $RUNS run(s); jobs $JOBS"
printf '%-39s %10s %12s %14s %8s %14s  %s\n' tool seconds rows/s "peak RSS MB" "CPU s" "server CPU s" note
for tool in $listed_tools; do
  wanted "$tool" || continue
  case ${status[$tool]:-skipped} in
    ok)
      printf '%-39s %10.2f %12s %14s %8s %14s  %s\n' "$(label "$tool")" "${best_s[$tool]}" "$(rate "${best_s[$tool]}")" \
        "$(rss_or_na "$tool")" "${best_cpu[$tool]:-n/a}" "${best_server_cpu[$tool]}" "${note[$tool]:-}" ;;
    failed)
      printf '%-39s %10s %12s %14s %8s %14s  %s\n' "$(label "$tool")" FAILED - - - - "${note[$tool]:-}" ;;
    *)
      printf '%-39s %10s %12s %14s %8s %14s  %s\n' "$(label "$tool")" skipped - - - - "$(skip_reason "$tool")" ;;
  esac
done
echo

# Ratios for each pgcarry variant, with the goal from the issue: pgcarry clone no slower than
# pgcopydb clone, that is pgcopydb seconds / pgcarry seconds >= 1.0.
declare -A r_time_vs_pgcopydb r_pgcopydb_vs r_dump_vs rss_mb
for tool in pgcarry pgcarry-novalidate; do
  want "$tool" || continue
  name=$(label "$tool")
  r_time_vs_pgcopydb[$tool]=null r_pgcopydb_vs[$tool]=null r_dump_vs[$tool]=null rss_mb[$tool]=null
  if ok "$tool" && ok pgcopydb; then
    r_time_vs_pgcopydb[$tool]=$(ratio "${best_s[$tool]}" "${best_s[pgcopydb]}")
    r_pgcopydb_vs[$tool]=$(ratio "${best_s[pgcopydb]}" "${best_s[$tool]}")
    verdict="goal met"
    awk -v r="${r_pgcopydb_vs[$tool]}" 'BEGIN { exit !(r < 1.0) }' && verdict="goal NOT met"
    echo "$name time / pgcopydb clone time: ${r_time_vs_pgcopydb[$tool]}"
    echo "pgcopydb clone time / $name time: ${r_pgcopydb_vs[$tool]}x (goal: no slower than pgcopydb, >= 1.0: $verdict)"
  else
    echo "$name vs pgcopydb clone: n/a (goal: no slower than pgcopydb, pgcopydb time / pgcarry time >= 1.0)"
  fi
  if ok "$tool" && ok dump; then
    r_dump_vs[$tool]=$(ratio "${best_s[dump]}" "${best_s[$tool]}")
    echo "pg_dump|psql time / $name time: ${r_dump_vs[$tool]}x"
  else
    echo "pg_dump|psql time / $name time: n/a"
  fi
  if ok "$tool" && [ "${best_rss[$tool]:-0}" -gt 0 ]; then
    rss_mb[$tool]=$(mb "${best_rss[$tool]}")
    echo "$name peak RSS: ${rss_mb[$tool]} MB"
  else
    echo "$name peak RSS: n/a"
  fi
  if [ "$baseline_ok" = 1 ]; then
    if ok "$tool-baseline" && ok pgcopydb; then
      echo "pgcopydb clone time / $(label "$tool-baseline") time: $(ratio "${best_s[pgcopydb]}" "${best_s[$tool-baseline]}")x"
    fi
    compare_baseline "$tool" "$name"
  fi
done

# JSON, written by hand so that the script needs nothing beyond bash and awk.
json="$results_dir/clone-$stamp.json"
{
  printf '{\n'
  printf '  "benchmark": "clone",\n'
  printf '  "timestamp": %s,\n' "$(jstr "$stamp")"
  printf '  "pg_major": %s,\n' "$PG_MAJOR"
  printf '  "client_major": %s,\n' "$client_major"
  printf '  "scale": %s,\n' "$SCALE"
  printf '  "payload_rows": %s,\n' "$PAYLOAD_ROWS"
  printf '  "runs": %s,\n' "$RUNS"
  printf '  "jobs": %s,\n' "$JOBS"
  printf '  "pgcarry_args": %s,\n' "$(jstr "$PGCARRY_ARGS")"
  printf '  "machine": {"cpus": %s, "memory_kb": %s},\n' "$(nproc)" "$(free -k | awk '/^Mem:/ { print $2 }')"
  printf '  "source_bytes": %s,\n' "$src_bytes"
  printf '  "total_rows": %s,\n' "$total_rows"
  printf '  "source_rows": {'
  printf '%s\n' "$src_counts" | awk '{ printf "%s\"%s\": %s", (NR > 1 ? ", " : ""), $1, $2 }'
  printf '},\n'
  printf '  "tools": [\n'
  first=1
  for tool in $listed_tools; do
    wanted "$tool" || continue
    [ "$first" = 1 ] || printf ',\n'
    first=0
    st=${status[$tool]:-skipped}
    printf '    {"tool": %s, "status": %s' "$(jstr "$(label "$tool")")" "$(jstr "$st")"
    if [ "$st" = ok ]; then figures_json "$tool"; fi
    if [ "$st" = skipped ]; then
      printf ', "note": %s' "$(jstr "$(skip_reason "$tool")")"
    elif [ -n "${note[$tool]:-}" ]; then
      printf ', "note": %s' "$(jstr "${note[$tool]}")"
    fi
    printf '}'
  done
  printf '\n  ],\n'
  baseline_json pgcarry pgcarry-novalidate
  printf '  "ratios": {'
  first=1
  for tool in pgcarry pgcarry-novalidate; do
    want "$tool" || continue
    [ "$first" = 1 ] || printf ', '
    first=0
    key=${tool//-/_}
    printf '"%s_time_vs_pgcopydb_time": %s, "pgcopydb_time_vs_%s_time": %s, "pg_dump_psql_time_vs_%s_time": %s, "%s_peak_rss_mb": %s' \
      "$key" "${r_time_vs_pgcopydb[$tool]}" "$key" "${r_pgcopydb_vs[$tool]}" "$key" "${r_dump_vs[$tool]}" "$key" "${rss_mb[$tool]}"
  done
  printf '},\n'
  printf '  "goals": {"pgcopydb_time_vs_pgcarry_time_min": 1.0}\n'
  printf '}\n'
} >"$json"
echo "results: bench/results/$(basename "$json") (each tool's output: bench/results/clone-$stamp-*.log)"

if [ "$failed" = 1 ]; then
  say "one or more tools FAILED (see above)"
  exit 1
fi
