package io.sluice.examples;

import io.sluice.channel.ChannelHandler;
import io.sluice.channel.ChannelHandlerContext;
import io.sluice.handler.timeout.IdleStateEvent;
import io.sluice.handler.timeout.IdleStateHandler;
import java.util.concurrent.TimeUnit;

/**
 * TCP echo: every byte a client sends comes back. The whole server is one handler per connection
 * ({@link #start}); {@link RunningServer} brings the event loops and the server channel (the
 * README's echo server shows those lines written out). With {@code --worker-threads N}
 * the echo handler runs on a worker group instead of the I/O loop (the single-reactor
 * multi-thread model); each connection's bytes still come back in order. With
 * {@code --idle-seconds N} a connection that sends nothing for N seconds is closed (muduo's idle
 * connection drop): an {@link IdleStateHandler} reports it, the echo handler closes.
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
        public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
            if (event instanceof IdleStateEvent) {
                ctx.close(); // silent for the idle time: drop it
            } else {
                ctx.fireUserEventTriggered(event);
            }
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
        int idleSeconds = options.intValue("idle-seconds", 0, 0);
        return RunningServer.start(options, 7007, (pipeline, workers) -> {
            if (idleSeconds > 0) {
                pipeline.addLast("idle", IdleStateHandler.create(idleSeconds, 0, 0, TimeUnit.SECONDS));
            }
            pipeline.addLast(workers, "echo", echo);
        });
    }
}
