package io.sluice.channel;

import io.sluice.buffer.BufferAllocator;
import io.sluice.buffer.ReferenceCounting;
import io.sluice.channel.spi.AbstractChannel;
import io.sluice.concurrent.EventExecutor;
import io.sluice.concurrent.Future;
import java.net.SocketAddress;
import java.util.Objects;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A node of the pipeline's list. Finds the next handler that overrides the event's method (by
 * {@link HandlerMask}), and invokes it on its executor: inline when already there, else as a task.
 *
 * <p><b>An offloading executor that has shut down.</b> When the executor a handler was added with
 * refuses a task because it is shutting down or terminated (the usual shutdown order stops the
 * workers before the I/O loops), the handler is not dropped from the event flow: from then on its
 * events, {@code handlerRemoved} included, run on the channel's event loop (inline when already
 * there), and {@link #executor()} returns that loop. So pipeline teardown completes, a handler's
 * resources are released and deregistration finishes. A task the old executor accepted before it
 * refused may still run on its thread during its final drain; the handler sees no event twice.
 *
 * <p><b>A refusal for any other reason</b> (a full bounded queue) loses that one event for that
 * handler, settled in one place ({@link #submitEvent}): a message or user event it carried is released,
 * an outbound operation's promise fails with the {@link RejectedExecutionException}, and an event
 * with neither is reported (WARN the first time for the handler, DEBUG after). Nothing is thrown
 * back at the thread that fired the event.
 *
 * <p><b>Lifecycle.</b> The handler's state ({@link Lifecycle}) changes only in this class: pending
 * when linked, added when {@code handlerAdded} runs, removed when {@code handlerRemoved} ran (or the
 * handler was removed before it was ever added). Events reach the handler only while it is added;
 * otherwise they pass it by.
 */
final class HandlerContext implements ChannelHandlerContext {
    private static final Logger LOG = LoggerFactory.getLogger(HandlerContext.class);

    /** A handler's life in a pipeline; it only moves forward. */
    private enum Lifecycle {
        /** Created, not linked yet. */
        INIT,
        /** Linked; {@code handlerAdded} has not run yet (it waits for registration or its executor). */
        ADD_PENDING,
        /** {@code handlerAdded} ran: events reach the handler. */
        ADDED,
        /** Removed: {@code handlerRemoved} ran, or the handler was removed before it was added. */
        REMOVED
    }

    volatile HandlerContext next;
    volatile HandlerContext prev;
    final DefaultChannelPipeline pipeline;
    private final String name;
    private final ChannelHandler handler;
    final int mask;
    /**
     * The offloading executor this handler is pinned to, or {@code null} for the channel's loop;
     * set to {@code null} once it refused a task because it shut down (see the class comment).
     */
    private volatile EventExecutor childExecutor;
    /** Written by whichever thread changes the pipeline or runs the handler's lifecycle; volatile. */
    private volatile Lifecycle state;
    /** This non-sharable handler's place in {@link InUseHandlers}, or {@code null} for a sharable one. */
    private final InUseHandlers.Claim claim;
    /** Whether a refused event was reported at WARN already (later ones go to DEBUG); plain, a hint only. */
    private boolean refusalReported;

    private HandlerContext(DefaultChannelPipeline pipeline, EventExecutor childExecutor, String name,
            ChannelHandler handler, InUseHandlers.Claim claim, Lifecycle state) {
        this.pipeline = pipeline;
        this.childExecutor = childExecutor;
        this.name = Objects.requireNonNull(name, "name");
        this.handler = Objects.requireNonNull(handler, "handler");
        this.mask = HandlerMask.of(handler.getClass());
        this.claim = claim;
        this.state = state;
    }

    /**
     * A context for a user's handler, not yet linked. {@code claim} is the handler's in-use claim
     * ({@code null} if it is sharable); it is released if this throws.
     */
    static HandlerContext create(DefaultChannelPipeline pipeline, EventExecutor childExecutor, String name,
            ChannelHandler handler, InUseHandlers.Claim claim) {
        try {
            return new HandlerContext(pipeline, childExecutor, name, handler, claim, Lifecycle.INIT);
        } catch (RuntimeException | Error e) {
            if (claim != null) {
                InUseHandlers.release(claim);
            }
            throw e;
        }
    }

    /** The head's or the tail's context: added from the start, on the channel's loop, never removed. */
    static HandlerContext boundary(DefaultChannelPipeline pipeline, String name, ChannelHandler handler) {
        return new HandlerContext(pipeline, null, name, handler, null, Lifecycle.ADDED);
    }

    @Override
    public Channel channel() {
        return pipeline.channel();
    }

    @Override
    public EventExecutor executor() {
        EventExecutor child = childExecutor;
        return child != null ? child : pipeline.channel().eventLoop();
    }

    /**
     * Whether the calling thread may run this handler now. Before the channel is registered no
     * other thread can reach it, so operations (a close after a failed setup, say) run inline.
     */
    private boolean inExecutor() {
        EventExecutor child = childExecutor;
        if (child != null) {
            return child.inEventLoop();
        }
        EventLoop loop = pipeline.channel().eventLoopOrNull();
        return loop == null || loop.inEventLoop();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public ChannelHandler handler() {
        return handler;
    }

    @Override
    public boolean isRemoved() {
        return state == Lifecycle.REMOVED;
    }

    @Override
    public ChannelPipeline pipeline() {
        return pipeline;
    }

    @Override
    public BufferAllocator alloc() {
        return pipeline.channel().alloc();
    }

    /** Whether events go to the handler (only once its handlerAdded ran, and until it is removed). */
    private boolean invokeHandler() {
        return state == Lifecycle.ADDED;
    }

    private HandlerContext findInbound(int bit) {
        HandlerContext ctx = this;
        do {
            ctx = ctx.next;
        } while ((ctx.mask & bit) == 0);
        return ctx;
    }

    private HandlerContext findOutbound(int bits) {
        HandlerContext ctx = this;
        do {
            ctx = ctx.prev;
        } while ((ctx.mask & bits) == 0);
        return ctx;
    }

    /** Runs {@code task} on this context's executor: inline if already there, else as a task. */
    void runOnExecutor(Runnable task) {
        if (inExecutor()) {
            task.run();
        } else {
            submit(task);
        }
    }

    /**
     * Hands {@code task} to this context's executor; when the offloading executor refuses it
     * because it shut down, to the channel's loop instead (inline if already there).
     *
     * @throws RejectedExecutionException if refused for another reason
     */
    private void submit(Runnable task) {
        EventExecutor child = childExecutor;
        if (child == null) {
            pipeline.channel().eventLoop().execute(task);
            return;
        }
        try {
            child.execute(task);
        } catch (RejectedExecutionException e) {
            if (!child.isShuttingDown()) {
                throw e; // refused for another reason (a full queue): the event is lost, see submitEvent
            }
            childExecutor = null;
            LOG.debug("The executor {} of handler '{}' on {} has shut down; the handler's events now run on the"
                    + " channel's event loop", child, name, pipeline.channel());
            runOnExecutor(task);
        }
    }

    /**
     * Hands the delivery of event {@code event} to this handler's executor, from another thread. If it is
     * refused, settles what the event owed: releases {@code msg} (a message or user event, or
     * {@code null}), fails {@code promise} (or {@code null}), and reports an event that had no promise.
     *
     * @return whether the task was accepted
     */
    private boolean submitEvent(Runnable task, String event, Object msg, ChannelPromise promise) {
        try {
            submit(task);
            return true;
        } catch (RejectedExecutionException e) {
            try {
                ReferenceCounting.safeRelease(msg);
            } finally {
                if (promise != null) {
                    promise.tryFailure(e);
                } else {
                    reportRefused(event, msg, e);
                }
            }
            return false;
        }
    }

    private void reportRefused(String event, Object msg, RejectedExecutionException e) {
        if (msg instanceof Throwable lost) {
            e.addSuppressed(lost); // the exception the handler did not get
        }
        String text = "Handler '{}' on {} missed {}: its executor {} refused the task";
        if (refusalReported) {
            LOG.debug(text, name, pipeline.channel(), event, childExecutor, e);
        } else {
            refusalReported = true;
            LOG.warn(text + " (reported once per handler at WARN)", name, pipeline.channel(), event, childExecutor, e);
        }
    }

    // ---- lifecycle (the only place the state changes) ----------------------------------------

    /** Linked into the pipeline; handlerAdded is yet to run. */
    void setAddPending() {
        state = Lifecycle.ADD_PENDING;
    }

    /** Whether handlerAdded is yet to run. */
    boolean isAddPending() {
        return state == Lifecycle.ADD_PENDING;
    }

    /**
     * Runs handlerAdded, on this context's executor, unless the handler was removed first.
     *
     * @return whether handlerAdded was called
     * @throws Exception what handlerAdded threw (the handler then counts as added: remove it)
     */
    boolean callHandlerAdded() throws Exception {
        if (state != Lifecycle.ADD_PENDING) {
            return false; // removed before it was added
        }
        state = Lifecycle.ADDED;
        handler.handlerAdded(this);
        return true;
    }

    /** Runs handlerRemoved, on this context's executor, if handlerAdded ran; the handler is removed after. */
    void callHandlerRemoved() throws Exception {
        try {
            if (state == Lifecycle.ADDED) {
                handler.handlerRemoved(this);
            }
        } finally {
            state = Lifecycle.REMOVED;
        }
    }

    /** Removed before handlerAdded ran (the channel was never registered): no callback at all. */
    void removeBeforeAdded() {
        state = Lifecycle.REMOVED;
    }

    /** Unlinked: the handler may join a pipeline again (at once, before its handlerRemoved ran). */
    void releaseClaim() {
        if (claim != null) {
            InUseHandlers.release(claim);
        }
    }

    // ---- inbound ------------------------------------------------------------------------------

    @Override
    public ChannelHandlerContext fireChannelRegistered() {
        findInbound(HandlerMask.CHANNEL_REGISTERED).invokeChannelRegistered();
        return this;
    }

    void invokeChannelRegistered() {
        if (!inExecutor()) {
            submitEvent(this::invokeChannelRegistered, "channelRegistered", null, null);
        } else if (!invokeHandler()) {
            fireChannelRegistered();
        } else {
            try {
                handler.channelRegistered(this);
            } catch (Throwable t) {
                invokeExceptionCaught(t);
            }
        }
    }

    @Override
    public ChannelHandlerContext fireChannelUnregistered() {
        findInbound(HandlerMask.CHANNEL_UNREGISTERED).invokeChannelUnregistered();
        return this;
    }

    void invokeChannelUnregistered() {
        if (!inExecutor()) {
            submitEvent(this::invokeChannelUnregistered, "channelUnregistered", null, null);
        } else if (!invokeHandler()) {
            fireChannelUnregistered();
        } else {
            try {
                handler.channelUnregistered(this);
            } catch (Throwable t) {
                invokeExceptionCaught(t);
            }
        }
    }

    @Override
    public ChannelHandlerContext fireChannelActive() {
        findInbound(HandlerMask.CHANNEL_ACTIVE).invokeChannelActive();
        return this;
    }

    void invokeChannelActive() {
        if (!inExecutor()) {
            submitEvent(this::invokeChannelActive, "channelActive", null, null);
        } else if (!invokeHandler()) {
            fireChannelActive();
        } else {
            try {
                handler.channelActive(this);
            } catch (Throwable t) {
                invokeExceptionCaught(t);
            }
        }
    }

    @Override
    public ChannelHandlerContext fireChannelInactive() {
        findInbound(HandlerMask.CHANNEL_INACTIVE).invokeChannelInactive();
        return this;
    }

    void invokeChannelInactive() {
        if (!inExecutor()) {
            submitEvent(this::invokeChannelInactive, "channelInactive", null, null);
        } else if (!invokeHandler()) {
            fireChannelInactive();
        } else {
            try {
                handler.channelInactive(this);
            } catch (Throwable t) {
                invokeExceptionCaught(t);
            }
        }
    }

    @Override
    public ChannelHandlerContext fireChannelRead(Object msg) {
        Objects.requireNonNull(msg, "msg");
        HandlerContext next = findInbound(HandlerMask.CHANNEL_READ);
        if (next == pipeline.tail) {
            pipeline.lastInboundForwarder = name;
        }
        next.invokeChannelRead(msg);
        return this;
    }

    void invokeChannelRead(Object msg) {
        ReferenceCounting.touch(msg, name);
        if (!inExecutor()) {
            submitEvent(() -> invokeChannelRead(msg), "channelRead", msg, null);
        } else if (!invokeHandler()) {
            fireChannelRead(msg);
        } else {
            try {
                handler.channelRead(this, msg);
            } catch (Throwable t) {
                invokeExceptionCaught(t);
            }
        }
    }

    @Override
    public ChannelHandlerContext fireChannelReadComplete() {
        findInbound(HandlerMask.CHANNEL_READ_COMPLETE).invokeChannelReadComplete();
        return this;
    }

    void invokeChannelReadComplete() {
        if (!inExecutor()) {
            submitEvent(this::invokeChannelReadComplete, "channelReadComplete", null, null);
        } else if (!invokeHandler()) {
            fireChannelReadComplete();
        } else {
            try {
                handler.channelReadComplete(this);
            } catch (Throwable t) {
                invokeExceptionCaught(t);
            }
        }
    }

    @Override
    public ChannelHandlerContext fireUserEventTriggered(Object event) {
        Objects.requireNonNull(event, "event");
        findInbound(HandlerMask.USER_EVENT).invokeUserEventTriggered(event);
        return this;
    }

    void invokeUserEventTriggered(Object event) {
        if (!inExecutor()) {
            submitEvent(() -> invokeUserEventTriggered(event), "userEventTriggered", event, null);
        } else if (!invokeHandler()) {
            fireUserEventTriggered(event);
        } else {
            try {
                handler.userEventTriggered(this, event);
            } catch (Throwable t) {
                invokeExceptionCaught(t);
            }
        }
    }

    @Override
    public ChannelHandlerContext fireChannelWritabilityChanged() {
        findInbound(HandlerMask.WRITABILITY_CHANGED).invokeChannelWritabilityChanged();
        return this;
    }

    void invokeChannelWritabilityChanged() {
        if (!inExecutor()) {
            submitEvent(this::invokeChannelWritabilityChanged, "channelWritabilityChanged", null, null);
        } else if (!invokeHandler()) {
            fireChannelWritabilityChanged();
        } else {
            try {
                handler.channelWritabilityChanged(this);
            } catch (Throwable t) {
                invokeExceptionCaught(t);
            }
        }
    }

    @Override
    public ChannelHandlerContext fireExceptionCaught(Throwable cause) {
        Objects.requireNonNull(cause, "cause");
        findInbound(HandlerMask.EXCEPTION_CAUGHT).invokeExceptionCaught(cause);
        return this;
    }

    void invokeExceptionCaught(Throwable cause) {
        if (!inExecutor()) {
            submitEvent(() -> invokeExceptionCaught(cause), "exceptionCaught", cause, null);
        } else if (!invokeHandler()) {
            fireExceptionCaught(cause);
        } else {
            try {
                handler.exceptionCaught(this, cause);
            } catch (Throwable t) {
                LOG.warn("exceptionCaught() of handler '{}' threw while handling {}", name, cause, t);
            }
        }
    }

    // ---- outbound -----------------------------------------------------------------------------

    /** Returns whether the operation should be skipped; throws if the promise is unusable. */
    private boolean isNotValid(ChannelPromise promise, boolean allowVoid) {
        Objects.requireNonNull(promise, "promise");
        if (promise.isDone()) {
            if (promise.isCancelled()) {
                return true;
            }
            throw new IllegalArgumentException("promise: " + promise + " (expected: not done yet)");
        }
        if (promise.channel() != channel()) {
            throw new IllegalArgumentException("promise of another channel: " + promise.channel() + " (expected: "
                    + channel() + ")");
        }
        if (!allowVoid && promise.isVoid()) {
            throw new IllegalArgumentException("promise: the void promise (expected: a promise that can be listened to;"
                    + " this operation completes later)");
        }
        return false;
    }

    private static void failOutbound(ChannelPromise promise, Throwable cause) {
        if (!promise.tryFailure(cause) && !promise.isVoid()) {
            LOG.warn("An outbound handler threw after completing its promise {}", promise, cause);
        }
    }

    @Override
    public ChannelFuture bind(SocketAddress localAddress, ChannelPromise promise) {
        Objects.requireNonNull(localAddress, "localAddress");
        if (!isNotValid(promise, false)) {
            findOutbound(HandlerMask.BIND).invokeBind(localAddress, promise);
        }
        return promise;
    }

    void invokeBind(SocketAddress localAddress, ChannelPromise promise) {
        if (!inExecutor()) {
            submitEvent(() -> invokeBind(localAddress, promise), "bind", null, promise);
        } else if (!invokeHandler()) {
            bind(localAddress, promise);
        } else {
            try {
                handler.bind(this, localAddress, promise);
            } catch (Throwable t) {
                failOutbound(promise, t);
            }
        }
    }

    @Override
    public ChannelFuture connect(SocketAddress remoteAddress, SocketAddress localAddress, ChannelPromise promise) {
        Objects.requireNonNull(remoteAddress, "remoteAddress");
        if (!isNotValid(promise, false)) {
            findOutbound(HandlerMask.CONNECT).invokeConnect(remoteAddress, localAddress, promise);
        }
        return promise;
    }

    void invokeConnect(SocketAddress remoteAddress, SocketAddress localAddress, ChannelPromise promise) {
        if (!inExecutor()) {
            submitEvent(() -> invokeConnect(remoteAddress, localAddress, promise), "connect", null, promise);
        } else if (!invokeHandler()) {
            connect(remoteAddress, localAddress, promise);
        } else {
            try {
                handler.connect(this, remoteAddress, localAddress, promise);
            } catch (Throwable t) {
                failOutbound(promise, t);
            }
        }
    }

    @Override
    public ChannelFuture disconnect(ChannelPromise promise) {
        if (!isNotValid(promise, false)) {
            findOutbound(HandlerMask.DISCONNECT).invokeDisconnect(promise);
        }
        return promise;
    }

    void invokeDisconnect(ChannelPromise promise) {
        if (!inExecutor()) {
            submitEvent(() -> invokeDisconnect(promise), "disconnect", null, promise);
        } else if (!invokeHandler()) {
            disconnect(promise);
        } else {
            try {
                handler.disconnect(this, promise);
            } catch (Throwable t) {
                failOutbound(promise, t);
            }
        }
    }

    @Override
    public ChannelFuture close(ChannelPromise promise) {
        if (!isNotValid(promise, false)) {
            findOutbound(HandlerMask.CLOSE).invokeClose(promise);
        }
        return promise;
    }

    void invokeClose(ChannelPromise promise) {
        if (!inExecutor()) {
            submitEvent(() -> invokeClose(promise), "close", null, promise);
        } else if (!invokeHandler()) {
            close(promise);
        } else {
            try {
                handler.close(this, promise);
            } catch (Throwable t) {
                failOutbound(promise, t);
            }
        }
    }

    @Override
    public ChannelFuture deregister(ChannelPromise promise) {
        if (!isNotValid(promise, false)) {
            findOutbound(HandlerMask.DEREGISTER).invokeDeregister(promise);
        }
        return promise;
    }

    void invokeDeregister(ChannelPromise promise) {
        if (!inExecutor()) {
            submitEvent(() -> invokeDeregister(promise), "deregister", null, promise);
        } else if (!invokeHandler()) {
            deregister(promise);
        } else {
            try {
                handler.deregister(this, promise);
            } catch (Throwable t) {
                failOutbound(promise, t);
            }
        }
    }

    @Override
    public ChannelFuture shutdownOutput(ChannelPromise promise) {
        if (!isNotValid(promise, false)) {
            findOutbound(HandlerMask.SHUTDOWN_OUTPUT).invokeShutdownOutput(promise);
        }
        return promise;
    }

    void invokeShutdownOutput(ChannelPromise promise) {
        if (!inExecutor()) {
            submitEvent(() -> invokeShutdownOutput(promise), "shutdownOutput", null, promise);
        } else if (!invokeHandler()) {
            shutdownOutput(promise);
        } else {
            try {
                handler.shutdownOutput(this, promise);
            } catch (Throwable t) {
                failOutbound(promise, t);
            }
        }
    }

    @Override
    public ChannelHandlerContext read() {
        findOutbound(HandlerMask.READ).invokeRead();
        return this;
    }

    void invokeRead() {
        if (!inExecutor()) {
            submitEvent(this::invokeRead, "read", null, null);
        } else if (!invokeHandler()) {
            read();
        } else {
            try {
                handler.read(this);
            } catch (Throwable t) {
                invokeExceptionCaught(t);
            }
        }
    }

    @Override
    public ChannelFuture write(Object msg, ChannelPromise promise) {
        write(msg, false, promise);
        return promise;
    }

    @Override
    public ChannelFuture writeAndFlush(Object msg, ChannelPromise promise) {
        write(msg, true, promise);
        return promise;
    }

    private void write(Object msg, boolean flush, ChannelPromise promise) {
        Objects.requireNonNull(msg, "msg");
        try {
            if (isNotValid(promise, true)) {
                ReferenceCounting.safeRelease(msg);
                return;
            }
        } catch (RuntimeException e) {
            ReferenceCounting.safeRelease(msg);
            throw e;
        }
        HandlerContext next = findOutbound(flush ? HandlerMask.WRITE | HandlerMask.FLUSH : HandlerMask.WRITE);
        next.invokeWrite(msg, flush, promise);
    }

    void invokeWrite(Object msg, boolean flush, ChannelPromise promise) {
        ReferenceCounting.touch(msg, name);
        if (!inExecutor()) {
            // counted against the watermarks while it waits, so a producer that writes while
            // isWritable() from another thread stops near the high watermark
            AbstractChannel ch = pipeline.channel();
            long queued = ch.writeQueued(msg);
            Runnable task = () -> {
                try {
                    invokeWrite(msg, flush, promise);
                } finally {
                    ch.writeDequeued(queued);
                }
            };
            if (!submitEvent(task, "write", msg, promise)) {
                ch.writeDequeued(queued);
            }
        } else if (!invokeHandler()) {
            write(msg, flush, promise);
        } else {
            try {
                handler.write(this, msg, promise);
            } catch (Throwable t) {
                failOutbound(promise, t);
            }
            if (flush) {
                invokeFlush();
            }
        }
    }

    @Override
    public ChannelHandlerContext flush() {
        findOutbound(HandlerMask.FLUSH).invokeFlush();
        return this;
    }

    void invokeFlush() {
        if (!inExecutor()) {
            submitEvent(this::invokeFlush, "flush", null, null);
        } else if (!invokeHandler()) {
            flush();
        } else {
            try {
                handler.flush(this);
            } catch (Throwable t) {
                invokeExceptionCaught(t);
            }
        }
    }

    @Override
    public ChannelPromise newPromise() {
        return pipeline.channel().newPromise();
    }

    @Override
    public ChannelFuture newSucceededFuture() {
        return pipeline.channel().newSucceededFuture();
    }

    @Override
    public ChannelFuture newFailedFuture(Throwable cause) {
        return pipeline.channel().newFailedFuture(cause);
    }

    @Override
    public ChannelPromise voidPromise() {
        return pipeline.channel().voidPromise();
    }

    @Override
    public Future<Void> closeFuture() {
        return pipeline.channel().closeFuture();
    }

    @Override
    public String toString() {
        return "ChannelHandlerContext(" + name + ", " + channel() + ")";
    }
}
