# shellcheck shell=bash
# Local service helpers shared by scripts/run.sh and scripts/test.sh (source this file).
#
# Provides: ensure_node_tools, start_postgres, stop_postgres, start_s3, stop_s3, start_test_s3_pair,
# stop_started_services, lock_holders, stop_lock_holders, wait_for_port, port_open, die, log.
# Postgres runs as the "postgres" user when the caller is root (initdb refuses root).

REPO_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)

_STARTED_PG_DIRS=()      # clusters this shell started (and so must stop)
declare -gA _S3_PIDS=()  # S3 server name -> pid, for servers this shell started

log() { printf '[services] %s\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

is_root() { [[ $(id -u) -eq 0 ]]; }

# port_open PORT: true if something accepts TCP connections on 127.0.0.1:PORT.
port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# wait_for_port PORT [SECONDS] [PID]: wait until 127.0.0.1:PORT accepts connections.
# Gives up early if PID (the process expected to open the port) has exited.
wait_for_port() {
  local port=$1 timeout=${2:-15} pid=${3:-}
  local deadline=$((SECONDS + timeout))
  until port_open "$port"; do
    if [[ -n $pid ]] && ! kill -0 "$pid" 2>/dev/null; then return 1; fi
    if ((SECONDS >= deadline)); then return 1; fi
    sleep 0.2
  done
}

# ---------------------------------------------------------------- Node tools

ensure_node_tools() {
  local tools=$REPO_ROOT/tools
  command -v node >/dev/null || die "node is not installed (Node 20.15+ is needed for the local S3 server)"
  # zlib.crc32, which the S3 server checks trailing checksums with, came in Node 20.15.
  node -e 'process.exit(typeof require("node:zlib").crc32 === "function" ? 0 : 1)' ||
    die "node $(node --version) is too old: the local S3 server needs Node 20.15 or later"
  command -v npm >/dev/null || die "npm is not installed"
  if [[ -f $tools/node_modules/.package-lock.json &&
        $tools/node_modules/.package-lock.json -nt $tools/package-lock.json ]]; then
    return 0
  fi
  log "installing Node tools (npm ci --prefix tools)"
  npm ci --prefix "$tools" --no-audit --no-fund --loglevel=error >&2 ||
    die "npm ci failed in tools/"
}

# ---------------------------------------------------------------- Postgres

# pg_bindir: directory with initdb/pg_ctl (pg_config --bindir, else the newest
# /usr/lib/postgresql/*/bin).
pg_bindir() {
  local dir
  if command -v pg_config >/dev/null; then
    dir=$(pg_config --bindir)
    if [[ -x $dir/initdb && -x $dir/pg_ctl ]]; then echo "$dir"; return 0; fi
  fi
  dir=$(find /usr/lib/postgresql -maxdepth 2 -name bin -type d 2>/dev/null | sort -V | tail -n 1)
  if [[ -n $dir && -x $dir/initdb ]]; then echo "$dir"; return 0; fi
  die "PostgreSQL server binaries not found (install e.g. the postgresql-15 package)"
}

# as_pg_owner CMD...: run CMD as the cluster owner (postgres when we are root).
as_pg_owner() {
  if is_root; then
    su postgres -s /bin/sh -c "cd / && exec $(printf '%q ' "$@")"
  else
    "$@"
  fi
}

# postgres_can_reach DIR: the cluster owner can enter DIR (always true when not root).
postgres_can_reach() {
  is_root || return 0
  su postgres -s /bin/sh -c "cd $(printf '%q' "$1")" 2>/dev/null
}

# start_postgres DIR PORT [fast]: start (creating if needed) a cluster in DIR on
# 127.0.0.1:PORT with trust auth and a database "catalog". "fast" turns off
# durability (fsync etc.): only for throwaway test clusters.
start_postgres() {
  local dir=$1 port=$2 flavor=${3:-}
  local bin
  bin=$(pg_bindir)
  dir=$(mkdir -p "$dir" && cd "$dir" && pwd)

  if is_root; then
    id postgres >/dev/null 2>&1 || die "running as root needs a 'postgres' user to own the cluster"
    chown postgres: "$dir"
    postgres_can_reach "$dir" ||
      die "user postgres cannot reach $dir (a parent directory is not traversable)." \
        "Set PGDATA_ROOT to a directory it can reach, e.g. PGDATA_ROOT=/tmp/hybridstorage-pg"
  fi
  chmod 700 "$dir"

  if as_pg_owner "$bin/pg_ctl" status -D "$dir" >/dev/null 2>&1; then
    local running_port
    running_port=$(sed -n 4p "$dir/postmaster.pid")
    [[ $running_port == "$port" ]] ||
      die "the cluster in $dir is already running on port $running_port, not $port"
    log "reusing Postgres already running in $dir on port $port"
  else
    port_open "$port" && die "port $port is already in use; pick another one (see the *_PG_PORT variables)"
    if [[ ! -f $dir/PG_VERSION ]]; then
      # C.UTF-8 sorts like C (by code point) but knows letters beyond ASCII: ILIKE (nameContains) folds Ä to ä, as a
      # server with a language locale (the compose image's en_US.utf8) does. Plain C where the system lacks it.
      local ctype=--no-locale
      if locale -a 2>/dev/null | grep -qix 'c\.utf-\?8'; then ctype=--locale=C.UTF-8; fi
      local initdb=("$bin/initdb" -D "$dir" --auth=trust -U postgres --encoding=UTF8 "$ctype")
      if [[ $flavor == fast ]]; then initdb+=(--no-sync); fi
      log "creating Postgres cluster in $dir"
      as_pg_owner "${initdb[@]}" >"$dir/../postgres-initdb.log" 2>&1 ||
        die "initdb failed: $(tail -n 20 "$dir/../postgres-initdb.log")"
      echo "include_if_exists = 'hybridstorage.conf'" >>"$dir/postgresql.conf"
    fi
    _write_pg_settings "$dir" "$port" "$flavor"
    log "starting Postgres on 127.0.0.1:$port"
    if ! as_pg_owner "$bin/pg_ctl" start -D "$dir" -l "$dir/postgres.log" -w -t 60 >/dev/null; then
      die "Postgres did not start; last lines of $dir/postgres.log:"$'\n'"$(tail -n 20 "$dir/postgres.log" 2>/dev/null)"
    fi
    _STARTED_PG_DIRS+=("$dir")
  fi

  local tries=0
  until "$bin/pg_isready" -q -h 127.0.0.1 -p "$port"; do
    ((++tries < 60)) || die "Postgres on port $port is not ready"
    sleep 0.5
  done
  local psql=("$bin/psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$port" -U postgres -d postgres)
  if [[ $("${psql[@]}" -tAc "select 1 from pg_database where datname = 'catalog'") != 1 ]]; then
    "${psql[@]}" -c 'create database catalog' || die "could not create database catalog"
  fi
}

# _write_pg_settings DIR PORT FLAVOR: per-start settings, included from postgresql.conf.
_write_pg_settings() {
  local dir=$1 port=$2 flavor=$3 sockets=$1
  # A Unix socket path must fit in ~107 bytes; clients here use TCP anyway.
  ((${#dir} <= 90)) || sockets=''
  {
    echo "# written by scripts/lib/services.sh on every start"
    echo "port = $port"
    echo "listen_addresses = '127.0.0.1'"
    echo "unix_socket_directories = '$sockets'"
    echo "max_connections = 200"
    if [[ $flavor == fast ]]; then
      echo "fsync = off"
      echo "synchronous_commit = off"
      echo "full_page_writes = off"
    fi
  } >"$dir/hybridstorage.conf"
  if is_root; then chown postgres: "$dir/hybridstorage.conf"; fi
}

# stop_postgres DIR: fast shutdown of the cluster in DIR (no-op if not running).
stop_postgres() {
  local dir=$1 bin
  bin=$(pg_bindir)
  [[ -f $dir/postmaster.pid ]] || return 0
  dir=$(cd "$dir" && pwd) # the owner runs pg_ctl from /
  log "stopping Postgres in $dir"
  as_pg_owner "$bin/pg_ctl" stop -D "$dir" -m fast -w >/dev/null ||
    log "warning: pg_ctl stop failed for $dir"
}

# ---------------------------------------------------------------- leftovers

# lock_holders FILE: the processes with FILE open (what a run started inherits its lock), other than this shell and
# its own subshells, which inherit the lock as well. One find for all of /proc: a readlink per descriptor forked a
# process each, and took seconds per look on a loaded machine.
lock_holders() {
  local pattern pid
  pattern=$(printf '%s' "$1" | sed 's/[][*?\\]/\\&/g') # find -lname takes a glob
  # find fails when a process ends during the look; what it found still counts, and the callers run under set -e.
  { find /proc/[0-9]*/fd -maxdepth 1 -lname "$pattern" 2>/dev/null || true; } | while IFS=/ read -r _ _ pid _; do
    _of_this_shell "$pid" || [[ ! -e /proc/$pid ]] || echo "$pid" # find itself may be gone by now
  done | sort -u
}

# _of_this_shell PID: PID is this shell or descends from it (by the parent ids in /proc).
_of_this_shell() {
  local pid=$1 stat
  while [[ $pid =~ ^[0-9]+$ && $pid -gt 1 ]]; do
    [[ $pid == "$$" ]] && return 0
    read -r stat 2>/dev/null <"/proc/$pid/stat" || return 1
    stat=${stat##*) } # after the command name, which may hold spaces: "state ppid ..."
    stat=${stat#* }
    pid=${stat%% *}
  done
  return 1
}

# stop_lock_holders FILE PG_DIR: stops what a killed run left holding its lock FILE: the Postgres cluster in PG_DIR
# when its postmaster is one of them (pg_ctl, so that it shuts down cleanly), then the others (the API, the S3 servers)
# with TERM, and KILL after 10 s.
stop_lock_holders() {
  local lock=$1 pg_dir=$2 holders postmaster i
  holders=$(lock_holders "$lock")
  [[ -n $holders ]] || return 0
  log "a killed scripts/run.sh left these running; stopping them: $(echo $holders)"
  postmaster=$(head -n 1 "$pg_dir/postmaster.pid" 2>/dev/null || true)
  if [[ -n $postmaster ]] && grep -qx "$postmaster" <<<"$holders"; then
    stop_postgres "$pg_dir"
  fi
  holders=$(lock_holders "$lock")
  [[ -n $holders ]] || return 0
  kill -TERM $holders 2>/dev/null || true
  for ((i = 0; i < 100; i++)); do
    [[ -n $(lock_holders "$lock") ]] || return 0
    sleep 0.1
  done
  holders=$(lock_holders "$lock")
  [[ -z $holders ]] || kill -KILL $holders 2>/dev/null || true
}

# ---------------------------------------------------------------- S3

# start_s3 NAME DIR PORT BUCKET...: start tools/s3-server.cjs in the background,
# data in DIR, log in DIR/../NAME.log.
start_s3() {
  local name=$1 dir=$2 port=$3
  shift 3
  local log_file args=() bucket pid
  mkdir -p "$dir"
  log_file=$(cd "$dir/.." && pwd)/$name.log
  port_open "$port" && die "port $port (S3 '$name') is already in use; pick another one"
  for bucket in "$@"; do args+=(--bucket "$bucket"); done

  log "starting S3 '$name' on 127.0.0.1:$port (buckets: $*)"
  # In a session of its own, as Postgres is: Ctrl-C in the terminal reaches the script and the API, and the script
  # stops this server after the API has stopped using it. (setsid forks only for a group leader, which a background
  # job of a script is not, so $! stays the server's pid.)
  local session=()
  command -v setsid >/dev/null && session=(setsid)
  "${session[@]}" node "$REPO_ROOT/tools/s3-server.cjs" --port "$port" --directory "$dir" "${args[@]}" \
    >"$log_file" 2>&1 </dev/null &
  pid=$!
  _S3_PIDS[$name]=$pid

  if ! wait_for_port "$port" 15 "$pid" || ! _http_answers "$port"; then
    stop_s3 "$name"
    die "S3 '$name' did not come up on port $port; last lines of $log_file:"$'\n'"$(tail -n 20 "$log_file")"
  fi
}

# start_test_s3_pair DATA LOCAL_PORT CLOUD_PORT: the local and cloud test S3 servers (data under DATA, emptied first),
# unless CATALOG_TEST_S3_LOCAL / CATALOG_TEST_S3_CLOUD already name servers to use; exports those two and the
# credentials both servers accept (fixtures and the bench read them from CATALOG_TEST_S3_ACCESS_KEY/SECRET_KEY).
start_test_s3_pair() {
  local data=$1 local_port=$2 cloud_port=$3
  if [[ -z ${CATALOG_TEST_S3_LOCAL:-} || -z ${CATALOG_TEST_S3_CLOUD:-} ]]; then
    ensure_node_tools
  fi
  export CATALOG_TEST_S3_ACCESS_KEY=${CATALOG_TEST_S3_ACCESS_KEY:-catalog-test}
  export CATALOG_TEST_S3_SECRET_KEY=${CATALOG_TEST_S3_SECRET_KEY:-catalog-test-secret}
  export S3_ACCESS_KEY=$CATALOG_TEST_S3_ACCESS_KEY S3_SECRET_KEY=$CATALOG_TEST_S3_SECRET_KEY
  if [[ -z ${CATALOG_TEST_S3_LOCAL:-} ]]; then
    rm -rf "$data/s3-local"
    start_s3 s3-local "$data/s3-local" "$local_port" catalog-local
    export CATALOG_TEST_S3_LOCAL=http://127.0.0.1:$local_port
  fi
  if [[ -z ${CATALOG_TEST_S3_CLOUD:-} ]]; then
    rm -rf "$data/s3-cloud"
    start_s3 s3-cloud "$data/s3-cloud" "$cloud_port" catalog-cloud
    export CATALOG_TEST_S3_CLOUD=http://127.0.0.1:$cloud_port
  fi
}

# _http_answers PORT: the server on PORT answers an HTTP request (skipped without curl).
_http_answers() {
  command -v curl >/dev/null || return 0
  curl -s -o /dev/null --max-time 5 "http://127.0.0.1:$1/"
}

# stop_s3 NAME: stop an S3 server started by start_s3 in this shell.
stop_s3() {
  local name=$1 pid=${_S3_PIDS[$1]:-} i
  [[ -n $pid ]] || return 0
  unset "_S3_PIDS[$name]"
  kill -0 "$pid" 2>/dev/null || return 0
  log "stopping S3 '$name'"
  kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < 50; i++)); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  kill -KILL "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}

# stop_started_services: stop everything this shell started (use from an EXIT trap).
stop_started_services() {
  local name dir
  for name in "${!_S3_PIDS[@]}"; do stop_s3 "$name"; done
  for dir in "${_STARTED_PG_DIRS[@]}"; do stop_postgres "$dir"; done
  _STARTED_PG_DIRS=()
}

# use_reachable_pg_dir NAME: a throwaway cluster normally lives in $PG_DIR under $DATA; when user postgres cannot
# reach $DATA (as root in a clone inside root's home, say), move it to a temporary root, TMP_PG_ROOT, which the
# caller's cleanup removes. Nothing to do when PGDATA_ROOT or an external CATALOG_TEST_POSTGRES is set.
use_reachable_pg_dir() {
  local name=$1
  [[ -z ${PGDATA_ROOT:-} && -z ${CATALOG_TEST_POSTGRES:-} ]] || return 0
  postgres_can_reach "$DATA" && return 0
  TMP_PG_ROOT=$(mktemp -d "/tmp/hybridstorage-$name-pg.XXXXXX")
  chmod 755 "$TMP_PG_ROOT"
  PG_DIR=$TMP_PG_ROOT/$name/postgres
  log "user postgres cannot reach $DATA; using $PG_DIR for the $name cluster"
}
