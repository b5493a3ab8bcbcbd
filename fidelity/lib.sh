# Helpers of regression.sh: packages, the PostgreSQL source, the throw-away server. Sourced, never run alone.
# Expects: here, cache, work, log, PGBIN, server_user set by regression.sh.

say() { printf '%s\n' "$*" >&2; }
die() { say "error: $*"; exit 2; }
is_root() { [ "$(id -u)" = 0 ]; }

# Runs a command as the unprivileged user that owns the server (postgres refuses to run as root).
as_server() {
  # From the work directory: the server user may not be allowed into the caller's.
  if is_root; then (cd "$work" && runuser -u "$server_user" -- "$@"); else "$@"; fi
}

apt_install() { # apt_install PACKAGE...: installs, refreshing the package lists once if the first try fails
  is_root || die "$* missing: run as root (it is installed with apt-get) or install it first"
  say "installing $* with apt-get"
  DEBIAN_FRONTEND=noninteractive apt-get -q -y install --no-install-recommends "$@" >>"$log" 2>&1 && return
  apt-get -q update >>"$log" 2>&1 || true
  DEBIAN_FRONTEND=noninteractive apt-get -q -y install --no-install-recommends "$@" >>"$log" 2>&1
}

# The tools this needs beyond the PostgreSQL 15 server: a C compiler and PGXS (for regress.so, the C functions
# the regression tests load), dpkg-dev (apt-get source) and pg_regress (shipped by postgresql-client-15).
ensure_packages() {
  [ -x "$PGBIN/postgres" ] || apt_install postgresql-15 || die "cannot install postgresql-15"
  command -v cc >/dev/null && command -v make >/dev/null || apt_install build-essential || die "cannot install a C compiler"
  command -v dpkg-source >/dev/null || apt_install dpkg-dev || die "cannot install dpkg-dev"
  pgxs=$("$PGBIN/pg_config" --pgxs)
  if [ ! -f "$pgxs" ]; then
    # The headers of the installed minor version if the archive still has it, else the newest 15.
    local v
    v=$(dpkg-query -W -f='${Version}' postgresql-15 2>/dev/null || true)
    apt_install "postgresql-server-dev-15${v:+=$v}" || apt_install postgresql-server-dev-15 \
      || die "cannot install postgresql-server-dev-15"
  fi
  pg_regress=$(dirname "$pgxs")/../test/regress/pg_regress
  [ -x "$pg_regress" ] || die "pg_regress not found at $pg_regress (package postgresql-client-15)"
}

# Downloads the source package of the installed postgresql-15 (its deb-src twin of the machine's own Debian
# sources, in a private apt state so the system's lists are not touched) and unpacks src/test/regress from the
# upstream tarball into $cache (kept between runs). Debian's patches do not touch src/test/regress.
fetch_source() {
  regress_src=$(find "$cache" -maxdepth 5 -type d -path '*/src/test/regress' 2>/dev/null | head -n1)
  [ -n "$regress_src" ] && return
  is_root || die "the PostgreSQL source is not in $cache yet: run once as root (apt-get source)"
  local apt=$cache/apt
  rm -rf "$apt"
  mkdir -p "$apt/sources.list.d" "$apt/lists/partial" "$apt/cache/archives/partial" "$cache/src"
  local f
  for f in /etc/apt/sources.list.d/*.sources; do
    [ -f "$f" ] || continue
    sed -E 's/^Types:.*/Types: deb-src/' "$f" >"$apt/sources.list.d/$(basename "$f")"
  done
  for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
    [ -f "$f" ] || continue
    sed -nE 's/^deb(\s)/deb-src\1/p' "$f" >"$apt/sources.list.d/$(basename "$f")"
  done
  local opts=(-o "Dir::Etc::SourceList=/dev/null" -o "Dir::Etc::SourceParts=$apt/sources.list.d"
    -o "Dir::State::Lists=$apt/lists" -o "Dir::Cache=$apt/cache")
  say "downloading the postgresql-15 source package"
  # A third-party repository without sources fails its part of the update; the Debian ones are what counts.
  apt-get -q "${opts[@]}" update >>"$log" 2>&1 || say "warning: apt-get update of the deb-src lists reported errors (see $log)"
  local v
  v=$(dpkg-query -W -f='${Version}' postgresql-15 2>/dev/null || true)
  (cd "$cache/src" && { apt-get -q "${opts[@]}" source --download-only "postgresql-15${v:+=$v}" \
    || apt-get -q "${opts[@]}" source --download-only postgresql-15; }) >>"$log" 2>&1 \
    || die "apt-get source postgresql-15 failed (see $log)"
  local orig
  orig=$(ls "$cache"/src/postgresql-15_*.orig.tar.* | head -n1)
  (cd "$cache/src" && tar xf "$orig" --wildcards '*/src/test/regress/*') || die "cannot unpack $orig"
  rm -rf "$apt"
  regress_src=$(find "$cache" -maxdepth 5 -type d -path '*/src/test/regress' | head -n1)
}

# Copies the test tree into the work directory (the server reads its data files and writes into its
# results/, as the server user) and builds regress.so there with PGXS.
prepare_tests() {
  cp -r "$regress_src" "$work/regress"
  mkdir -p "$work/lib"
  cp "$regress_src/regress.c" "$work/lib/"
  printf 'MODULES = regress\nPG_CONFIG = %s\nPGXS := $(shell $(PG_CONFIG) --pgxs)\ninclude $(PGXS)\n' \
    "$PGBIN/pg_config" >"$work/lib/Makefile"
  make -s -C "$work/lib" with_llvm=no >>"$log" 2>&1 || die "building regress.so failed (see $log)"
  # The triggers test also loads contrib/spi's autoinc and refint, which the server package ships.
  local lib
  for lib in autoinc refint; do
    cp "$("$PGBIN/pg_config" --pkglibdir)/$lib.so" "$work/lib/" || die "$lib.so missing from postgresql-15"
  done
  is_root && chown -R "$server_user" "$work"
  return 0
}

free_port() {
  local p
  for p in $(shuf -i 20000-60000 -n 50); do
    (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null || { echo "$p"; return; }
  done
  die "no free TCP port found"
}

# initdb into the work directory and start on loopback only, on a free port, without a Unix socket.
start_server() {
  as_server "$PGBIN/initdb" -D "$work/data" -U postgres -E UTF8 --locale=C -A trust >>"$log" 2>&1 \
    || die "initdb failed (see $log)"
  port=$(free_port)
  cat >>"$work/data/postgresql.conf" <<EOF
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = ''
fsync = off
max_prepared_transactions = 2
wal_level = logical
max_connections = 100
EOF
  as_server "$PGBIN/pg_ctl" -D "$work/data" -l "$work/server.log" -w -t 120 start >>"$log" 2>&1 \
    || die "the server did not start (see $work/server.log)"
  server_started=1
  export PGHOST=127.0.0.1 PGPORT=$port PGUSER=postgres
  unset PGDATABASE PGPASSWORD PGSERVICE || true
}

stop_server() {
  if [ -n "${server_started:-}" ]; then
    as_server "$PGBIN/pg_ctl" -D "$work/data" -m immediate -w stop >/dev/null 2>&1 || true
    server_started=
  fi
}
