#!/usr/bin/env bash
# Blocking-handler benchmark on loopback: an echo whose handler blocks DELAY_MS per message, with
# CONNECTIONS connections keeping one message in flight each. The ideal rate is
# CONNECTIONS / DELAY_MS (20,000/s for 1,000 connections and 50 ms): every message blocks its own
# connection only. Servers, each with one NIO event loop:
#   sluice-virtual  Sluice, handler on VirtualThreadExecutorGroup (needs JDK 21+: JAVA_VT)
#   sluice-workers  Sluice, handler on DefaultEventExecutorGroup of WORKERS threads
#   netty-workers   Netty 4.2, handler on DefaultEventExecutorGroup of WORKERS threads
# Prints messages/s per server and the fraction of the ideal. Servers listen on 127.0.0.1 only, on
# an ephemeral port, and exit by themselves after SERVER_LIMIT seconds.
#
# Settings (environment): CONNECTIONS=1000 DELAY_MS=50 WORKERS=16 WARMUP=3 MEASURE=10,
# SERVERS="sluice-virtual sluice-workers netty-workers", JAVA_VT=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
# (the JDK for every server and the client; plain `java` if it is missing and the JDK is 21+).
# Needs benchmarks/target/benchmarks.jar (./mvnw -B -DskipTests package).
set -euo pipefail
cd "$(dirname "$0")/.."
JAR=benchmarks/target/benchmarks.jar
CONNECTIONS=${CONNECTIONS:-1000}
DELAY_MS=${DELAY_MS:-50}
WORKERS=${WORKERS:-16}
WARMUP=${WARMUP:-3}
MEASURE=${MEASURE:-10}
SERVERS=${SERVERS:-"sluice-virtual sluice-workers netty-workers"}
SERVER_LIMIT=$((WARMUP + MEASURE + 120))
JAVA_VT=${JAVA_VT:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
[ -x "$JAVA_VT" ] || JAVA_VT=java
[ -f "$JAR" ] || { echo "missing $JAR: run ./mvnw -B -DskipTests package first" >&2; exit 1; }
OUT=benchmarks/target/blocking
mkdir -p "$OUT"

server_class() {
    case "$1" in
        sluice-virtual) echo "io.sluice.benchmarks.e2e.SluiceBlockingEchoServer --mode virtual" ;;
        sluice-workers) echo "io.sluice.benchmarks.e2e.SluiceBlockingEchoServer --mode workers --workers $WORKERS" ;;
        netty-workers) echo "io.sluice.benchmarks.e2e.NettyBlockingEchoServer --workers $WORKERS" ;;
        *) echo "unknown server $1" >&2; exit 1 ;;
    esac
}

ideal=$((CONNECTIONS * 1000 / DELAY_MS))
echo "connections=$CONNECTIONS delay_ms=$DELAY_MS workers=$WORKERS ideal_msgs_per_s=$ideal java=$("$JAVA_VT" -version 2>&1 | head -1)"
for name in $SERVERS; do
    log="$OUT/$name.log"
    # shellcheck disable=SC2046
    "$JAVA_VT" -Xmx1g -cp "$JAR" $(server_class "$name") --port 0 --delay-ms "$DELAY_MS" \
        --seconds "$SERVER_LIMIT" >"$log" 2>&1 &
    pid=$!
    port=""
    for _ in $(seq 300); do
        port=$(sed -n 's/^listening on 127\.0\.0\.1:\([0-9][0-9]*\)$/\1/p' "$log")
        [ -n "$port" ] && break
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.1
    done
    if [ -z "$port" ]; then
        echo "$name: did not start (see $log)"; kill "$pid" 2>/dev/null || true; continue
    fi
    result=$("$JAVA_VT" -Xmx1g -cp "$JAR" io.sluice.benchmarks.e2e.EchoLoadClient --port "$port" \
        --connections "$CONNECTIONS" --depth 1 --size 64 --warmup "$WARMUP" --seconds "$MEASURE" | grep '^RESULT' || true)
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
    rate=$(echo "$result" | sed -n 's/.*msgs_per_s=\([0-9.]*\).*/\1/p')
    if [ -z "$rate" ]; then
        echo "$name: no result (see $log)"; continue
    fi
    printf '%-16s msgs_per_s=%10.0f  of_ideal=%.3f\n' "$name" "$rate" "$(echo "$rate / $ideal" | bc -l)"
done
