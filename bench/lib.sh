# Helpers shared by the benchmark scripts; sourced, never run on its own.

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
