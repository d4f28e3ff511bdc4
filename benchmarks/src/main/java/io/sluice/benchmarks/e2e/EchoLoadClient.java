package io.sluice.benchmarks.e2e;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.channels.Channels;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The load client of the end-to-end echo benchmark: one thread, non-blocking {@code java.nio}.
 *
 * <p><b>Load</b> ({@code --connections C --depth D --size S --warmup W --seconds T}): each connection
 * keeps D messages of S bytes in flight: it sends D, then one more for each whole message echoed
 * back. Every echoed byte is checked: a message carries its sequence number and connection id (when
 * S is at least 12) and then bytes of a per-connection random pattern at an offset that moves with
 * the sequence number, so lost, reordered, duplicated or corrupted bytes all fail the run. After
 * W seconds of warm-up it counts round trips for T seconds and prints one line
 * {@code RESULT msgs=... elapsed_s=... msgs_per_s=...}; with {@code --server-pid PID} it also reads
 * the server's CPU time (all threads, {@code /proc/PID/stat}) at the start and end of exactly that
 * interval and reports messages per server-CPU-second ({@code --clk-tck}, from {@code getconf
 * CLK_TCK}, converts ticks), split into user and kernel time.
 *
 * <p><b>Offered load</b> ({@code --rate R}): the same, but the connections together send at most R
 * messages per second (a message owed to a connection waits until the rate allows it, checked at
 * least every millisecond). Below every server's saturation point each one sees the same arrivals,
 * so its CPU per message compares like with like, whatever its speed would do to batching.
 *
 * <p><b>Control</b> ({@code --control}, for syscall counting): after the warm-up it stops sending,
 * lets every message in flight come back, prints {@code PAUSED} and waits for a line {@code go} on
 * stdin; then runs T seconds, stops sending again, drains, prints {@code DRAINED msgs=N} (every
 * message echoed since {@code go}) and waits for {@code quit}. A tracer attached to the server
 * between {@code PAUSED} and {@code quit} sees the system calls of exactly N messages.
 *
 * <p><b>Idle</b> ({@code --idle N --baseline B}): opens B connections and makes one 1-byte round trip
 * on each (so the server has accepted and served it), prints {@code BASELINE n=B}, waits for
 * {@code go}, does the same with N more, prints {@code READY n=B+N}, waits for {@code quit}, closes.
 *
 * <p>{@code --spin}: poll with {@code selectNow} instead of sleeping in {@code select}, so the
 * client reacts at once and the server's core stays the bottleneck (on a VM, waking a sleeping vCPU
 * costs tens of microseconds, and two sleeping peers fall into a slow, unstable ping-pong).
 *
 * <p><b>WebSocket</b> ({@code --protocol ws}, for {@code run-e2e.sh ws}): each connection first makes
 * the opening handshake with {@link SluiceWsEchoServer#PATH}, then every message is a pre-built
 * masked binary frame of S payload bytes and the echo must be the same message as an unmasked frame
 * (see {@link WsFrames}); everything else (depth, rate, control, the RESULT line) is the same.
 *
 * <p>Connects to 127.0.0.1 only. {@code --max-seconds} (default: the planned time plus 120 s) ends
 * the process whatever happens.
 */
public final class EchoLoadClient {
    private static final Set<String> OPTIONS = Set.of("port", "connections", "depth", "size", "seconds", "warmup",
            "server-pid", "clk-tck", "max-seconds", "idle", "baseline", "rate", "protocol");
    private static final Set<String> FLAGS = Set.of("control", "spin");

    /** One connection's state. */
    private static final class Conn {
        final int id;
        final SocketChannel ch;
        SelectionKey key;
        final ByteBuffer out;
        final ByteBuffer in;
        /** Random bytes, 256 longer than a message body: message body n starts at offset n % 256. */
        final byte[] pattern;
        final ByteBuffer patternView;
        long sendSeq;
        long recvSeq;
        boolean writeInterest;

        Conn(int id, SocketChannel ch, int size, int depth) {
            this.id = id;
            this.ch = ch;
            out = ByteBuffer.allocateDirect(size * depth);
            in = ByteBuffer.allocateDirect(size * depth); // an echoed WebSocket frame is shorter than its message
            pattern = new byte[size + 256];
            new SplittableRandom(0x5EED_0000L + id).nextBytes(pattern);
            patternView = ByteBuffer.wrap(pattern);
        }
    }

    private final int size;
    private final int depth;
    /** Header bytes per message: sequence number (8) and connection id (4), when the message has room. */
    private final int header;
    /** WebSocket frames for {@code --protocol ws}; null for plain echo. */
    private final WsFrames ws;
    /** Bytes of one message on the wire. */
    private final int wireSize;
    private final List<Conn> conns = new ArrayList<>();
    private Selector selector;
    private boolean sending = true;
    /** Poll with selectNow instead of blocking in select: the client core never sleeps. */
    private boolean spin;
    private long completed;
    private long inFlight;
    /** Offered load cap in messages per second over all connections; 0: none (closed loop only). */
    private double rate;
    private long rateStartNanos;
    private long sentSinceRateStart;
    /** Connections with owed messages, once per owed message, oldest first. */
    private final java.util.ArrayDeque<Conn> owedQueue = new java.util.ArrayDeque<>();

    private EchoLoadClient(int size, int depth, WsFrames ws) {
        this.size = size;
        this.depth = depth;
        this.header = size >= 12 ? 12 : 0;
        this.ws = ws;
        this.wireSize = ws == null ? size : ws.clientFrameLength();
    }

    public static void main(String[] argv) throws Exception {
        Args args = Args.parse(argv, OPTIONS, FLAGS);
        int port = args.intValue("port", 0);
        if (port <= 0) {
            throw new IllegalArgumentException("--port is required");
        }
        InetSocketAddress server = new InetSocketAddress(EchoServers.HOST, port);
        double warmup = args.doubleValue("warmup", 3);
        double seconds = args.doubleValue("seconds", 5);
        int maxSeconds = args.intValue("max-seconds", (int) Math.ceil(warmup + seconds) + 120);
        Thread watchdog = new Thread(() -> {
            try {
                Thread.sleep(maxSeconds * 1000L);
                System.err.println("client: --max-seconds " + maxSeconds + " reached, exiting");
                System.exit(3);
            } catch (InterruptedException ignored) {
                // the run ended first
            }
        }, "client-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();

        if (args.intValue("idle", 0) > 0) {
            idle(server, args.intValue("baseline", 100), args.intValue("idle", 0));
            System.exit(0);
        }
        int connections = args.intValue("connections", 1);
        int depth = args.intValue("depth", 1);
        int size = args.intValue("size", 64);
        if (connections < 1 || depth < 1 || size < 1) {
            throw new IllegalArgumentException("--connections, --depth and --size must be positive");
        }
        String protocol = args.string("protocol", "echo");
        if (!protocol.equals("echo") && !protocol.equals("ws")) {
            throw new IllegalArgumentException("--protocol: " + protocol + " (expected: echo or ws)");
        }
        EchoLoadClient client = new EchoLoadClient(size, depth, protocol.equals("ws") ? new WsFrames(size) : null);
        client.spin = args.flag("spin");
        client.rate = args.doubleValue("rate", 0);
        client.connect(server, connections);
        if (args.flag("control")) {
            client.controlled(warmup, seconds);
        } else {
            client.load(warmup, seconds, args.string("server-pid", null), args.intValue("clk-tck", 100));
        }
        System.exit(0);
    }

    private void connect(InetSocketAddress server, int connections) throws IOException {
        selector = Selector.open();
        for (int i = 0; i < connections; i++) {
            SocketChannel ch = SocketChannel.open(server); // blocking connect, then non-blocking I/O
            ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
            if (ws != null) {
                WsFrames.handshake(Channels.newInputStream(ch), Channels.newOutputStream(ch), server.getPort(),
                        new SplittableRandom(i));
            }
            ch.configureBlocking(false);
            Conn c = new Conn(i, ch, wireSize, depth);
            c.key = ch.register(selector, SelectionKey.OP_READ, c);
            conns.add(c);
        }
    }

    // ---- load ----------------------------------------------------------------------------------

    private void load(double warmup, double seconds, String serverPid, int clkTck) throws IOException {
        long start = System.nanoTime();
        long warmEnd = start + (long) (warmup * 1e9);
        long end = warmEnd + (long) (seconds * 1e9);
        startSending();
        runUntil(warmEnd);
        long[] server0 = serverPid == null ? new long[2] : ProcCpu.userAndSystemTicks(serverPid);
        long clientTicks0 = ProcCpu.ticks("self");
        long count0 = completed;
        long t0 = System.nanoTime();
        runUntil(end);
        long t1 = System.nanoTime();
        long count1 = completed;
        long[] server1 = serverPid == null ? new long[2] : ProcCpu.userAndSystemTicks(serverPid);
        long clientTicks1 = ProcCpu.ticks("self");

        double elapsed = (t1 - t0) / 1e9;
        long msgs = count1 - count0;
        double serverUser = (server1[0] - server0[0]) / (double) clkTck;
        double serverSys = (server1[1] - server0[1]) / (double) clkTck;
        double serverCpu = serverUser + serverSys;
        double clientCpu = (clientTicks1 - clientTicks0) / (double) clkTck;
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT,
                "RESULT msgs=%d elapsed_s=%.3f msgs_per_s=%.0f client_cpu_s=%.2f", msgs, elapsed, msgs / elapsed, clientCpu));
        if (serverPid != null) {
            line.append(String.format(Locale.ROOT, " server_cpu_s=%.2f server_user_s=%.2f server_sys_s=%.2f"
                    + " msgs_per_server_cpu_s=%.0f", serverCpu, serverUser, serverSys, serverCpu > 0 ? msgs / serverCpu : 0.0));
        }
        System.out.println(line);
        System.out.flush();
    }

    private void controlled(double warmup, double seconds) throws IOException {
        BufferedReader stdin = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        startSending();
        runUntil(System.nanoTime() + (long) (warmup * 1e9));
        drain();
        System.out.println("PAUSED");
        System.out.flush();
        await(stdin, "go");
        long count0 = completed;
        long t0 = System.nanoTime();
        startSending();
        runUntil(t0 + (long) (seconds * 1e9));
        drain();
        long t1 = System.nanoTime();
        System.out.printf(Locale.ROOT, "DRAINED msgs=%d elapsed_s=%.3f%n", completed - count0, (t1 - t0) / 1e9);
        System.out.flush();
        await(stdin, "quit");
    }

    private static void await(BufferedReader stdin, String word) throws IOException {
        for (String line; (line = stdin.readLine()) != null; ) {
            if (line.trim().equals(word)) {
                return;
            }
        }
        throw new IOException("stdin closed while waiting for '" + word + "'");
    }

    /** Stops sending and runs until every message in flight is back (at most 30 s). */
    private void drain() throws IOException {
        sending = false;
        owedQueue.clear();
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (inFlight > 0) {
            if (System.nanoTime() - deadline > 0) {
                throw new IOException(inFlight + " messages did not come back within 30 s");
            }
            selector.select(this::ready, 100);
        }
    }

    /** Whether one more message fits in the offered load so far. */
    private boolean rateAllows() {
        double allowed = rate * ((System.nanoTime() - rateStartNanos) / 1e9);
        return sentSinceRateStart < allowed;
    }

    /** Sends owed messages as far as the rate allows. */
    private void releaseOwed() throws IOException {
        Conn last = null;
        while (!owedQueue.isEmpty() && rateAllows()) {
            Conn c = owedQueue.poll();
            send(c);
            if (c != last && last != null) {
                flush(last);
            }
            last = c;
        }
        if (last != null) {
            flush(last);
        }
    }

    private void startSending() throws IOException {
        sending = true;
        rateStartNanos = System.nanoTime();
        sentSinceRateStart = 0;
        for (Conn c : conns) {
            for (int i = 0; i < depth; i++) {
                send(c);
            }
            flush(c);
        }
    }

    private void runUntil(long deadlineNanos) throws IOException {
        for (;;) {
            long left = deadlineNanos - System.nanoTime();
            if (left <= 0) {
                return;
            }
            if (spin) {
                selector.selectNow(this::ready);
            } else {
                // rate-limited: wake every millisecond to release what the rate allows by then
                selector.select(this::ready, Math.max(1, Math.min(rate > 0 ? 1 : 100, left / 1_000_000)));
            }
            if (rate > 0 && sending) {
                releaseOwed();
            }
        }
    }

    private void ready(SelectionKey key) {
        Conn c = (Conn) key.attachment();
        try {
            int ops = key.readyOps();
            if ((ops & SelectionKey.OP_WRITE) != 0) {
                flush(c);
            }
            if ((ops & SelectionKey.OP_READ) != 0) {
                read(c);
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("connection " + c.id + ": " + e.getMessage(), e);
        }
    }

    private void read(Conn c) throws IOException {
        ByteBuffer in = c.in;
        int n = c.ch.read(in);
        if (n < 0) {
            throw new IOException("the server closed the connection");
        }
        if (n == 0) {
            return;
        }
        in.flip();
        boolean sent = false;
        while (ws == null ? in.remaining() >= size : ws.complete(in)) {
            if (ws == null) {
                verify(c, in);
            } else {
                ws.verify(in, c.id, c.recvSeq);
            }
            c.recvSeq++;
            completed++;
            inFlight--;
            if (sending) {
                if (rate > 0 && !rateAllows()) {
                    owedQueue.add(c);
                } else {
                    send(c);
                    sent = true;
                }
            }
        }
        in.compact();
        if (sent) {
            flush(c);
        }
    }

    /** Checks the whole message at {@code in}'s position and moves past it. */
    private void verify(Conn c, ByteBuffer in) throws IOException {
        int p = in.position();
        long seq = c.recvSeq;
        if (header > 0 && (in.getLong(p) != seq || in.getInt(p + 8) != c.id)) {
            throw new IOException("corrupted echo: message " + seq + " of connection " + c.id + " came back with header "
                    + in.getLong(p) + "/" + in.getInt(p + 8));
        }
        int off = (int) (seq & 255);
        int limit = in.limit();
        in.limit(p + size).position(p + header);
        c.patternView.clear().position(off).limit(off + size - header);
        int at = in.mismatch(c.patternView);
        if (at >= 0) {
            throw new IOException("corrupted echo: message " + seq + " of connection " + c.id + " differs at byte "
                    + (header + at));
        }
        in.limit(limit).position(p + size);
    }

    private void send(Conn c) {
        ByteBuffer out = c.out;
        long seq = c.sendSeq++;
        if (ws != null) {
            ws.put(out, c.id, seq);
        } else {
            if (header > 0) {
                out.putLong(seq).putInt(c.id);
            }
            out.put(c.pattern, (int) (seq & 255), size - header);
        }
        inFlight++;
        sentSinceRateStart++;
    }

    /** Writes what is pending; waits for OP_WRITE only while the kernel does not take it all. */
    private void flush(Conn c) throws IOException {
        ByteBuffer out = c.out;
        out.flip();
        c.ch.write(out);
        out.compact();
        boolean pending = out.position() > 0;
        if (pending != c.writeInterest) {
            c.writeInterest = pending;
            c.key.interestOps(pending ? SelectionKey.OP_READ | SelectionKey.OP_WRITE : SelectionKey.OP_READ);
        }
    }

    // ---- idle ----------------------------------------------------------------------------------

    private static void idle(InetSocketAddress server, int baseline, int extra) throws IOException {
        BufferedReader stdin = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        List<SocketChannel> open = new ArrayList<>(baseline + extra);
        openIdle(server, baseline, open);
        System.out.println("BASELINE n=" + open.size());
        System.out.flush();
        await(stdin, "go");
        long t0 = System.nanoTime();
        openIdle(server, extra, open);
        System.out.printf(Locale.ROOT, "READY n=%d open_s=%.1f%n", open.size(), (System.nanoTime() - t0) / 1e9);
        System.out.flush();
        await(stdin, "quit");
        for (SocketChannel ch : open) {
            ch.close();
        }
    }

    /** Opens {@code n} connections, each confirmed by a one-byte round trip (accepted and served). */
    private static void openIdle(InetSocketAddress server, int n, List<SocketChannel> open) throws IOException {
        ByteBuffer one = ByteBuffer.allocateDirect(1);
        for (int i = 0; i < n; i++) {
            SocketChannel ch = SocketChannel.open(server);
            ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
            open.add(ch);
            one.clear().put(0, (byte) i);
            ch.write(one);
            one.clear();
            if (ch.read(one) != 1 || one.get(0) != (byte) i) {
                throw new IOException("no echo on idle connection " + open.size());
            }
        }
    }
}
