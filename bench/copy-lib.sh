# Shared by bench/move/run.sh, bench/clone/run.sh and bench/backup/run.sh, which carry the same
# data set between two embedded servers; sourced after lib.sh, never run on its own.
#
# The caller sets: here, root, results_dir, pgcarry, SCALE, PAYLOAD_ROWS, RUNS, JOBS, TOOLS, TABLES,
# BENCH (the name used for result files) and PGCARRY_COMMAND (the pgcarry command measured).
# This file checks the settings and prerequisites, starts the source and target servers (stopped
# on exit), builds the data set on the source, and defines the measuring helpers: pgcarry_lists,
# timed, measure_start, measure_end, fresh_db, settle, check_counts, check_shape, show_log, keep_log,
# record, fail, ok, rate, figures_json, and for PGCARRY_BASELINE (an older pgcarry measured beside
# the new one, alternately) sides, launcher, baseline_label, compare_baseline and baseline_json.

use_pg_bindir
whole_numbers SCALE PAYLOAD_ROWS RUNS JOBS
[ -z "${PG_MAJOR:-}" ] || whole_numbers PG_MAJOR
[ "$RUNS" -ge 1 ] || die "RUNS must be at least 1"

# ---------------------------------------------------------------- prerequisites

require_programs pg_dump psql pgbench java
find_gnu_time

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

build_pgcarry

want() { case " $TOOLS " in *" $1 "*) return 0 ;; *) return 1 ;; esac; }
want_pgcarry() { case " $TOOLS " in *" pgcarry"*) return 0 ;; *) return 1 ;; esac; } # any pgcarry variant

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

pgcarry_lists() { lists_command "$pgcarry" "$1"; } # pgcarry_lists COMMAND: whether `pgcarry --help` lists COMMAND

pgcarry_ok=0
if want_pgcarry; then
  if pgcarry_lists "$PGCARRY_COMMAND"; then
    pgcarry_ok=1
  else
    say "pgcarry $PGCARRY_COMMAND not available yet"
  fi
fi

# PGCARRY_BASELINE: another pgcarry launcher (a build of an older commit, say) measured in the same
# run as "pgcarry ... (baseline)", each of its runs beside the new one's and in alternating order,
# so that whatever else loads the machine falls on both; the report gives new / baseline ratios.
baseline=${PGCARRY_BASELINE:-}
baseline_ok=0
baseline_lists() { lists_command "$baseline" "$1"; } # baseline_lists COMMAND: whether the baseline's --help lists COMMAND
if [ -n "$baseline" ] && want_pgcarry; then
  [ -x "$baseline" ] || die "PGCARRY_BASELINE=$baseline is not an executable pgcarry launcher"
  if baseline_lists "$PGCARRY_COMMAND"; then
    baseline_ok=1
  else
    say "the baseline pgcarry has no $PGCARRY_COMMAND command; measuring the new one alone"
  fi
fi

sides() { # sides RUN: which pgcarry builds to run, in order: the baseline first in odd runs
  if [ "$baseline_ok" = 0 ]; then
    echo new
  elif [ $(($1 % 2)) = 1 ]; then
    echo baseline new
  else
    echo new baseline
  fi
}
suffix() { [ "$1" = baseline ] && echo -baseline || true; } # suffix SIDE: of the side's tool names
launcher() { if [ "$1" = baseline ]; then echo "$baseline"; else echo "$pgcarry"; fi; } # launcher SIDE
baseline_label() { # baseline_label TOOL LABEL: LABEL, marked when TOOL is a baseline tool
  case $1 in *-baseline) echo "$2 (baseline)" ;; *) echo "$2" ;; esac
}

stamp=$(date -u +%Y%m%dT%H%M%SZ)
mkdir -p "$results_dir"

# ---------------------------------------------------------------- servers and cleanup

bench_workspace pgcarry-bench

say "starting source and target PostgreSQL $PG_MAJOR servers..."
start_server source || exit 1
src_admin=$server_url
start_server target || exit 1
tgt_admin=$server_url
src_url="${src_admin%/*}/bench"
db_url() { printf '%s/%s\n' "${tgt_admin%/*}" "$1"; }

# ---------------------------------------------------------------- data set

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

# Runs "$@" and records what measure_end records. (run_dump times its pg_dump | psql pipeline itself.)
timed() {
  local out=$1; shift
  local status=0
  measure_start
  if [ "$have_time" = 1 ]; then
    run_bg "$gnu_time" -v -o "$work/time.0" "$@" >"$out" 2>&1 || status=$?
  else
    run_bg "$@" >"$out" 2>&1 || status=$?
  fi
  measure_end "$work/time.0"
  rm -f "$work/time.0"
  return "$status"
}

measure_start() { server_ticks0=$(server_ticks); start_s=$(date +%s.%N); }

# measure_end TIME_FILE...: sets $elapsed (wall seconds since measure_start), $rss_kb (the files' peak
# RSS, added), $cpu_s (the files' user + system seconds: the client side) and $server_cpu_s (CPU
# seconds both servers spent meanwhile), and says them.
measure_end() {
  local end_s
  end_s=$(date +%s.%N)
  elapsed=$(awk -v a="$start_s" -v b="$end_s" 'BEGIN { printf "%.3f", b - a }')
  server_cpu_s=$(awk -v a="$server_ticks0" -v b="$(server_ticks)" -v hz="$clk_tck" 'BEGIN { printf "%.2f", (b - a) / hz }')
  rss_kb=$(peak_kb "$@")
  cpu_s=$(client_cpu "$@")
  say "    $elapsed s; CPU seconds: ${cpu_s} client, $server_cpu_s servers; peak RSS $([ "$rss_kb" -gt 0 ] && mb "$rss_kb" || echo n/a) MB"
}

fresh_db() { # fresh_db NAME [schema]: (re)creates a target database, with the source schema when asked
  sql "$tgt_admin" -c "SET client_min_messages = warning" -c "DROP DATABASE IF EXISTS $1" -c "CREATE DATABASE $1"
  if [ "${2:-}" = schema ]; then
    pg_dump --schema-only --no-owner --no-acl "$src_url" | sql "$(db_url "$1")" >/dev/null
  fi
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
keep_log() { cp "$1" "$results_dir/$BENCH-$stamp-$2.log" 2>/dev/null || true; } # the last run's output, per tool

declare -A best_s best_rss best_cpu best_server_cpu runs_s runs_cpu runs_server_cpu status note
failed=0

lower() { [ -z "$2" ] || awk -v a="$1" -v b="$2" 'BEGIN { exit !(a < b) }'; } # lower A B: A < B, or no B

record() { # record TOOL: keeps the best time, the lowest CPU seconds and the largest RSS over the runs
  local tool=$1
  if lower "$elapsed" "${best_s[$tool]:-}"; then best_s[$tool]=$elapsed; fi
  if [ "$cpu_s" != n/a ] && lower "$cpu_s" "${best_cpu[$tool]:-}"; then best_cpu[$tool]=$cpu_s; fi
  if lower "$server_cpu_s" "${best_server_cpu[$tool]:-}"; then best_server_cpu[$tool]=$server_cpu_s; fi
  if [ "${rss_kb:-0}" -gt "${best_rss[$tool]:-0}" ]; then best_rss[$tool]=$rss_kb; fi
  runs_s[$tool]+="${runs_s[$tool]:+, }$elapsed"
  runs_cpu[$tool]+="${runs_cpu[$tool]:+, }${cpu_s/n\/a/null}"
  runs_server_cpu[$tool]+="${runs_server_cpu[$tool]:+, }$server_cpu_s"
  status[$tool]=ok
}

fail() { # fail TOOL REASON
  status[$1]=failed
  note[$1]=$2
  failed=1
}

ok() { [ "${status[$1]:-}" = ok ]; }
rate() { awk -v r="$total_rows" -v s="$1" 'BEGIN { printf "%.0f", r / s }'; }
rss_or_na() { if [ "${best_rss[$1]:-0}" -gt 0 ]; then mb "${best_rss[$1]}"; else echo n/a; fi; } # rss_or_na TOOL

figures_json() { # figures_json TOOL: the JSON fields of a tool that ran, from ", \"seconds\"" on
  printf ', "seconds": %s, "rows_per_second": %s, "peak_rss_mb": %s' \
    "${best_s[$1]}" "$(rate "${best_s[$1]}")" "$(rss_or_na "$1" | sed 's|n/a|null|')"
  printf ', "cpu_seconds": %s, "server_cpu_seconds": %s' "${best_cpu[$1]:-null}" "${best_server_cpu[$1]}"
  printf ', "runs": {"seconds": [%s], "cpu_seconds": [%s], "server_cpu_seconds": [%s]}' \
    "${runs_s[$1]}" "${runs_cpu[$1]}" "${runs_server_cpu[$1]}"
}

# New / baseline ratios of TOOL against TOOL-baseline: best wall time, lowest client CPU seconds,
# lowest server CPU seconds and largest peak RSS; above 1.00 the new build is slower or larger.
baseline_ratios() { # baseline_ratios TOOL: "wall CPU servers RSS" ratios, "null" where not measured
  local new=$1 old=$1-baseline r k
  for k in best_s best_cpu best_server_cpu best_rss; do
    local -n m=$k
    r=null
    if [ -n "${m[$new]:-}" ] && [ -n "${m[$old]:-}" ] && awk -v b="${m[$old]}" 'BEGIN { exit !(b > 0) }'; then
      r=$(ratio "${m[$new]}" "${m[$old]}")
    fi
    printf '%s ' "$r"
  done
}
compare_baseline() { # compare_baseline TOOL LABEL: prints TOOL's new / baseline line
  local r
  if ! ok "$1" || ! ok "$1-baseline"; then
    echo "$2 new / baseline: n/a"
    return
  fi
  read -r -a r <<<"$(baseline_ratios "$1")"
  printf '%s new / baseline: wall %s (%.2f / %.2f s), CPU %s (%s / %s s), server CPU %s (%s / %s s), peak RSS %s (%s / %s MB)\n' \
    "$2" "${r[0]}" "${best_s[$1]}" "${best_s[$1-baseline]}" "${r[1]}" "${best_cpu[$1]:-n/a}" "${best_cpu[$1-baseline]:-n/a}" \
    "${r[2]}" "${best_server_cpu[$1]}" "${best_server_cpu[$1-baseline]}" "${r[3]}" "$(rss_or_na "$1")" "$(rss_or_na "$1-baseline")"
}
commit_of() { git -C "$(dirname "$1")" rev-parse --short HEAD 2>/dev/null || echo unknown; } # commit_of LAUNCHER
baseline_json() { # baseline_json TOOL...: the "baseline" member of the JSON (null without a baseline)
  local tool first=1 r
  if [ "$baseline_ok" = 0 ]; then printf '  "baseline": null,\n'; return; fi
  printf '  "baseline": {"commit": %s, "new_commit": %s, "new_vs_baseline": {' "$(jstr "$(commit_of "$baseline")")" "$(jstr "$(commit_of "$pgcarry")")"
  for tool in "$@"; do
    ok "$tool" && ok "$tool-baseline" || continue
    read -r -a r <<<"$(baseline_ratios "$tool")"
    [ "$first" = 1 ] || printf ', '
    first=0
    printf '"%s": {"seconds": %s, "cpu_seconds": %s, "server_cpu_seconds": %s, "peak_rss_mb": %s}' "$tool" "${r[@]}"
  done
  printf '}},\n'
}
