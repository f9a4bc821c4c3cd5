#!/usr/bin/env bash
# Starts/stops Arbiter's own PostgreSQL 15 cluster (its own data directory and port, run as the
# postgres user because PostgreSQL refuses root). Idempotent.
set -euo pipefail
source "$(dirname "$0")/common.sh"

as_pg() { runuser -u postgres -- "$@"; }
pg_running() { as_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" status >/dev/null 2>&1; }
psql_admin() { as_pg "$PG_BIN/../bin/psql" -h "$PG_SOCKET_DIR" -p "$PG_PORT" -d postgres -v ON_ERROR_STOP=1 -qAt "$@"; }

init() {
  [ -x "$PG_BIN/initdb" ] || die "PostgreSQL 15 is not installed (run: ./arbiter install)"
  mkdir -p "$PG_HOME" && chmod 755 "$PG_HOME"
  mkdir -p "$PG_DATA" "$PG_SOCKET_DIR"
  chown postgres:postgres "$PG_DATA" "$PG_SOCKET_DIR"
  chmod 700 "$PG_DATA"
  if [ ! -s "$PG_DATA/PG_VERSION" ]; then
    say "initialising PostgreSQL data directory $PG_DATA"
    as_pg "$PG_BIN/initdb" -D "$PG_DATA" -U postgres --auth-local=peer --auth-host=scram-sha-256 -E UTF8 >/dev/null
    cat >> "$PG_DATA/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $PG_PORT
unix_socket_directories = '$PG_SOCKET_DIR'
max_connections = 200
fsync = on
CONF
  fi
}

start() {
  init
  if ! pg_running; then
    say "starting PostgreSQL on 127.0.0.1:$PG_PORT (log: $PG_HOME/postgres.log)"
    touch "$PG_HOME/postgres.log"; chown postgres:postgres "$PG_HOME/postgres.log"
    as_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" -l "$PG_HOME/postgres.log" -w -t 60 start >/dev/null
  fi
  local pw; pw=$(pg_password)
  psql_admin -c "DO \$\$BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname='$PG_USER') THEN CREATE ROLE $PG_USER LOGIN CREATEDB; END IF; END\$\$;" 
  psql_admin -c "ALTER ROLE $PG_USER PASSWORD '$pw'" >/dev/null
  [ "$(psql_admin -c "SELECT 1 FROM pg_database WHERE datname='$PG_DB'")" = 1 ] || psql_admin -c "CREATE DATABASE $PG_DB OWNER $PG_USER"
  say "PostgreSQL ready: jdbc:postgresql://127.0.0.1:$PG_PORT/$PG_DB (user $PG_USER, password in $ARBITER_STATE/pg-password)"
}

stop() {
  if [ -s "$PG_DATA/PG_VERSION" ] && pg_running; then
    say "stopping PostgreSQL"
    as_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" -m fast -w stop >/dev/null
  fi
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  restart) stop; start ;;
  status) if pg_running; then echo running; else echo stopped; exit 3; fi ;;
  password) pg_password ;;
  *) die "usage: $0 start|stop|restart|status|password" ;;
esac
