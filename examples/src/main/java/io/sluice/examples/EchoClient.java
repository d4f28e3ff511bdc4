package io.sluice.examples;

import io.sluice.bootstrap.Bootstrap;
import io.sluice.buffer.Buffer;
import io.sluice.channel.Channel;
import io.sluice.channel.ChannelFuture;
import io.sluice.channel.ChannelHandler;
import io.sluice.channel.ChannelHandlerContext;
import io.sluice.channel.ChannelOption;
import io.sluice.channel.EventLoopGroup;
import io.sluice.transport.nio.NioEventLoopGroup;
import io.sluice.transport.nio.NioSocketChannel;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A client for the echo example: connects to {@code --host}/{@code --port} (default
 * 127.0.0.1:7007), sends {@code --count} messages (default 1000) of {@code --size} random bytes
 * (default 256), checks that every byte comes back unchanged and prints the round-trip times. It
 * fails on the first wrong byte, when the server closes early, or when the run (connecting
 * included) takes longer than {@code --timeout-seconds} (default 10); {@link Main} turns that into
 * exit status 1.
 *
 * <p>One message is in flight at a time (ping-pong), so each round trip is timed on its own. TCP
 * keeps no message boundaries: an echo may come back in several reads, or share a read with bytes
 * the server should never have sent. So the handler compares the bytes as they arrive against the
 * message in flight, and counts a message answered once all of its bytes have come back.
 */
public final class EchoClient {

    /** How a run ended: whether it succeeded, and one line with the statistics or what went wrong. */
    public record Result(boolean ok, String summary) {}

    /** Sends a message, checks its echo, then sends the next. Keeps per-connection state: one instance per connection. */
    static final class PingPongHandler implements ChannelHandler {
        private final Random random = new Random(7007); // a fixed seed: a failing run can be repeated exactly
        private final byte[] message;
        private final long[] roundTripNanos;
        /** Completes when every message came back right, or exceptionally with what went wrong. */
        final CompletableFuture<long[]> done = new CompletableFuture<>();
        private int sent;
        private int matched; // bytes of the message in flight that came back right
        private long sentAt;
        // written on the event loop only; volatile so the caller can report progress on a timeout
        private volatile int answered;

        PingPongHandler(int count, int size) {
            this.message = new byte[size];
            this.roundTripNanos = new long[count];
        }

        int answered() {
            return answered;
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            send(ctx);
            ctx.fireChannelActive();
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            Buffer in = (Buffer) msg; // first in the pipeline: the transport hands over buffers
            try {
                check(ctx, in);
            } finally {
                in.release(); // consumed here, so released here
            }
        }

        private void check(ChannelHandlerContext ctx, Buffer in) {
            for (int i = in.readerIndex(); i < in.writerIndex(); i++) {
                if (done.isDone()) {
                    return; // failed already: the channel is closing
                }
                if (answered == sent) {
                    fail(ctx, "the server sent more bytes than it was sent");
                    return;
                }
                byte got = in.getByte(i);
                if (got != message[matched]) {
                    fail(ctx, String.format("wrong byte in the echo of message %d at offset %d: sent 0x%02x, got 0x%02x",
                            sent, matched, message[matched] & 0xff, got & 0xff));
                    return;
                }
                if (++matched == message.length) {
                    roundTripNanos[answered] = System.nanoTime() - sentAt;
                    answered++;
                    if (answered < roundTripNanos.length) {
                        send(ctx);
                    }
                }
            }
            if (answered == roundTripNanos.length && !done.isDone()) {
                done.complete(roundTripNanos); // completing publishes the times to the waiting thread
                ctx.close();
            }
        }

        private void send(ChannelHandlerContext ctx) {
            random.nextBytes(message);
            matched = 0;
            sent++;
            sentAt = System.nanoTime();
            // a copy: the write takes ownership of the buffer, the array stays ours to check the echo against
            ctx.writeAndFlush(ctx.alloc().buffer(message.length).writeBytes(message));
        }

        private void fail(ChannelHandlerContext ctx, String reason) {
            done.completeExceptionally(new IllegalStateException(reason));
            ctx.close();
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (!done.isDone()) {
                done.completeExceptionally(new IllegalStateException("the server closed the connection after "
                        + answered + " of " + roundTripNanos.length + " messages"));
            }
            ctx.fireChannelInactive();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            fail(ctx, cause.toString());
        }
    }

    private EchoClient() {}

    /** Runs the client as the options say; returns when it has succeeded, failed or timed out. */
    public static Result run(ExampleOptions options) throws InterruptedException {
        int count = options.intValue("count", 1000, 1);
        int size = options.intValue("size", 256, 1);
        int timeoutSeconds = options.intValue("timeout-seconds", 10, 1);
        String target = options.host() + ":" + options.port(7007);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        PingPongHandler handler = new PingPongHandler(count, size);
        EventLoopGroup loops = NioEventLoopGroup.create(options.ioThreads());
        try {
            ChannelFuture connect = Bootstrap.create()
                    .group(loops)
                    .channel(NioSocketChannel::new)
                    .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, timeoutSeconds * 1000)
                    .handler(handler)
                    .connect(options.host(), options.port(7007));
            if (!connect.await(timeoutSeconds, TimeUnit.SECONDS) || !connect.isSuccess()) {
                connect.channel().close();
                return new Result(false, "cannot connect to " + target + ": "
                        + (connect.isDone() ? connect.cause() : "timed out"));
            }
            Channel channel = connect.channel();
            long start = System.nanoTime();
            try {
                long[] roundTrips = handler.done.get(deadline - start, TimeUnit.NANOSECONDS);
                return new Result(true, statistics(target, size, System.nanoTime() - start, roundTrips));
            } catch (TimeoutException e) {
                return new Result(false, "timed out after " + timeoutSeconds + " s: " + handler.answered()
                        + " of " + count + " messages echoed by " + target);
            } catch (ExecutionException e) {
                return new Result(false, e.getCause().getMessage());
            } finally {
                channel.close().syncUninterruptibly();
            }
        } finally {
            loops.shutdownGracefully(0, 5, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    private static String statistics(String target, int size, long elapsedNanos, long[] roundTripNanos) {
        long[] sorted = roundTripNanos.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return String.format("%,d messages of %,d bytes echoed correctly by %s in %,d ms (%,.0f round trips/s);"
                        + " round trip in us: min %,d, median %,d, p99 %,d, max %,d",
                n, size, target, TimeUnit.NANOSECONDS.toMillis(elapsedNanos), n / (elapsedNanos / 1e9),
                micros(sorted[0]), micros(percentile(sorted, 50)), micros(percentile(sorted, 99)), micros(sorted[n - 1]));
    }

    /** Returns the nearest-rank percentile of sorted values. */
    private static long percentile(long[] sorted, int percent) {
        int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }

    private static long micros(long nanos) {
        return TimeUnit.NANOSECONDS.toMicros(nanos);
    }
}
