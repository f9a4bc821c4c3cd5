# Shared settings for Arbiter's scripts; sourced, never run.
# Every path and port can be overridden from the environment.
ARBITER_HOME="${ARBITER_HOME:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}"
ARBITER_STATE="${ARBITER_STATE:-$ARBITER_HOME/.arbiter}"
ARBITER_LOGS="$ARBITER_STATE/logs"
PG_PORT="${ARBITER_PG_PORT:-55432}"
PG_BIN="${ARBITER_PG_BIN:-/usr/lib/postgresql/15/bin}"
# PostgreSQL refuses to run as root and runs as the postgres user, which cannot enter a checkout
# under a private home directory: then its files live under /var/lib/arbiter instead.
if runuser -u postgres -- test -x "$ARBITER_STATE" 2>/dev/null || [ ! -d "$ARBITER_STATE" ] && runuser -u postgres -- test -x "$(dirname "$ARBITER_STATE")" 2>/dev/null; then
  PG_HOME="$ARBITER_STATE"
else
  PG_HOME="/var/lib/arbiter/pg-$PG_PORT"
fi
PG_DATA="$PG_HOME/pgdata"
PG_SOCKET_DIR="$PG_HOME/pgsocket"
PG_USER="${ARBITER_PG_USER:-arbiter}"
PG_DB="${ARBITER_PG_DB:-arbiter}"
KAFKA_PORT="${ARBITER_KAFKA_PORT:-19092}"
KAFKA_CONTROLLER_PORT="${ARBITER_KAFKA_CONTROLLER_PORT:-19093}"
KAFKA_HOME="$ARBITER_STATE/kafka"
API_PORT="${ARBITER_API_PORT:-8080}"
WORKER_PORT="${ARBITER_WORKER_PORT:-8081}"

mkdir -p "$ARBITER_LOGS"
chmod 755 "$ARBITER_STATE" "$ARBITER_LOGS" 2>/dev/null || true

say() { printf '[arbiter] %s\n' "$*" >&2; }
die() { printf '[arbiter] error: %s\n' "$*" >&2; exit 1; }

# Waits until "$@" succeeds, at most $WAIT_SECONDS (default 60) seconds.
wait_for() {
  local what="$1"; shift
  local deadline=$(( $(date +%s) + ${WAIT_SECONDS:-60} ))
  until "$@" >/dev/null 2>&1; do
    [ "$(date +%s)" -lt "$deadline" ] || die "$what did not come up in ${WAIT_SECONDS:-60}s"
    sleep 0.3
  done
}

# The password of the local database role, made once and kept in the state directory (never committed).
pg_password() {
  local f="$ARBITER_STATE/pg-password"
  [ -s "$f" ] || { umask 077; head -c 18 /dev/urandom | base64 | tr -d '/+=' > "$f"; }
  cat "$f"
}
