package io.sluice.examples;

import io.sluice.buffer.ReferenceCounting;
import io.sluice.channel.ChannelHandler;
import io.sluice.channel.ChannelHandlerContext;
import java.util.concurrent.TimeUnit;

/**
 * Echo whose handler blocks {@code --delay-ms N} milliseconds per message, a stand-in for a database
 * call. Blocking code must not run on an I/O loop, so the handler runs on {@code --virtual-threads}
 * (JDK 21+: each connection's messages on a virtual thread, no pool to size) or on
 * {@code --worker-threads N} platform threads (at most N messages in progress at once, server-wide);
 * one of the two is required. Per connection, messages still come back in order.
 */
public final class BlockingEchoServer {

    /** Sleeps, then writes back what it read; may block because it never runs on an I/O loop. */
    @ChannelHandler.Sharable
    static final class BlockingEchoHandler implements ChannelHandler {
        private final long delayMillis;

        BlockingEchoHandler(long delayMillis) {
            this.delayMillis = delayMillis;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) throws InterruptedException {
            try {
                TimeUnit.MILLISECONDS.sleep(delayMillis); // the blocking call this example stands for
            } catch (InterruptedException e) {
                ReferenceCounting.release(msg);
                throw e;
            }
            ctx.writeAndFlush(msg);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }

    private BlockingEchoServer() {}

    /**
     * Starts the server as the options say and returns once it listens.
     *
     * @throws IllegalArgumentException without {@code --virtual-threads} or {@code --worker-threads N}
     */
    public static ExampleServer start(ExampleOptions options) throws InterruptedException {
        if (!options.virtualThreads() && options.workerThreads() == 0) {
            throw new IllegalArgumentException("blocking-echo needs --virtual-threads or --worker-threads N:"
                    + " a handler that blocks must not run on an I/O event loop");
        }
        BlockingEchoHandler echo = new BlockingEchoHandler(options.intValue("delay-ms", 50, 0));
        return RunningServer.start(options, 7010, (pipeline, workers) -> pipeline.addLast(workers, "echo", echo));
    }
}
