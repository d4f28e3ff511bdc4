package io.sluice.examples;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.sluice.bootstrap.Backoff;
import io.sluice.bootstrap.Bootstrap;
import io.sluice.bootstrap.ReconnectListener;
import io.sluice.bootstrap.ReconnectingClient;
import io.sluice.channel.Channel;
import io.sluice.channel.ChannelFuture;
import io.sluice.channel.ChannelHandler;
import io.sluice.channel.ChannelHandlerContext;
import io.sluice.channel.ChannelInitializer;
import io.sluice.channel.EventLoopGroup;
import io.sluice.codec.frame.LineFrameDecoder;
import io.sluice.codec.string.LineEncoder;
import io.sluice.codec.string.StringDecoder;
import io.sluice.transport.nio.NioEventLoopGroup;
import io.sluice.transport.nio.NioSocketChannel;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The echo client as a user types at it ({@code echo-client} without {@code --count}): sends each
 * line of standard input to the echo server ({@code --host}/{@code --port}, or {@code --unix PATH})
 * and prints each line that comes back. At the end of the input it half-closes the connection and
 * waits (at most {@code --timeout-seconds}, default 10) for the server to finish echoing.
 *
 * <p>With {@code --reconnect} it never gives up: a refused or lost connection is retried with
 * exponential backoff (0.1 s doubling to 5 s, with jitter) and reported on standard error; lines
 * typed while disconnected are reported as not sent.
 */
public final class LineEchoClient {
    /** Longest echoed line printed; a longer one closes the connection. */
    private static final int MAX_LINE = 64 * 1024;

    /** Prints every echoed line. Sharable: one instance serves every connection. */
    @ChannelHandler.Sharable
    private static final class PrintLines implements ChannelHandler {
        private final PrintStream out;
        private final PrintStream err;

        PrintLines(PrintStream out, PrintStream err) {
            this.out = out;
            this.err = err;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            out.println(msg);
            out.flush();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            err.println("closing the connection: " + cause);
            ctx.close();
        }
    }

    private LineEchoClient() {}

    /**
     * Runs until {@code in} ends; returns whether every line could be sent (and, without
     * {@code --reconnect}, whether the connection was made).
     */
    public static boolean run(ExampleOptions options, InputStream in, PrintStream out, PrintStream err)
            throws InterruptedException, IOException {
        int timeoutSeconds = options.intValue("timeout-seconds", 10, 1);
        String unixPath = options.value("unix");
        SocketAddress target = unixPath != null ? UnixDomainSocketAddress.of(unixPath)
                : InetSocketAddress.createUnresolved(options.host(), options.port(7007)); // resolved off the loop
        PrintLines print = new PrintLines(out, err);
        EventLoopGroup loops = NioEventLoopGroup.create(1);
        try {
            Bootstrap bootstrap = Bootstrap.create()
                    .group(loops)
                    .channel(unixPath != null ? NioSocketChannel::unixDomain : NioSocketChannel::new)
                    .handler(new ChannelInitializer<Channel>() {
                        @Override
                        protected void initChannel(Channel ch) {
                            ch.pipeline()
                                    .addLast("frames", new LineFrameDecoder(MAX_LINE))
                                    .addLast("text", new StringDecoder(UTF_8))
                                    .addLast("lines", new LineEncoder(UTF_8))
                                    .addLast("print", print);
                        }
                    });
            BufferedReader lines = new BufferedReader(new InputStreamReader(in, UTF_8));
            if (options.has("reconnect")) {
                return runReconnecting(bootstrap, target, lines, err, timeoutSeconds);
            }
            ChannelFuture connect = bootstrap.connect(target);
            if (!connect.await(timeoutSeconds, TimeUnit.SECONDS) || !connect.isSuccess()) {
                connect.channel().close();
                err.println("cannot connect to " + target + ": " + (connect.isDone() ? connect.cause() : "timed out"));
                return false;
            }
            Channel ch = connect.channel();
            boolean allSent = true;
            for (String line; (line = lines.readLine()) != null;) {
                if (!ch.isActive()) {
                    err.println("the server closed the connection; not sent: " + line);
                    allSent = false;
                    break;
                }
                ch.writeAndFlush(line);
            }
            ch.shutdownOutput(); // the server echoes what it has, sees the end and closes
            if (!ch.closeFuture().await(timeoutSeconds, TimeUnit.SECONDS)) {
                err.println("the server did not close within " + timeoutSeconds + " s");
                ch.close();
            }
            return allSent;
        } finally {
            loops.shutdownGracefully(0, 5, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    private static boolean runReconnecting(Bootstrap bootstrap, SocketAddress target, BufferedReader lines,
            PrintStream err, int timeoutSeconds) throws IOException, InterruptedException {
        AtomicBoolean ending = new AtomicBoolean(); // at the end of input the server's close is expected
        ReconnectingClient client = ReconnectingClient.create(bootstrap, target,
                Backoff.exponential(Duration.ofMillis(100), Duration.ofSeconds(5)), new ReconnectListener() {
                    @Override
                    public void connected(Channel channel) {
                        err.println("connected to " + channel.remoteAddress());
                    }

                    @Override
                    public void attemptFailed(int attempt, Throwable cause, long nextDelayNanos) {
                        err.printf("attempt %d failed: %s; next in %d ms%n", attempt, cause,
                                TimeUnit.NANOSECONDS.toMillis(nextDelayNanos));
                    }

                    @Override
                    public void disconnected(Channel channel, long nextDelayNanos) {
                        if (ending.get()) {
                            return;
                        }
                        err.printf("connection lost; reconnecting in %d ms%n", TimeUnit.NANOSECONDS.toMillis(nextDelayNanos));
                    }
                }).start();
        boolean allSent = true;
        for (String line; (line = lines.readLine()) != null;) {
            Channel ch = client.channel();
            if (ch == null || !ch.isActive()) {
                err.println("not connected; not sent: " + line);
                allSent = false;
            } else {
                ch.writeAndFlush(line);
            }
        }
        ending.set(true);
        Channel ch = client.channel();
        if (ch != null) {
            ch.shutdownOutput(); // as without --reconnect: the server echoes the rest, then closes
            ch.closeFuture().await(timeoutSeconds, TimeUnit.SECONDS);
        }
        client.close().await(timeoutSeconds, TimeUnit.SECONDS);
        return allSent;
    }
}
