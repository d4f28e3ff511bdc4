package io.sluice.benchmarks.e2e;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.Set;

/**
 * The floor: an echo loop on bare {@code java.nio} with nothing a framework adds. One thread,
 * {@link Selector#select(java.util.function.Consumer, long)} (no selected-key set, no iterator),
 * one direct buffer per connection. Each readiness event reads once and writes what it read
 * straight away (write first); only a write the kernel did not take entirely registers OP_WRITE,
 * and reading stops until it drains (the buffer is full of unsent bytes). A read that filled the
 * whole buffer is followed by another read (up to 16), a short one is taken as "drained".
 *
 * <pre>java -cp benchmarks.jar io.sluice.benchmarks.e2e.BareNioEchoServer --port 0 [--seconds 600] [--buffer 65536]</pre>
 */
public final class BareNioEchoServer {
    private static final int MAX_READS_PER_EVENT = 16;

    private final Selector selector;
    private final ServerSocketChannel server;
    private final int bufferSize;

    private BareNioEchoServer(int port, int bufferSize) throws IOException {
        this.bufferSize = bufferSize;
        selector = Selector.open();
        server = ServerSocketChannel.open();
        server.bind(new InetSocketAddress(EchoServers.HOST, port), 1024);
        server.configureBlocking(false);
        server.register(selector, SelectionKey.OP_ACCEPT);
    }

    public static void main(String[] argv) throws Exception {
        Args args = Args.parse(argv, EchoServers.options("buffer"), Set.of());
        int seconds = EchoServers.seconds(args);
        BareNioEchoServer echo = new BareNioEchoServer(args.intValue("port", 0), args.intValue("buffer", 64 * 1024));
        EchoServers.announce(echo.server.getLocalAddress());
        echo.run(System.nanoTime() + seconds * 1_000_000_000L);
        System.err.println("time limit of " + seconds + " s reached: exiting");
        System.exit(0);
    }

    private void run(long deadlineNanos) throws IOException {
        for (;;) {
            long left = deadlineNanos - System.nanoTime();
            if (left <= 0) {
                return;
            }
            selector.select(this::ready, Math.max(1, Math.min(1000, left / 1_000_000)));
        }
    }

    private void ready(SelectionKey key) {
        try {
            if (key.channel() == server) {
                accept();
                return;
            }
            SocketChannel ch = (SocketChannel) key.channel();
            ByteBuffer buf = (ByteBuffer) key.attachment();
            int ready = key.readyOps();
            if ((ready & SelectionKey.OP_WRITE) != 0) {
                buf.flip();
                ch.write(buf);
                buf.compact();
                if (buf.position() > 0) {
                    return; // still pending: keep waiting for OP_WRITE
                }
                key.interestOps(SelectionKey.OP_READ);
            }
            if ((ready & SelectionKey.OP_READ) != 0 || (ready & SelectionKey.OP_WRITE) != 0) {
                // after a drained write, read at once: the peer waited for its echo and may have sent more
                read(key, ch, buf);
            }
        } catch (IOException e) {
            close(key);
        }
    }

    private void read(SelectionKey key, SocketChannel ch, ByteBuffer buf) throws IOException {
        for (int i = 0; i < MAX_READS_PER_EVENT; i++) {
            int n = ch.read(buf); // buf is empty here: nothing is pending
            if (n < 0) {
                close(key);
                return;
            }
            if (n == 0) {
                return;
            }
            buf.flip();
            ch.write(buf);
            buf.compact();
            if (buf.position() > 0) {
                key.interestOps(SelectionKey.OP_WRITE); // stop reading until the rest is sent
                return;
            }
            if (n < bufferSize) {
                return; // a short read: the socket is drained
            }
        }
    }

    private void accept() throws IOException {
        for (SocketChannel ch; (ch = server.accept()) != null; ) {
            ch.configureBlocking(false);
            ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
            ch.register(selector, SelectionKey.OP_READ, ByteBuffer.allocateDirect(bufferSize));
        }
    }

    private static void close(SelectionKey key) {
        key.cancel();
        try {
            key.channel().close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}
