#!/usr/bin/env bash
# Starts/stops a real single-node Apache Kafka broker in KRaft mode on 127.0.0.1, from the
# Maven Central jars listed in infra/kafka/pom.xml. Idempotent.
set -euo pipefail
source "$(dirname "$0")/common.sh"

PIDFILE="$KAFKA_HOME/kafka.pid"
LIB="$KAFKA_HOME/lib"
CONF="$KAFKA_HOME/server.properties"
DATA="$KAFKA_HOME/data"

running() { [ -s "$PIDFILE" ] && kill -0 "$(cat "$PIDFILE")" 2>/dev/null; }
port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$KAFKA_PORT") 2>/dev/null; }

fetch_jars() {
  if [ ! -f "$LIB/.complete" ]; then
    say "fetching Kafka broker jars through Maven into $LIB"
    mkdir -p "$LIB"
    mvn -B -q -f "$ARBITER_HOME/infra/kafka/pom.xml" dependency:copy-dependencies \
      -DoutputDirectory="$LIB" -DincludeScope=runtime >/dev/null
    touch "$LIB/.complete"
  fi
}

configure() {
  mkdir -p "$DATA"
  cat > "$CONF" <<CONF
process.roles=broker,controller
node.id=1
controller.quorum.bootstrap.servers=127.0.0.1:$KAFKA_CONTROLLER_PORT
listeners=PLAINTEXT://127.0.0.1:$KAFKA_PORT,CONTROLLER://127.0.0.1:$KAFKA_CONTROLLER_PORT
advertised.listeners=PLAINTEXT://127.0.0.1:$KAFKA_PORT
controller.listener.names=CONTROLLER
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
inter.broker.listener.name=PLAINTEXT
log.dirs=$DATA
num.partitions=6
offsets.topic.replication.factor=1
offsets.topic.num.partitions=6
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
auto.create.topics.enable=true
# Jobs carry the submission and its suite: allow up to 16 MiB per message.
message.max.bytes=16777216
replica.fetch.max.bytes=16777216
log.retention.hours=168
CONF
  if [ ! -f "$DATA/meta.properties" ]; then
    say "formatting KRaft storage in $DATA"
    java -cp "$LIB/*" kafka.tools.StorageTool format --standalone \
      -t "$(java -cp "$LIB/*" kafka.tools.StorageTool random-uuid)" -c "$CONF" >/dev/null
  fi
}

start() {
  command -v java >/dev/null || die "java is not installed"
  fetch_jars
  configure
  if running; then return 0; fi
  say "starting Kafka on 127.0.0.1:$KAFKA_PORT (log: $ARBITER_LOGS/kafka.log)"
  nohup java -Xms256m -Xmx768m -XX:+UseG1GC -Djava.awt.headless=true \
    -Dlog4j2.level=WARN -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
    -cp "$LIB/*" kafka.Kafka "$CONF" >>"$ARBITER_LOGS/kafka.log" 2>&1 &
  echo $! > "$PIDFILE"
  WAIT_SECONDS=90 wait_for "Kafka" port_open
  say "Kafka ready: 127.0.0.1:$KAFKA_PORT"
}

stop() {
  if running; then
    local pid; pid=$(cat "$PIDFILE")
    say "stopping Kafka (pid $pid)"
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 150); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    kill -9 "$pid" 2>/dev/null || true
  fi
  rm -f "$PIDFILE"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  restart) stop; start ;;
  status) if running && port_open; then echo running; else echo stopped; exit 3; fi ;;
  bootstrap) echo "127.0.0.1:$KAFKA_PORT" ;;
  *) die "usage: $0 start|stop|restart|status|bootstrap" ;;
esac
