#!/usr/bin/env bash
# Benchmark: prove that two databases hold the same data.
#
# On one throw-away embedded server started by pgcarry itself, builds database `src` with
# pgbench and copies it to `dst` (CREATE DATABASE dst TEMPLATE src), then measures:
#   anchors         two one-query hashes of pgbench_accounts on src alone, through psql:
#                   sum(hashtext(t::text)) and a 64-bit slice of md5(t::text)
#   clean pass      pgcarry validate --jobs 2 on two identical databases (exit 0 expected)
#   one changed row the same after changing abalance of one row in dst; validate must exit 1
#                   and report exactly that aid as changed, in column abalance
#
# Settings (environment):
#   PG_MAJOR      server major version (default 17)
#   PG_BINDIR     directory with client programs (psql, pgbench) to use before those on PATH
#   SCALE         pgbench scale factor (default 30: 3,000,000 pgbench_accounts rows)
#   RUNS          runs of every measurement; the best wall time is kept (default 1)
#   JOBS          --jobs for pgcarry validate (default 2)
#   PGCARRY       pgcarry launcher to run (default: bin/pgcarry of this checkout)
#   PGCARRY_ARGS  extra options for pgcarry validate
#
# Prints the figures and the goal ratios and writes them as JSON to
# bench/results/validate-<timestamp>.json. Exits 1 when validate gave a wrong answer,
# 2 on a setup error, 0 otherwise (also when this build has no validate command yet).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=../lib.sh
. "$here/../lib.sh"

PG_MAJOR=${PG_MAJOR:-17}
SCALE=${SCALE:-30}
RUNS=${RUNS:-1}
JOBS=${JOBS:-2}
PGCARRY_ARGS=${PGCARRY_ARGS:-}
TABLES="pgbench_accounts pgbench_branches pgbench_tellers pgbench_history"

use_pg_bindir
whole_numbers SCALE RUNS JOBS PG_MAJOR
[ "$SCALE" -ge 1 ] || die "SCALE must be at least 1"
[ "$RUNS" -ge 1 ] || die "RUNS must be at least 1"

# The row the second pass changes: near the end of pgbench_accounts (2999999 at scale 30),
# so that a tool reading in key order meets it last.
changed_aid=$((SCALE * 100000 - 1))

# ---------------------------------------------------------------- prerequisites

require_programs psql pgbench java
find_gnu_time

client_major=$(psql --version | sed -E 's/^[^0-9]*([0-9]+).*/\1/')

build_pgcarry

validate_ok=0
if lists_command "$pgcarry" validate; then
  validate_ok=1
else
  say "pgcarry validate not available yet (bin/pgcarry --help lists no validate command); measuring the anchors only"
fi

stamp=$(date -u +%Y%m%dT%H%M%SZ)
mkdir -p "$results_dir"

# ---------------------------------------------------------------- server and cleanup

bench_workspace pgcarry-bench-validate

say "starting a PostgreSQL $PG_MAJOR server (both databases live on it)..."
start_server server || exit 2
admin=$server_url
src_url="${admin%/*}/src"
dst_url="${admin%/*}/dst"

# ---------------------------------------------------------------- data set

say "building database src: pgbench -i -s $SCALE..."
build_start=$(date +%s.%N)
sql "$admin" -c "CREATE DATABASE src"
run_bg pgbench -i -q -s "$SCALE" "$src_url" >"$work/pgbench.log" 2>&1 || { cat "$work/pgbench.log" >&2; exit 2; }

row_counts() { # row_counts URL: "table count" lines
  local t
  for t in $TABLES; do
    printf '%s %s\n' "$t" "$(sql_value "$1" -c "SELECT count(*) FROM $t")"
  done
}
src_counts=$(row_counts "$src_url")
total_rows=$(printf '%s\n' "$src_counts" | awk '{ s += $2 } END { print s }')
accounts_rows=$(printf '%s\n' "$src_counts" | awk '$1 == "pgbench_accounts" { print $2 }')
src_bytes=$(sql_value "$src_url" -c "SELECT pg_database_size(current_database())")

if [ "$validate_ok" = 1 ]; then
  say "copying src to dst (CREATE DATABASE dst TEMPLATE src)..."
  # The template must have no other connection; an autovacuum worker may hold one for a moment.
  for i in $(seq 1 30); do
    if sql "$admin" -c "CREATE DATABASE dst TEMPLATE src" 2>"$work/createdb.err"; then
      break
    fi
    if [ "$i" = 30 ] || ! grep -q 'being accessed by other users' "$work/createdb.err"; then
      cat "$work/createdb.err" >&2
      exit 2
    fi
    sleep 1
  done
fi
say "data set: $total_rows rows, $((src_bytes / 1024 / 1024)) MB per database (built in $(seconds_since "$build_start" | awk '{ printf "%.0f", $1 }') s)"
printf '%s\n' "$src_counts" | sed 's/^/  /' >&2

# Read every table once before timing anything, so that no measurement pays for a cold cache.
warm() { local t; for t in $TABLES; do sql_value "$1" -c "SELECT count(*) FROM $t" >/dev/null; done; }
warm "$src_url"
if [ "$validate_ok" = 1 ]; then warm "$dst_url"; fi

settle() { sql "$admin" -c CHECKPOINT; } # every run starts with no pending checkpoint work

# ---------------------------------------------------------------- anchors

anchor_names=("sum(hashtext)" "sum(md5 64-bit)")
anchor_queries=(
  "SELECT sum(hashtext(t::text)) FROM pgbench_accounts t"
  "SELECT sum(('x' || substr(md5(t::text), 1, 16))::bit(64)::bigint) FROM pgbench_accounts t"
)
anchor_s=()
for i in "${!anchor_queries[@]}"; do
  for run in $(seq 1 "$RUNS"); do
    settle
    say "[anchor] ${anchor_queries[$i]}  (run $run/$RUNS)"
    start=$(date +%s.%N)
    run_bg sql_value "$src_url" -c "${anchor_queries[$i]}" >/dev/null
    s=$(seconds_since "$start")
    if [ -z "${anchor_s[$i]:-}" ] || awk -v a="$s" -v b="${anchor_s[$i]}" 'BEGIN { exit !(a < b) }'; then
      anchor_s[$i]=$s
    fi
  done
done

# ---------------------------------------------------------------- pgcarry validate

# The JSON that validate prints is read by the server itself (jsonb), so the script needs no
# JSON tool. json_query FILE SQL: runs SQL with the file's text in the psql variable doc.
json_query() {
  printf '%s\n' "$2" >"$work/query.sql"
  sql_value "$admin" -v doc="$(cat "$1")" -f "$work/query.sql"
}

# One line per reported table: name (schema and quotes removed), passed, source rows, target rows, differences.
tables_sql="SELECT regexp_replace(regexp_replace(x->>'table', '^.*\\.', ''), '\"', '', 'g'),
                   x->>'passed', x->>'sourceRows', x->>'targetRows',
                   coalesce(jsonb_array_length(CASE jsonb_typeof(x->'differences') WHEN 'array' THEN x->'differences' END), 0)
            FROM jsonb_array_elements((:'doc')::jsonb->'tables') AS x ORDER BY 1"
# One line per reported difference: table, kind, key, columns (as JSON).
diffs_sql="SELECT regexp_replace(regexp_replace(x->>'table', '^.*\\.', ''), '\"', '', 'g'),
                  d->>'kind', d->>'key', coalesce((d->'columns')::text, 'null')
           FROM jsonb_array_elements((:'doc')::jsonb->'tables') AS x,
                jsonb_array_elements(CASE jsonb_typeof(x->'differences') WHEN 'array' THEN x->'differences' ELSE '[]' END) AS d
           ORDER BY 1, 3"

problems=()
problem() { problems+=("$1"); say "!!!!!!!! FAILED: $1 !!!!!!!!"; }

# check_tables FILE LABEL EXPECT: every pgbench table is reported with the source's row count on
# both sides; EXPECT is "clean" (all pass) or "changed" (only pgbench_accounts fails).
check_tables() {
  local file=$1 label=$2 expect=$3 report t want got
  if ! report=$(json_query "$file" "$tables_sql" 2>&1); then
    problem "$label: the output is not the JSON expected ($report)"
    return 1
  fi
  for t in $TABLES; do
    want=$(printf '%s\n' "$src_counts" | awk -v t="$t" '$1 == t { print $2 }')
    got=$(printf '%s\n' "$report" | awk -F'|' -v t="$t" '$1 == t')
    if [ -z "$got" ]; then
      problem "$label: table $t is missing from the JSON"
      continue
    fi
    if [ "$(printf '%s\n' "$got" | cut -d'|' -f3,4)" != "$want|$want" ]; then
      problem "$label: $t rows reported as $(printf '%s\n' "$got" | cut -d'|' -f3) (source) and $(printf '%s\n' "$got" | cut -d'|' -f4) (target), expected $want on both"
    fi
    if [ "$expect" = changed ] && [ "$t" = pgbench_accounts ]; then
      [ "$(printf '%s\n' "$got" | cut -d'|' -f2)" = false ] || problem "$label: $t is not reported as failed"
    else
      [ "$(printf '%s\n' "$got" | cut -d'|' -f2,5)" = "true|0" ] || problem "$label: $t is not reported as passed with no differences ($got)"
    fi
  done
}

show_output() { # show_output BASE LABEL: the last lines of a run's stderr and stdout
  say "--- $2: last lines of stderr ---"
  tail -n 20 "$1.log" >&2
  say "--- $2: first lines of stdout ---"
  head -c 3000 "$1.out" >&2
  say ""
  say "---"
}

keep_output() { # keep_output BASE PASS: the last run's output, beside the results
  cp "$1.log" "$results_dir/validate-$stamp-$2.log" 2>/dev/null || true
  cp "$1.out" "$results_dir/validate-$stamp-$2.out" 2>/dev/null || true
}

clean_s= clean_rss=0 changed_s= changed_rss=0 clean_ok=0 changed_ok=0 pass_s= changed_pass_s=
# validate's own time ("seconds" of its JSON): the whole command but the JVM's start-up.
own_seconds() { json_query "$1" "SELECT :'doc'::jsonb ->> 'seconds'"; }
if [ "$validate_ok" = 1 ]; then
  # shellcheck disable=SC2206 # PGCARRY_ARGS is a list of options
  extra=($PGCARRY_ARGS)
  validate=("$pgcarry" validate --from "$src_url" --to "$dst_url" --jobs "$JOBS" --json "${extra[@]}")

  # Clean pass: identical databases.
  clean_ok=1
  for run in $(seq 1 "$RUNS"); do
    settle
    say "[validate] clean pass: pgcarry validate --jobs $JOBS --json $PGCARRY_ARGS  (run $run/$RUNS)"
    run_timed "$work/clean" "${validate[@]}"
    keep_output "$work/clean" clean
    if [ "$exit_status" != 0 ]; then
      show_output "$work/clean" "clean pass"
      problem "clean pass: pgcarry validate exited $exit_status on identical databases (expected 0)"
      clean_ok=0
      break
    fi
    check_tables "$work/clean.out" "clean pass" clean || true
    if [ "${#problems[@]}" -gt 0 ]; then clean_ok=0; break; fi
    if [ -z "$clean_s" ] || awk -v a="$elapsed" -v b="$clean_s" 'BEGIN { exit !(a < b) }'; then clean_s=$elapsed; fi
    own=$(own_seconds "$work/clean.out")
    if [ -z "$pass_s" ] || awk -v a="$own" -v b="$pass_s" 'BEGIN { exit !(a < b) }'; then pass_s=$own; fi
    if [ "$rss_kb" -gt "$clean_rss" ]; then clean_rss=$rss_kb; fi
  done

  # One changed row.
  say "changing one row in dst: UPDATE pgbench_accounts SET abalance = abalance + 1 WHERE aid = $changed_aid"
  updated=$(sql_value -q "$dst_url" -c "UPDATE pgbench_accounts SET abalance = abalance + 1 WHERE aid = $changed_aid RETURNING aid")
  [ "$updated" = "$changed_aid" ] || die "the UPDATE changed no row with aid = $changed_aid"
  changed_ok=1
  expected_diff="pgbench_accounts|changed|aid=$changed_aid|[\"abalance\"]"
  for run in $(seq 1 "$RUNS"); do
    settle
    say "[validate] one changed row: pgbench_accounts aid = $changed_aid  (run $run/$RUNS)"
    run_timed "$work/changed" "${validate[@]}"
    keep_output "$work/changed" changed
    before=${#problems[@]}
    if [ "$exit_status" != 1 ]; then
      show_output "$work/changed" "one changed row"
      problem "one changed row: pgcarry validate exited $exit_status (expected 1: differences found)"
    fi
    if [ "$exit_status" = 0 ] || [ "$exit_status" = 1 ]; then
      check_tables "$work/changed.out" "one changed row" changed || true
      if diffs=$(json_query "$work/changed.out" "$diffs_sql" 2>&1); then
        if [ "$diffs" != "$expected_diff" ]; then
          say "expected exactly one difference:  $expected_diff"
          say "reported (table|kind|key|columns):"
          printf '%s\n' "${diffs:-(none)}" | sed 's/^/  /' >&2
          problem "one changed row: the JSON does not report exactly aid=$changed_aid as changed in column abalance"
        fi
      fi
    fi
    if [ "${#problems[@]}" -gt "$before" ]; then changed_ok=0; break; fi
    if [ -z "$changed_s" ] || awk -v a="$elapsed" -v b="$changed_s" 'BEGIN { exit !(a < b) }'; then changed_s=$elapsed; fi
    own=$(own_seconds "$work/changed.out")
    if [ -z "$changed_pass_s" ] || awk -v a="$own" -v b="$changed_pass_s" 'BEGIN { exit !(a < b) }'; then changed_pass_s=$own; fi
    if [ "$rss_kb" -gt "$changed_rss" ]; then changed_rss=$rss_kb; fi
  done
fi

# ---------------------------------------------------------------- report

per_s() { awk -v r="$1" -v s="$2" 'BEGIN { printf "%.0f", r / s }'; }
grouped() { printf '%s' "$1" | sed -E ':a; s/^([0-9]+)([0-9]{3})/\1,\2/; ta'; }

anchor_rate=()
for i in "${!anchor_queries[@]}"; do anchor_rate[$i]=$(per_s "$accounts_rows" "${anchor_s[$i]}"); done

echo
echo "validate benchmark: PostgreSQL $PG_MAJOR (one server, databases src and dst), pgbench scale $SCALE = $(grouped "$total_rows") rows, $((src_bytes / 1024 / 1024)) MB per database; best of $RUNS run(s); jobs $JOBS"
printf '%-42s %10s %14s %12s\n' "measurement" seconds "rows/s" "peak RSS MB"
for i in "${!anchor_queries[@]}"; do
  printf '%-42s %10.2f %14s %12s\n' "anchor ${anchor_names[$i]} on src" "${anchor_s[$i]}" "$(grouped "${anchor_rate[$i]}")" "-"
done
rss_text() { if [ "$have_time" = 1 ] && [ "$1" -gt 0 ]; then mb "$1"; else echo n/a; fi; }
if [ "$validate_ok" = 0 ]; then
  printf '%-42s %s\n' "pgcarry validate" "pgcarry validate not available yet"
else
  if [ "$clean_ok" = 1 ]; then
    printf '%-42s %10.2f %14s %12s\n' "pgcarry validate, clean (per side)" "$clean_s" "$(grouped "$(per_s "$total_rows" "$clean_s")")" "$(rss_text "$clean_rss")"
    printf '%-42s %10.2f %14s %12s\n' "  of which validate's own time" "$pass_s" "$(grouped "$(per_s "$total_rows" "$pass_s")")" "-"
  else
    printf '%-42s %10s\n' "pgcarry validate, clean" FAILED
  fi
  if [ "$changed_ok" = 1 ]; then
    printf '%-42s %10.2f %14s %12s\n' "pgcarry validate, one changed row" "$changed_s" "$(grouped "$(per_s "$total_rows" "$changed_s")")" "$(rss_text "$changed_rss")"
    printf '%-42s %10.2f %14s %12s\n' "  of which validate's own time" "$changed_pass_s" "$(grouped "$(per_s "$total_rows" "$changed_pass_s")")" "-"
  else
    printf '%-42s %10s\n' "pgcarry validate, one changed row" FAILED
  fi
fi
echo

rate_json=null pass_rate=null changed_ratio=null anchor_ratio=null peak_mb=null
if [ "$clean_ok" = 1 ]; then
  rate_json=$(per_s "$total_rows" "$clean_s")
  anchor_ratio=$(ratio "$rate_json" "${anchor_rate[0]}")
  pass_rate=$(per_s "$total_rows" "$pass_s")
  echo "validate full pass: $(grouped "$pass_rate") rows/s per side in validate's own time, $(grouped "$rate_json") counting the JVM's start-up (goal >= 3M rows/s)"
else
  echo "validate full pass: n/a (goal >= 3M rows/s)"
fi
if [ "$clean_ok" = 1 ] && [ "$changed_ok" = 1 ]; then
  changed_ratio=$(ratio "$changed_s" "$clean_s")
  echo "finding one changed row: ${changed_ratio}x the time of a clean pass, $(ratio "$changed_pass_s" "$pass_s")x in validate's own time (goal <= 2x)"
else
  echo "finding one changed row: n/a (goal <= 2x)"
fi
if [ "$anchor_ratio" != null ]; then
  echo "validate vs sum(hashtext) anchor: ${anchor_ratio}x"
else
  echo "validate vs sum(hashtext) anchor: n/a"
fi
peak_kb=$((clean_rss > changed_rss ? clean_rss : changed_rss))
if [ "$validate_ok" = 1 ] && [ "$have_time" = 1 ] && [ "$peak_kb" -gt 0 ]; then
  peak_mb=$(mb "$peak_kb")
  echo "peak RSS: $peak_mb MB (bounded)"
else
  echo "peak RSS: n/a (bounded)"
fi

# JSON, written by hand so that the script needs nothing beyond bash and awk.
jnum() { if [ -n "$1" ]; then printf '%s' "$1"; else printf 'null'; fi; }
pass_json() { # pass_json OK SECONDS RSS_KB
  if [ "$1" = 1 ]; then
    printf '{"status": "ok", "seconds": %s, "rows_per_second_per_side": %s, "peak_rss_mb": %s}' \
      "$2" "$(per_s "$total_rows" "$2")" "$(if [ "$3" -gt 0 ]; then mb "$3"; else echo null; fi)"
  else
    printf '{"status": "failed"}'
  fi
}
json="$results_dir/validate-$stamp.json"
{
  printf '{\n'
  printf '  "benchmark": "validate",\n'
  printf '  "timestamp": %s,\n' "$(jstr "$stamp")"
  printf '  "pg_major": %s,\n' "$PG_MAJOR"
  printf '  "client_major": %s,\n' "$client_major"
  printf '  "servers": 1,\n'
  printf '  "scale": %s,\n' "$SCALE"
  printf '  "runs": %s,\n' "$RUNS"
  printf '  "jobs": %s,\n' "$JOBS"
  printf '  "pgcarry_args": %s,\n' "$(jstr "$PGCARRY_ARGS")"
  printf '  "machine": {"cpus": %s, "memory_kb": %s},\n' "$(nproc)" "$(free -k | awk '/^Mem:/ { print $2 }')"
  printf '  "database_bytes": %s,\n' "$src_bytes"
  printf '  "total_rows": %s,\n' "$total_rows"
  printf '  "rows": {'
  printf '%s\n' "$src_counts" | awk '{ printf "%s\"%s\": %s", (NR > 1 ? ", " : ""), $1, $2 }'
  printf '},\n'
  printf '  "anchors": [\n'
  for i in "${!anchor_queries[@]}"; do
    [ "$i" = 0 ] || printf ',\n'
    printf '    {"name": %s, "query": %s, "seconds": %s, "rows_per_second": %s}' \
      "$(jstr "${anchor_names[$i]}")" "$(jstr "${anchor_queries[$i]}")" "${anchor_s[$i]}" "${anchor_rate[$i]}"
  done
  printf '\n  ],\n'
  if [ "$validate_ok" = 1 ]; then
    printf '  "validate": {"status": %s, "changed_aid": %s,\n' \
      "$(jstr "$( [ "$clean_ok$changed_ok" = 11 ] && echo ok || echo failed)")" "$changed_aid"
    printf '    "clean": %s,\n' "$(pass_json "$clean_ok" "$clean_s" "$clean_rss")"
    printf '    "one_changed_row": %s' "$(pass_json "$changed_ok" "$changed_s" "$changed_rss")"
    if [ "${#problems[@]}" -gt 0 ]; then
      printf ',\n    "problems": ['
      for i in "${!problems[@]}"; do
        [ "$i" = 0 ] || printf ', '
        jstr "${problems[$i]}"
      done
      printf ']'
    fi
    printf '},\n'
  else
    printf '  "validate": {"status": "skipped", "note": "pgcarry validate not available yet"},\n'
  fi
  printf '  "ratios": {"validate_rows_per_second_per_side": %s, "validate_own_time_rows_per_second_per_side": %s, "one_changed_row_vs_clean": %s, "validate_vs_hashtext_anchor": %s, "peak_rss_mb": %s},\n' \
    "$(jnum "$rate_json")" "$(jnum "${pass_rate:-null}")" "$(jnum "$changed_ratio")" "$(jnum "$anchor_ratio")" "$(jnum "$peak_mb")"
  printf '  "goals": {"validate_rows_per_second_per_side_min": 3000000, "one_changed_row_vs_clean_max": 2, "peak_rss": "bounded"}\n'
  printf '}\n'
} >"$json"
if [ "$validate_ok" = 1 ]; then
  echo "results: bench/results/$(basename "$json") (validate's output: bench/results/validate-$stamp-{clean,changed}.{out,log})"
else
  echo "results: bench/results/$(basename "$json")"
  echo "pgcarry validate not available yet"
fi

if [ "${#problems[@]}" -gt 0 ]; then
  say ""
  say "pgcarry validate gave a WRONG ANSWER:"
  printf '  %s\n' "${problems[@]}" >&2
  exit 1
fi
