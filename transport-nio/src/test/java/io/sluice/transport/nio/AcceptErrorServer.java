package io.sluice.transport.nio;

import io.sluice.bootstrap.ServerBootstrap;
import io.sluice.channel.Channel;
import io.sluice.channel.ChannelHandler;
import io.sluice.channel.ChannelHandlerContext;
import io.sluice.channel.spi.IoEventLoopGroup;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The server side of {@link AcceptPauseTest}, run in a JVM of its own (forked with a low open-files
 * limit) because it uses up every file descriptor. An echo server on one loop (it accepts and
 * serves) that prints to stdout what the test waits for: {@code listening PORT},
 * {@code accept-error N NANOS CAUSE} for each accept error, {@code echo EXHAUSTED} for each echoed
 * read. Commands on stdin: {@code exhaust} opens {@code /dev/null} until the process runs out of
 * descriptors, then prints {@code exhausted COUNT}; {@code release} closes them again.
 *
 * <p>Classes load lazily from the test's class directories, which takes a descriptor each: before
 * it is told to exhaust, one synthetic accept error (which pauses and resumes accepting) and the
 * test's first echoed connection load every class the rest of the run needs.
 */
final class AcceptErrorServer {
    private static final IOException WARM_UP = new IOException("warming up the accept error path (expected)");
    private static final List<FileChannel> HOARD = new ArrayList<>();

    private AcceptErrorServer() {}

    public static void main(String[] args) throws Exception {
        IoEventLoopGroup group = NioEventLoopGroup.create(1);
        AtomicInteger errors = new AtomicInteger();
        Channel server = ServerBootstrap.create()
                .group(group)
                .channel(NioServerSocketChannel::new)
                .handler(new ChannelHandler() {
                    @Override
                    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                        if (cause != WARM_UP) {
                            System.out.println("accept-error " + errors.incrementAndGet() + " " + System.nanoTime()
                                    + " " + cause);
                        }
                        ctx.fireExceptionCaught(cause); // on to the bootstrap's acceptor, which pauses
                    }
                })
                .childHandler(new Echo())
                .bind(new InetSocketAddress("127.0.0.1", 0)).sync().channel();
        server.pipeline().fireExceptionCaught(WARM_UP);
        System.out.println("listening " + ((InetSocketAddress) server.localAddress()).getPort());
        BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.US_ASCII));
        for (String command; (command = commands.readLine()) != null; ) {
            switch (command) {
                case "exhaust" -> System.out.println("exhausted " + exhaust());
                case "release" -> release();
                default -> System.out.println("unknown command " + command);
            }
        }
        System.exit(0); // stdin closed: the test is done
    }

    /** Echoes each read, printing whether the descriptors are used up. */
    @ChannelHandler.Sharable
    private static final class Echo implements ChannelHandler {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            System.out.println("echo " + exhausted());
            ctx.writeAndFlush(msg);
        }
    }

    private static int exhaust() {
        Path devNull = Path.of("/dev/null");
        synchronized (HOARD) {
            try {
                while (true) {
                    HOARD.add(FileChannel.open(devNull));
                }
            } catch (IOException e) {
                return HOARD.size(); // "Too many open files"
            }
        }
    }

    private static boolean exhausted() {
        synchronized (HOARD) {
            return !HOARD.isEmpty();
        }
    }

    private static void release() throws IOException {
        synchronized (HOARD) {
            for (FileChannel file : HOARD) {
                file.close();
            }
            HOARD.clear();
        }
    }
}
