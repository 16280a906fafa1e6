#!/usr/bin/env bash
# Start and stop throw-away Redis and PostgreSQL/PostGIS servers for tests
# (issue 7): each in its own directory, listening on 127.0.0.1 only, on a free
# port. PostgreSQL refuses to run as root, so as root the cluster runs as
# `nobody` (runuser). Authentication is "trust" — for loopback test clusters
# that only live in a temporary directory.
#
#   servers.sh postgres-start DIR   prints the DSN  postgresql://marsad@127.0.0.1:PORT/marsad
#   servers.sh postgres-stop  DIR
#   servers.sh redis-start    DIR   prints the URL  redis://127.0.0.1:PORT
#   servers.sh redis-stop     DIR
# On failure: a message on stderr saying why (with the server's log) and exit 1.
set -euo pipefail

PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}

die() {
  echo "servers.sh: $*" >&2
  exit 1
}

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# Run a command as the cluster owner.
as_owner() {
  if [[ "$(id -u)" -eq 0 ]]; then
    runuser -u nobody -- "$@"
  else
    "$@"
  fi
}

postgres_start() {
  local dir=$1
  [[ -x "$PG_BIN/initdb" ]] || die "PostgreSQL is not installed: no $PG_BIN/initdb (Debian: apt-get install postgresql postgresql-15-postgis-3, or scripts/install-deps)"
  [[ -f /usr/share/postgresql/15/extension/postgis.control ]] || die "PostGIS is not installed (Debian: apt-get install postgresql-15-postgis-3)"
  mkdir -p "$dir"
  if [[ "$(id -u)" -eq 0 ]]; then
    chown nobody "$dir"
    chmod 700 "$dir"
    # The test's own temporary directory must let `nobody` pass through.
    chmod a+x "$(dirname "$dir")"
    runuser -u nobody -- test -w "$dir" || die "as root the cluster runs as nobody, who cannot reach $dir (make its parent directories searchable)"
  fi
  (cd "$dir" && as_owner "$PG_BIN/initdb" -D "$dir/data" -U marsad --auth=trust -E UTF8 --locale=C.UTF-8 > "$dir/initdb.log" 2>&1) ||
    die "initdb failed in $dir: $(tail -5 "$dir/initdb.log")"
  local port attempt
  for attempt in 1 2 3; do
    port=$(free_port)
    # fsync off: a test cluster, thrown away afterwards.
    if (cd "$dir" && as_owner "$PG_BIN/pg_ctl" -D "$dir/data" -l "$dir/postgres.log" -w -t 60 start \
      -o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=60" > /dev/null 2>&1); then
      echo "$port" > "$dir/port"
      break
    fi
    port=""
  done
  [[ -n "$port" ]] || die "PostgreSQL did not start in $dir: $(tail -5 "$dir/postgres.log" 2> /dev/null)"
  as_owner "$PG_BIN/createdb" -h 127.0.0.1 -p "$port" -U marsad marsad > "$dir/createdb.log" 2>&1 ||
    die "createdb failed: $(cat "$dir/createdb.log")"
  echo "postgresql://marsad@127.0.0.1:$port/marsad"
}

postgres_stop() {
  local dir=$1
  [[ -d "$dir/data" ]] || return 0
  (cd "$dir" && as_owner "$PG_BIN/pg_ctl" -D "$dir/data" -m immediate -w stop > /dev/null 2>&1) || true
}

redis_start() {
  local dir=$1
  command -v redis-server > /dev/null || die "redis-server is not installed (Debian: apt-get install redis-server, or scripts/install-deps)"
  mkdir -p "$dir"
  local port attempt
  for attempt in 1 2 3; do
    port=$(free_port)
    redis-server --bind 127.0.0.1 --port "$port" --dir "$dir" --save "" --appendonly no \
      --daemonize yes --pidfile "$dir/redis.pid" --logfile "$dir/redis.log" > /dev/null 2>&1 || continue
    local i
    for i in $(seq 1 50); do
      if redis-cli -h 127.0.0.1 -p "$port" ping 2> /dev/null | grep -q PONG; then
        echo "$port" > "$dir/port"
        echo "redis://127.0.0.1:$port"
        return 0
      fi
      sleep 0.1
    done
    redis_stop "$dir"
  done
  die "redis-server did not start in $dir: $(tail -5 "$dir/redis.log" 2> /dev/null)"
}

redis_stop() {
  local dir=$1
  if [[ -f "$dir/redis.pid" ]]; then
    kill "$(cat "$dir/redis.pid")" 2> /dev/null || true
    rm -f "$dir/redis.pid"
  fi
}

case "${1:-}" in
  postgres-start) postgres_start "${2:?directory}" ;;
  postgres-stop) postgres_stop "${2:?directory}" ;;
  redis-start) redis_start "${2:?directory}" ;;
  redis-stop) redis_stop "${2:?directory}" ;;
  *) die "usage: servers.sh postgres-start|postgres-stop|redis-start|redis-stop DIR" ;;
esac
