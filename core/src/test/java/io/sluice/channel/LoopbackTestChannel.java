package io.sluice.channel;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.buffer.ReferenceCounting;
import io.sluice.channel.spi.AbstractChannel;
import io.sluice.channel.spi.ChannelOutboundBuffer;
import io.sluice.concurrent.Future;
import java.net.SocketAddress;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A minimal channel for a real {@link IoEventLoop}: no socket, active from the start, compatible
 * with any loop. Flushed writes move to {@link #written} (retained; the test releases them).
 * Unlike {@code EmbeddedChannel} it keeps the default tail behaviour (unhandled messages are
 * released and reported).
 */
final class LoopbackTestChannel extends AbstractChannel {
    private final ChannelConfig config = new ChannelConfig(this);
    /** Messages "sent" by {@link #doWrite}, in order. */
    final Queue<Object> written = new ConcurrentLinkedQueue<>();
    /** How many times the pipeline asked to read. */
    final AtomicInteger readRequests = new AtomicInteger();
    private volatile boolean open = true;

    LoopbackTestChannel() {
        this(null);
    }

    LoopbackTestChannel(Channel parent) {
        super(parent);
    }

    /** Waits (bounded) for {@code future} and asserts it succeeded. */
    static <V> V await(Future<V> future) throws InterruptedException {
        assertTrue(future.await(10, TimeUnit.SECONDS), () -> "not done in time: " + future);
        assertTrue(future.isSuccess(), () -> "failed: " + future.cause());
        return future.getNow();
    }

    /** Releases everything written. */
    void releaseWritten() {
        for (Object msg; (msg = written.poll()) != null; ) {
            ReferenceCounting.safeRelease(msg);
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
        return open;
    }

    @Override
    protected boolean isCompatible(EventLoop loop) {
        return true;
    }

    @Override
    protected void doRegister() {}

    @Override
    protected void doBind(SocketAddress localAddress) {}

    @Override
    protected boolean doConnect(SocketAddress remoteAddress, SocketAddress localAddress) {
        return true;
    }

    @Override
    protected void doFinishConnect() {}

    @Override
    protected void doDisconnect() {
        open = false;
    }

    @Override
    protected void doClose() {
        open = false;
    }

    @Override
    protected void doShutdownOutput() {}

    @Override
    protected void doDeregister() {}

    @Override
    protected void doBeginRead() {
        readRequests.incrementAndGet();
    }

    @Override
    protected void doStopRead() {}

    @Override
    protected void doWrite(ChannelOutboundBuffer out) {
        for (Object msg; (msg = out.current()) != null; ) {
            written.add(ReferenceCounting.retain(msg));
            out.remove();
        }
    }

    @Override
    protected SocketAddress localAddress0() {
        return null;
    }

    @Override
    protected SocketAddress remoteAddress0() {
        return null;
    }
}
