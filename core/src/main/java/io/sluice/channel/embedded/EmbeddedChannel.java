package io.sluice.channel.embedded;

import io.sluice.buffer.ReferenceCounting;
import io.sluice.channel.ChannelConfig;
import io.sluice.channel.ChannelFuture;
import io.sluice.channel.ChannelHandler;
import io.sluice.channel.ChannelPromise;
import io.sluice.channel.EventLoop;
import io.sluice.channel.spi.AbstractChannel;
import io.sluice.channel.spi.ChannelOutboundBuffer;
import io.sluice.concurrent.Future;
import java.net.SocketAddress;
import java.nio.channels.ClosedChannelException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A channel with no socket, driven by the test: feed inbound messages with {@link #writeInbound},
 * read what left the pipeline with {@link #readOutbound()} (and what reached its end with
 * {@link #readInbound()}), run tasks and move time with {@link #runPendingTasks()} and
 * {@link #advanceTimeBy}. Everything runs on the calling thread. An exception that reaches the end
 * of the pipeline, or fails a write of {@link #writeOutbound}, is kept and rethrown by
 * {@link #checkException()}, which the write methods call. Once closed, writing fails with
 * {@link ClosedChannelException}, as on a socket channel. {@link #close()} and {@link #disconnect()}
 * run the tasks they queue, so the handlers have seen {@code channelInactive} and
 * {@code channelUnregistered} when they return.
 *
 * <p>The channel is active from the start. Writes are "sent" by moving them to the outbound queue
 * when flushed, unless {@link #stallOutput(boolean) output is stalled} (to test backpressure).
 *
 * <p>Unlike Netty's: time moves only with {@link #advanceTimeBy} (scheduled tasks run on the real
 * scheduler, on a manual ticker); {@link #disconnect()} reaches handlers as {@code disconnect}; and
 * a close a handler starts through its context ({@code ctx.close()}) fires {@code channelInactive}
 * when the queued tasks run: at the end of the driving call that caused it, or at the next
 * {@link #runPendingTasks()} when the test fired the event itself through {@link #pipeline()}.
 */
public class EmbeddedChannel extends AbstractChannel {
    private static final SocketAddress LOCAL = new EmbeddedAddress("embedded-local");
    private static final SocketAddress REMOTE = new EmbeddedAddress("embedded-remote");

    private final EmbeddedEventLoop loop = new EmbeddedEventLoop();
    private final ChannelConfig config = new ChannelConfig(this);
    private final ArrayDeque<Object> inbound = new ArrayDeque<>();
    private final ArrayDeque<Object> outbound = new ArrayDeque<>();
    private Throwable exception;
    private boolean open = true;
    private boolean active = true;
    private boolean outputShutdown;
    private boolean outputStalled;
    private int readRequests;
    /** How many driving calls (see {@link #driven}) are on the stack. */
    private int driving;

    /** Creates an active channel with {@code handlers} in its pipeline. */
    // this-escape (javac 21+): the config keeps its channel (and reads its parent, set by then); the
    // handlers are added and the channel registered here, as in Netty, so a subclass's fields are unset
    // when its handlers' handlerAdded runs
    @SuppressWarnings("this-escape")
    public EmbeddedChannel(ChannelHandler... handlers) {
        super(null);
        pipeline().addLast(handlers);
        loop.register(this).syncUninterruptibly();
        runPendingTasks();
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
        return open && active;
    }

    // ---- driving ------------------------------------------------------------------------------

    /**
     * Fires each message through the pipeline from the head, then {@code channelReadComplete}, runs
     * pending tasks and rethrows a recorded exception. On a closed channel the messages are released
     * and a {@link ClosedChannelException} is thrown (unchecked, as every recorded exception).
     *
     * @return whether inbound messages are waiting
     */
    public boolean writeInbound(Object... msgs) {
        if (!open) {
            for (Object msg : msgs) {
                ReferenceCounting.safeRelease(msg);
            }
            record(new ClosedChannelException());
            checkException();
        }
        driven(() -> {
            for (Object msg : msgs) {
                pipeline().fireChannelRead(msg);
            }
            pipeline().fireChannelReadComplete();
        });
        runPendingTasks();
        checkException();
        return !inbound.isEmpty();
    }

    /**
     * Writes each message from the tail, runs pending tasks (so a write a handler deferred to a task
     * is flushed too), flushes, runs pending tasks again and rethrows a recorded exception or the
     * failure of one of these writes (an encoder's exception, say). A write that is still pending
     * (output {@link #stallOutput stalled}) is checked when it completes, by a later call. On a closed
     * channel a {@link ClosedChannelException} is thrown (unchecked, as every recorded exception).
     *
     * @return whether outbound messages are waiting
     */
    public boolean writeOutbound(Object... msgs) {
        List<ChannelFuture> writes = new ArrayList<>(msgs.length);
        driven(() -> {
            for (Object msg : msgs) {
                writes.add(write(msg));
            }
        });
        runPendingTasks();
        driven(this::flush);
        runPendingTasks();
        for (ChannelFuture write : writes) {
            if (write.isDone()) {
                recordFailure(write);
            } else {
                write.addListener(this::recordFailure);
            }
        }
        checkException();
        return !outbound.isEmpty();
    }

    private void recordFailure(Future<?> future) {
        if (!future.isSuccess() && !future.isCancelled()) {
            record(future.cause());
        }
    }

    /**
     * Fires one message without {@code channelReadComplete}.
     *
     * @return a succeeded future, or one failed with {@link ClosedChannelException} if the channel is closed
     */
    public ChannelFuture writeOneInbound(Object msg) {
        if (!open) {
            ReferenceCounting.safeRelease(msg);
            return newFailedFuture(new ClosedChannelException());
        }
        driven(() -> pipeline().fireChannelRead(msg));
        runPendingTasks();
        return newSucceededFuture();
    }

    /** Writes one message without flushing. @return the write's future (failed if the channel is closed) */
    public ChannelFuture writeOneOutbound(Object msg) {
        ChannelFuture[] future = new ChannelFuture[1];
        driven(() -> future[0] = write(msg));
        runPendingTasks();
        return future[0];
    }

    /**
     * Runs {@code pipelineCalls} as a call that drives the pipeline: a close or disconnect a handler
     * starts meanwhile does not run the queued tasks itself (that would remove handlers while one
     * of them is still running); the driving method runs them when the handler calls have returned.
     */
    private void driven(Runnable pipelineCalls) {
        driving++;
        try {
            pipelineCalls.run();
        } finally {
            driving--;
        }
    }

    /** Returns the next message that reached the end of the pipeline, or {@code null}. */
    @SuppressWarnings("unchecked")
    public <T> T readInbound() {
        return (T) inbound.poll();
    }

    /** Returns the next message written out of the pipeline, or {@code null}. */
    @SuppressWarnings("unchecked")
    public <T> T readOutbound() {
        return (T) outbound.poll();
    }

    /** Returns the queue of messages that reached the end of the pipeline. */
    public Queue<Object> inboundMessages() {
        return inbound;
    }

    /** Returns the queue of messages written out of the pipeline. */
    public Queue<Object> outboundMessages() {
        return outbound;
    }

    /** Runs queued tasks and due scheduled tasks. */
    public void runPendingTasks() {
        driven(loop::runTasks);
    }

    /** Moves the channel's clock forward and runs what became due. */
    public void advanceTimeBy(long amount, TimeUnit unit) {
        loop.manualTicker().advance(amount, unit);
        runPendingTasks();
    }

    /** Returns nanoseconds until the next scheduled task, or -1 if none. */
    public long nextScheduledTaskDelayNanos() {
        return loop.nextScheduledDelayNanos();
    }

    /** Rethrows (once) the exception that reached the end of the pipeline, if any. */
    public void checkException() {
        Throwable t = exception;
        if (t != null) {
            exception = null;
            throwUnchecked(t);
        }
    }

    @SuppressWarnings("unchecked")
    private static <E extends Throwable> void throwUnchecked(Throwable t) throws E {
        throw (E) t;
    }

    /**
     * Runs pending tasks (writes a handler deferred), closes, then runs the tasks the close queued,
     * so {@code channelInactive} and {@code channelUnregistered} have fired when this returns, and
     * cancels the scheduled tasks. Called by a handler during one of this channel's driving methods
     * ({@link #writeInbound}, {@link #runPendingTasks()}, ...), it only closes: the events follow
     * when the handler has returned, before the driving method returns, so no handler is removed
     * while it runs.
     */
    @Override
    public ChannelFuture close(ChannelPromise promise) {
        return closing(() -> super.close(promise));
    }

    /** Like {@link #close(ChannelPromise)}: an embedded channel disconnects by closing. */
    @Override
    public ChannelFuture disconnect(ChannelPromise promise) {
        return closing(() -> super.disconnect(promise));
    }

    private ChannelFuture closing(Supplier<ChannelFuture> operation) {
        if (driving > 0) {
            return operation.get(); // the driving call on the stack runs the tasks this queues
        }
        runPendingTasks();
        ChannelFuture[] future = new ChannelFuture[1];
        driven(() -> future[0] = operation.get());
        runPendingTasks();
        if (!isOpen()) {
            // as Netty's: a closed channel's timers go; but a handler that holds the close back (TLS waiting
            // for the peer's close_notify) keeps its timer, so advanceTimeBy can still drive it
            loop.cancelScheduled();
        }
        return future[0];
    }

    private void finishPendingTasks() {
        runPendingTasks();
        loop.cancelScheduled();
    }

    /**
     * Closes the channel, runs pending tasks and rethrows a recorded exception.
     *
     * @return whether any inbound or outbound message is still waiting to be read
     */
    public boolean finish() {
        close();
        finishPendingTasks();
        checkException();
        return !inbound.isEmpty() || !outbound.isEmpty();
    }

    /** Like {@link #finish()}, then releases every waiting message. @return whether any was waiting */
    public boolean finishAndReleaseAll() {
        try {
            return finish();
        } finally {
            releaseInbound();
            releaseOutbound();
        }
    }

    /** Releases every waiting inbound message. @return whether any was waiting */
    public boolean releaseInbound() {
        return releaseAll(inbound);
    }

    /** Releases every waiting outbound message. @return whether any was waiting */
    public boolean releaseOutbound() {
        return releaseAll(outbound);
    }

    private static boolean releaseAll(Queue<Object> queue) {
        boolean any = !queue.isEmpty();
        for (Object msg; (msg = queue.poll()) != null; ) {
            ReferenceCounting.safeRelease(msg);
        }
        return any;
    }

    /** Stops (true) or resumes (false) taking flushed writes, as a socket with a full send buffer would. */
    public void stallOutput(boolean stalled) {
        outputStalled = stalled;
        if (!stalled) {
            flushNow();
            runPendingTasks();
        }
    }

    /** Returns how many times the pipeline asked the channel to read. */
    public int readRequests() {
        return readRequests;
    }

    /** Returns whether reading is suspended because the channel is unwritable. */
    public boolean isReadingSuspended() {
        return isReadSuspended();
    }

    /** Returns whether {@code shutdownOutput} was called. */
    public boolean isOutputShutdown() {
        return outputShutdown;
    }

    // ---- the transport ------------------------------------------------------------------------

    @Override
    public void onUnhandledInboundMessage(Object msg) {
        inbound.add(msg);
    }

    @Override
    public void onUnhandledInboundException(Throwable cause) {
        record(cause);
    }

    /** Keeps {@code cause} for {@link #checkException()}; a later one is added to the first as suppressed. */
    private void record(Throwable cause) {
        if (exception == null) {
            exception = cause;
        } else if (exception != cause) {
            exception.addSuppressed(cause);
        }
    }

    @Override
    protected boolean isCompatible(EventLoop eventLoop) {
        return eventLoop instanceof EmbeddedEventLoop;
    }

    @Override
    protected void doRegister() {}

    @Override
    protected void doBind(SocketAddress localAddress) {}

    @Override
    protected boolean doConnect(SocketAddress remoteAddress, SocketAddress localAddress) {
        active = true;
        return true;
    }

    @Override
    protected void doFinishConnect() {}

    @Override
    protected void doDisconnect() {
        doClose();
    }

    @Override
    protected void doClose() {
        open = false;
        active = false;
    }

    @Override
    protected void doShutdownOutput() {
        outputShutdown = true;
    }

    @Override
    protected void doDeregister() {}

    @Override
    protected void doBeginRead() {
        readRequests++;
    }

    @Override
    protected void doStopRead() {}

    @Override
    protected Object filterOutboundMessage(Object msg) {
        return msg;
    }

    @Override
    protected void doWrite(ChannelOutboundBuffer out) {
        if (outputStalled) {
            return;
        }
        for (Object msg; (msg = out.current()) != null; ) {
            outbound.add(ReferenceCounting.retain(msg));
            out.remove();
        }
    }

    @Override
    protected SocketAddress localAddress0() {
        return isActive() ? LOCAL : null;
    }

    @Override
    protected SocketAddress remoteAddress0() {
        return isActive() ? REMOTE : null;
    }

    /** The addresses an embedded channel reports. */
    private static final class EmbeddedAddress extends SocketAddress {
        private static final long serialVersionUID = 1L;
        private final String name;

        EmbeddedAddress(String name) {
            this.name = name;
        }

        @Override
        public String toString() {
            return name;
        }
    }
}
