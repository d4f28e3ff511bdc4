#!/usr/bin/env bash
# End-to-end echo benchmark on loopback: Sluice vs Netty 4.2 NIO vs a bare java.nio loop.
#
#   benchmarks/run-e2e.sh              throughput and efficiency, three shapes (default mode)
#   benchmarks/run-e2e.sh syscalls     system calls per message under strace (pipelined shape)
#   benchmarks/run-e2e.sh profile      the event loop's allocation per message and hot methods (JFR)
#   benchmarks/run-e2e.sh cpu-profile  the server's CPU per message by where perf sampled it: kernel,
#                                      libc, Sluice's compiled code, the JDK's, the JVM (PROFILE_SHAPES)
#   benchmarks/run-e2e.sh native-profile  async-profiler (fetched from Maven Central) on each server:
#                                      CPU per message by leaf frame, JIT-inlined and kernel frames
#                                      named, and each server's difference from the last in SERVERS
#   benchmarks/run-e2e.sh idle         memory per idle connection (Sluice, Netty)
#   benchmarks/run-e2e.sh all          the four, in that order
#   benchmarks/run-e2e.sh http|resp    an external load tool (wrk, redis-benchmark) against the Sluice
#                                      and Netty servers of that protocol: requests/s and requests per
#                                      server-CPU-second, alternating, medians and the ratio
#   benchmarks/run-e2e.sh ws           WebSocket echo, Sluice vs Netty 4.2's WebSocket handlers: first
#                                      checks that both answer byte-identically (WsEchoCheck), then the
#                                      throughput mode over $WS_SHAPES with the WebSocket load client
#   benchmarks/run-e2e.sh ws-profile   the profile mode (JFR) for the two WebSocket servers
#
# Every server runs on CPU $SERVER_CPU (taskset) with one event loop thread, freshly started for
# each measurement; the load client runs on CPU $CLIENT_CPU. Servers listen on an ephemeral port of
# 127.0.0.1 and exit by themselves after $SERVER_LIMIT seconds whatever happens to this script.
#
# Efficiency is messages per second of server CPU: utime+stime of all the server's threads from
# /proc/PID/stat, converted with `getconf CLK_TCK`. The client reads it itself at the first and last
# instant of the interval in which it counts messages (--server-pid), so both figures cover the very
# same interval. A saturated client caps throughput; efficiency still shows a costly server.
#
# The client polls (selectNow) rather than sleeping in select (CLIENT_SPIN=1, the default): on this
# kind of VM waking an idle vCPU costs tens of microseconds, and with a sleeping client the pair
# falls into a "both wait for a wake-up" regime whose throughput swings 3x from run to run depending
# on which server happened to stay busy. With a polling client the server's core is the bottleneck
# (server CPU/s near 1.00), which is what this benchmark is about. CLIENT_SPIN=0 for the other way.
#
# Settings (environment): WARMUP=3 MEASURE=5 ROUNDS=3 (seconds, seconds, rounds per shape),
# SHAPES="many pipelined bulk", SERVERS="bare sluice netty" (also sluice-before: the Sluice server
# from BEFORE_JAR, another build's benchmarks jar, so a change is measured in the same rounds as the
# build before it; and sluice-idle, sluice-flush,
# sluice-shaping: the Sluice server with that generic handler in front), STRACE_SECONDS=3, SYSCALL_SHAPES=pipelined,
# IDLE_CONNECTIONS=10000, IDLE_BASELINE=100, IDLE_SERVERS="sluice netty", IDLE_TOP=16,
# IDLE_JAVA_OPTS="-Xms512m -Xmx512m -XX:+AlwaysPreTouch -XX:NativeMemoryTracking=summary",
# PROFILE_SHAPES="many pipelined", PROFILE_TOP=8, PERF_FREQ=1999 (cpu-profile), CLIENT_SPIN=1,
# RATE=0 (msgs/s: caps the offered load of the throughput mode, so every server sees the same
# arrivals; 0: closed loop only),
# HTTP_CONNECTIONS=64 HTTP_PIPELINE=1 (http mode: wrk connections, requests per write),
# SERVER_CPU=0 CLIENT_CPU=1, SERVER_JAVA_OPTS="-Xms512m -Xmx512m -XX:+AlwaysPreTouch" (the heap is
# resident from the start: in a run of seconds the young generation is never reused, so each first
# touch of a heap page would be a page fault charged to the messages that allocated there, 0.3-0.4 us
# per message of Sluice's bulk echo; a server up for longer than one young-generation cycle has
# none), CLIENT_JAVA_OPTS="-Xmx512m",
# NETTY_ALLOCATOR=pooled (or adaptive), OUT_DIR=benchmarks/target/e2e,
# WS_SHAPES="ws-64 ws-16k" (ws and ws-profile modes; also ws-pipelined).
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$(pwd)
JAR=$ROOT/benchmarks/target/benchmarks.jar
PKG=io.sluice.benchmarks.e2e

WARMUP=${WARMUP:-3}
MEASURE=${MEASURE:-5}
ROUNDS=${ROUNDS:-3}
SHAPES=${SHAPES:-"many pipelined bulk"}
SERVERS=${SERVERS:-"bare sluice netty"}
STRACE_SECONDS=${STRACE_SECONDS:-3}
SYSCALL_SHAPES=${SYSCALL_SHAPES:-pipelined}
PROFILE_SHAPES=${PROFILE_SHAPES:-"many pipelined"}
PROFILE_TOP=${PROFILE_TOP:-8}
CLIENT_SPIN=${CLIENT_SPIN:-1}
RATE=${RATE:-0}
IDLE_CONNECTIONS=${IDLE_CONNECTIONS:-10000}
IDLE_BASELINE=${IDLE_BASELINE:-100}
IDLE_SERVERS=${IDLE_SERVERS:-"sluice netty"}
IDLE_TOP=${IDLE_TOP:-16}
IDLE_JAVA_OPTS=${IDLE_JAVA_OPTS:-"-Xms512m -Xmx512m -XX:+AlwaysPreTouch -XX:NativeMemoryTracking=summary"}
SERVER_CPU=${SERVER_CPU:-0}
CLIENT_CPU=${CLIENT_CPU:-1}
SERVER_JAVA_OPTS=${SERVER_JAVA_OPTS:-"-Xms512m -Xmx512m -XX:+AlwaysPreTouch"}
CLIENT_JAVA_OPTS=${CLIENT_JAVA_OPTS:--Xmx512m}
NETTY_ALLOCATOR=${NETTY_ALLOCATOR:-pooled}
OUT_DIR=${OUT_DIR:-$ROOT/benchmarks/target/e2e}
# the servers' own time limit: a safety net well past any planned run
SERVER_LIMIT=${SERVER_LIMIT:-300}
CLK_TCK=$(getconf CLK_TCK)

SERVER_PID=""
SERVER_PORT=""
STRACE_PID=""
CPID=""

die() {
    echo "run-e2e: $*" >&2
    exit 1
}

cleanup() {
    # only what this script started, by pid
    if [[ -n "$STRACE_PID" ]] && kill -0 "$STRACE_PID" 2>/dev/null; then
        kill -INT "$STRACE_PID" 2>/dev/null || true
    fi
    if [[ -n "$CPID" ]] && kill -0 "$CPID" 2>/dev/null; then
        kill "$CPID" 2>/dev/null || true
    fi
    if [[ -n "$SERVER_PID" ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
        kill "$SERVER_PID" 2>/dev/null || true
    fi
}
trap cleanup EXIT

build_if_missing() {
    if [[ ! -f "$JAR" ]]; then
        echo "building $JAR ..."
        ./mvnw -B -q -DskipTests -pl benchmarks -am package
    fi
}

server_class() {
    case "$1" in
        bare) echo "$PKG.BareNioEchoServer" ;;
        sluice | sluice-idle | sluice-flush | sluice-shaping | sluice-before) echo "$PKG.SluiceEchoServer" ;;
        netty) echo "$PKG.NettyEchoServer" ;;
        ws-sluice) echo "$PKG.SluiceWsEchoServer" ;;
        ws-netty) echo "$PKG.NettyWsEchoServer" ;;
        *) die "unknown server '$1' (bare, sluice, sluice-before, sluice-idle, sluice-flush, sluice-shaping, netty, ws-sluice, ws-netty)" ;;
    esac
}

# shape name -> "connections depth size"
shape_args() {
    case "$1" in
        many) echo "100 1 64" ;;
        pipelined) echo "10 16 64" ;;
        bulk) echo "4 1 16384" ;;
        ws-64) echo "100 1 64" ;;
        ws-16k) echo "100 1 16384" ;;
        ws-pipelined) echo "10 16 64" ;;
        *) die "unknown shape '$1' (many, pipelined, bulk, ws-64, ws-16k, ws-pipelined)" ;;
    esac
}

shape_title() {
    case "$1" in
        many) echo "many connections, one small message in flight (C=100, D=1, S=64)" ;;
        pipelined) echo "small messages pipelined 16 deep (C=10, D=16, S=64)" ;;
        bulk) echo "16 KiB bulk (C=4, D=1, S=16384)" ;;
        ws-64) echo "WebSocket, 64 B binary messages, many connections (C=100, D=1, S=64)" ;;
        ws-16k) echo "WebSocket, 16 KiB binary messages, many connections (C=100, D=1, S=16384)" ;;
        ws-pipelined) echo "WebSocket, 64 B binary messages pipelined 16 deep (C=10, D=16, S=64)" ;;
    esac
}

# start_server NAME [CLASS]: starts it fresh on $SERVER_CPU, sets SERVER_PID and SERVER_PORT
start_server() {
    local name=$1 log=$OUT_DIR/server-$1.log extra=() class=${2:-} jar=$JAR
    [[ -z "$class" ]] && class=$(server_class "$name")
    [[ "$name" == netty || "$name" == ws-netty ]] && extra=(--allocator "$NETTY_ALLOCATOR")
    [[ "$name" == sluice-idle || "$name" == sluice-flush || "$name" == sluice-shaping ]] && extra=(--handler "${name#sluice-}")
    if [[ "$name" == sluice-before ]]; then
        [[ -f "${BEFORE_JAR:-}" ]] || die "sluice-before needs BEFORE_JAR: the benchmarks jar of the build to compare with"
        jar=$BEFORE_JAR
    fi
    : >"$log"
    # shellcheck disable=SC2086
    taskset -c "$SERVER_CPU" java $SERVER_JAVA_OPTS -cp "$jar" "$class" \
        --port 0 --seconds "$SERVER_LIMIT" "${extra[@]}" >"$log" 2>&1 &
    SERVER_PID=$!
    SERVER_PORT=""
    local i
    for ((i = 0; i < 300; i++)); do
        SERVER_PORT=$(sed -n 's/^listening on 127\.0\.0\.1:\([0-9][0-9]*\)$/\1/p' "$log")
        [[ -n "$SERVER_PORT" ]] && return 0
        kill -0 "$SERVER_PID" 2>/dev/null || die "$name server exited before listening: $(cat "$log")"
        sleep 0.1
    done
    die "$name server did not print 'listening on' within 30 s"
}

stop_server() {
    if [[ -n "$SERVER_PID" ]]; then
        kill "$SERVER_PID" 2>/dev/null || true
        wait "$SERVER_PID" 2>/dev/null || true
        SERVER_PID=""
    fi
}

# client_cmd ARGS...: sets CLIENT_CMD to the load client's command line (pinned to $CLIENT_CPU)
client_cmd() {
    local spin=()
    [[ "$CLIENT_SPIN" == 1 ]] && spin=(--spin)
    # shellcheck disable=SC2206
    CLIENT_CMD=(taskset -c "$CLIENT_CPU" java $CLIENT_JAVA_OPTS -cp "$JAR" "$PKG.EchoLoadClient" --port "$SERVER_PORT"
        --protocol "${CLIENT_PROTOCOL:-echo}" "${spin[@]}" "$@")
}

client() {
    client_cmd "$@"
    "${CLIENT_CMD[@]}"
}

# field NAME LINE: the value of NAME=... in a RESULT line
field() {
    sed -n "s/.*[[:space:]]$1=\([^[:space:]]*\).*/\1/p" <<<"$2"
}

median() {
    sort -g | awk '{ v[NR] = $1 } END { if (NR == 0) print "nan"; else if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

ratio() {
    awk -v a="$1" -v b="$2" 'BEGIN { if (b + 0 == 0) print "n/a"; else printf "%.3f", a / b }'
}

describe_machine() {
    echo "date: $(date -u '+%Y-%m-%d %H:%M:%S UTC'); $(nproc) CPUs ($(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1))"
    echo "java: $(java -version 2>&1 | head -1); CLK_TCK=$CLK_TCK; load average: $(cut -d' ' -f1-3 /proc/loadavg)"
    echo "server: taskset -c $SERVER_CPU java $SERVER_JAVA_OPTS; client: taskset -c $CLIENT_CPU java $CLIENT_JAVA_OPTS; netty allocator: $NETTY_ALLOCATOR"
}

# ---- throughput and efficiency -----------------------------------------------------------------

run_throughput() {
    local results=$OUT_DIR/throughput
    rm -rf "$results"
    mkdir -p "$results"
    echo "== throughput and efficiency: warm-up ${WARMUP} s, measure ${MEASURE} s, ${ROUNDS} rounds$([[ "$RATE" != 0 ]] && echo ", offered load capped at $RATE msgs/s")"
    describe_machine
    local servers=($SERVERS) shape round k name
    for shape in $SHAPES; do
        read -r c d s <<<"$(shape_args "$shape")"
        for ((round = 1; round <= ROUNDS; round++)); do
            # alternate the servers, rotating who goes first so no one always follows the same neighbour
            for ((k = 0; k < ${#servers[@]}; k++)); do
                name=${servers[$(((k + round - 1) % ${#servers[@]}))]}
                start_server "$name"
                local line
                line=$(client --connections "$c" --depth "$d" --size "$s" --warmup "$WARMUP" --seconds "$MEASURE" \
                    --rate "$RATE" --server-pid "$SERVER_PID" --clk-tck "$CLK_TCK" | grep '^RESULT') \
                    || die "client failed against $name ($shape)"
                stop_server
                echo "  $shape round $round $name: ${line#RESULT }"
                field msgs_per_s "$line" >>"$results/$shape.$name.tput"
                field msgs_per_server_cpu_s "$line" >>"$results/$shape.$name.eff"
                field server_cpu_s "$line" >>"$results/$shape.$name.cpu"
                field client_cpu_s "$line" >>"$results/$shape.$name.ccpu"
                # user and kernel CPU per message (tick-sampled by the kernel: indicative)
                awk -v u="$(field server_user_s "$line")" -v k="$(field server_sys_s "$line")" -v m="$(field msgs "$line")" \
                    'BEGIN { printf "%.4f %.4f\n", u * 1e6 / m, k * 1e6 / m }' >>"$results/$shape.$name.usersys"
            done
        done
    done
    echo
    for shape in $SHAPES; do
        echo "### $(shape_title "$shape")"
        printf '%-13s %12s %18s %13s %13s %13s %13s\n' server "msgs/s" "msgs/server-CPU-s" "server CPU/s" "client CPU/s" \
            "user us/msg" "sys us/msg"
        local -A tput=() eff=()
        for name in $SERVERS; do
            tput[$name]=$(median <"$results/$shape.$name.tput")
            eff[$name]=$(median <"$results/$shape.$name.eff")
            local cpu ccpu
            cpu=$(median <"$results/$shape.$name.cpu")
            ccpu=$(median <"$results/$shape.$name.ccpu")
            printf '%-13s %12.0f %18.0f %13.2f %13.2f %13.3f %13.3f\n' "$name" "${tput[$name]}" "${eff[$name]}" \
                "$(awk -v x="$cpu" -v t="$MEASURE" 'BEGIN { print x / t }')" \
                "$(awk -v x="$ccpu" -v t="$MEASURE" 'BEGIN { print x / t }')" \
                "$(cut -d' ' -f1 "$results/$shape.$name.usersys" | median)" \
                "$(cut -d' ' -f2 "$results/$shape.$name.usersys" | median)"
        done
        if [[ -n "${tput[bare]:-}" && -n "${tput[sluice]:-}" && -n "${tput[netty]:-}" ]]; then
            printf '%-14s %12s %18s\n' ratio "msgs/s" "msgs/server-CPU-s"
            printf '%-14s %12s %18s\n' sluice/bare "$(ratio "${tput[sluice]}" "${tput[bare]}")" "$(ratio "${eff[sluice]}" "${eff[bare]}")"
            printf '%-14s %12s %18s\n' netty/bare "$(ratio "${tput[netty]}" "${tput[bare]}")" "$(ratio "${eff[netty]}" "${eff[bare]}")"
            printf '%-14s %12s %18s\n' sluice/netty "$(ratio "${tput[sluice]}" "${tput[netty]}")" "$(ratio "${eff[sluice]}" "${eff[netty]}")"
        fi
        if [[ -n "${tput[ws-sluice]:-}" && -n "${tput[ws-netty]:-}" ]]; then
            printf '%-22s %12s %18s\n' ratio "msgs/s" "msgs/server-CPU-s"
            printf '%-22s %12s %18s\n' ws-sluice/ws-netty "$(ratio "${tput[ws-sluice]}" "${tput[ws-netty]}")" \
                "$(ratio "${eff[ws-sluice]}" "${eff[ws-netty]}")"
        fi
        if [[ -n "${tput[sluice-before]:-}" && -n "${tput[sluice]:-}" ]]; then
            # each round ran both builds back to back: the ratio per round cancels the machine's drift
            printf '%-22s %12s %18s   %s\n' "sluice/sluice-before" "$(ratio "${tput[sluice]}" "${tput[sluice-before]}")" \
                "$(ratio "${eff[sluice]}" "${eff[sluice-before]}")" \
                "per round: $(paste -d' ' "$results/$shape.sluice.eff" "$results/$shape.sluice-before.eff" |
                    awk '{ printf "%s%.3f", (NR > 1 ? " " : ""), $1 / $2 }')"
        fi
        local variant
        for variant in sluice-idle sluice-flush sluice-shaping; do # each handler against the plain pipeline
            if [[ -n "${tput[$variant]:-}" && -n "${tput[sluice]:-}" ]]; then
                printf '%-22s %12s %18s\n' "$variant/sluice" "$(ratio "${tput[$variant]}" "${tput[sluice]}")" \
                    "$(ratio "${eff[$variant]}" "${eff[sluice]}")"
            fi
        done
        echo "(medians of $ROUNDS rounds; CPU/s: CPU seconds per wall second, 1.00 = one core busy; us/msg: server"
        echo " user-space and kernel CPU microseconds per message, as the kernel's tick sampling splits them)"
        echo
        unset tput eff
    done
}

# ---- system calls per message ------------------------------------------------------------------

# waits until strace has attached to every thread of SERVER_PID
await_traced() {
    local i t all
    for ((i = 0; i < 200; i++)); do
        all=1
        for t in /proc/"$SERVER_PID"/task/*/status; do
            if [[ "$(awk '/^TracerPid:/ { print $2 }' "$t" 2>/dev/null)" == 0 ]]; then
                all=0
                break
            fi
        done
        [[ $all == 1 ]] && return 0
        sleep 0.05
    done
    die "strace did not attach to every thread of $SERVER_PID within 10 s"
}

# traced_run NAME SHAPE TRACER OUT: one fresh server, warmed up, then SHAPE's load for
# $STRACE_SECONDS with TRACER (strace or perf) attached to every server thread; sets MSGS
traced_run() {
    local name=$1 shape=$2 tracer=$3 out=$4 line c d s
    read -r c d s <<<"$(shape_args "$shape")"
    start_server "$name"
    client_cmd --control --connections "$c" --depth "$d" --size "$s" --warmup "$WARMUP" --seconds "$STRACE_SECONDS"
    coproc CLIENT { exec "${CLIENT_CMD[@]}" 2>&1; }
    CPID=$CLIENT_PID # bash unsets CLIENT_PID once the coprocess is reaped
    # warm-up, then the client stops sending and drains: the server is idle when it says PAUSED
    line=""
    while [[ "$line" != PAUSED ]]; do
        read -r -t 120 line <&"${CLIENT[0]}" || die "client did not pause ($name): $line"
    done
    if [[ $tracer == strace ]]; then
        strace -f -c -S calls -o "$out" -p "$SERVER_PID" 2>"$out.err" &
        STRACE_PID=$!
        await_traced
    elif [[ $tracer == perf ]]; then
        # in-kernel counters: no slow-down, so the batching is the untraced one
        perf stat -x, -o "$out" -e "$PERF_EVENTS" -p "$SERVER_PID" 2>"$out.err" &
        STRACE_PID=$!
        sleep 1
    elif [[ $tracer == async ]]; then
        # quoted once more: jcmd splits its arguments at commas
        jcmd "$SERVER_PID" JVMTI.agent_load "$AP_LIB" "'start,event=cpu,interval=${AP_INTERVAL_US}us,cstack=vm,ann'" \
            >"$out.log" 2>&1 || die "async-profiler did not start: $(cat "$out.log")"
    elif [[ $tracer == perf-record ]]; then
        # sampled stacks of every thread, native and JIT frames alike (named by the perf map below)
        perf record -F "$PERF_FREQ" -g -o "$out" -p "$SERVER_PID" 2>"$out.err" &
        STRACE_PID=$!
        sleep 1
    else
        jcmd "$SERVER_PID" JFR.start name=e2e settings=profile method-profiling=max filename="$out" >"$out.log"
    fi
    echo go >&"${CLIENT[1]}"
    line=""
    while [[ "$line" != DRAINED* ]]; do
        read -r -t 120 line <&"${CLIENT[0]}" || die "client did not finish ($name): $line"
    done
    if [[ $tracer == jfr ]]; then
        jcmd "$SERVER_PID" JFR.stop name=e2e >>"$out.log"
    elif [[ $tracer == async ]]; then
        jcmd "$SERVER_PID" JVMTI.agent_load "$AP_LIB" "'stop,collapsed,ann,file=$out'" >>"$out.log" 2>&1
    else
        kill -INT "$STRACE_PID"
        wait "$STRACE_PID" || true
        STRACE_PID=""
    fi
    if [[ $tracer == perf-record ]]; then
        # /tmp/perf-PID.map: names the JIT-compiled code for perf report
        jcmd "$SERVER_PID" Compiler.perfmap >"$out.log" 2>&1 || true
    fi
    echo quit >&"${CLIENT[1]}"
    wait "$CPID" || true
    CPID=""
    stop_server
    MSGS=$(field msgs " $line")
}

PERF_SYSCALLS="read write readv writev epoll_wait epoll_ctl futex"
PERF_EVENTS="raw_syscalls:sys_enter$(for c in $PERF_SYSCALLS; do printf ',syscalls:sys_enter_%s' "$c"; done)"

run_syscalls() {
    command -v strace >/dev/null || die "strace not found"
    local dir=$OUT_DIR/syscalls name shape use_perf=0
    mkdir -p "$dir"
    if command -v perf >/dev/null && perf stat -e "$PERF_EVENTS" true >/dev/null 2>&1; then
        use_perf=1
    fi
    echo "== system calls per message (messages = round trips), ${STRACE_SECONDS} s per server and shape"
    echo "strace -f -c: every call of every thread, but it slows the server down, so its batches grow;"
    echo "perf stat (syscall tracepoints, counted in the kernel): the same interval without the slow-down."
    describe_machine
    for shape in $SYSCALL_SHAPES; do
        echo
        echo "### $(shape_title "$shape")"
        for name in $SERVERS; do
            traced_run "$name" "$shape" strace "$dir/$shape.$name.strace"
            echo "$name, strace: $MSGS messages"
            awk -v msgs="$MSGS" '
                $NF == "total" { total = $4 }
                /^ *[0-9.]+ +[0-9.]+ +[0-9]+ +[0-9]+/ && $NF != "total" { n++; name[n] = $NF; calls[n] = $4 }
                END {
                    printf "  %-16s %10d calls  %.4f per message\n", "all", total, total / msgs
                    for (i = 1; i <= n && i <= 5; i++)
                        printf "  %-16s %10d calls  %.4f per message\n", name[i], calls[i], calls[i] / msgs
                }' "$dir/$shape.$name.strace"
            if [[ $use_perf == 1 ]]; then
                traced_run "$name" "$shape" perf "$dir/$shape.$name.perf"
                echo "$name, perf: $MSGS messages"
                awk -F, -v msgs="$MSGS" '
                    $3 ~ /sys_enter/ && $1 ~ /^[0-9]+$/ {
                        ev = $3; sub(/.*sys_enter_?/, "", ev); if (ev == "") ev = "all"
                        if ($1 > 0) printf "  %-16s %10d calls  %.4f per message\n", ev, $1, $1 / msgs
                    }' "$dir/$shape.$name.perf"
            fi
        done
    done
    echo "(full tables: $dir/)"
}

# ---- where the server's CPU goes, native and JIT frames alike (perf) --------------------------------

PERF_FREQ=${PERF_FREQ:-1999}

# perf_categories PERF-DATA MSGS: samples per message by where they landed: the kernel, the libc
# system-call wrappers, Sluice's compiled code (with what the JIT inlined into it), the server's own
# loop (bare), other compiled code (the JDK's, Netty's), the JVM itself; then the hottest compiled
# methods and JVM functions. Samples are of CPU time at $PERF_FREQ Hz: a count / PERF_FREQ is seconds.
perf_categories() {
    perf report -i "$1" --no-children -n --sort dso,sym --stdio -g none 2>/dev/null | grep -E '^ +[0-9.]+%' |
        awk -v msgs="$2" -v freq="$PERF_FREQ" -v top="$PROFILE_TOP" '
            {
                n = $2; dso = $3; sym = $0; sub(/.*\[[.k]\] /, "", sym)
                if (dso ~ /kernel/) c = "kernel"
                else if (dso ~ /^libc/) c = sym ~ /epoll_wait/ ? "libc epoll_wait" : sym ~ /read|write/ ? "libc read/write" : "libc other"
                else if (dso ~ /JIT/) c = sym ~ /io\.sluice\.benchmarks/ ? "JIT server loop" : sym ~ /io\.sluice\./ ? "JIT Sluice" : "JIT other"
                else if (dso ~ /libjvm/) c = "JVM (libjvm)"
                else c = dso
                cat[c] += n; total += n
                if (dso ~ /JIT|libjvm/ && ++shown <= top) hot[shown] = sprintf("    %7.3f us/msg  %s", n / freq * 1e6 / msgs, sym)
            }
            END {
                printf "  %-18s %7.3f us/msg (%d samples)\n", "all", total / freq * 1e6 / msgs, total
                k = split("kernel|libc read/write|libc epoll_wait|libc other|JIT Sluice|JIT server loop|JIT other|JVM (libjvm)", order, "|")
                for (i = 1; i <= k; i++) if (order[i] in cat) { printf "  %-18s %7.3f us/msg\n", order[i], cat[order[i]] / freq * 1e6 / msgs; delete cat[order[i]] }
                for (c in cat) printf "  %-18s %7.3f us/msg\n", c, cat[c] / freq * 1e6 / msgs
                print "  hottest compiled methods and JVM functions:"
                for (i = 1; i <= shown && i <= top; i++) print hot[i]
            }'
}

run_cpu_profile() {
    command -v perf >/dev/null || die "perf not found"
    local dir=$OUT_DIR/cpu-profile name shape
    mkdir -p "$dir"
    echo "== perf record -F $PERF_FREQ -g on the server (JIT frames named through a perf map), ${STRACE_SECONDS} s per server and shape"
    echo "(CPU time per message by where it was sampled; on a VM the kernel's deferred timer interrupts land"
    echo "partly on the user-mode instruction after a system call: the libc wrappers)"
    describe_machine
    local saved_opts=$SERVER_JAVA_OPTS
    SERVER_JAVA_OPTS="$SERVER_JAVA_OPTS -XX:+UnlockDiagnosticVMOptions -XX:+PreserveFramePointer"
    for shape in $PROFILE_SHAPES; do
        echo
        echo "### $(shape_title "$shape")"
        for name in $SERVERS; do
            traced_run "$name" "$shape" perf-record "$dir/$shape.$name.perf.data"
            echo "$name: $MSGS messages"
            perf_categories "$dir/$shape.$name.perf.data" "$MSGS"
        done
    done
    SERVER_JAVA_OPTS=$saved_opts
    echo "(recordings: $dir/*.perf.data; 'perf report -i FILE --no-children' while /tmp/perf-PID.map exists)"
}

# ---- the same, by leaf frame with inlined frames named (async-profiler) ---------------------------

AP_VERSION=4.1
AP_INTERVAL_US=${AP_INTERVAL_US:-100}
AP_LIB=${AP_LIB:-$ROOT/benchmarks/target/async-profiler/linux-x64/libasyncProfiler.so}

fetch_async_profiler() {
    [[ -f $AP_LIB ]] && return
    local dir=$ROOT/benchmarks/target/async-profiler
    mkdir -p "$dir"
    "$ROOT/mvnw" -B -q dependency:copy -Dartifact="tools.profiler:async-profiler:$AP_VERSION:jar:linux-x64" \
        -DoutputDirectory="$dir" || die "could not fetch async-profiler $AP_VERSION from Maven Central"
    (cd "$dir" && jar xf "async-profiler-$AP_VERSION-linux-x64.jar" linux-x64)
    [[ -f $AP_LIB ]] || die "no $AP_LIB in async-profiler $AP_VERSION"
}

run_native_profile() {
    [[ $(uname -sm) == "Linux x86_64" ]] || die "native-profile: async-profiler's linux-x64 build only"
    fetch_async_profiler
    local dir=$OUT_DIR/native-profile name shape args saved_opts=$SERVER_JAVA_OPTS
    mkdir -p "$dir"
    # debug information at every instruction, not only at safepoints: samples land on the right inlined frame
    SERVER_JAVA_OPTS="$SERVER_JAVA_OPTS -XX:+UnlockDiagnosticVMOptions -XX:+DebugNonSafepoints"
    echo "== async-profiler $AP_VERSION (event=cpu, every ${AP_INTERVAL_US} us of CPU) on the server, ${STRACE_SECONDS} s per server and shape"
    echo "(leaf frames: _[k] kernel, _[i] inlined by the JIT into the frame below it; sampling skews"
    echo "toward instructions that wait on memory, so a trivial method with a large share is a cache miss)"
    describe_machine
    for shape in $PROFILE_SHAPES; do
        echo
        echo "### $(shape_title "$shape")"
        args=()
        for name in $SERVERS; do
            traced_run "$name" "$shape" async "$dir/$shape.$name.collapsed"
            args+=("$name=$dir/$shape.$name.collapsed:$MSGS")
        done
        python3 "$ROOT/benchmarks/frames-per-message.py" "$AP_INTERVAL_US" "$PROFILE_TOP" "${args[@]}"
    done
    SERVER_JAVA_OPTS=$saved_opts
    echo "(collapsed stacks: $dir/*.collapsed, for flame graphs or grep)"
}

# ---- where the event loop's time and allocations go ---------------------------------------------

run_profile() {
    local dir=$OUT_DIR/profile name shape
    mkdir -p "$dir"
    echo "== Java Flight Recorder (settings=profile, method-profiling=max) on the server, ${STRACE_SECONDS} s per server and shape"
    echo "(recording overhead lowers the rates; allocation per message and the shares are what matter)"
    describe_machine
    for shape in $PROFILE_SHAPES; do
        echo
        echo "### $(shape_title "$shape")"
        for name in $SERVERS; do
            traced_run "$name" "$shape" jfr "$dir/$shape.$name.jfr"
            echo "$name:"
            java -cp "$JAR" "$PKG.JfrSummary" "$dir/$shape.$name.jfr" --messages "$MSGS" --top "$PROFILE_TOP"
        done
    done
    echo "(recordings: $dir/*.jfr; open them with JDK Mission Control or 'jfr print')"
}

# ---- memory per idle connection ----------------------------------------------------------------

heap_used_kib() {
    # sums "used" over the heap's generations (lines with "total"; metaspace lines have none)
    jcmd "$1" GC.heap_info | awk '/total/ { for (i = 1; i <= NF; i++) if ($i == "used") { v = $(i + 1); sub(/K,?$/, "", v); s += v } } END { print s + 0 }'
}

rss_kib() {
    awk '/^VmRSS:/ { print $2 }' /proc/"$1"/status
}

# committed native memory of the JVM outside the Java heap, KiB (Native Memory Tracking; direct
# buffers count under "Other")
native_kib() {
    jcmd "$1" VM.native_memory summary | tee "$2.nmt" | awk '
        /^Total:/ { for (i = 1; i <= NF; i++) if ($i ~ /^committed=/) { v = $i; gsub(/[^0-9]/, "", v); total = v } }
        /Java Heap \(/ { for (i = 1; i <= NF; i++) if ($i ~ /^committed=/) { v = $i; gsub(/[^0-9]/, "", v); heap = v } }
        END { print total - heap }'
}

# snapshot PID FILE-PREFIX: after a pause (the JVM hands compiler scratch memory back every 5 s)
# and a full GC: RSS, heap used, native memory, then a class histogram (last: its own working
# memory would otherwise count as the server's)
snapshot() {
    local rss heap native
    sleep 6
    jcmd "$1" GC.run >/dev/null
    sleep 0.5
    rss=$(rss_kib "$1")
    heap=$(heap_used_kib "$1")
    native=$(native_kib "$1" "$2")
    jcmd "$1" GC.class_histogram >"$2.histo"
    echo "$rss $heap $native"
}

run_idle() {
    local dir=$OUT_DIR/idle name line n before after limit
    mkdir -p "$dir"
    limit=$(ulimit -n)
    n=$IDLE_CONNECTIONS
    if [[ "$limit" != unlimited ]] && ((n + IDLE_BASELINE + 500 > limit)); then
        n=$((limit - IDLE_BASELINE - 500))
        echo "ulimit -n is $limit: using $n idle connections instead of $IDLE_CONNECTIONS"
    fi
    echo "== memory per idle connection: $n connections (after $IDLE_BASELINE baseline ones), each confirmed by a 1-byte echo"
    echo "(ulimit -n: $limit. Before and after, after a full GC (jcmd GC.run): Java heap used (GC.heap_info), the"
    echo " JVM's committed native memory outside the heap (VM.native_memory; direct buffers included) and VmRSS."
    echo " The servers run with $IDLE_JAVA_OPTS: the heap is resident from the start,"
    echo " so VmRSS grows only outside it, mostly by malloc'd JVM scratch memory glibc keeps: indicative only.)"
    local SERVER_JAVA_OPTS=$IDLE_JAVA_OPTS
    describe_machine
    for name in $IDLE_SERVERS; do
        start_server "$name"
        client_cmd --idle "$n" --baseline "$IDLE_BASELINE" --max-seconds 600
        coproc CLIENT { exec "${CLIENT_CMD[@]}" 2>&1; }
        CPID=$CLIENT_PID # bash unsets CLIENT_PID once the coprocess is reaped
        line=""
        while [[ "$line" != BASELINE* ]]; do
            read -r -t 120 line <&"${CLIENT[0]}" || die "client did not open the baseline connections ($name): $line"
        done
        before=$(snapshot "$SERVER_PID" "$dir/$name.before")
        echo go >&"${CLIENT[1]}"
        line=""
        while [[ "$line" != READY* ]]; do
            read -r -t 300 line <&"${CLIENT[0]}" || die "client did not open its connections ($name): $line"
        done
        after=$(snapshot "$SERVER_PID" "$dir/$name.after")
        echo quit >&"${CLIENT[1]}"
        wait "$CPID" || true
        CPID=""
        stop_server
        read -r rss0 heap0 native0 <<<"$before"
        read -r rss1 heap1 native1 <<<"$after"
        echo
        echo "### $name: ${line#READY }"
        awk -v r0="$rss0" -v r1="$rss1" -v h0="$heap0" -v h1="$heap1" -v m0="$native0" -v m1="$native1" -v n="$n" 'BEGIN {
            printf "  Java heap used        %8d KiB -> %8d KiB: %6.0f bytes per connection\n", h0, h1, (h1 - h0) * 1024 / n
            printf "  JVM native (NMT)      %8d KiB -> %8d KiB: %6.0f bytes per connection\n", m0, m1, (m1 - m0) * 1024 / n
            printf "  total                                            %6.0f bytes per connection\n", ((h1 - h0) + (m1 - m0)) * 1024 / n
            printf "  VmRSS (whole process) %8d KiB -> %8d KiB: %6.0f bytes per connection\n", r0, r1, (r1 - r0) * 1024 / n
        }'
        echo "  largest growth by class (bytes and objects per connection, from GC.class_histogram):"
        awk -v n="$n" '
            FNR == 1 { file++ }
            $1 ~ /^[0-9]+:$/ { if (file == 1) { b0[$4] = $3; i0[$4] = $2 } else { b1[$4] = $3; i1[$4] = $2 } }
            END {
                for (k in b1) { d = (b1[k] - b0[k]) / n; if (d >= 1) printf "%.1f %.2f %s\n", d, (i1[k] - i0[k]) / n, k }
            }' "$dir/$name.before.histo" "$dir/$name.after.histo" | sort -gr | head -"$IDLE_TOP" |
            awk '{ printf "    %8.1f B  %6.2f objects  %s\n", $1, $2, $3 }'
    done
}

# ---- external load tools (wrk for HTTP, redis-benchmark for RESP) -------------------------------
#
# A protocol plugs in here with three things: its servers in the benchmarks jar (io.sluice.benchmarks
# .e2e.{Sluice,Netty}<Proto>Server, same contract as the echo servers: --port 0 --seconds N, print
# "listening on 127.0.0.1:PORT"), the tool's command line below, and a parser of the tool's rate.

# external_tool PROTO -> the tool's executable
external_tool() {
    case "$1" in
        http) echo wrk ;;
        resp) echo redis-benchmark ;;
        *) die "unknown protocol '$1' (http, resp)" ;;
    esac
}

# external_cmd PROTO PORT: sets TOOL_CMD (pinned to $CLIENT_CPU, runs $MEASURE s or a fixed count)
external_cmd() {
    case "$1" in
        http)
            TOOL_CMD=(taskset -c "$CLIENT_CPU" wrk -t1 -c"${HTTP_CONNECTIONS:-64}" -d"${MEASURE}s" "http://127.0.0.1:$2/")
            # HTTP_PIPELINE=N > 1: N requests per write (wrk-pipeline.lua), e.g. HTTP_CONNECTIONS=256 HTTP_PIPELINE=16
            if ((${HTTP_PIPELINE:-1} > 1)); then
                TOOL_CMD+=(-s "$ROOT/benchmarks/wrk-pipeline.lua" -- "$HTTP_PIPELINE")
            fi
            ;;
        resp) TOOL_CMD=(taskset -c "$CLIENT_CPU" redis-benchmark -h 127.0.0.1 -p "$2" -q -c "${RESP_CONNECTIONS:-50}"
            -P "${RESP_PIPELINE:-16}" -n "${RESP_REQUESTS:-1000000}" -t "${RESP_TESTS:-ping,set,get}") ;;
    esac
}

# external_rate PROTO < tool output: requests per second (the first figure for several tests)
external_rate() {
    case "$1" in
        http) awk '/^Requests\/sec:/ { print $2; exit }' ;;
        resp) awk '/requests per second/ { for (i = 1; i <= NF; i++) if ($(i + 1) == "requests") { print $i; exit } }' ;;
    esac
}

# external_server_class NAME PROTO: e.g. sluice http -> $PKG.SluiceHttpServer
external_server_class() {
    local proto=${2^}
    echo "$PKG.${1^}${proto}Server"
}

server_cpu_ticks() {
    awk '{ print $14 + $15 }' /proc/"$1"/stat
}

run_external() {
    local proto=$1 tool dir=$OUT_DIR/$1 name round k cls
    tool=$(external_tool "$proto")
    echo "== $proto with $tool: warm-up ${WARMUP} s, ${ROUNDS} rounds, servers alternated"
    if ! command -v "$tool" >/dev/null; then
        echo "$tool is not installed on this machine: the $proto shape was NOT run (install $tool and rerun)."
        return 0
    fi
    local servers=(sluice netty) missing=()
    for name in "${servers[@]}"; do
        cls=$(external_server_class "$name" "$proto")
        jar tf "$JAR" | grep -qx "${cls//.//}.class" || missing+=("$cls")
    done
    if ((${#missing[@]})); then
        echo "not in the benchmarks jar yet (they land with the $proto codec): ${missing[*]}: the $proto shape was NOT run."
        return 0
    fi
    rm -rf "$dir"
    mkdir -p "$dir"
    describe_machine
    for ((round = 1; round <= ROUNDS; round++)); do
        for ((k = 0; k < 2; k++)); do
            name=${servers[$(((k + round - 1) % 2))]}
            start_server "$name" "$(external_server_class "$name" "$proto")"
            local MEASURE_SAVED=$MEASURE out t0 t1 rate
            MEASURE=$WARMUP external_cmd "$proto" "$SERVER_PORT"
            "${TOOL_CMD[@]}" >/dev/null 2>&1 || die "$tool warm-up failed against $name"
            MEASURE=$MEASURE_SAVED
            external_cmd "$proto" "$SERVER_PORT"
            t0=$(server_cpu_ticks "$SERVER_PID")
            local s0 s1
            s0=$(date +%s.%N)
            out=$("${TOOL_CMD[@]}" 2>&1) || die "$tool failed against $name: $out"
            s1=$(date +%s.%N)
            t1=$(server_cpu_ticks "$SERVER_PID")
            stop_server
            rate=$(external_rate "$proto" <<<"$out")
            [[ -n "$rate" ]] || die "could not read $tool's rate: $out"
            echo "  round $round $name: $rate req/s, server CPU $(awk -v a="$t0" -v b="$t1" -v c="$CLK_TCK" 'BEGIN { print (b - a) / c }') s"
            echo "$rate" >>"$dir/$name.tput"
            awk -v r="$rate" -v a="$t0" -v b="$t1" -v c="$CLK_TCK" -v w0="$s0" -v w1="$s1" \
                'BEGIN { cpu = (b - a) / c; print (cpu > 0 ? r * (w1 - w0) / cpu : 0) }' >>"$dir/$name.eff"
        done
    done
    local ts tn es en
    ts=$(median <"$dir/sluice.tput"); tn=$(median <"$dir/netty.tput")
    es=$(median <"$dir/sluice.eff"); en=$(median <"$dir/netty.eff")
    printf '%-8s %14s %22s\n' server "req/s" "req/server-CPU-s"
    printf '%-8s %14.0f %22.0f\n' sluice "$ts" "$es"
    printf '%-8s %14.0f %22.0f\n' netty "$tn" "$en"
    printf '%-8s %14s %22s\n' ratio "$(ratio "$ts" "$tn")" "$(ratio "$es" "$en")"
    echo "(medians of $ROUNDS rounds)"
}

# ---- WebSocket echo ----------------------------------------------------------------------------
#
# The echo modes above with the WebSocket servers (SluiceWsEchoServer, NettyWsEchoServer) and the
# load client's --protocol ws (handshake, then pre-built masked binary frames, each echo checked).

# ws_check: WsEchoCheck against a fresh server of each kind; their answers must be byte-identical
ws_check() {
    local name out=()
    for name in ws-sluice ws-netty; do
        start_server "$name"
        java -cp "$JAR" "$PKG.WsEchoCheck" --port "$SERVER_PORT" >"$OUT_DIR/ws-check.$name.txt" 2>&1 ||
            die "WsEchoCheck failed against $name: $(cat "$OUT_DIR/ws-check.$name.txt")"
        stop_server
        out+=("$OUT_DIR/ws-check.$name.txt")
    done
    diff "${out[@]}" >"$OUT_DIR/ws-check.diff" || die "the WebSocket servers answer differently: $(cat "$OUT_DIR/ws-check.diff")"
    echo "== WebSocket check: both servers answered the same bytes ($(grep -c '^answer' "${out[0]}") frames; $(tail -1 "${out[0]}"))"
}

run_ws() {
    ws_check
    SERVERS="ws-sluice ws-netty" SHAPES=${WS_SHAPES:-"ws-64 ws-16k"} CLIENT_PROTOCOL=ws run_throughput
}

run_ws_profile() {
    SERVERS="ws-sluice ws-netty" PROFILE_SHAPES=${WS_SHAPES:-"ws-64 ws-16k"} CLIENT_PROTOCOL=ws run_profile
}

mkdir -p "$OUT_DIR"
build_if_missing
case "${1:-throughput}" in
    throughput) run_throughput ;;
    syscalls) run_syscalls ;;
    profile) run_profile ;;
    cpu-profile) run_cpu_profile ;;
    native-profile) run_native_profile ;;
    idle) run_idle ;;
    http | resp) run_external "$1" ;;
    ws) run_ws ;;
    ws-profile) run_ws_profile ;;
    all)
        run_throughput
        run_syscalls
        echo
        run_profile
        echo
        run_idle
        ;;
    *) die "usage: $0 [throughput|syscalls|profile|cpu-profile|native-profile|idle|all|http|resp|ws|ws-profile]" ;;
esac
