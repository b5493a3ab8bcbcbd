#!/usr/bin/env bash
# Builds PostgreSQL's own regression database (the one pg_upgrade's test holds pg_dump to) on a throw-away
# PostgreSQL 15 server and measures how faithfully each way of copying it carries the schema: pg_dump | psql
# (the anchor) and pgcarry's schema dump, clone, backup + restore and move. Prints, per round trip, the exit
# codes, the first error, the lines by which `pg_dump --schema-only` of the copy differs from the original's
# (per pg_dump object kind) and whether `pgcarry validate` finds the data equal; writes the summary to
# fidelity/RESULTS.md. See fidelity/README.md.
#
# Usage: fidelity/regression.sh [anchor|schema|clone|restore|move]...   (default: all five)
# Run as root on Debian 12 (it installs what it lacks with apt-get and runs the server as user postgres).
set -euo pipefail
export LC_ALL=C  # one sort order for comm, and untranslated messages to search

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/.." && pwd)
PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}
cache=${FIDELITY_CACHE:-$here/.cache}
out=$here/out
limit=${FIDELITY_TIMEOUT:-3600}
server_user=${FIDELITY_SERVER_USER:-postgres}
all=(anchor schema clone restore move)
selected=("$@")
[ ${#selected[@]} -gt 0 ] || selected=("${all[@]}")

. "$here/lib.sh"

for rt in "${selected[@]}"; do
  case " ${all[*]} " in *" $rt "*) ;; *) die "unknown round trip '$rt' (one of: ${all[*]})" ;; esac
done
if is_root; then id -u "$server_user" >/dev/null 2>&1 || die "user $server_user missing (FIDELITY_SERVER_USER)"; fi

# Other builds share this machine: everything below, servers included, runs at a lower priority.
renice -n "${FIDELITY_NICE:-10}" $$ >/dev/null 2>&1 || true

rm -rf "$out"
mkdir -p "$out" "$cache"
log=$out/setup.log
work=$(mktemp -d "${TMPDIR:-/tmp}/pgcarry-fidelity.XXXXXX")
chmod 755 "$work"
cleanup() {
  stop_server
  [ -n "${FIDELITY_KEEP:-}" ] && say "kept $work" || rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM HUP

ensure_packages
fetch_source
pgcarry=$repo/bin/pgcarry
if [ ! -f "$repo/pgcarry-cli/target/pgcarry.jar" ]; then
  say "building pgcarry (mvn -q package -DskipTests)"
  (cd "$repo" && mvn -q package -DskipTests) >>"$log" 2>&1 || die "the build failed (see $log)"
fi
prepare_tests
start_server
say "server PostgreSQL $("$PGBIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$port"

# The regression database, as pg_upgrade's test makes it: pg_regress against the running server (installcheck
# mode: it creates database regression itself with the settings the tests expect). Some tests may fail on a
# machine's locale or settings; what matters here is the objects they leave behind, so failures are reported,
# not fatal.
say "running the regression schedule (several minutes)"
regress_status=0
as_server "$pg_regress" --host=127.0.0.1 --port="$port" --user=postgres --bindir="$PGBIN" \
  --dlpath="$work/lib" --inputdir="$work/regress" --outputdir="$work/regress" \
  --schedule="$work/regress/parallel_schedule" --max-concurrent-tests=20 >"$out/pg_regress.log" 2>&1 \
  || regress_status=$?
regress_summary=$(grep -E 'tests (passed|failed)|All [0-9]+ tests' "$out/pg_regress.log" | tr -s ' ' | sed 's/^ //' | head -n1)
[ -n "$regress_summary" ] || regress_summary="pg_regress exited $regress_status"
say "pg_regress: $regress_summary"
cp "$work/regress/regression.diffs" "$out/" 2>/dev/null || true
"$PGBIN/psql" -X -Atc 'select 1' regression >/dev/null || die "database regression was not created (see $out/pg_regress.log)"

url() { printf 'postgresql://postgres@127.0.0.1:%s/%s' "$port" "$1"; }
pgc() { timeout "$limit" "$pgcarry" --no-color "$@"; }
# FIDELITY_SKIP_UNMODELLED=1 lets schema dump, clone and backup leave out what pgcarry refuses to carry (security
# labels, say), to measure how the rest arrives.
skip=()
[ -n "${FIDELITY_SKIP_UNMODELLED:-}" ] && skip=(--skip-unmodelled)
# pg_dump carries owners, grants and default privileges by default; pgcarry when asked (a restore takes them from
# the archive).
privileges=(--with-privileges)
# The first failure a log shows: pgcarry's "error:", a finding of its preflight check (ERROR CODE object, with
# the explanation on the next line) or a server error that psql printed, whichever comes first.
first_error() {
  local line
  line=$(awk '
    /^ERROR +[A-Z_]+ / { l = $0; getline n; sub(/^ +/, "", n); print l ": " n; exit }
    /^error: |ERROR: |FATAL: / { sub(/^psql:/, ""); sub(/^[^ ]*\//, ""); print; exit }' "$1")
  line=${line//"$work"/WORK}
  line=${line//"$out"/fidelity/out}
  printf '%s' "$line" | tr -s ' ' | cut -c1-220
}
count_errors() { grep -c -E '^error: |^ERROR +[A-Z_]+ |ERROR: ' "$1" || true; }
count_warnings() { grep -c -E '^warning: |^WARNING +[A-Z_]+ ' "$1" || true; }
# pg_dump --schema-only without the \restrict lines, whose key is random in every dump (PostgreSQL 15.14 on).
schema_of() { "$PGBIN/pg_dump" --schema-only "$1" | sed -E '/^\\(un)?restrict /d'; }
# "tables 0/427 differ, orphans 0/12, sequences 8/28 behind", from the output of pgcarry validate.
data_of() {
  local f=$1 status=$2 tables refs seqs t r q m
  read -r tables refs seqs < <(sed -nE 's/^validation.* ([0-9]+) tables, ([0-9]+) references, ([0-9]+) sequences.*/\1 \2 \3/p' "$f") || true
  if [ -z "${tables:-}" ]; then
    printf 'validate %s: %s' "$status" "$(first_error "$f" | cut -c1-120)"
    return
  fi
  m=$(grep -c '^FAIL   TABLE_MISSING ' "$f" || true)
  if [ "$m" -gt 0 ]; then
    printf 'validate %s: %s tables missing in the copy' "$status" "$m"
    return
  fi
  q=$(grep -c '^FAIL   sequence ' "$f" || true)
  r=$(grep -E '^FAIL ' "$f" | grep -c ' orphans' || true)
  t=$(( $(grep -c '^FAIL ' "$f" || true) - q - r ))
  printf 'validate %s: tables %s/%s differ, orphans %s/%s, sequences %s/%s behind' "$status" "$t" "$tables" "$r" "$refs" "$q" "$seqs"
}
fresh_db() { "$PGBIN/dropdb" --if-exists "$1" 2>/dev/null && "$PGBIN/createdb" -T template0 "$1"; }
schema_of regression >"$out/regression.sql"

# The five round trips. Each sets: exit (the commands' exit codes), and writes its output to $out/NAME.log.
trip_anchor() {
  fresh_db fid_anchor
  local st
  set +e
  "$PGBIN/pg_dump" regression 2>>"$out/anchor.log" | "$PGBIN/psql" -X -q -o /dev/null fid_anchor >>"$out/anchor.log" 2>&1
  st=("${PIPESTATUS[@]}")
  set -e
  exit_text="pg_dump ${st[0]}, psql ${st[1]}"
}
trip_schema() {
  fresh_db fid_schema
  local d=0 p=0
  pgc schema dump "${skip[@]}" "${privileges[@]}" --from "$(url regression)" >"$out/schema-dump.sql" 2>>"$out/schema.log" || d=$?
  "$PGBIN/psql" -X -q -o /dev/null -f "$out/schema-dump.sql" fid_schema >>"$out/schema.log" 2>&1 || p=$?
  exit_text="schema dump $d, psql $p"
}
trip_clone() {
  fresh_db fid_clone
  local c=0
  pgc clone "${skip[@]}" "${privileges[@]}" --from "$(url regression)" --to "$(url fid_clone)" >>"$out/clone.log" 2>&1 || c=$?
  exit_text="clone $c"
}
trip_restore() {
  fresh_db fid_restore
  local b=0 r=0
  rm -rf "$work/backups"
  # The regression database has functions in C (regress.so): pgcarry archives those only signed.
  od -An -tx1 -N32 /dev/urandom | tr -d ' \n' >"$work/sign.key"
  chmod 600 "$work/sign.key"
  pgc backup "${skip[@]}" "${privileges[@]}" --sign-key-file "$work/sign.key" --from "$(url regression)" --out "$work/backups" --file regression \
    >>"$out/restore.log" 2>&1 || b=$?
  if [ -e "$work/backups/regression.pgcarry" ]; then
    pgc restore "$work/backups/regression.pgcarry" --sign-key-file "$work/sign.key" --to "$(url fid_restore)" \
      >>"$out/restore.log" 2>&1 || r=$?
    exit_text="backup $b, restore $r"
  else
    exit_text="backup $b, restore not run (no archive)"
  fi
}
trip_move() {
  fresh_db fid_move
  local s=0 m=0
  "$PGBIN/pg_dump" --schema-only regression | "$PGBIN/psql" -X -q -o /dev/null fid_move >>"$out/move-schema.log" 2>&1 || s=$?
  # The regression tests' triggers (some of them PL/pgSQL naming tables without a schema, some checking rows of
  # other tables) must not fire on rows the source already holds, as they do not on pg_dump's data: the triggers of
  # the empty target tables are disabled for the load and re-enabled after it.
  pgc move --disable-triggers --from "$(url regression)" --to "$(url fid_move)" >>"$out/move.log" 2>&1 || m=$?
  exit_text="move $m"
}

# Compares pg_dump --schema-only of the copy with the original's; writes NAME.diff and NAME.kinds.
compare() {
  local name=$1 db=$2
  schema_of "$db" >"$out/$name.sql" 2>>"$out/$name.log" || true
  diff "$out/regression.sql" "$out/$name.sql" >"$out/$name.diff" || true
  diff --unchanged-line-format= --old-line-format='<%dn
' --new-line-format='>%dn
' "$out/regression.sql" "$out/$name.sql" >"$out/$name.marks" || true
  awk -f "$here/kinds.awk" part=1 "$out/regression.sql" part=2 "$out/$name.sql" part=3 "$out/$name.marks" \
    | sort >"$out/$name.kinds"
  rm -f "$out/$name.marks"
}

declare -A r_exit r_errors r_warnings r_first r_lines r_objects r_data
# The control: the original validated against itself, so that checks failing on the original itself (a
# sequence behind its identity column, as some tests leave them) are not read as a loss.
v=0
pgc validate --from "$(url regression)" --to "$(url regression)" >"$out/control.validate.log" 2>&1 || v=$?
control_data=$(data_of "$out/control.validate.log" "$v")
say "control (the original validated against itself): $control_data"
for rt in "${selected[@]}"; do
  say "round trip: $rt"
  : >"$out/$rt.log"
  exit_text=
  "trip_$rt"
  db=fid_$rt
  compare "$rt" "$db"
  r_exit[$rt]=$exit_text
  r_errors[$rt]=$(count_errors "$out/$rt.log")
  r_warnings[$rt]=$(count_warnings "$out/$rt.log")
  r_first[$rt]=$(first_error "$out/$rt.log")
  # Objects: pg_dump TOC entries of the original that the copy lacks, and the copy's that the original lacks.
  r_objects[$rt]="$(comm -23 <(grep '^-- Name: ' "$out/regression.sql" | sort) <(grep '^-- Name: ' "$out/$rt.sql" | sort) | wc -l)/$(comm -13 <(grep '^-- Name: ' "$out/regression.sql" | sort) <(grep '^-- Name: ' "$out/$rt.sql" | sort) | wc -l)"
  r_lines[$rt]=$(awk -F'\t' '{ s += $2 + $3 } END { print s + 0 }' "$out/$rt.kinds")
  if [ "$rt" = schema ]; then
    r_data[$rt]="n/a (schema only)"
  else
    v=0
    pgc validate --from "$(url regression)" --to "$(url "$db")" >"$out/$rt.validate.log" 2>&1 || v=$?
    r_data[$rt]=$(data_of "$out/$rt.validate.log" "$v")
  fi
  say "  ${r_exit[$rt]}; ${r_lines[$rt]} differing lines; data: ${r_data[$rt]}"
done

. "$here/report.sh"
write_report >"$out/RESULTS.md"
cat "$out/RESULTS.md"
if [ ${#selected[@]} -eq ${#all[@]} ]; then
  cp "$out/RESULTS.md" "$here/RESULTS.md"
  say "written to fidelity/RESULTS.md; dumps, diffs and logs in fidelity/out/"
else
  say "a partial run: fidelity/RESULTS.md left as it was; this run's summary is fidelity/out/RESULTS.md"
fi
