package io.sluice.transport.nio;

import io.sluice.channel.ChannelConfig;
import io.sluice.channel.ChannelOutboundBuffer;
import io.sluice.channel.ChannelPipeline;
import io.sluice.channel.ServerChannel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.SocketAddress;
import java.nio.channels.SelectionKey;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;

/**
 * A listening TCP socket on {@code java.nio}. Each readiness event accepts up to
 * {@code MAX_MESSAGES_PER_READ} connections and passes each, as a {@link NioSocketChannel},
 * through the pipeline (where the server bootstrap hands it to a worker loop). An accept error
 * such as "too many open files" goes to {@code exceptionCaught}; the bootstrap then pauses
 * accepting briefly and the socket keeps listening.
 */
public final class NioServerSocketChannel extends AbstractNioChannel implements ServerChannel {
    private final ServerSocketChannel server;
    private final NioChannelConfig config;

    /** Creates an unbound listening channel. */
    public NioServerSocketChannel() {
        this(openServer());
    }

    private NioServerSocketChannel(ServerSocketChannel server) {
        super(null, server, SelectionKey.OP_ACCEPT);
        this.server = server;
        this.config = new NioChannelConfig(this, server);
    }

    private static ServerSocketChannel openServer() {
        try {
            return ServerSocketChannel.open();
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
        return server.isOpen() && server.socket().isBound();
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
