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
#   PGCARRY_ARGS  extra options for both pgcarry clone runs
#
# Prints a table and the goal ratios, and writes the figures as JSON to
# bench/results/clone-<timestamp>.json. Exits 1 when a tool failed or a row count differs.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=../lib.sh
. "$here/../lib.sh"
root=$(cd "$here/../.." && pwd)
results_dir="$here/../results"
pgcarry=${PGCARRY:-"$root/bin/pgcarry"}

SCALE=${SCALE:-30}
PAYLOAD_ROWS=${PAYLOAD_ROWS:-200000}
RUNS=${RUNS:-2}
JOBS=${JOBS:-2}
TOOLS=${TOOLS:-"dump pgcopydb pgcarry pgcarry-novalidate"}
PGCARRY_ARGS=${PGCARRY_ARGS:-}
TABLES="pgbench_accounts pgbench_branches pgbench_tellers pgbench_history payload"
ALL_TOOLS="dump pgcopydb pgcarry pgcarry-novalidate"

if [ -n "${PG_BINDIR:-}" ]; then
  PATH="$PG_BINDIR:$PATH"
  export PATH
fi

case "$SCALE$PAYLOAD_ROWS$RUNS$JOBS${PG_MAJOR:-}" in
  *[!0-9]*) die "SCALE, PAYLOAD_ROWS, RUNS, JOBS and PG_MAJOR must be whole numbers" ;;
esac
[ "$RUNS" -ge 1 ] || die "RUNS must be at least 1"
for tool in $TOOLS; do
  case " $ALL_TOOLS " in *" $tool "*) ;; *) die "unknown tool '$tool' in TOOLS (known: $ALL_TOOLS)" ;; esac
done

# ---------------------------------------------------------------- prerequisites

apt_install() {
  # apt_install PACKAGE: installs a Debian package when running as root.
  is_root || return 1
  apt-get install -y -qq "$1" >/dev/null 2>&1 && return 0
  apt-get update -qq >/dev/null 2>&1 || true
  apt-get install -y -qq "$1" >/dev/null 2>&1
}

for program in pg_dump psql pgbench java; do
  command -v "$program" >/dev/null || die "$program is not installed"
done

# GNU time, the program (not the shell keyword), gives the peak RSS of what it runs.
have_time=1
gnu_time=$(type -P time || true)
if [ -z "$gnu_time" ]; then
  say "installing GNU time (for peak RSS)..."
  if apt_install time; then
    gnu_time=$(type -P time || true)
  fi
  if [ -z "$gnu_time" ]; then
    have_time=0
    say "note: GNU time is missing and could not be installed; peak RSS is not measured"
  fi
fi

client_major=$(pg_dump --version | sed -E 's/^[^0-9]*([0-9]+).*/\1/')
if [ -z "${PG_MAJOR:-}" ]; then
  if [ "$client_major" -ge 17 ]; then
    PG_MAJOR=17
  else
    PG_MAJOR=13
    say "note: the installed pg_dump is version $client_major and cannot dump a PostgreSQL 17 server;"
    say "      benchmarking on PostgreSQL 13 (the embedded version it can dump) instead."
    say "      Put PostgreSQL 17 clients on PATH (or set PG_BINDIR) to benchmark on 17."
  fi
elif [ "$PG_MAJOR" -gt "$client_major" ]; then
  die "PG_MAJOR=$PG_MAJOR but pg_dump is version $client_major, which refuses to dump a newer server; set PG_BINDIR to PostgreSQL $PG_MAJOR client programs or leave PG_MAJOR unset to use 13"
fi

if [ -z "${PGCARRY:-}" ] && [ ! -f "$root/pgcarry-cli/target/pgcarry.jar" ]; then
  say "building pgcarry (mvn -q package -DskipTests)..."
  (cd "$root" && mvn -q package -DskipTests)
fi

want() { case " $TOOLS " in *" $1 "*) return 0 ;; *) return 1 ;; esac; }
is_pgcarry() { case $1 in pgcarry | pgcarry-novalidate) return 0 ;; *) return 1 ;; esac; }

pgcopydb_ok=0
if want pgcopydb; then
  if command -v pgcopydb >/dev/null; then
    pgcopydb_ok=1
  elif is_root; then
    say "installing pgcopydb..."
    if apt_install pgcopydb; then pgcopydb_ok=1; else say "note: pgcopydb could not be installed; skipping anchor B"; fi
  else
    say "note: pgcopydb is not installed and this is not root; skipping anchor B (apt-get install pgcopydb)"
  fi
fi

pgcarry_ok=0
if want pgcarry || want pgcarry-novalidate; then
  # `clone --help` is not a reliable probe (an unknown subcommand prints the top-level usage with
  # exit status 0), so look for clone in the list of commands.
  # Read the help text first: `grep -q` stops at its first match, which under pipefail can fail the pipe.
  help_text=$("$pgcarry" --help 2>&1 || true)
  if grep -Eq '^ +clone( |$)' <<<"$help_text"; then
    pgcarry_ok=1
  else
    say "pgcarry clone not available yet"
  fi
fi

stamp=$(date -u +%Y%m%dT%H%M%SZ)
mkdir -p "$results_dir"

# ---------------------------------------------------------------- servers and cleanup

work=$(mktemp -d -t pgcarry-bench.XXXXXX)
server_pids=()
current=

# Long steps run in the background while the script waits for them, so that a signal
# reaches the traps at once instead of after the step; cleanup then ends the step.

cleanup() {
  local status=$? pid i
  trap - EXIT INT TERM
  if [ -n "$current" ]; then
    kill_tree "$current"
    wait "$current" 2>/dev/null || true
  fi
  for pid in "${server_pids[@]}"; do
    kill "$pid" 2>/dev/null || true
  done
  for pid in "${server_pids[@]}"; do
    for i in $(seq 1 60); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.5
    done
    if kill -0 "$pid" 2>/dev/null; then
      say "server process $pid did not stop; killing it"
      kill -KILL "$pid" 2>/dev/null || true
    fi
    wait "$pid" 2>/dev/null || true
  done
  rm -rf "$work"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

start_server() {
  # start_server NAME: starts an embedded server and sets $server_url to its URL.
  # Tries three times: a start can fail on a transient "the database system is starting up".
  local name=$1 attempt i pid
  for attempt in 1 2 3; do
    "$pgcarry" embedded start --pg "$PG_MAJOR" >"$work/$name.url" 2>"$work/$name.log" &
    pid=$!
    server_pids+=("$pid")
    server_url=
    for i in $(seq 1 240); do
      server_url=$(head -n 1 "$work/$name.url" 2>/dev/null || true)
      [ -n "$server_url" ] && return 0
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.5
    done
    say "the $name server did not start (attempt $attempt of 3):"
    sed 's/^/  /' "$work/$name.log" >&2
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  exit 1
}

say "starting source and target PostgreSQL $PG_MAJOR servers..."
start_server source
src_admin=$server_url
start_server target
tgt_admin=$server_url
src_url="${src_admin%/*}/bench"
db_url() { printf '%s/%s\n' "${tgt_admin%/*}" "$1"; }

# ---------------------------------------------------------------- data set (as in bench/move)

say "building the data set: pgbench scale $SCALE with foreign keys, $PAYLOAD_ROWS payload rows..."
build_start=$(date +%s.%N)
sql "$src_admin" -c "CREATE DATABASE bench"
run_bg pgbench -i -q -s "$SCALE" --foreign-keys "$src_url" >"$work/pgbench.log" 2>&1 || { cat "$work/pgbench.log" >&2; exit 1; }
cat >"$work/payload.sql" <<'SQL'
CREATE TABLE payload (
  id bigint PRIMARY KEY,
  doc jsonb NOT NULL,
  body text NOT NULL,
  created timestamptz NOT NULL
);
INSERT INTO payload (id, doc, body, created)
SELECT g,
       jsonb_build_object(
         'id', g,
         'kind', (ARRAY['order', 'invoice', 'refund', 'note', 'ticket'])[1 + g % 5],
         'amount', round((g % 100000) / 100.0, 2),
         'active', g % 3 = 0,
         'ratio', g / 7.0,
         'note', CASE WHEN g % 5 = 0 THEN NULL ELSE md5(g::text) END,
         'customer', jsonb_build_object(
             'name', 'customer ' || (g % 997),
             'city', (ARRAY['Zürich', 'São Paulo', 'Kraków', '東京', 'Reykjavík', 'Lagos'])[1 + g % 6],
             'tags', to_jsonb(string_to_array(substr(md5((g % 101)::text), 1, 2 + g % 14), NULL))),
         'items', (SELECT jsonb_agg(jsonb_build_object('sku', 'SKU-' || ((g * i) % 9973), 'qty', i, 'price', (g * i) % 500 / 4.0))
                   FROM generate_series(1, 1 + g % 7) AS i))
         || CASE WHEN g % 4 = 0 THEN jsonb_build_object('extra', repeat('x', g % 300)) ELSE '{}'::jsonb END,
       concat_ws(E'\n',
         'record ' || g,
         repeat(md5(g::text) || ' ', 1 + g % 40),
         CASE WHEN g % 7 = 0 THEN E'tab\there, "quotes", a back\\slash and a carriage\rreturn' END,
         CASE WHEN g % 11 = 0 THEN 'ünïcødé ✓ 日本語 Ελληνικά' END,
         CASE WHEN g % 13 = 0 THEN '' END),
       timestamptz '2024-01-01 00:00:00+00' + g * interval '37 seconds'
FROM generate_series(1, :rows) AS g;
VACUUM (FREEZE, ANALYZE);
SQL
run_bg sql "$src_url" -v rows="$PAYLOAD_ROWS" -f "$work/payload.sql"
build_end=$(date +%s.%N)

source_counts() { # source_counts URL: "table count" lines for all tables
  local t
  for t in $TABLES; do
    printf '%s %s\n' "$t" "$(sql_value "$1" -c "SELECT count(*) FROM $t")"
  done
}
src_counts=$(source_counts "$src_url")
total_rows=$(printf '%s\n' "$src_counts" | awk '{ s += $2 } END { print s }')
src_bytes=$(sql_value "$src_url" -c "SELECT pg_database_size(current_database())")
say "source: $total_rows rows, $((src_bytes / 1024 / 1024)) MB (built in $(awk -v a="$build_start" -v b="$build_end" 'BEGIN { printf "%.0f", b - a }') s)"
printf '%s\n' "$src_counts" | sed 's/^/  /' >&2

# ---------------------------------------------------------------- measuring

peak_kb() { # peak_kb FILE...: sum of "Maximum resident set size" over the files (0 when not measured)
  local f sum=0 v
  [ "$have_time" = 1 ] || { echo 0; return; }
  for f in "$@"; do
    v=$(awk -F': *' '/Maximum resident set size/ { print $2 }' "$f" 2>/dev/null || true)
    sum=$((sum + ${v:-0}))
  done
  echo "$sum"
}

# Runs "$@" and records wall seconds in $elapsed and peak RSS (kB) in $rss_kb.
# (run_dump times its pg_dump | psql pipeline itself.)
timed() {
  local out=$1; shift
  local start end status=0
  start=$(date +%s.%N)
  if [ "$have_time" = 1 ]; then
    run_bg "$gnu_time" -v -o "$work/time.0" "$@" >"$out" 2>&1 || status=$?
  else
    run_bg "$@" >"$out" 2>&1 || status=$?
  fi
  end=$(date +%s.%N)
  elapsed=$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.3f", b - a }')
  rss_kb=$(peak_kb "$work/time.0")
  rm -f "$work/time.0"
  return "$status"
}

fresh_db() { # fresh_db NAME: (re)creates an empty target database
  sql "$tgt_admin" -c "SET client_min_messages = warning" -c "DROP DATABASE IF EXISTS $1" -c "CREATE DATABASE $1"
}

settle() { # start every run from the same state: no pending checkpoint work on either side
  sql "$src_admin" -c CHECKPOINT
  sql "$tgt_admin" -c CHECKPOINT
}

check_counts() { # check_counts DB LABEL: target counts must equal the source's
  local got
  got=$(source_counts "$(db_url "$1")" 2>&1) || true
  if [ "$got" != "$src_counts" ]; then
    say ""
    say "!!!!!!!! FAILED: $2 row counts differ from the source !!!!!!!!"
    diff <(printf '%s\n' "$src_counts") <(printf '%s\n' "$got") | sed 's/^/  /' >&2 || true
    say ""
    return 1
  fi
}

schema_shape() { # schema_shape URL: what the copy must keep: primary keys, foreign keys, indexes
  sql_value "$1" -c "SELECT 'constraints ' || string_agg(k, ' ' ORDER BY k)
                     FROM (SELECT conrelid::regclass::text || ':' || contype AS k FROM pg_constraint
                           WHERE connamespace = 'public'::regnamespace AND contype IN ('p', 'f', 'u')) c" \
                 -c "SELECT 'indexes ' || count(*) FROM pg_indexes WHERE schemaname = 'public'"
}

check_shape() { # check_shape DB LABEL: the target must have the source's keys and indexes
  local got
  got=$(schema_shape "$(db_url "$1")" 2>&1) || true
  if [ "$got" != "$src_shape" ]; then
    say ""
    say "!!!!!!!! FAILED: $2 left the target without the source's keys or indexes !!!!!!!!"
    diff <(printf '%s\n' "$src_shape") <(printf '%s\n' "$got") | sed 's/^/  /' >&2 || true
    say ""
    return 1
  fi
}

show_log() { say "--- last lines of $2 output ---"; tail -n 30 "$1" >&2; say "---"; }
keep_log() { cp "$1" "$results_dir/clone-$stamp-$2.log" 2>/dev/null || true; } # the last run's output, per tool

declare -A best_s best_rss status note
failed=0

record() { # record TOOL: keeps the best time and the largest RSS over the runs
  local tool=$1
  if [ -z "${best_s[$tool]:-}" ] || awk -v a="$elapsed" -v b="${best_s[$tool]}" 'BEGIN { exit !(a < b) }'; then
    best_s[$tool]=$elapsed
  fi
  if [ "${rss_kb:-0}" -gt "${best_rss[$tool]:-0}" ]; then best_rss[$tool]=$rss_kb; fi
  status[$tool]=ok
}

fail() { # fail TOOL REASON
  status[$1]=failed
  note[$1]=$2
  failed=1
}

run_dump() {
  local run=$1 db=tgt_dump start end st=0
  fresh_db $db
  settle
  say "[A] pg_dump --no-owner --no-acl | psql  (run $run/$RUNS)"
  local timer1=() timer2=() target
  if [ "$have_time" = 1 ]; then
    timer1=("$gnu_time" -v -o "$work/time.1")
    timer2=("$gnu_time" -v -o "$work/time.2")
  fi
  target=$(db_url $db)
  start=$(date +%s.%N)
  {
    "${timer1[@]}" pg_dump --no-owner --no-acl "$src_url" 2>"$work/dump.err" |
      "${timer2[@]}" psql -X -q -v ON_ERROR_STOP=1 "$target" >"$work/dump.log" 2>&1
  } &
  current=$!
  wait "$current" || st=$?
  current=
  end=$(date +%s.%N)
  elapsed=$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.3f", b - a }')
  # The two processes run at the same time: their peaks are added.
  rss_kb=$(peak_kb "$work/time.1" "$work/time.2")
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

run_pgcarry() { # run_pgcarry TOOL RUN: TOOL is pgcarry or pgcarry-novalidate
  local tool=$1 run=$2 db=tgt_pgcarry letter=C extra=() name
  if [ "$tool" = pgcarry-novalidate ]; then letter=D; extra=(--no-validate); fi
  name="pgcarry clone${extra[*]:+ ${extra[*]}}"
  fresh_db $db
  settle
  say "[$letter] pgcarry clone --jobs $JOBS${extra[*]:+ ${extra[*]}}${PGCARRY_ARGS:+ $PGCARRY_ARGS}  (run $run/$RUNS)"
  # shellcheck disable=SC2086 # PGCARRY_ARGS is a list of options
  if ! timed "$work/$tool.log" "$pgcarry" clone --from "$src_url" --to "$(db_url $db)" --jobs "$JOBS" "${extra[@]}" $PGCARRY_ARGS; then
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
    if want "$tool" && [ "$pgcarry_ok" = 1 ] && [ "${status[$tool]:-}" != failed ]; then run_pgcarry "$tool" "$run"; fi
  done
done

# ---------------------------------------------------------------- report

label() {
  case $1 in
    dump) echo "pg_dump | psql" ;;
    pgcopydb) echo "pgcopydb clone" ;;
    pgcarry) echo "pgcarry clone" ;;
    pgcarry-novalidate) echo "pgcarry clone --no-validate" ;;
  esac
}
skip_reason() {
  case $1 in
    pgcopydb) echo "pgcopydb not installed" ;;
    pgcarry | pgcarry-novalidate) echo "pgcarry clone not available yet" ;;
    *) echo "not measured" ;;
  esac
}
rate() { awk -v r="$total_rows" -v s="$1" 'BEGIN { printf "%.0f", r / s }'; }
ok() { [ "${status[$1]:-}" = ok ]; }

echo
echo "clone benchmark: PostgreSQL $PG_MAJOR, pgbench scale $SCALE + $PAYLOAD_ROWS payload rows = $total_rows rows, $((src_bytes / 1024 / 1024)) MB; best of $RUNS run(s); jobs $JOBS"
printf '%-28s %10s %12s %14s  %s\n' tool seconds rows/s "peak RSS MB" note
for tool in $ALL_TOOLS; do
  want "$tool" || continue
  case ${status[$tool]:-skipped} in
    ok)
      rss="n/a"; [ "${best_rss[$tool]:-0}" -gt 0 ] && rss=$(mb "${best_rss[$tool]}")
      printf '%-28s %10.2f %12s %14s  %s\n' "$(label "$tool")" "${best_s[$tool]}" "$(rate "${best_s[$tool]}")" "$rss" "${note[$tool]:-}" ;;
    failed)
      printf '%-28s %10s %12s %14s  %s\n' "$(label "$tool")" FAILED - - "${note[$tool]:-}" ;;
    *)
      printf '%-28s %10s %12s %14s  %s\n' "$(label "$tool")" skipped - - "$(skip_reason "$tool")" ;;
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
  for tool in $ALL_TOOLS; do
    want "$tool" || continue
    [ "$first" = 1 ] || printf ',\n'
    first=0
    st=${status[$tool]:-skipped}
    printf '    {"tool": %s, "status": %s' "$(jstr "$(label "$tool")")" "$(jstr "$st")"
    if [ "$st" = ok ]; then
      printf ', "seconds": %s, "rows_per_second": %s' "${best_s[$tool]}" "$(rate "${best_s[$tool]}")"
      if [ "${best_rss[$tool]:-0}" -gt 0 ]; then
        printf ', "peak_rss_mb": %s' "$(mb "${best_rss[$tool]}")"
      else
        printf ', "peak_rss_mb": null'
      fi
    fi
    if [ "$st" = skipped ]; then
      printf ', "note": %s' "$(jstr "$(skip_reason "$tool")")"
    elif [ -n "${note[$tool]:-}" ]; then
      printf ', "note": %s' "$(jstr "${note[$tool]}")"
    fi
    printf '}'
  done
  printf '\n  ],\n'
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
