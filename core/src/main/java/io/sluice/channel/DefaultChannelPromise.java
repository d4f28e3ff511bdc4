package io.sluice.channel;

import io.sluice.concurrent.DefaultPromise;
import io.sluice.concurrent.EventExecutor;
import io.sluice.concurrent.FutureListener;
import java.nio.channels.ClosedChannelException;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The standard {@link ChannelPromise}: listeners run on the channel's event loop. A failure that
 * no listener or waiter observes is still logged (at WARN; writes failing because the channel
 * closed, at DEBUG), so an ignored future cannot hide an error.
 */
public class DefaultChannelPromise extends DefaultPromise<Void> implements ChannelPromise {
    private static final Logger LOG = LoggerFactory.getLogger(DefaultChannelPromise.class);
    private final Channel channel;
    /** Whether an unobserved failure is logged (false for futures created already failed). */
    private final boolean reportUnobserved;

    /** Creates a promise of {@code channel} whose listeners run on {@code executor}. */
    public DefaultChannelPromise(Channel channel, EventExecutor executor) {
        this(channel, executor, true);
    }

    DefaultChannelPromise(Channel channel, EventExecutor executor, boolean reportUnobserved) {
        super(executor);
        this.channel = Objects.requireNonNull(channel, "channel");
        this.reportUnobserved = reportUnobserved;
    }

    /** Creates a promise of a registered {@code channel}, notifying on its event loop. */
    public DefaultChannelPromise(Channel channel) {
        this(channel, channel.eventLoop());
    }

    @Override
    public EventExecutor executor() {
        EventExecutor e = super.executor();
        return e != null ? e : channel.eventLoop();
    }

    @Override
    public Channel channel() {
        return channel;
    }

    @Override
    public boolean isVoid() {
        return false;
    }

    @Override
    public ChannelPromise setSuccess() {
        setSuccess(null);
        return this;
    }

    @Override
    public boolean trySuccess() {
        return trySuccess(null);
    }

    @Override
    public boolean tryFailure(Throwable cause) {
        boolean observed = isObserved();
        if (!super.tryFailure(cause)) {
            return false;
        }
        if (!observed && reportUnobserved) {
            if (cause instanceof ClosedChannelException) {
                LOG.debug("An operation on {} failed because the channel closed; nobody observed its future",
                        channel, cause);
            } else {
                LOG.warn("An operation on {} failed and nobody observed its future", channel, cause);
            }
        }
        return true;
    }

    @Override
    public ChannelPromise setFailure(Throwable cause) {
        super.setFailure(cause);
        return this;
    }

    @Override
    public ChannelPromise addListener(FutureListener<? super Void> listener) {
        super.addListener(listener);
        return this;
    }

    @Override
    public ChannelPromise removeListener(FutureListener<? super Void> listener) {
        super.removeListener(listener);
        return this;
    }

    @Override
    public ChannelPromise sync() throws InterruptedException {
        super.sync();
        return this;
    }

    @Override
    public ChannelPromise syncUninterruptibly() {
        super.syncUninterruptibly();
        return this;
    }

    @Override
    public ChannelPromise await() throws InterruptedException {
        super.await();
        return this;
    }

    @Override
    public ChannelPromise awaitUninterruptibly() {
        super.awaitUninterruptibly();
        return this;
    }
}
