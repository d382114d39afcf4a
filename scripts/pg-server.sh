#!/usr/bin/env bash
# A throwaway local PostgreSQL server for the test suite and CI, no manual setup needed.
#   bash scripts/pg-server.sh start   finds (or apt-installs) the server binaries, creates the cluster if missing,
#                                     starts it if not running, creates the database dmex_test if missing and
#                                     prints its URL as the only line on stdout: URL=$(bash scripts/pg-server.sh start)
#   bash scripts/pg-server.sh stop    stops the server if it is running (exit 0 either way)
#   bash scripts/pg-server.sh url     prints the URL, starts nothing
# Settings: PG_TEST_DIR (data dir, default /tmp/dmex-pg), PG_TEST_PORT (default 55432), PG_BIN_DIR (optional: the
# directory holding initdb and pg_ctl; default: the newest /usr/lib/postgresql/*/bin, else initdb on PATH).
# The server listens on 127.0.0.1 only, keeps its unix socket in the data dir, trusts every local connection, has
# superuser postgres and runs without fsync (test data only). As root, initdb/pg_ctl run as the postgres system user
# (PostgreSQL refuses to run as root), which then owns the data dir. Every message other than the URL goes to stderr.
set -euo pipefail

data_dir="${PG_TEST_DIR:-/tmp/dmex-pg}"
data_dir="${data_dir%/}"
port="${PG_TEST_PORT:-55432}"
db=dmex_test
url="postgres://postgres@127.0.0.1:${port}/${db}"

log() { echo "pg-server: $*" >&2; }
die() { log "error: $*"; exit 1; }

if ! [[ "$port" =~ ^[1-9][0-9]{0,4}$ ]] || ((port > 65535)); then die "PG_TEST_PORT must be a port number, got '$port'"; fi
[[ "$data_dir" == /* ]] || die "PG_TEST_DIR must be an absolute path, got '$data_dir'"
[[ "$data_dir" != *"'"* ]] || die "PG_TEST_DIR must not contain a single quote"

# The directory holding initdb and pg_ctl, or nothing. Prefers the version the existing cluster was made with.
find_bin_dir() {
  local d version=""
  if [[ -n "${PG_BIN_DIR:-}" ]]; then
    [[ -x "$PG_BIN_DIR/initdb" && -x "$PG_BIN_DIR/pg_ctl" ]] || die "PG_BIN_DIR $PG_BIN_DIR holds no initdb and pg_ctl"
    echo "$PG_BIN_DIR"
    return 0
  fi
  if [[ -r "$data_dir/PG_VERSION" ]]; then
    version="$(cat "$data_dir/PG_VERSION")"
    d="/usr/lib/postgresql/$version/bin"
    if [[ -x "$d/initdb" && -x "$d/pg_ctl" ]]; then echo "$d"; return 0; fi
  fi
  local best=""
  for d in /usr/lib/postgresql/*/bin; do
    [[ -x "$d/initdb" && -x "$d/pg_ctl" ]] || continue
    best="$(printf '%s\n%s\n' "$best" "$d" | sed '/^$/d' | sort -V | tail -n 1)"
  done
  if [[ -n "$best" ]]; then echo "$best"; return 0; fi
  if command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1; then
    dirname "$(command -v initdb)"
  fi
  return 0
}

install_postgresql() {
  command -v apt-get >/dev/null 2>&1 || return 0
  local sudo=()
  if ((EUID != 0)); then
    command -v sudo >/dev/null 2>&1 || die "PostgreSQL is not installed and sudo is missing to apt-get install it"
    sudo=(sudo)
  fi
  log "PostgreSQL server binaries not found; installing Debian's postgresql package"
  # stdout to stderr so the URL stays the only line on stdout; fd 9 (the lock) closed so that no service the
  # package's scripts may start keeps it
  "${sudo[@]}" apt-get update -qq >&2 9<&-
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2 9<&-
}

# Runs a server command: as the postgres system user when root, else as the current user. From / so that a cwd the
# postgres user cannot read does not matter; fd 9 (the lock) closed so that the postmaster does not inherit it.
as_pg() {
  if ((EUID == 0)); then
    if command -v runuser >/dev/null 2>&1; then
      (cd / && runuser -u postgres -- "$@") 9<&-
    else
      (cd / && su postgres -s /bin/bash -c "$(printf '%q ' "$@")") 9<&-
    fi
  else
    (cd / && "$@") 9<&-
  fi
}

# 0: the cluster in data_dir is running; 1: it is not (or there is no cluster)
cluster_running() {
  [[ -f "$data_dir/PG_VERSION" ]] || return 1
  as_pg "$bin/pg_ctl" status -D "$data_dir" >/dev/null 2>&1
}

pid_file_port() { sed -n 4p "$data_dir/postmaster.pid" 2>/dev/null || true; }

port_ready() { "$bin/pg_isready" -q -h 127.0.0.1 -p "$port" -t 2 >/dev/null 2>&1; }

# Fails clearly when the data dir exists but this user cannot use it (e.g. created by root, now run as a user).
check_access() {
  [[ -e "$data_dir" ]] || return 0
  [[ -d "$data_dir" ]] || die "PG_TEST_DIR $data_dir exists and is not a directory"
  if ((EUID == 0)); then return 0; fi
  [[ -r "$data_dir" && -w "$data_dir" && -x "$data_dir" ]] ||
    die "PG_TEST_DIR $data_dir is not accessible to $(id -un) (owner: $(stat -c %U "$data_dir" 2>/dev/null || echo '?')); remove it or set PG_TEST_DIR"
}

init_cluster() {
  if ((EUID == 0)); then
    id -u postgres >/dev/null 2>&1 || die "running as root needs the postgres system user (initdb refuses to run as root)"
    mkdir -p "$data_dir"
    chown postgres: "$data_dir"
    chmod 700 "$data_dir"
    as_pg test -w "$data_dir" ||
      die "the postgres user cannot write $data_dir (is a parent directory closed to it?); set PG_TEST_DIR elsewhere"
  else
    mkdir -p "$data_dir"
    chmod 700 "$data_dir"
  fi
  if [[ -n "$(ls -A "$data_dir")" ]]; then
    die "PG_TEST_DIR $data_dir is not empty and holds no PostgreSQL cluster; remove it or set PG_TEST_DIR"
  fi
  log "creating a cluster in $data_dir"
  as_pg "$bin/initdb" -D "$data_dir" -U postgres --auth=trust -E UTF8 --no-locale -N >&2
}

start() {
  bin="$(find_bin_dir)"
  if [[ -z "$bin" ]]; then
    install_postgresql
    bin="$(find_bin_dir)"
  fi
  [[ -n "$bin" ]] || die "no PostgreSQL server binaries (initdb, pg_ctl) under /usr/lib/postgresql/*/bin or on PATH, and apt-get could not install them; install PostgreSQL or set PG_BIN_DIR"
  log "using $bin"
  check_access

  # a server just starting, or a crashed one whose postmaster.pid is not stale yet: give it a few seconds to settle
  local _
  for _ in 1 2 3 4 5 6 7 8 9 10; do
    if cluster_running && ! port_ready && [[ "$(pid_file_port)" == "$port" ]]; then sleep 1; else break; fi
  done
  if ! cluster_running && port_ready; then
    die "another server already listens on 127.0.0.1:$port; set PG_TEST_PORT to a free port"
  fi
  if [[ -f "$data_dir/PG_VERSION" ]]; then
    if ((EUID == 0)) && [[ "$(stat -c %U "$data_dir")" != postgres ]]; then
      log "giving $data_dir to the postgres user"
      chown -R postgres: "$data_dir"
    fi
  else
    init_cluster
  fi

  if cluster_running; then
    port_ready || die "the cluster in $data_dir is running but not accepting connections on 127.0.0.1:$port (port in its postmaster.pid: $(pid_file_port)); run: bash scripts/pg-server.sh stop"
    log "already running on 127.0.0.1:$port"
  else
    log "starting on 127.0.0.1:$port (log: $data_dir/server.log)"
    local opts="-c fsync=off -c synchronous_commit=off -c full_page_writes=off -p $port -k '$data_dir' -c listen_addresses=127.0.0.1"
    if ! as_pg "$bin/pg_ctl" -w -D "$data_dir" -l "$data_dir/server.log" -o "$opts" start >&2; then
      log "the server did not start; the end of $data_dir/server.log:"
      tail -n 20 "$data_dir/server.log" >&2 2>/dev/null || true
      exit 1
    fi
  fi

  local exists
  exists="$("$bin/psql" -X -q -t -A -h 127.0.0.1 -p "$port" -U postgres -d postgres \
    -c "select 1 from pg_database where datname = '$db'")"
  if [[ "$exists" != 1 ]]; then
    log "creating database $db"
    "$bin/createdb" -h 127.0.0.1 -p "$port" -U postgres "$db"
  fi
  echo "$url"
}

stop() {
  check_access
  bin="$(find_bin_dir)"
  if [[ -z "$bin" || ! -f "$data_dir/PG_VERSION" ]]; then
    log "no cluster in $data_dir; nothing to stop"
    return 0
  fi
  if cluster_running; then
    as_pg "$bin/pg_ctl" -w -D "$data_dir" -m fast stop >&2
  else
    log "not running"
  fi
}

# One start/stop at a time (parallel test workers may all call start). The lock is this script itself, opened read
# only, so no lock file is left around and any user can take it.
lock() {
  command -v flock >/dev/null 2>&1 || return 0
  exec 9<"${BASH_SOURCE[0]}"
  flock 9
}

case "${1:-}" in
  start) lock; start ;;
  stop) lock; stop ;;
  url) echo "$url" ;;
  *)
    echo "usage: bash scripts/pg-server.sh start|stop|url  (PG_TEST_DIR=${data_dir}, PG_TEST_PORT=${port})" >&2
    exit 2
    ;;
esac
