package io.sluice.channel.local;

import io.sluice.channel.ChannelConfig;
import io.sluice.channel.EventLoop;
import io.sluice.channel.ServerChannel;
import io.sluice.channel.spi.AbstractChannel;
import io.sluice.channel.spi.ChannelOutboundBuffer;
import java.net.BindException;
import java.net.SocketAddress;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.RejectedExecutionException;

/**
 * A listening local channel: bound to a {@link LocalAddress} (unique in the JVM while it is open),
 * it passes each connecting {@link LocalChannel}'s accepted end through {@code channelRead}, where
 * the server bootstrap registers it and installs its handlers. A connect to an address nobody
 * listens on, or to a server that closed, fails with {@link java.net.ConnectException}.
 */
public final class LocalServerChannel extends AbstractChannel implements ServerChannel {
    /** Every bound server of the JVM, by address. */
    private static final ConcurrentMap<LocalAddress, LocalServerChannel> BOUND = new ConcurrentHashMap<>();

    private final ChannelConfig config = new ChannelConfig(this);
    private volatile LocalAddress localAddress;
    private volatile boolean open = true;

    /** Creates an unbound server channel. */
    public LocalServerChannel() {
        super(null);
    }

    /** Returns the open server bound to {@code address}, or {@code null}. */
    static LocalServerChannel boundTo(LocalAddress address) {
        return BOUND.get(address);
    }

    /** Hands {@code child} to this server's pipeline on its loop; refuses it if the server is gone. From any thread. */
    void accept(LocalChannel child) {
        try {
            eventLoop().execute(() -> {
                if (!isActive()) {
                    child.refuse(this);
                    return;
                }
                pipeline().fireChannelRead(child);
                pipeline().fireChannelReadComplete();
            });
        } catch (RejectedExecutionException e) {
            child.refuse(this);
        }
    }

    @Override
    public ChannelConfig config() {
        return config;
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public boolean isActive() {
        return open && localAddress != null;
    }

    @Override
    protected boolean isCompatible(EventLoop loop) {
        return true; // needs nothing but the loop's task queue
    }

    @Override
    protected void doRegister() {}

    @Override
    protected void doBind(SocketAddress local) throws Exception {
        if (!(local instanceof LocalAddress address)) {
            throw new IllegalArgumentException("local: " + local + " (expected: a LocalAddress)");
        }
        if (BOUND.putIfAbsent(address, this) != null) {
            throw new BindException("address already in use: " + address);
        }
        localAddress = address;
    }

    @Override
    protected void doClose() {
        open = false;
        LocalAddress address = localAddress;
        if (address != null) {
            BOUND.remove(address, this);
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
    protected void doDisconnect() {
        doClose();
    }

    @Override
    protected void doShutdownOutput() {
        throw new UnsupportedOperationException("a server channel has no output");
    }

    @Override
    protected void doDeregister() {}

    @Override
    protected void doBeginRead() {}

    @Override
    protected void doStopRead() {}

    @Override
    protected Object filterOutboundMessage(Object msg) {
        throw new UnsupportedOperationException("a server channel cannot write");
    }

    @Override
    protected void doWrite(ChannelOutboundBuffer out) {
        throw new UnsupportedOperationException("a server channel cannot write");
    }

    @Override
    protected SocketAddress localAddress0() {
        return localAddress;
    }

    @Override
    protected SocketAddress remoteAddress0() {
        return null;
    }
}
