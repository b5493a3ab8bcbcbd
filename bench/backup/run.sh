#!/usr/bin/env bash
# Benchmark: back up a PostgreSQL database into an archive and restore it into an empty one.
#
# Compares `pgcarry backup` and `pgcarry restore` with pg_dump's directory format on the data set
# of the move and clone benchmarks, on two throw-away embedded servers started by pgcarry itself.
# In every run:
#   A  pg_dump -Fd -j 2 -f DIR                  the backup anchor (default compression)
#   B  pgcarry backup --jobs 2 --out DIR        goal: no slower than A, and an archive no larger
#   C  pg_restore -j 2 -d TGT DIR               the restore anchor, from A's archive
#   D  pgcarry restore ARCHIVE --jobs 2         goal: no slower than C; from B's archive, validated
#   E  pgcarry backup verify ARCHIVE            informational
#   F  pgcarry backup verify ARCHIVE --deep     informational
# C and D each go into a freshly created, empty database on the target server.
#
# Settings (environment):
#   PG_MAJOR      server major version for both servers (default 17 when the installed
#                 pg_dump can dump it, otherwise 13; see README)
#   PG_BINDIR     directory with newer client programs (pg_dump, pg_restore, psql, pgbench) to use
#   SCALE         pgbench scale factor (default 30: 3,000,000 pgbench_accounts rows)
#   PAYLOAD_ROWS  rows of the extra jsonb/text table (default 200000)
#   RUNS          runs of every step; the best wall time is kept (default 2)
#   JOBS          parallel jobs for pg_dump, pg_restore and pgcarry (default 2)
#   TOOLS         which side to measure, space-separated from: dump (A, C) pgcarry (B, D, E, F)
#                 (default: both)
#   PGCARRY       pgcarry launcher to run (default: bin/pgcarry of this checkout)
#   PGCARRY_BASELINE  another pgcarry launcher (an older build) whose B, D, E and F are measured in
#                 the same run, alternately with PGCARRY's, each restoring and verifying its own
#                 archive; prints new / baseline ratios
#   PGCARRY_ARGS  extra options for pgcarry backup, e.g. "--compress gzip"
#
# Prints a table and the goal ratios, and writes the figures as JSON to
# bench/results/backup-<timestamp>.json. Exits 1 when a step failed or a row count differs.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=../lib.sh
. "$here/../lib.sh"

SCALE=${SCALE:-30}
PAYLOAD_ROWS=${PAYLOAD_ROWS:-200000}
RUNS=${RUNS:-2}
JOBS=${JOBS:-2}
TOOLS=${TOOLS:-"dump pgcarry"}
PGCARRY_ARGS=${PGCARRY_ARGS:-}
TABLES="pgbench_accounts pgbench_branches pgbench_tellers pgbench_history payload"
ALL_TOOLS="dump pgcarry"
STEPS="dump-backup pgcarry-backup dump-restore pgcarry-restore verify verify-deep"

for tool in $TOOLS; do
  case " $ALL_TOOLS " in *" $tool "*) ;; *) die "unknown tool '$tool' in TOOLS (known: $ALL_TOOLS)" ;; esac
done
command -v pg_restore >/dev/null || die "pg_restore is not installed"

BENCH=backup
PGCARRY_COMMAND=backup
# shellcheck source=../copy-lib.sh
. "$here/../copy-lib.sh"

restore_ok=0
if [ "$pgcarry_ok" = 1 ]; then
  if pgcarry_lists restore; then restore_ok=1; else say "pgcarry restore not available yet"; fi
fi
if [ "$baseline_ok" = 1 ] && [ "$restore_ok" = 1 ] && ! baseline_lists restore; then
  die "the baseline pgcarry has no restore command"
fi

dump_dir="$work/pg_dump"     # A's archive, restored by C
declare -A archive           # B's archive per side (new, baseline), printed by pgcarry backup;
                             # restored by D, verified by E and F of the same side
declare -A bytes             # archive size (du -sb) of the last successful backup, per step

archive_bytes() { du -sb "$1" | cut -f1; }

run_pg_dump() {
  local run=$1
  rm -rf "$dump_dir"
  settle
  say "[A] pg_dump -Fd -j $JOBS  (run $run/$RUNS)"
  if ! timed "$work/pg_dump.log" pg_dump -Fd -j "$JOBS" -f "$dump_dir" "$src_url"; then
    keep_log "$work/pg_dump.log" pg_dump
    show_log "$work/pg_dump.log" "pg_dump -Fd"
    fail dump-backup "pg_dump failed"
    rm -rf "$dump_dir"
    return
  fi
  keep_log "$work/pg_dump.log" pg_dump
  record dump-backup
  bytes[dump-backup]=$(archive_bytes "$dump_dir")
}

run_backup() { # run_backup SIDE RUN
  local side=$1 run=$2 step name out
  step=pgcarry-backup$(suffix "$side")
  name=$(baseline_label "$step" "pgcarry backup")
  out="$work/$step" # B's --out directory
  rm -rf "$out"
  archive[$side]=
  settle
  say "[B] $name --jobs $JOBS${PGCARRY_ARGS:+ $PGCARRY_ARGS}  (run $run/$RUNS)"
  # shellcheck disable=SC2086 # PGCARRY_ARGS is a list of options
  if ! timed "$work/$step.log" "$(launcher "$side")" backup --from "$src_url" --out "$out" --jobs "$JOBS" $PGCARRY_ARGS; then
    keep_log "$work/$step.log" "$step"
    show_log "$work/$step.log" "$name"
    fail "$step" "$name failed"
    return
  fi
  keep_log "$work/$step.log" "$step"
  # Its first line on stdout is "archive PATH"; the log holds stdout and stderr, so look for the line.
  archive[$side]=$(sed -n 's/^archive //p' "$work/$step.log" | head -n 1)
  if [ -z "${archive[$side]}" ] || [ ! -d "${archive[$side]}" ]; then
    show_log "$work/$step.log" "$name"
    fail "$step" "no 'archive PATH' line naming a directory"
    archive[$side]=
    return
  fi
  record "$step"
  # The whole --out directory: everything the backup wrote, not only the archive inside it.
  bytes[$step]=$(archive_bytes "$out")
}

restored() { # restored DB STEP LABEL: the restored database must match the source, else STEP fails
  check_counts "$1" "$3" || { fail "$2" "row counts differ"; return 1; }
  check_shape "$1" "$3" || { fail "$2" "keys or indexes missing"; return 1; }
}

run_pg_restore() {
  local run=$1 db=tgt_pg_restore
  fresh_db $db
  settle
  say "[C] pg_restore -j $JOBS  (run $run/$RUNS)"
  if ! timed "$work/pg_restore.log" pg_restore -j "$JOBS" -d "$(db_url $db)" "$dump_dir"; then
    keep_log "$work/pg_restore.log" pg_restore
    show_log "$work/pg_restore.log" "pg_restore"
    fail dump-restore "pg_restore failed"
    return
  fi
  keep_log "$work/pg_restore.log" pg_restore
  restored $db dump-restore "pg_restore" || return 0
  record dump-restore
  sql "$tgt_admin" -c "DROP DATABASE $db"
}

run_restore() { # run_restore SIDE RUN
  local side=$1 run=$2 db=tgt_pgcarry step name
  step=pgcarry-restore$(suffix "$side")
  name=$(baseline_label "$step" "pgcarry restore")
  fresh_db $db
  settle
  say "[D] $name --jobs $JOBS  (run $run/$RUNS)"
  if ! timed "$work/$step.log" "$(launcher "$side")" restore "${archive[$side]}" --to "$(db_url $db)" --jobs "$JOBS"; then
    keep_log "$work/$step.log" "$step"
    show_log "$work/$step.log" "$name"
    fail "$step" "$name failed"
    return
  fi
  keep_log "$work/$step.log" "$step"
  restored $db "$step" "$name" || return 0
  record "$step"
  sql "$tgt_admin" -c "DROP DATABASE $db"
}

run_verify() { # run_verify STEP SIDE RUN: STEP is verify or verify-deep
  local side=$2 run=$3 step letter=E extra=() name
  if [ "$1" = verify-deep ]; then letter=F; extra=(--deep); fi
  step=$1$(suffix "$side")
  name=$(baseline_label "$step" "pgcarry backup verify${extra[*]:+ ${extra[*]}}")
  settle
  say "[$letter] $name  (run $run/$RUNS)"
  if ! timed "$work/$step.log" "$(launcher "$side")" backup verify "${archive[$side]}" "${extra[@]}"; then
    keep_log "$work/$step.log" "$step"
    show_log "$work/$step.log" "$name"
    fail "$step" "$name failed"
    return
  fi
  keep_log "$work/$step.log" "$step"
  record "$step"
}

again() { [ "${status[$1]:-}" != failed ]; } # a step that failed once is not run again

src_shape=$(schema_shape "$src_url")
for run in $(seq 1 "$RUNS"); do
  if want dump && again dump-backup; then run_pg_dump "$run"; fi
  for side in $(sides "$run"); do
    if want pgcarry && [ "$pgcarry_ok" = 1 ] && again "pgcarry-backup$(suffix "$side")"; then run_backup "$side" "$run"; fi
  done
  if want dump && ok dump-backup && again dump-restore; then run_pg_restore "$run"; fi
  for side in $(sides "$run"); do
    if [ -n "${archive[$side]:-}" ] && [ "$restore_ok" = 1 ] && again "pgcarry-restore$(suffix "$side")"; then run_restore "$side" "$run"; fi
  done
  for step in verify verify-deep; do
    for side in $(sides "$run"); do
      if [ -n "${archive[$side]:-}" ] && again "$step$(suffix "$side")"; then run_verify "$step" "$side" "$run"; fi
    done
  done
done

# ---------------------------------------------------------------- report

label() {
  case $1 in
    dump-backup) echo "pg_dump -Fd -j $JOBS" ;;
    pgcarry-backup*) baseline_label "$1" "pgcarry backup --jobs $JOBS" ;;
    dump-restore) echo "pg_restore -j $JOBS" ;;
    pgcarry-restore*) baseline_label "$1" "pgcarry restore --jobs $JOBS" ;;
    verify-deep*) baseline_label "$1" "pgcarry backup verify --deep" ;;
    verify*) baseline_label "$1" "pgcarry backup verify" ;;
  esac
}
listed_steps=$STEPS
if [ "$baseline_ok" = 1 ]; then
  listed_steps="dump-backup pgcarry-backup pgcarry-backup-baseline dump-restore pgcarry-restore pgcarry-restore-baseline"
  listed_steps+=" verify verify-baseline verify-deep verify-deep-baseline"
fi
side() { case $1 in dump-*) echo dump ;; *) echo pgcarry ;; esac; }
skip_reason() {
  if [ "$(side "$1")" = dump ]; then
    echo "no pg_dump archive"
  elif [ "$pgcarry_ok" = 0 ]; then
    echo "pgcarry backup not available yet"
  elif [ "${1%-baseline}" = pgcarry-restore ] && [ "$restore_ok" = 0 ]; then
    echo "pgcarry restore not available yet"
  else
    echo "no pgcarry archive"
  fi
}
size_mb() { awk -v b="$1" 'BEGIN { printf "%.1f", b / 1024 / 1024 }'; }

echo
echo "backup benchmark: PostgreSQL $PG_MAJOR, pgbench scale $SCALE + $PAYLOAD_ROWS payload rows = $total_rows rows, $((src_bytes / 1024 / 1024)) MB; best of $RUNS run(s); jobs $JOBS"
printf '%-41s %10s %12s %12s %14s %8s %14s  %s\n' step seconds rows/s "archive MB" "peak RSS MB" "CPU s" "server CPU s" note
for step in $listed_steps; do
  want "$(side "$step")" || continue
  size="-"; [ -n "${bytes[$step]:-}" ] && size=$(size_mb "${bytes[$step]}")
  case ${status[$step]:-skipped} in
    ok)
      printf '%-41s %10.2f %12s %12s %14s %8s %14s  %s\n' "$(label "$step")" "${best_s[$step]}" "$(rate "${best_s[$step]}")" "$size" \
        "$(rss_or_na "$step")" "${best_cpu[$step]:-n/a}" "${best_server_cpu[$step]}" "${note[$step]:-}" ;;
    failed)
      printf '%-41s %10s %12s %12s %14s %8s %14s  %s\n' "$(label "$step")" FAILED - - - - - "${note[$step]:-}" ;;
    *)
      printf '%-41s %10s %12s %12s %14s %8s %14s  %s\n' "$(label "$step")" skipped - - - - - "$(skip_reason "$step")" ;;
  esac
done
echo

# The goals from the issue: pgcarry backup at least as fast as pg_dump -Fd with an archive no larger,
# pgcarry restore no slower than pg_restore. verify has no anchor; its times are informational.
verdict() { # verdict RATIO OP LIMIT: "goal met" or "goal NOT met"
  if awk -v r="$1" -v l="$3" "BEGIN { exit !(r $2 l) }"; then echo "goal met"; else echo "goal NOT met"; fi
}
r_backup_time=null r_backup_size=null r_restore_time=null verify_s=null verify_deep_s=null
if ok pgcarry-backup && ok dump-backup; then
  r_backup_time=$(ratio "${best_s[dump-backup]}" "${best_s[pgcarry-backup]}")
  r_backup_size=$(ratio "${bytes[pgcarry-backup]}" "${bytes[dump-backup]}")
  echo "pg_dump time / pgcarry backup time: ${r_backup_time}x (goal >= 1.0: $(verdict "$r_backup_time" '>=' 1.0))"
  echo "pgcarry archive bytes / pg_dump archive bytes: $r_backup_size (${bytes[pgcarry-backup]} / ${bytes[dump-backup]}; goal <= 1.0: $(verdict "$r_backup_size" '<=' 1.0))"
else
  echo "pg_dump time / pgcarry backup time: n/a (goal >= 1.0)"
  echo "pgcarry archive bytes / pg_dump archive bytes: n/a (goal <= 1.0)"
fi
if ok pgcarry-restore && ok dump-restore; then
  r_restore_time=$(ratio "${best_s[dump-restore]}" "${best_s[pgcarry-restore]}")
  echo "pg_restore time / pgcarry restore time: ${r_restore_time}x (goal >= 1.0: $(verdict "$r_restore_time" '>=' 1.0))"
else
  echo "pg_restore time / pgcarry restore time: n/a (goal >= 1.0)"
fi
ok verify && verify_s=${best_s[verify]}
ok verify-deep && verify_deep_s=${best_s[verify-deep]}
echo "pgcarry backup verify: $([ "$verify_s" = null ] && echo n/a || printf '%.2f s' "$verify_s"), --deep: $([ "$verify_deep_s" = null ] && echo n/a || printf '%.2f s' "$verify_deep_s") (no goal)"
if [ "$baseline_ok" = 1 ]; then
  if ok pgcarry-backup-baseline && ok dump-backup; then
    echo "pg_dump time / baseline backup time: $(ratio "${best_s[dump-backup]}" "${best_s[pgcarry-backup-baseline]}")x;" \
      "baseline archive bytes / pg_dump archive bytes: $(ratio "${bytes[pgcarry-backup-baseline]}" "${bytes[dump-backup]}")"
  fi
  if ok pgcarry-restore-baseline && ok dump-restore; then
    echo "pg_restore time / baseline restore time: $(ratio "${best_s[dump-restore]}" "${best_s[pgcarry-restore-baseline]}")x"
  fi
  for step in pgcarry-backup pgcarry-restore verify verify-deep; do compare_baseline "$step" "$(label "$step")"; done
fi

# JSON, written by hand so that the script needs nothing beyond bash and awk.
json="$results_dir/backup-$stamp.json"
{
  printf '{\n'
  printf '  "benchmark": "backup",\n'
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
  printf '  "steps": [\n'
  first=1
  for step in $listed_steps; do
    want "$(side "$step")" || continue
    [ "$first" = 1 ] || printf ',\n'
    first=0
    st=${status[$step]:-skipped}
    printf '    {"step": %s, "status": %s' "$(jstr "$(label "$step")")" "$(jstr "$st")"
    if [ "$st" = ok ]; then
      [ -n "${bytes[$step]:-}" ] && printf ', "archive_bytes": %s' "${bytes[$step]}"
      figures_json "$step"
    fi
    if [ "$st" = skipped ]; then
      printf ', "note": %s' "$(jstr "$(skip_reason "$step")")"
    elif [ -n "${note[$step]:-}" ]; then
      printf ', "note": %s' "$(jstr "${note[$step]}")"
    fi
    printf '}'
  done
  printf '\n  ],\n'
  baseline_json pgcarry-backup pgcarry-restore verify verify-deep
  printf '  "ratios": {"pg_dump_time_vs_pgcarry_backup_time": %s, "pgcarry_archive_bytes_vs_pg_dump_archive_bytes": %s, "pg_restore_time_vs_pgcarry_restore_time": %s, "pgcarry_backup_verify_seconds": %s, "pgcarry_backup_verify_deep_seconds": %s},\n' \
    "$r_backup_time" "$r_backup_size" "$r_restore_time" "$verify_s" "$verify_deep_s"
  printf '  "goals": {"pg_dump_time_vs_pgcarry_backup_time_min": 1.0, "pgcarry_archive_bytes_vs_pg_dump_archive_bytes_max": 1.0, "pg_restore_time_vs_pgcarry_restore_time_min": 1.0}\n'
  printf '}\n'
} >"$json"
echo "results: bench/results/$(basename "$json") (each step's output: bench/results/backup-$stamp-*.log)"

if [ "$failed" = 1 ]; then
  say "one or more steps FAILED (see above)"
  exit 1
fi
