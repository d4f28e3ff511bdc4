package io.sluice.channel;

import io.sluice.concurrent.DefaultPromise;
import io.sluice.concurrent.EventExecutor;
import io.sluice.concurrent.FutureListener;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The standard {@link ChannelPromise}: listeners run on the channel's event loop. A failure that
 * nobody looked at (no listener, no wait, no {@code cause()}/{@code isSuccess()} call) by the end
 * of the loop's current task is still logged, so an ignored future cannot hide an error: at WARN
 * with its stack, unless it is a connection error (reset, broken pipe, closed), which is one DEBUG
 * line per channel (see {@code ConnectionErrors}).
 */
public class DefaultChannelPromise extends DefaultPromise<Void> implements ChannelPromise {
    private static final Logger LOG = LoggerFactory.getLogger(DefaultChannelPromise.class);
    private final Channel channel;
    /** Whether an unobserved failure is logged (false for futures created already failed). */
    private final boolean reportUnobserved;
    /** Whether anyone listened, waited or asked for the outcome. */
    private volatile boolean looked;

    /** Creates a promise of {@code channel} whose listeners run on {@code executor}. */
    public DefaultChannelPromise(Channel channel, EventExecutor executor) {
        this(channel, executor, true);
    }

    /**
     * Creates a promise; with {@code reportUnobserved} false an unobserved failure is not logged
     * (for futures handed straight to a caller, who looks at them later).
     */
    public DefaultChannelPromise(Channel channel, EventExecutor executor, boolean reportUnobserved) {
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
        if (!super.tryFailure(cause)) {
            return false;
        }
        if (reportUnobserved && !looked) {
            // an operation run on the loop may fail before its caller attaches a listener, so look
            // again after the current task: only a failure still unseen then is reported
            EventLoop loop = channel.isRegistered() ? channel.eventLoop() : null;
            try {
                if (loop != null) {
                    loop.execute(() -> reportIfUnseen(cause));
                } else {
                    reportIfUnseen(cause);
                }
            } catch (java.util.concurrent.RejectedExecutionException e) {
                reportIfUnseen(cause);
            }
        }
        return true;
    }

    private void reportIfUnseen(Throwable cause) {
        if (looked) {
            return;
        }
        if (!ConnectionErrors.report(channel, cause)) {
            LOG.warn("An operation on {} failed and nobody looked at its future", channel, cause);
        }
    }

    // every way of looking at the outcome counts as observing it

    @Override
    public Throwable cause() {
        looked = true;
        return super.cause();
    }

    @Override
    public boolean isSuccess() {
        looked = true;
        return super.isSuccess();
    }

    @Override
    public Void get() throws InterruptedException, java.util.concurrent.ExecutionException {
        looked = true;
        return super.get();
    }

    @Override
    public Void get(long timeout, java.util.concurrent.TimeUnit unit)
            throws InterruptedException, java.util.concurrent.ExecutionException, java.util.concurrent.TimeoutException {
        looked = true;
        return super.get(timeout, unit);
    }

    @Override
    public boolean await(long timeout, java.util.concurrent.TimeUnit unit) throws InterruptedException {
        looked = true;
        return super.await(timeout, unit);
    }

    @Override
    public boolean awaitUninterruptibly(long timeout, java.util.concurrent.TimeUnit unit) {
        looked = true;
        return super.awaitUninterruptibly(timeout, unit);
    }

    @Override
    public ChannelPromise setFailure(Throwable cause) {
        super.setFailure(cause);
        return this;
    }

    @Override
    public ChannelPromise addListener(FutureListener<? super Void> listener) {
        looked = true;
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
        looked = true;
        super.sync();
        return this;
    }

    @Override
    public ChannelPromise syncUninterruptibly() {
        looked = true;
        super.syncUninterruptibly();
        return this;
    }

    @Override
    public ChannelPromise await() throws InterruptedException {
        looked = true;
        super.await();
        return this;
    }

    @Override
    public ChannelPromise awaitUninterruptibly() {
        looked = true;
        super.awaitUninterruptibly();
        return this;
    }
}
