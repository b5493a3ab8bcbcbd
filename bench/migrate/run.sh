#!/usr/bin/env bash
# Benchmark: pgcarry migrate status over large migration histories, against Flyway's own status.
#
# On one throw-away embedded server started by pgcarry itself:
#   prisma        $COUNT Prisma migrations and _prisma_migrations as Prisma leaves it (written by fixtures.py)
#   flyway        $COUNT Flyway files V<n>__Migration_<n>.sql and flyway_schema_history as Flyway's documents
#                 describe it (written by fixtures.py)
# and, with Flyway itself (flyway-core and flyway-database-postgresql $FLYWAY_VERSION, fetched by Maven into the
# work directory, driven through its Java API by FlywayAnchor.java):
#   flyway_own    the same $COUNT files migrated by Flyway: its own history table and rows
#   flyway_apply  the same files applied by pgcarry migrate apply from an empty database
#   flyway_mixed  the first half migrated by Flyway, the rest applied by pgcarry migrate apply
# Checks (a failure is a wrong answer, exit 1):
#   pgcarry migrate status on prisma, flyway and flyway_own: exit 0, all $COUNT applied (no false alarm on the
#   ledger Flyway wrote itself); Flyway's info and validate on flyway_apply and flyway_mixed: all $COUNT
#   SUCCESS and no validation error (pgcarry wrote Flyway's own format).
# Measures, $RUNS runs each, alternating so that whatever else loads the machine falls on all, medians:
#   pgcarry --version (the JVM's start alone, for scale); pgcarry migrate status --tool flyway on flyway_own;
#   Flyway's info() on flyway_own (what `flyway info` does: it does not validate); Flyway's info() then
#   validate() (what pgcarry's status also does: checksums compared); pgcarry migrate status on prisma and
#   flyway; `npx --no-install prisma migrate status` when Prisma is installed (never installed here).
#
# Settings (environment):
#   COUNT           migrations per project (default 500)
#   RUNS            runs of every measurement; the median is kept (default 5)
#   PG_MAJOR        server major version (default 17)
#   FLYWAY_VERSION  Flyway version fetched by Maven (default 13.12.2)
#   PGCARRY         pgcarry launcher to run (default: bin/pgcarry of this checkout)
#
# Prints wall seconds and CPU seconds (user + system, from GNU time) and the ratios pgcarry / Flyway, and
# writes them as JSON to bench/results/migrate-<timestamp>.json. Exits 1 on a wrong answer, 2 on a setup
# error, 0 otherwise. Needs bash, psql, python3 (to write the fixtures), Java (with javac) and Maven.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=../lib.sh
. "$here/../lib.sh"

COUNT=${COUNT:-500}
RUNS=${RUNS:-5}
PG_MAJOR=${PG_MAJOR:-17}
FLYWAY_VERSION=${FLYWAY_VERSION:-13.12.2}
whole_numbers COUNT RUNS PG_MAJOR
[ "$COUNT" -ge 2 ] && [ "$RUNS" -ge 1 ] || die "COUNT must be at least 2 and RUNS at least 1"

require_programs psql python3 java
find_gnu_time
build_pgcarry
lists_command "$pgcarry" status migrate || die "this build of pgcarry has no migrate status command"

stamp=$(date -u +%Y%m%dT%H%M%SZ)
mkdir -p "$results_dir"
bench_workspace pgcarry-bench-migrate

problems=()
problem() { problems+=("$1"); say "!!!!!!!! FAILED: $1 !!!!!!!!"; }

# ---------------------------------------------------------------- Flyway, fetched by Maven

# fetch_flyway: Flyway's jars and the PostgreSQL driver into $anchor/lib (a pom of the work directory's own,
# nothing in the project's build), FlywayAnchor.java compiled into $anchor/classes; sets flyway_anchor to
# "ok" or to why it is unavailable.
anchor="$work/flyway-anchor"
fetch_flyway() {
  local pgjdbc
  command -v mvn >/dev/null || { flyway_anchor="unavailable: mvn is not installed"; return; }
  command -v javac >/dev/null || { flyway_anchor="unavailable: javac is not installed"; return; }
  pgjdbc=$(sed -n 's:.*<pgjdbc.version>\(.*\)</pgjdbc.version>.*:\1:p' "$root/pom.xml")
  mkdir -p "$anchor"
  cat >"$anchor/pom.xml" <<EOF
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>bench</groupId>
  <artifactId>flyway-anchor</artifactId>
  <version>1</version>
  <packaging>pom</packaging>
  <dependencies>
    <dependency><groupId>org.flywaydb</groupId><artifactId>flyway-core</artifactId><version>$FLYWAY_VERSION</version></dependency>
    <dependency><groupId>org.flywaydb</groupId><artifactId>flyway-database-postgresql</artifactId><version>$FLYWAY_VERSION</version></dependency>
    <dependency><groupId>org.postgresql</groupId><artifactId>postgresql</artifactId><version>$pgjdbc</version></dependency>
  </dependencies>
</project>
EOF
  say "fetching Flyway $FLYWAY_VERSION with Maven..."
  if ! run_bg mvn -q -B -f "$anchor/pom.xml" dependency:copy-dependencies -DoutputDirectory="$anchor/lib" >"$anchor/mvn.log" 2>&1; then
    flyway_anchor="unavailable: Maven could not fetch Flyway $FLYWAY_VERSION: $(grep -m 1 'ERROR' "$anchor/mvn.log" || tail -n 1 "$anchor/mvn.log")"
    return
  fi
  if ! javac -d "$anchor/classes" -cp "$anchor/lib/*" "$here/FlywayAnchor.java" >"$anchor/javac.log" 2>&1; then
    flyway_anchor="unavailable: FlywayAnchor.java does not compile against Flyway $FLYWAY_VERSION: $(head -n 1 "$anchor/javac.log")"
    return
  fi
  flyway_anchor=ok
}
fetch_flyway
[ "$flyway_anchor" = ok ] || say "note: Flyway anchor $flyway_anchor"
flyway=(java -cp "$anchor/classes:$anchor/lib/*" FlywayAnchor) # then COMMAND JDBC_URL USER LOCATION [TARGET]

# ---------------------------------------------------------------- server and fixtures

say "starting a PostgreSQL $PG_MAJOR server..."
start_server server || exit 2
admin=$server_url
url() { printf '%s/%s\n' "${admin%/*}" "$1"; } # url DB: the server's URL for database DB
# postgresql://user@host:port/db -> jdbc:postgresql://host:port/db, and the user
jdbc() { printf 'jdbc:postgresql://%s/%s\n' "$(sed -E 's#^[a-z]+://([^@/]*@)?([^/]*)/.*#\2#' <<<"$admin")" "$1"; }
db_user=$(sed -E 's#^[a-z]+://([^:@/]*)[^@/]*@.*#\1#; t; s#.*#postgres#' <<<"$admin")
for db in prisma flyway flyway_own flyway_apply flyway_mixed; do sql "$admin" -c "CREATE DATABASE $db"; done

say "writing $COUNT Prisma and $COUNT Flyway migrations and their ledgers..."
python3 "$here/fixtures.py" "$work" "$COUNT"
sql "$(url prisma)" -f "$work/prisma-ledger.sql"
sql "$(url flyway)" -f "$work/flyway-ledger.sql"

# ---------------------------------------------------------------- checks

# check_status NAME TOOL: migrate status's JSON ($work/NAME.out) says ok, tool TOOL and $COUNT applied migrations
check_status() {
  local verdict
  verdict=$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(d["ok"], d["tool"], d["counts"].get("applied", 0), len(d["migrations"]))' \
    "$work/$1.out" 2>&1) || { problem "$1: the output is not JSON ($verdict)"; return; }
  [ "$verdict" = "True $2 $COUNT $COUNT" ] || problem "$1: expected ok, tool $2 and $COUNT applied; got: $verdict"
}
# check_flyway NAME DB: Flyway's info and validate on DB find all $COUNT migrations SUCCESS and no error
check_flyway() {
  local st=0
  "${flyway[@]}" check "$(jdbc "$2")" "$db_user" "$work/flyway" >"$work/$1.out" 2>"$work/$1.log" || st=$?
  grep -q "^states: {SUCCESS=$COUNT} " "$work/$1.out" || problem "$1: Flyway's info: $(grep '^states' "$work/$1.out" || tail -n 1 "$work/$1.log")"
  [ "$st" = 0 ] && grep -q '^validate: ok' "$work/$1.out" || problem "$1: Flyway's validate: $(grep '^validate' "$work/$1.out" || tail -n 1 "$work/$1.log")"
}

if [ "$flyway_anchor" = ok ]; then
  say "Flyway migrates the $COUNT files into flyway_own..."
  run_bg "${flyway[@]}" migrate "$(jdbc flyway_own)" "$db_user" "$work/flyway" >"$work/own.out" 2>"$work/own.log" \
    || { tail -n 5 "$work/own.log" >&2; die "Flyway's migrate failed"; }
  run_timed "$work/pgcarry-on-flyway-own" "$pgcarry" migrate status --to "$(url flyway_own)" --dir "$work/flyway" --json
  [ "$exit_status" = 0 ] || problem "pgcarry migrate status on Flyway's own ledger exited $exit_status (expected 0)"
  check_status pgcarry-on-flyway-own flyway

  say "pgcarry migrate apply of the $COUNT files into flyway_apply, then Flyway's info and validate..."
  run_timed "$work/apply" "$pgcarry" migrate apply --to "$(url flyway_apply)" --dir "$work/flyway" --quiet
  [ "$exit_status" = 0 ] || problem "pgcarry migrate apply exited $exit_status: $(tail -n 1 "$work/apply.log")"
  apply_wall=$elapsed apply_cpu=$cpu_s
  check_flyway flyway-on-pgcarry-apply flyway_apply

  half=$((COUNT / 2))
  say "Flyway migrates the first $half files into flyway_mixed, pgcarry applies the rest, then Flyway checks..."
  run_bg "${flyway[@]}" migrate "$(jdbc flyway_mixed)" "$db_user" "$work/flyway" "$half" >"$work/mixed.out" 2>"$work/mixed.log" \
    || { tail -n 5 "$work/mixed.log" >&2; die "Flyway's migrate to $half failed"; }
  run_timed "$work/mixed-apply" "$pgcarry" migrate apply --to "$(url flyway_mixed)" --dir "$work/flyway" --quiet
  [ "$exit_status" = 0 ] || problem "pgcarry migrate apply after Flyway exited $exit_status: $(tail -n 1 "$work/mixed-apply.log")"
  check_flyway flyway-on-mixed flyway_mixed
fi

# ---------------------------------------------------------------- measurements

# measure NAME COMMAND...: one run, its wall and CPU seconds appended to NAME's lists
declare -A walls cpus
measure() {
  local name=$1
  shift
  run_timed "$work/$name" "$@"
  [ "$exit_status" = 0 ] || problem "$name exited $exit_status: $(tail -n 1 "$work/$name.log")"
  walls[$name]="${walls[$name]:-} $elapsed"
  cpus[$name]="${cpus[$name]:-} $cpu_s"
}
median() { tr ' ' '\n' | grep -E '^[0-9.]+$' | sort -n | awk '{ v[NR] = $1 } END { if (NR == 0) print ""; else if (NR % 2) printf "%.3f", v[(NR + 1) / 2]; else printf "%.3f", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
wall() { median <<<"${walls[$1]:-}"; }
cpu() { median <<<"${cpus[$1]:-}"; }

prisma_anchor="unavailable: prisma is not installed (npx --no-install prisma --version fails)"
if command -v npx >/dev/null && (cd "$work/prisma" && timeout 60 npx --no-install prisma --version) >/dev/null 2>&1; then
  prisma_anchor="prisma migrate status"
fi

for run in $(seq 1 "$RUNS"); do
  say "run $run/$RUNS"
  measure startup "$pgcarry" --version
  if [ "$flyway_anchor" = ok ]; then
    measure pgcarry-flyway-own "$pgcarry" migrate status --tool flyway --to "$(url flyway_own)" --dir "$work/flyway" --json
    measure flyway-info "${flyway[@]}" info "$(jdbc flyway_own)" "$db_user" "$work/flyway"
    measure flyway-info-validate "${flyway[@]}" check "$(jdbc flyway_own)" "$db_user" "$work/flyway"
  fi
  measure pgcarry-prisma "$pgcarry" migrate status --to "$(url prisma)" --dir "$work/prisma" --json
  measure pgcarry-flyway "$pgcarry" migrate status --to "$(url flyway)" --dir "$work/flyway" --json
  if [ "$prisma_anchor" = "prisma migrate status" ]; then
    measure prisma-anchor env DATABASE_URL="$(url prisma)" sh -c "cd '$work/prisma' && npx --no-install prisma migrate status --schema prisma/schema.prisma"
  fi
done
check_status pgcarry-prisma prisma
check_status pgcarry-flyway flyway
[ "$flyway_anchor" != ok ] || check_status pgcarry-flyway-own flyway

# ---------------------------------------------------------------- report

show() { printf '%-60s %8s %8s\n' "$1" "${2:--}" "${3:--}"; } # show LABEL WALL CPU
ratio_or_na() { if [ -n "$1" ] && [ -n "$2" ]; then ratio "$1" "$2"; else echo n/a; fi; }
echo
echo "migrate status benchmark: PostgreSQL $PG_MAJOR, $COUNT migrations per project, all applied; median of $RUNS run(s), $(nproc) CPUs"
show "measurement" "wall s" "CPU s"
show "pgcarry --version (JVM start alone)" "$(wall startup)" "$(cpu startup)"
if [ "$flyway_anchor" = ok ]; then
  show "pgcarry migrate status, ledger written by Flyway $FLYWAY_VERSION" "$(wall pgcarry-flyway-own)" "$(cpu pgcarry-flyway-own)"
  show "Flyway $FLYWAY_VERSION info() (flyway info)" "$(wall flyway-info)" "$(cpu flyway-info)"
  show "Flyway $FLYWAY_VERSION info() + validate()" "$(wall flyway-info-validate)" "$(cpu flyway-info-validate)"
else
  echo "Flyway anchor $flyway_anchor"
fi
show "pgcarry migrate status, Prisma (fixture ledger)" "$(wall pgcarry-prisma)" "$(cpu pgcarry-prisma)"
show "pgcarry migrate status, Flyway (fixture ledger)" "$(wall pgcarry-flyway)" "$(cpu pgcarry-flyway)"
if [ -n "$(wall prisma-anchor)" ]; then show "$prisma_anchor" "$(wall prisma-anchor)" "$(cpu prisma-anchor)"; else echo "Prisma anchor $prisma_anchor"; fi
if [ "$flyway_anchor" = ok ]; then
  echo
  echo "pgcarry / Flyway info: wall $(ratio_or_na "$(wall pgcarry-flyway-own)" "$(wall flyway-info)")x, CPU $(ratio_or_na "$(cpu pgcarry-flyway-own)" "$(cpu flyway-info)")x (goal <= 1)"
  echo "pgcarry / Flyway info + validate: wall $(ratio_or_na "$(wall pgcarry-flyway-own)" "$(wall flyway-info-validate)")x, CPU $(ratio_or_na "$(cpu pgcarry-flyway-own)" "$(cpu flyway-info-validate)")x"
  echo "pgcarry migrate apply of $COUNT files: ${apply_wall} s wall, ${apply_cpu} CPU s; Flyway's info and validate agree: $([ "${#problems[@]}" = 0 ] && echo yes || echo NO)"
fi

jnum() { case $1 in '' | n/a) printf 'null' ;; *) printf '%s' "$1" ;; esac; }
figures() { printf '{"wall_seconds": %s, "cpu_seconds": %s}' "$(jnum "$(wall "$1")")" "$(jnum "$(cpu "$1")")"; }
json="$results_dir/migrate-$stamp.json"
{
  printf '{\n  "benchmark": "migrate-status",\n  "timestamp": %s,\n  "pg_major": %s,\n  "count": %s,\n  "runs": %s,\n' \
    "$(jstr "$stamp")" "$PG_MAJOR" "$COUNT" "$RUNS"
  printf '  "machine": {"cpus": %s},\n  "statistic": "median",\n' "$(nproc)"
  printf '  "startup": %s,\n' "$(figures startup)"
  printf '  "pgcarry": {"prisma": %s, "flyway_fixture": %s, "flyway_own": %s},\n' \
    "$(figures pgcarry-prisma)" "$(figures pgcarry-flyway)" "$(figures pgcarry-flyway-own)"
  printf '  "flyway": {"version": %s, "status": %s, "info": %s, "info_validate": %s, "apply_checked": %s},\n' \
    "$(jstr "$FLYWAY_VERSION")" "$(jstr "$flyway_anchor")" "$(figures flyway-info)" "$(figures flyway-info-validate)" \
    "$([ "$flyway_anchor" = ok ] && echo true || echo false)"
  printf '  "prisma_anchor": {"status": %s, "figures": %s},\n' "$(jstr "$prisma_anchor")" "$(figures prisma-anchor)"
  printf '  "problems": ['
  for i in "${!problems[@]}"; do [ "$i" = 0 ] || printf ', '; jstr "${problems[$i]}"; done
  printf ']\n}\n'
} >"$json"
echo "results: bench/results/$(basename "$json")"

if [ "${#problems[@]}" -gt 0 ]; then
  say "WRONG ANSWER:"
  printf '  %s\n' "${problems[@]}" >&2
  exit 1
fi
