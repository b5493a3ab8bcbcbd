# Helpers shared by the benchmark scripts; sourced, never run on its own. Needs bash 4.4 or newer.
# Sets root (this checkout), results_dir (bench/results) and pgcarry (the launcher measured: PGCARRY, or
# bin/pgcarry of this checkout).

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
results_dir="$root/bench/results"
pgcarry=${PGCARRY:-"$root/bin/pgcarry"}

say() { printf '%s\n' "$*" >&2; }
die() { say "error: $*"; exit 2; }
is_root() { [ "$(id -u)" = 0 ]; }
run_bg() { # run_bg COMMAND...: runs a command and returns its exit status
  "$@" &
  current=$!
  local st=0
  wait "$current" || st=$?
  current=
  return "$st"
}
kill_tree() { # kill_tree PID: ends a process and everything it started, children first
  local child
  for child in $(ps -o pid= --ppid "$1" 2>/dev/null); do
    kill_tree "$child"
  done
  kill "$1" 2>/dev/null || true
}
sql() { psql -X -q -v ON_ERROR_STOP=1 "$@"; }
sql_value() { psql -X -A -t -v ON_ERROR_STOP=1 "$@"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
mb() { awk -v k="$1" 'BEGIN { printf "%.0f", k / 1024 }'; }
jstr() { local s=${1//\\/\\\\}; s=${s//\"/\\\"}; printf '"%s"' "$s"; }

# ---------------------------------------------------------------- settings and prerequisites

apt_install() { # apt_install PACKAGE: installs a Debian package when running as root
  is_root || return 1
  apt-get install -y -qq "$1" >/dev/null 2>&1 && return 0
  apt-get update -qq >/dev/null 2>&1 || true
  apt-get install -y -qq "$1" >/dev/null 2>&1
}
use_pg_bindir() { # PG_BINDIR, a directory of PostgreSQL client programs, goes before PATH
  if [ -n "${PG_BINDIR:-}" ]; then
    PATH="$PG_BINDIR:$PATH"
    export PATH
  fi
}
whole_numbers() { # whole_numbers NAME...: stops unless each named setting is a whole number
  local name
  for name in "$@"; do
    case ${!name} in '' | *[!0-9]*) die "$name must be a whole number (it is '${!name}')" ;; esac
  done
}
require_programs() { # require_programs PROGRAM...: stops when one is not installed
  local program
  for program in "$@"; do
    command -v "$program" >/dev/null || die "$program is not installed"
  done
}
find_gnu_time() { # find_gnu_time: sets gnu_time (GNU time, the program, not the shell keyword) and have_time (1 or 0)
  gnu_time=$(type -P time || true)
  if [ -z "$gnu_time" ] && is_root; then
    say "installing GNU time (for CPU seconds and peak RSS)..."
    apt_install time || true
    gnu_time=$(type -P time || true)
  fi
  have_time=1
  if [ -z "$gnu_time" ]; then
    have_time=0
    say "note: GNU time is missing and could not be installed; CPU seconds and peak RSS are not measured"
  fi
}
build_pgcarry() { # builds this checkout when PGCARRY names no launcher and the jar is not there (needs $root)
  if [ -z "${PGCARRY:-}" ] && [ ! -f "$root/pgcarry-cli/target/pgcarry.jar" ]; then
    say "building pgcarry (mvn -q package -DskipTests)..."
    (cd "$root" && mvn -q package -DskipTests)
  fi
}
lists_command() { # lists_command LAUNCHER COMMAND [PARENT]: whether `LAUNCHER [PARENT] --help` lists COMMAND
  # An unknown subcommand prints the top-level usage with exit status 0, so the list of commands is
  # searched; the help is read whole first, since grep -q stopping early could fail the pipe (pipefail).
  local help
  help=$("$1" ${3:+"$3"} --help 2>&1 || true)
  grep -Eq "^ +$2( |\$)" <<<"$help"
}

# ---------------------------------------------------------------- throw-away servers and cleanup

# bench_workspace PREFIX: makes the directory $work, removed at the end, and sets the traps that end the
# step running in the background ($current, see run_bg) and every server start_server started, on exit,
# on Ctrl-C, on kill or on an error.
bench_workspace() {
  work=$(mktemp -d -t "$1.XXXXXX")
  server_pids=()
  current=
  trap bench_cleanup EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM
}
bench_cleanup() {
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
      kill_tree "$pid"
      kill -KILL "$pid" 2>/dev/null || true
    fi
    wait "$pid" 2>/dev/null || true
  done
  rm -rf "$work"
  exit "$status"
}
# start_server NAME: starts an embedded PostgreSQL $PG_MAJOR with `$pgcarry embedded start` and sets
# $server_url to its URL (database postgres). Tries three times, since a start can fail on a transient
# "the database system is starting up"; returns 1 when all three failed.
start_server() {
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
  return 1
}

# ---------------------------------------------------------------- measuring

# CPU time of the servers: every process under the launchers in server_pids (postmaster, its
# background processes and live backends) plus what the postmaster's ended children used (the kernel
# adds a reaped child's time to its parent's), so a step's share is the difference before and after.
clk_tck=$(getconf CLK_TCK)
server_ticks() {
  ps -e -o pid=,ppid= | awk -v roots="${server_pids[*]}" '
    { parent[$1] = $2 }
    END {
      n = split(roots, r, " ")
      for (i = 1; i <= n; i++) root[r[i]] = 1
      for (p in parent) {
        for (a = p; a in parent && !(a in root); a = parent[a]) {}
        if (!(a in root)) continue
        f = "/proc/" p "/stat"
        if ((getline line < f) > 0) {
          sub(/^.*\) /, "", line) # the fields after the command name, which may hold blanks
          split(line, v, " ")
          ticks += v[12] + v[13] + v[14] + v[15] # utime, stime, cutime, cstime
        }
        close(f)
      }
      print ticks + 0
    }'
}

seconds_since() { awk -v a="$1" -v b="$(date +%s.%N)" 'BEGIN { printf "%.3f", b - a }'; } # seconds_since START
peak_kb() { # peak_kb FILE...: sum of GNU time's "Maximum resident set size" over the files (0 when not measured)
  local f sum=0 v
  [ "$have_time" = 1 ] || { echo 0; return; }
  for f in "$@"; do
    v=$(awk -F': *' '/Maximum resident set size/ { print $2 }' "$f" 2>/dev/null || true)
    sum=$((sum + ${v:-0}))
  done
  echo "$sum"
}
client_cpu() { # client_cpu FILE...: user + system seconds over GNU time's files ("n/a" when not measured)
  [ "$have_time" = 1 ] || { echo n/a; return; }
  awk -F': *' '/User time \(seconds\)|System time \(seconds\)/ { s += $2 } END { printf "%.2f", s }' "$@" 2>/dev/null
}
# run_timed BASE COMMAND...: runs COMMAND in the background (see run_bg) with stdout to BASE.out and stderr
# to BASE.log; sets $elapsed (wall seconds), $cpu_s (user + system seconds, "n/a" without GNU time),
# $rss_kb (peak RSS, 0 when not measured) and $exit_status.
run_timed() {
  local base=$1 start
  shift
  rm -f "$work/time.txt"
  start=$(date +%s.%N)
  exit_status=0
  if [ "$have_time" = 1 ]; then
    run_bg "$gnu_time" -v -o "$work/time.txt" "$@" >"$base.out" 2>"$base.log" || exit_status=$?
  else
    run_bg "$@" >"$base.out" 2>"$base.log" || exit_status=$?
  fi
  elapsed=$(seconds_since "$start")
  cpu_s=$(client_cpu "$work/time.txt")
  rss_kb=$(peak_kb "$work/time.txt")
}
