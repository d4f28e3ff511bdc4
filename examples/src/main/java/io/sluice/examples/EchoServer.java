package io.sluice.examples;

import io.sluice.channel.ChannelHandler;
import io.sluice.channel.ChannelHandlerContext;

/**
 * TCP echo: every byte a client sends comes back. The whole server is one handler per connection
 * ({@link #start}); {@link RunningServer} brings the event loops and the server channel (the
 * README's echo server shows those lines written out). With {@code --worker-threads N}
 * the echo handler runs on a worker group instead of the I/O loop (the single-reactor
 * multi-thread model); each connection's bytes still come back in order.
 */
public final class EchoServer {

    /** Writes back what it reads; flushes once per read batch so pipelined input leaves in one write. */
    @ChannelHandler.Sharable
    static final class EchoHandler implements ChannelHandler {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ctx.write(msg); // the buffer's ownership goes with the write
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            ctx.flush();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close(); // a broken connection is closed; the server carries on
        }
    }

    private EchoServer() {}

    /** Starts the server as the options say and returns once it listens. */
    public static ExampleServer start(ExampleOptions options) throws InterruptedException {
        EchoHandler echo = new EchoHandler();
        return RunningServer.start(options, 7007, (pipeline, workers) -> pipeline.addLast(workers, "echo", echo));
    }
}
