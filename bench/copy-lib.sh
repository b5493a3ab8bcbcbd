# Shared by bench/move/run.sh, bench/clone/run.sh and bench/backup/run.sh, which carry the same
# data set between two embedded servers; sourced after lib.sh, never run on its own.
#
# The caller sets: here, root, results_dir, pgcarry, SCALE, PAYLOAD_ROWS, RUNS, JOBS, TOOLS, TABLES,
# BENCH (the name used for result files) and PGCARRY_COMMAND (the pgcarry command measured).
# This file checks the settings and prerequisites, starts the source and target servers (stopped
# on exit), builds the data set on the source, and defines the measuring helpers: pgcarry_lists,
# timed, fresh_db, settle, check_counts, check_shape, show_log, keep_log, record and fail.

if [ -n "${PG_BINDIR:-}" ]; then
  PATH="$PG_BINDIR:$PATH"
  export PATH
fi

case "$SCALE$PAYLOAD_ROWS$RUNS$JOBS${PG_MAJOR:-}" in
  *[!0-9]*) die "SCALE, PAYLOAD_ROWS, RUNS, JOBS and PG_MAJOR must be whole numbers" ;;
esac
[ "$RUNS" -ge 1 ] || die "RUNS must be at least 1"

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

# `pgcarry COMMAND --help` is not a reliable probe (an unknown subcommand prints the top-level usage
# with exit status 0, and a command may lack --help), so look for the command in the list of commands.
# Read the help text first: `grep -q` stops at its first match, which under pipefail can fail the pipe.
help_text=
pgcarry_lists() { # pgcarry_lists COMMAND: whether `pgcarry --help` lists COMMAND
  [ -n "$help_text" ] || help_text=$("$pgcarry" --help 2>&1 || true)
  grep -Eq "^ +$1( |\$)" <<<"$help_text"
}

pgcarry_ok=0
if want_pgcarry; then
  if pgcarry_lists "$PGCARRY_COMMAND"; then
    pgcarry_ok=1
  else
    say "pgcarry $PGCARRY_COMMAND not available yet"
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

peak_kb() { # peak_kb FILE...: sum of "Maximum resident set size" over the files (0 when not measured)
  local f sum=0 v
  [ "$have_time" = 1 ] || { echo 0; return; }
  for f in "$@"; do
    v=$(awk -F': *' '/Maximum resident set size/ { print $2 }' "$f" 2>/dev/null || true)
    sum=$((sum + ${v:-0}))
  done
  echo "$sum"
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
