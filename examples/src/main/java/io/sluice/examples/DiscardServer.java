package io.sluice.examples;

import io.sluice.buffer.Buffer;
import io.sluice.channel.ChannelHandler;
import io.sluice.channel.ChannelHandlerContext;
import io.sluice.channel.SimpleChannelInboundHandler;
import io.sluice.concurrent.ScheduledFuture;
import io.sluice.handler.traffic.RateLimit;
import io.sluice.handler.traffic.TrafficShapingHandler;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * Discard: reads everything a client sends and drops it, counting the bytes (port 7009 by
 * default, after the classic discard service on port 9). It is the smallest useful server and a
 * handy sink for measuring how fast a client can send.
 *
 * <p>With {@code --report-seconds N} (default 5; 0 turns it off) it prints the receive rate every
 * N seconds while bytes arrive. The report is a timer on one of the event loops: no extra thread,
 * and printing one short line every few seconds is cheap enough to do on a loop.
 *
 * <p>With {@code --max-bytes-per-second N} each connection reads at most N bytes per second (a
 * {@link TrafficShapingHandler}: reading is suspended while the connection is over its rate, so
 * the sender is slowed by TCP flow control, and nothing is buffered on the server).
 *
 * <p>Try it: {@code nc 127.0.0.1 7009 < /dev/zero} (Ctrl-C to stop).
 */
public final class DiscardServer implements ExampleServer {

    /**
     * Counts and drops every buffer. {@link SimpleChannelInboundHandler} releases each message
     * after {@link #channelRead0} returns, so dropping a buffer needs no code at all; one instance
     * serves every connection, adding to one shared counter.
     */
    @ChannelHandler.Sharable
    static final class DiscardHandler extends SimpleChannelInboundHandler<Buffer> {
        private final LongAdder received;

        DiscardHandler(LongAdder received) {
            super(Buffer.class);
            this.received = received;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, Buffer msg) {
            received.add(msg.readableBytes());
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close(); // a broken connection is closed; the server carries on
        }
    }

    /** Prints the rate since the last report; runs on one event loop, so its fields need no locking. */
    private static final class Reporter implements Runnable {
        private final LongAdder received;
        private long lastBytes;
        private long lastNanos = System.nanoTime();

        Reporter(LongAdder received) {
            this.received = received;
        }

        @Override
        public void run() {
            long bytes = received.sum();
            long now = System.nanoTime();
            long delta = bytes - lastBytes;
            if (delta > 0) {
                double seconds = (now - lastNanos) / 1e9;
                System.out.printf("discard: %,d bytes in %.1f s = %,.0f bytes/s (%,d bytes in total)%n",
                        delta, seconds, delta / seconds, bytes);
            }
            lastBytes = bytes;
            lastNanos = now;
        }
    }

    private final LongAdder received;
    private final RunningServer server;
    private final ScheduledFuture<?> report;

    private DiscardServer(LongAdder received, RunningServer server, ScheduledFuture<?> report) {
        this.received = received;
        this.server = server;
        this.report = report;
    }

    /** Starts the server as the options say and returns once it listens. */
    public static DiscardServer start(ExampleOptions options) throws InterruptedException {
        int reportSeconds = options.intValue("report-seconds", 5, 0);
        LongAdder received = new LongAdder();
        DiscardHandler discard = new DiscardHandler(received);
        int maxBytesPerSecond = options.intValue("max-bytes-per-second", 0, 0);
        // a small burst (at most 64 KiB) so a transfer takes its configured time
        RateLimit limit = maxBytesPerSecond == 0 ? null
                : RateLimit.of(maxBytesPerSecond, Math.max(1, Math.min(maxBytesPerSecond / 10, 64 * 1024)));
        RunningServer server = RunningServer.start(options, 7009, (pipeline, workers) -> {
            if (limit != null) {
                pipeline.addLast("limit", TrafficShapingHandler.create(limit, null));
            }
            pipeline.addLast("discard", discard);
        });
        ScheduledFuture<?> report = reportSeconds == 0 ? null : server.loops().next().scheduleAtFixedRate(
                new Reporter(received), reportSeconds, reportSeconds, TimeUnit.SECONDS);
        return new DiscardServer(received, server, report);
    }

    /** Returns how many bytes all connections have sent so far. */
    public long bytesReceived() {
        return received.sum();
    }

    @Override
    public InetSocketAddress address() {
        return server.address();
    }

    @Override
    public void stop() {
        if (report != null) {
            report.cancel(false);
        }
        server.stop();
    }

    @Override
    public void awaitClose() throws InterruptedException {
        server.awaitClose();
    }
}
