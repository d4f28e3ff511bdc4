package io.sluice.examples;

import io.sluice.buffer.Buffer;
import io.sluice.buffer.ReferenceCounting;
import io.sluice.channel.Channel;
import io.sluice.channel.ChannelHandler;
import io.sluice.channel.ChannelHandlerContext;
import io.sluice.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Time: tells each client the current time, unasked (port 7037 by default, after the classic time
 * service on port 37). The time is 8 bytes: a big-endian signed 64-bit count of milliseconds since
 * 1970-01-01T00:00:00Z, what {@link System#currentTimeMillis()} returns (not the classic service's
 * 32-bit seconds since 1900).
 *
 * <p>By default the server writes one time stamp as soon as a client connects and then closes the
 * connection gracefully: {@link Channel#closeGracefully()} waits until the 8 bytes have left,
 * where {@code close()} could cut them off. With {@code --interval-seconds N} it keeps the
 * connection and sends a fresh stamp every N seconds until the client goes: a timer on the
 * connection's own event loop, so the handler never needs a lock.
 *
 * <p>Try it: {@code nc 127.0.0.1 7037 | od -An -t d8 --endian=big}.
 */
public final class TimeServer {

    /** Writes time stamps to each new connection; holds no per-connection state, so one instance serves all. */
    @ChannelHandler.Sharable
    static final class TimeHandler implements ChannelHandler {
        private final long intervalMillis;

        TimeHandler(long intervalMillis) {
            this.intervalMillis = intervalMillis;
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            ctx.writeAndFlush(timeStamp(ctx)); // the buffer's ownership goes with the write
            if (intervalMillis == 0) {
                ctx.channel().closeGracefully();
            } else {
                ScheduledFuture<?> ticks = ctx.executor().scheduleAtFixedRate(
                        () -> ctx.writeAndFlush(timeStamp(ctx)), intervalMillis, intervalMillis, TimeUnit.MILLISECONDS);
                ctx.channel().closeFuture().addListener(closed -> ticks.cancel(false));
            }
            ctx.fireChannelActive();
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ReferenceCounting.release(msg); // the protocol has nothing to read: drop what the client sends
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close(); // a broken connection is closed; the server carries on
        }

        private static Buffer timeStamp(ChannelHandlerContext ctx) {
            return ctx.alloc().buffer(8).writeLong(System.currentTimeMillis());
        }
    }

    private TimeServer() {}

    /** Starts the server as the options say and returns once it listens. */
    public static ExampleServer start(ExampleOptions options) throws InterruptedException {
        TimeHandler time = new TimeHandler(TimeUnit.SECONDS.toMillis(options.intValue("interval-seconds", 0, 0)));
        return RunningServer.start(options, 7037, (pipeline, workers) -> pipeline.addLast("time", time));
    }
}
