package io.sluice.transport.nio;

import io.sluice.channel.ChannelConfig;
import io.sluice.channel.ChannelPipeline;
import io.sluice.channel.ServerChannel;
import io.sluice.channel.spi.ChannelOutboundBuffer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SelectionKey;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A listening TCP socket on {@code java.nio}. Each readiness event accepts up to
 * {@code MAX_MESSAGES_PER_READ} connections and passes each, as a {@link NioSocketChannel},
 * through the pipeline (where the server bootstrap hands it to a worker loop). An accept error
 * such as "too many open files" goes to {@code exceptionCaught}; the bootstrap then pauses
 * accepting briefly and the socket keeps listening.
 *
 * <p>{@link #unixDomain()} listens on a Unix domain socket instead (bind a
 * {@link UnixDomainSocketAddress}); its accepted connections are {@link NioSocketChannel}s too. The
 * socket file its bind created is deleted when it closes; a file already there (a stale socket, or
 * another server's) makes the bind fail with {@link java.net.BindException} and is left alone.
 */
public final class NioServerSocketChannel extends AbstractNioChannel implements ServerChannel {
    private static final Logger LOG = LoggerFactory.getLogger(NioServerSocketChannel.class);
    private final ServerSocketChannel server;
    private final NioChannelConfig config;
    /** Whether bind succeeded; loop writes, any thread reads. */
    private volatile boolean bound;
    /** The Unix socket file this channel's bind created, deleted on close; null for TCP. Loop only. */
    private Path socketFile;

    /** Creates an unbound listening TCP channel. */
    public NioServerSocketChannel() {
        this(openServer(false));
    }

    /** Returns an unbound listening channel for Unix domain sockets (JDK 16+): bind a {@link UnixDomainSocketAddress}. */
    public static NioServerSocketChannel unixDomain() {
        return new NioServerSocketChannel(openServer(true));
    }

    private NioServerSocketChannel(ServerSocketChannel server) {
        super(null, server, SelectionKey.OP_ACCEPT);
        this.server = server;
        this.config = new NioChannelConfig(this, server);
    }

    private static ServerSocketChannel openServer(boolean unixDomain) {
        try {
            return unixDomain ? ServerSocketChannel.open(StandardProtocolFamily.UNIX) : ServerSocketChannel.open();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open a server socket", e);
        }
    }

    @Override
    public ChannelConfig config() {
        return config;
    }

    @Override
    public boolean isActive() {
        return bound && server.isOpen(); // not socket().isBound(): a Unix domain channel has no socket()
    }

    @Override
    protected SocketAddress localAddress0() {
        try {
            return server.isOpen() ? server.getLocalAddress() : null;
        } catch (IOException e) {
            return null;
        }
    }

    @Override
    protected SocketAddress remoteAddress0() {
        return null;
    }

    @Override
    protected void doBind(SocketAddress local) throws Exception {
        server.bind(local, config.backlog());
        if (local instanceof UnixDomainSocketAddress unix) {
            socketFile = unix.getPath();
        }
        bound = true;
    }

    @Override
    protected void doClose() throws Exception {
        try {
            super.doClose();
        } finally {
            Path file = socketFile;
            if (file != null) {
                socketFile = null;
                try {
                    Files.deleteIfExists(file);
                } catch (IOException e) {
                    LOG.warn("Could not delete the Unix socket file {} of {}", file, this, e);
                }
            }
        }
    }

    @Override
    void readReady() {
        ChannelPipeline pipeline = pipeline();
        int max = config.maxMessagesPerRead();
        try {
            for (int i = 0; i < max; i++) {
                SocketChannel accepted = server.accept();
                if (accepted == null) {
                    break;
                }
                NioSocketChannel child;
                try {
                    child = new NioSocketChannel(this, accepted);
                } catch (RuntimeException e) {
                    accepted.close();
                    throw e;
                }
                pipeline.fireChannelRead(child);
            }
        } catch (IOException | RuntimeException e) {
            pipeline.fireExceptionCaught(e);
        } finally {
            pipeline.fireChannelReadComplete();
        }
    }

    @Override
    protected boolean doConnect(SocketAddress remote, SocketAddress local) {
        throw new UnsupportedOperationException("a server channel does not connect");
    }

    @Override
    protected void doFinishConnect() {
        throw new UnsupportedOperationException("a server channel does not connect");
    }

    @Override
    protected void doDisconnect() throws Exception {
        doClose();
    }

    @Override
    protected void doShutdownOutput() {
        throw new UnsupportedOperationException("a server channel has no output");
    }

    @Override
    protected Object filterOutboundMessage(Object msg) {
        throw new UnsupportedOperationException("a server channel cannot write");
    }

    @Override
    protected void doWrite(ChannelOutboundBuffer out) {
        throw new UnsupportedOperationException("a server channel cannot write");
    }
}
