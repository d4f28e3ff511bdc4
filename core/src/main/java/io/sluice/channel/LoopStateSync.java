package io.sluice.channel;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.RejectedExecutionException;

/**
 * Applies on a channel's event loop the state that other threads change (writability bits,
 * auto-read, bytes queued for writing). A request never carries the new value: the loop reads the
 * current one when it applies it, so a task that waited in the queue cannot undo a newer change
 * made meanwhile (from the loop or another thread). Requests made while one is queued share its
 * task; the task is this object, so a request allocates nothing.
 *
 * <p>Thread: {@link #request(AbstractChannel, int)} from any thread; the changes are applied on the
 * loop (inline when called there, or before registration).
 */
final class LoopStateSync implements Runnable {
    /** Writability (the watermark bit or a user-defined bit) changed. */
    static final int WRITABILITY = 1;
    /** Auto-read was switched. */
    static final int AUTO_READ = 1 << 1;
    /** Bytes of writes queued from other threads reached the outbound buffer. */
    static final int QUEUED_WRITES = 1 << 2;

    private static final VarHandle REQUESTED;

    static {
        try {
            REQUESTED = MethodHandles.lookup().findVarHandle(LoopStateSync.class, "requested", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final AbstractChannel channel;
    /** The kinds requested and not applied yet; non-zero while this task is queued. */
    @SuppressWarnings("unused")
    private volatile int requested;

    LoopStateSync(AbstractChannel channel) {
        this.channel = channel;
    }

    /**
     * Has {@code kinds} (a bit set of the constants above) applied on {@code channel}'s loop: at
     * once when called there (or before registration), else by the channel's one instance of this
     * task, which only a call from another thread makes (an idle channel holds none).
     */
    static void request(AbstractChannel channel, int kinds) {
        EventLoop loop = channel.eventLoopOrNull();
        if (loop == null || loop.inEventLoop()) {
            channel.applyState(kinds);
        } else {
            channel.stateSync().post(loop, kinds);
        }
    }

    /** Queues this task on {@code loop} unless it is queued already; {@code kinds} joins it either way. */
    private void post(EventLoop loop, int kinds) {
        if ((int) REQUESTED.getAndBitwiseOr(this, kinds) == 0) {
            try {
                loop.execute(this);
            } catch (RejectedExecutionException e) {
                // the loop has terminated, and closed the channel before it did: nothing to apply
                REQUESTED.setVolatile(this, 0);
            }
        }
    }

    @Override
    public void run() {
        int kinds = (int) REQUESTED.getAndSet(this, 0);
        if (kinds != 0) {
            channel.applyState(kinds);
        }
    }

    @Override
    public String toString() {
        return "LoopStateSync(" + channel + ")";
    }
}
