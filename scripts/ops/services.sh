#!/usr/bin/env bash
# PostgreSQL and Redis for development and CI on their standard loopback ports, from
# Debian's packages. Idempotent: installs what is missing, starts what is stopped, leaves
# running servers alone. `start` prints the variables to export:
#
#   eval "$(bash scripts/ops/services.sh start)"   # DATABASE_URL and REDIS_URL in this shell
#   bash scripts/ops/services.sh status
#   bash scripts/ops/services.sh stop
#
# `npm start` and `npm test` need neither: without the variables they run embedded.
set -euo pipefail

pg_host=127.0.0.1
pg_port=5432
# A loopback-only development server: Debian's cluster asks TCP clients for a password, and
# its postgres role has none until this script gives it one.
pg_password="${DROPMATE_PG_PASSWORD:-postgres}"
redis_port=6379

# stdout is for eval: only the exports go there (fd 3). Whatever the tools print, such as
# pg_ctlcluster's "Removed stale pid file.", goes to stderr. The servers are started with fd 3
# closed: a daemon holding it would keep the caller's "$(...)" waiting for as long as it runs.
exec 3>&1 1>&2

log() { echo "services: $*" >&2; }
# shellcheck source=scripts/ops/lib.sh
source "$(dirname "$0")/lib.sh"

pg_cluster_version() { find /etc/postgresql -mindepth 1 -maxdepth 1 -printf '%f\n' | sort -V | tail -1; }
pg_answers() { pg_isready -q -h "$pg_host" -p "$pg_port"; }
pg_password_works() {
  PGPASSWORD="$pg_password" PGCONNECT_TIMEOUT=3 \
    psql -h "$pg_host" -p "$pg_port" -U postgres -d postgres -qAtc 'select 1' >/dev/null 2>&1
}
redis_answers() { redis-cli -h 127.0.0.1 -p "$redis_port" ping >/dev/null 2>&1; }

wait_for() {
  local what="$1" check="$2"
  for _ in $(seq 1 60); do
    if "$check"; then return 0; fi
    sleep 0.5
  done
  log "$what did not answer"
  return 1
}

start_postgres() {
  command -v pg_ctlcluster >/dev/null || apt_install postgresql
  if ! pg_answers; then
    log "starting PostgreSQL $(pg_cluster_version)"
    as_root pg_ctlcluster --skip-systemctl-redirect "$(pg_cluster_version)" main start 3>&-
    wait_for PostgreSQL pg_answers
  fi
  if ! pg_password_works; then
    log "giving the postgres role its loopback password"
    as_root su postgres -c "psql -qc \"alter user postgres password '$pg_password'\""
    pg_password_works
  fi
}

start_redis() {
  command -v redis-server >/dev/null || apt_install redis-server
  if ! redis_answers; then
    log "starting Redis"
    # No persistence: the data is throwaway, and a snapshot fork would skew the bench.
    redis-server --daemonize yes --bind 127.0.0.1 -::1 --port "$redis_port" \
      --save "" --appendonly no 3>&-
    wait_for Redis redis_answers
  fi
}

status() {
  local code=0
  if command -v pg_isready >/dev/null && pg_answers; then
    log "PostgreSQL answers on $pg_host:$pg_port"
  else
    log "PostgreSQL is not running"
    code=3
  fi
  if command -v redis-cli >/dev/null && redis_answers; then
    log "Redis answers on 127.0.0.1:$redis_port"
  else
    log "Redis is not running"
    code=3
  fi
  return "$code"
}

stop() {
  if command -v pg_ctlcluster >/dev/null && pg_answers; then
    as_root pg_ctlcluster --skip-systemctl-redirect "$(pg_cluster_version)" main stop
    log "PostgreSQL stopped"
  fi
  if command -v redis-cli >/dev/null && redis_answers; then
    redis-cli -h 127.0.0.1 -p "$redis_port" shutdown nosave >/dev/null 2>&1 || true
    log "Redis stopped"
  fi
}

case "${1:-}" in
  start)
    start_postgres
    start_redis
    echo "export DATABASE_URL=postgres://postgres:$pg_password@$pg_host:$pg_port/postgres" >&3
    echo "export REDIS_URL=redis://127.0.0.1:$redis_port" >&3
    ;;
  stop) stop ;;
  status) status ;;
  *)
    echo "usage: $0 start|stop|status" >&2
    exit 2
    ;;
esac
