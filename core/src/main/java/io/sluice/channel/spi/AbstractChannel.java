package io.sluice.channel.spi;

import io.sluice.buffer.Buffer;
import io.sluice.buffer.BufferAllocator;
import io.sluice.buffer.ReferenceCounting;
import io.sluice.channel.Attribute;
import io.sluice.channel.AttributeKey;
import io.sluice.channel.Channel;
import io.sluice.channel.ChannelFuture;
import io.sluice.channel.ChannelId;
import io.sluice.channel.ChannelOption;
import io.sluice.channel.ChannelPipeline;
import io.sluice.channel.ChannelPromise;
import io.sluice.channel.DefaultChannelPromise;
import io.sluice.channel.EventLoop;
import io.sluice.concurrent.Future;
import io.sluice.internal.ChannelAccess;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.net.SocketAddress;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ConnectionPendingException;
import java.nio.channels.NotYetConnectedException;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The base of every channel: the {@link Channel} API, registration, the outbound buffer, and the
 * one way a channel closes. Transports implement the {@code do*} methods, which run on the
 * channel's event loop. Three jobs live in classes of their own: writability and read suspension
 * ({@code Writability}), a connect in progress ({@code PendingConnect}) and what waits for the
 * outbound buffer to drain, graceful close and {@code shutdownOutput} ({@code OutboundDrain}); the
 * last two exist only while needed.
 *
 * <p>Closing has one verb per behaviour: {@link #close()} (through the pipeline) and
 * {@link #closeGracefully()} for users; {@link #closeNow(Throwable)} for transports that see the
 * connection end (it runs the close at once, failing unsent writes with the cause).
 *
 * <p>Writes: {@code write} appends to the {@link ChannelOutboundBuffer}; {@code flush} marks and
 * calls {@link #doWrite}, which sends what it can and leaves the rest (the transport then calls
 * {@link #flushNow()} when the socket is writable again). Crossing the high watermark makes the
 * channel unwritable and fires {@code channelWritabilityChanged}; with
 * {@link ChannelOption#SUSPEND_READ_WHEN_UNWRITABLE} reading stops until it is writable again.
 * Writes other threads hand to the loop count from the moment they are queued. Writability and
 * auto-read changed from other threads are applied on the loop from their current value (see
 * {@code LoopStateSync}), never from a value captured when the change was made.
 */
public abstract class AbstractChannel implements IoChannel {
    private static final Logger LOG = LoggerFactory.getLogger(AbstractChannel.class);
    /** The pipeline's package-private operations (making one, its lifecycle, the tail's reports). */
    private static final ChannelAccess PIPELINES = ChannelAccess.get();
    private static final VarHandle ATTRIBUTES;
    private static final VarHandle CLOSE_FUTURE;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            ATTRIBUTES = lookup.findVarHandle(AbstractChannel.class, "attributes", ConcurrentHashMap.class);
            CLOSE_FUTURE = lookup.findVarHandle(AbstractChannel.class, "closeFuture", DefaultChannelPromise.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final ChannelId id = ChannelId.next();
    private final Channel parent;
    private final ChannelPipeline pipeline;
    /** Made on the first {@link #attr}: most channels never ask (set through {@link #ATTRIBUTES}). */
    private volatile ConcurrentHashMap<AttributeKey<?>, Attribute<?>> attributes;
    /** Made on first use (an echo-style handler never asks); two racing threads may each make one: any will do. */
    private volatile VoidChannelPromise voidPromise;
    /**
     * Made on the first {@link #closeFuture()} (set through {@link #CLOSE_FUTURE}): a server whose
     * handlers never ask holds none per connection. One made after the close is made complete.
     */
    private volatile DefaultChannelPromise closeFuture;
    /** Whether the close completed; written before the close future is read, so either sees the other. */
    private volatile boolean closeCompleted;
    private volatile EventLoop eventLoop;
    private volatile boolean registered;
    /** Writability bits, queued-write bytes and read suspension; applies other threads' changes on the loop. */
    private final Writability writability = new Writability(this);
    /** Null once the channel closed: writes then fail at once. Loop only. */
    private ChannelOutboundBuffer outboundBuffer = new ChannelOutboundBuffer(writability);
    /** Whether a connection error of this channel was logged (they are logged once per channel). */
    private volatile boolean connectionErrorLogged;
    // loop-only state
    private boolean neverRegistered = true;
    private boolean closeInitiated;
    private boolean inFlush;
    /** The connect the transport started and has not finished, or null. */
    private PendingConnect pendingConnect;
    /** What waits for the outbound buffer to drain (graceful close, shutdownOutput), or null. */
    private OutboundDrain drain;

    /** Creates a channel; {@code parent} is the server channel that accepted it, or {@code null}. */
    // this-escape (javac 21+): the pipeline, writability and outbound buffer keep a reference to
    // their channel; none of them calls back into it while it is being constructed
    @SuppressWarnings("this-escape")
    protected AbstractChannel(Channel parent) {
        this.parent = parent;
        this.pipeline = PIPELINES.newPipeline(this, HeadHandler.INSTANCE);
    }

    // ---- what transports implement (on the event loop) --------------------------------------

    /** Returns whether this channel can run on {@code loop} (e.g. an NIO loop for an NIO channel). */
    protected abstract boolean isCompatible(EventLoop loop);

    /** Registers with the event loop's I/O (e.g. the selector). */
    protected abstract void doRegister() throws Exception;

    /** Binds the socket. */
    protected abstract void doBind(SocketAddress localAddress) throws Exception;

    /**
     * Starts connecting. @return true if connected already; false if pending, in which case the
     * transport calls {@link #finishConnect()} when the socket becomes connectable
     */
    protected abstract boolean doConnect(SocketAddress remoteAddress, SocketAddress localAddress) throws Exception;

    /** Completes a pending connect (e.g. {@code SocketChannel.finishConnect}); throws if it failed. */
    protected abstract void doFinishConnect() throws Exception;

    /** Disconnects (connectionless transports); connection-oriented ones close. */
    protected abstract void doDisconnect() throws Exception;

    /** Closes the socket. */
    protected abstract void doClose() throws Exception;

    /** Shuts the output down (half-close). */
    protected abstract void doShutdownOutput() throws Exception;

    /** Deregisters from the event loop's I/O. */
    protected abstract void doDeregister() throws Exception;

    /** Starts (or keeps) reading: e.g. sets read interest. */
    protected abstract void doBeginRead() throws Exception;

    /** Stops reading until {@link #doBeginRead()}: e.g. clears read interest. */
    protected abstract void doStopRead() throws Exception;

    /**
     * Sends flushed messages from {@code out} until it is empty or the socket takes no more; in
     * that case arranges for {@link #flushNow()} to be called when writable again.
     */
    protected abstract void doWrite(ChannelOutboundBuffer out) throws Exception;

    /** Returns the local address, or {@code null}. */
    protected abstract SocketAddress localAddress0();

    /** Returns the remote address, or {@code null}. */
    protected abstract SocketAddress remoteAddress0();

    /**
     * Accepts or converts a message before it is queued for writing (e.g. a heap buffer to direct
     * memory); throws {@link UnsupportedOperationException} naming the type for what the
     * transport cannot send. Default: only {@link Buffer}s.
     */
    protected Object filterOutboundMessage(Object msg) throws Exception {
        if (msg instanceof Buffer) {
            return msg;
        }
        throw new UnsupportedOperationException("unsupported message type: " + msg.getClass().getName()
                + " (expected: Buffer; add an encoder to the pipeline)");
    }

    /**
     * Called with a message that reached the end of the pipeline. Default: release it and report
     * it once per channel and type, naming the handler that passed it last.
     */
    @Override
    public void onUnhandledInboundMessage(Object msg) {
        PIPELINES.reportUnhandledMessage(pipeline, msg);
    }

    /** Called with an exception that reached the end of the pipeline. Default: log it. */
    @Override
    public void onUnhandledInboundException(Throwable cause) {
        PIPELINES.reportUnhandledException(pipeline, cause);
    }

    /**
     * Returns the bytes {@code msg} counts for writability, by the channel's
     * {@link ChannelOption#MESSAGE_SIZE_ESTIMATOR} (never negative).
     */
    protected final int estimateSize(Object msg) {
        return Math.max(0, config().messageSizeEstimator().size(msg));
    }

    // ---- Channel ------------------------------------------------------------------------------

    @Override
    public final ChannelId id() {
        return id;
    }

    @Override
    public final EventLoop eventLoop() {
        EventLoop loop = eventLoop;
        if (loop == null) {
            throw new IllegalStateException("event loop: none (expected: a channel registered with an event loop)");
        }
        return loop;
    }

    @Override
    public final EventLoop eventLoopOrNull() {
        return eventLoop;
    }

    @Override
    public final Channel parent() {
        return parent;
    }

    @Override
    public final ChannelPipeline pipeline() {
        return pipeline;
    }

    @Override
    public BufferAllocator alloc() {
        return config().allocator();
    }

    @Override
    public final boolean isRegistered() {
        return registered;
    }

    @Override
    public SocketAddress localAddress() {
        return localAddress0();
    }

    @Override
    public SocketAddress remoteAddress() {
        return remoteAddress0();
    }

    @Override
    public final boolean isWritable() {
        return writability.isWritable();
    }

    @Override
    public final boolean awaitWritable(long timeout, TimeUnit unit) throws InterruptedException {
        return writability.await(timeout, unit);
    }

    @Override
    public final long bytesBeforeUnwritable() {
        ChannelOutboundBuffer out = outboundBuffer;
        return out == null ? 0 : writability.bytesBeforeUnwritable(out.pendingBytes());
    }

    @Override
    public final long writeQueued(Object msg) {
        ChannelOutboundBuffer out = outboundBuffer; // a racy read: the loop's count may be a little stale
        return writability.writeQueued(estimateSize(msg), out == null ? 0 : out.pendingBytes());
    }

    @Override
    public final void writeDequeued(long counted) {
        writability.writeDequeued(counted);
    }

    @Override
    public final void userDefinedWritability(int index, boolean writable) {
        if (index < 1 || index > 31) {
            throw new IllegalArgumentException("index: " + index + " (expected: 1-31)");
        }
        writability.setBit(index, writable);
    }

    /** Clears reading interest (reading suspended or auto-read off); a failure goes to the pipeline. On the loop. */
    final void stopRead() {
        try {
            doStopRead();
        } catch (Exception e) {
            pipeline.fireExceptionCaught(e);
        }
    }

    @Override
    public final boolean firstConnectionError() {
        if (connectionErrorLogged) {
            return false;
        }
        connectionErrorLogged = true; // a rare second line from a race does no harm
        return true;
    }

    /** Returns whether reading is suspended because the channel is unwritable. */
    protected final boolean isReadSuspended() {
        return writability.isReadSuspended();
    }

    @Override
    @SuppressWarnings("unchecked")
    public final <T> Attribute<T> attr(AttributeKey<T> key) {
        ConcurrentHashMap<AttributeKey<?>, Attribute<?>> map = attributes;
        if (map == null) {
            map = new ConcurrentHashMap<>(4);
            if (!ATTRIBUTES.compareAndSet(this, null, map)) {
                map = attributes; // another thread made it first
            }
        }
        return (Attribute<T>) map.computeIfAbsent(key, k -> PIPELINES.newAttribute(key));
    }

    @Override
    public final <T> boolean hasAttr(AttributeKey<T> key) {
        ConcurrentHashMap<AttributeKey<?>, Attribute<?>> map = attributes;
        return map != null && map.containsKey(key);
    }

    @Override
    public final Future<Void> closeFuture() {
        DefaultChannelPromise future = closeFuture;
        if (future == null) {
            future = new DefaultChannelPromise(this, null);
            if (CLOSE_FUTURE.compareAndSet(this, null, future)) {
                if (closeCompleted) {
                    future.trySuccess();
                }
            } else {
                future = closeFuture; // another thread made it first
            }
        }
        return future;
    }

    /** Marks the close complete and completes the close future if one was made. */
    private void completeClose() {
        closeCompleted = true;
        DefaultChannelPromise future = closeFuture;
        if (future != null) {
            future.trySuccess();
        }
    }

    @Override
    public ChannelPromise newPromise() {
        return new DefaultChannelPromise(this, eventLoop);
    }

    @Override
    public ChannelFuture newSucceededFuture() {
        return newPromise().setSuccess();
    }

    @Override
    public ChannelFuture newFailedFuture(Throwable cause) {
        return new DefaultChannelPromise(this, eventLoop, false).setFailure(cause);
    }

    @Override
    public final ChannelPromise voidPromise() {
        VoidChannelPromise promise = voidPromise;
        if (promise == null) {
            voidPromise = promise = new VoidChannelPromise(this);
        }
        return promise;
    }

    // outbound operations start at the tail

    @Override
    public ChannelFuture bind(SocketAddress localAddress, ChannelPromise promise) {
        return pipeline.bind(localAddress, promise);
    }

    @Override
    public ChannelFuture connect(SocketAddress remoteAddress, SocketAddress localAddress, ChannelPromise promise) {
        return pipeline.connect(remoteAddress, localAddress, promise);
    }

    @Override
    public ChannelFuture disconnect(ChannelPromise promise) {
        return pipeline.disconnect(promise);
    }

    @Override
    public ChannelFuture close(ChannelPromise promise) {
        return pipeline.close(promise);
    }

    @Override
    public ChannelFuture deregister(ChannelPromise promise) {
        return pipeline.deregister(promise);
    }

    @Override
    public ChannelFuture shutdownOutput(ChannelPromise promise) {
        return pipeline.shutdownOutput(promise);
    }

    @Override
    public Channel read() {
        pipeline.read();
        return this;
    }

    @Override
    public ChannelFuture closeGracefully() {
        return closeGracefully(config().gracefulCloseTimeoutMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public ChannelFuture closeGracefully(long timeout, TimeUnit unit) {
        Objects.requireNonNull(unit, "unit");
        if (timeout < 0) {
            throw new IllegalArgumentException("timeout: " + timeout + " (expected: >= 0)");
        }
        long timeoutNanos = unit.toNanos(timeout);
        ChannelPromise promise = newPromise();
        EventLoop loop = eventLoop;
        if (loop == null || loop.inEventLoop()) {
            closeGracefully0(promise, timeoutNanos);
        } else {
            try {
                loop.execute(() -> closeGracefully0(promise, timeoutNanos));
            } catch (RejectedExecutionException e) {
                // the loop has terminated, and closed every channel it owned before it did
                if (closeCompleted) {
                    promise.trySuccess();
                } else {
                    promise.tryFailure(e);
                }
            }
        }
        return promise;
    }

    private void closeGracefully0(ChannelPromise promise, long timeoutNanos) {
        pipeline.flush();
        ChannelOutboundBuffer out = outboundBuffer;
        if (out == null || out.entries() == 0 || eventLoop == null) {
            pipeline.close(promise);
            return;
        }
        drain().awaitClose(promise, timeoutNanos);
    }

    private OutboundDrain drain() {
        if (drain == null) {
            drain = new OutboundDrain(this);
        }
        return drain;
    }

    /** Called by {@link OutboundDrain} when a graceful close's deadline passed: closes now through the pipeline. */
    final void gracefulCloseExpired(ChannelPromise promise) {
        ChannelOutboundBuffer out = outboundBuffer;
        LOG.debug("Graceful close of {} ran out of time with {} bytes unsent; closing now", this,
                out == null ? 0 : out.pendingBytes());
        pipeline.close(promise);
    }

    @Override
    public ChannelFuture write(Object msg, ChannelPromise promise) {
        return pipeline.write(msg, promise);
    }

    @Override
    public Channel flush() {
        pipeline.flush();
        return this;
    }

    @Override
    public ChannelFuture writeAndFlush(Object msg, ChannelPromise promise) {
        return pipeline.writeAndFlush(msg, promise);
    }

    // ---- the operations the head handler hands down (on the event loop) ------------------------

    @Override
    public final void register(EventLoop loop, ChannelPromise promise) {
        if (registered || eventLoop != null && eventLoop != loop) {
            promise.tryFailure(new IllegalStateException("event loop: " + this + " is registered already (expected: one registration per channel)"));
            return;
        }
        if (!isCompatible(loop)) {
            promise.tryFailure(new IllegalStateException("event loop: " + loop.getClass().getName()
                    + " (expected: a loop this transport runs on)"));
            return;
        }
        eventLoop = loop;
        if (loop.inEventLoop()) {
            register0(promise);
        } else {
            try {
                loop.execute(() -> register0(promise));
            } catch (RejectedExecutionException e) {
                failRegistration(promise, e);
            }
        }
    }

    private void register0(ChannelPromise promise) {
        if (!promise.setUncancellable() || !ensureOpen(promise)) {
            return;
        }
        try {
            boolean first = neverRegistered;
            doRegister();
            neverRegistered = false;
            registered = true;
            if (first) {
                PIPELINES.registeredFirstTime(pipeline);
            }
            promise.trySuccess();
            pipeline.fireChannelRegistered();
            if (isActive()) {
                if (first) {
                    pipeline.fireChannelActive();
                } else if (config().isAutoRead()) {
                    beginRead();
                }
            }
        } catch (Throwable t) {
            failRegistration(promise, t);
        }
    }

    /** Registration failed: closes the socket without events (the pipeline never heard of the channel). */
    private void failRegistration(ChannelPromise promise, Throwable cause) {
        try {
            doClose();
        } catch (Exception e) {
            cause.addSuppressed(e);
        }
        completeClose();
        promise.tryFailure(cause);
    }

    private boolean ensureOpen(ChannelPromise promise) {
        if (isOpen()) {
            return true;
        }
        promise.tryFailure(new ClosedChannelException());
        return false;
    }

    final void bind0(SocketAddress localAddress, ChannelPromise promise) {
        if (!promise.setUncancellable() || !ensureOpen(promise)) {
            return;
        }
        boolean wasActive = isActive();
        try {
            doBind(localAddress);
        } catch (Throwable t) {
            promise.tryFailure(t);
            closeNowIfSocketClosed();
            return;
        }
        if (!wasActive && isActive()) {
            runLater(pipeline::fireChannelActive);
        }
        promise.trySuccess();
    }

    final void connect0(SocketAddress remoteAddress, SocketAddress localAddress, ChannelPromise promise) {
        if (!promise.setUncancellable() || !ensureOpen(promise)) {
            return;
        }
        if (pendingConnect != null) {
            promise.tryFailure(new ConnectionPendingException());
            return;
        }
        try {
            boolean wasActive = isActive();
            if (doConnect(remoteAddress, localAddress)) {
                fulfillConnect(promise, wasActive);
                return;
            }
            pendingConnect = new PendingConnect(this, promise, remoteAddress, config().connectTimeoutMillis());
        } catch (Throwable t) {
            promise.tryFailure(PendingConnect.annotate(t, remoteAddress));
            closeNowIfSocketClosed();
        }
    }

    /**
     * Forgets {@code connect} if it is still the pending one (it timed out or finished).
     * @return whether it was
     */
    final boolean connectEnded(PendingConnect connect) {
        if (pendingConnect != connect || connect == null) {
            return false;
        }
        pendingConnect = null;
        connect.cancelTimeout();
        return true;
    }

    /** Called by the transport on the loop when a pending connect can be completed. */
    protected final void finishConnect() {
        PendingConnect connect = pendingConnect;
        if (!connectEnded(connect)) {
            return;
        }
        boolean wasActive = isActive();
        try {
            doFinishConnect();
            fulfillConnect(connect.promise(), wasActive);
        } catch (Throwable t) {
            connect.promise().tryFailure(connect.annotate(t));
            closeNow(new ClosedChannelException());
        }
    }

    private void fulfillConnect(ChannelPromise promise, boolean wasActive) {
        boolean active = isActive();
        boolean succeeded = promise.trySuccess();
        if (!wasActive && active) {
            pipeline.fireChannelActive();
        }
        if (!succeeded) {
            closeNow(new ClosedChannelException()); // cancelled or timed out meanwhile
        }
    }

    final void disconnect0(ChannelPromise promise) {
        if (!promise.setUncancellable()) {
            return;
        }
        boolean wasActive = isActive();
        try {
            doDisconnect();
        } catch (Throwable t) {
            promise.tryFailure(t);
            closeNowIfSocketClosed();
            return;
        }
        if (wasActive && !isActive()) {
            runLater(pipeline::fireChannelInactive);
        }
        promise.trySuccess();
        closeNowIfSocketClosed();
    }

    /**
     * Closes at once, without passing through the pipeline: fails unsent writes with {@code cause},
     * completes the close future, then fires {@code channelInactive} and deregisters. For transports
     * that see the connection end (a reset, a failed read, the peer's close); on the loop. Users close
     * through {@link #close()} or {@link #closeGracefully()}.
     */
    protected final void closeNow(Throwable cause) {
        closeNow(voidPromise(), cause);
    }

    /** The one close: {@code promise} completes when it is done (at once if it was already). */
    final void closeNow(ChannelPromise promise, Throwable cause) {
        if (!promise.setUncancellable()) {
            return;
        }
        if (closeInitiated) {
            if (closeCompleted) {
                promise.trySuccess(null);
            } else if (!promise.isVoid()) {
                closeFuture().addListener(f -> promise.trySuccess(null));
            }
            return;
        }
        closeInitiated = true;
        boolean wasActive = isActive();
        ChannelOutboundBuffer out = outboundBuffer;
        outboundBuffer = null;
        PendingConnect connect = pendingConnect;
        if (connectEnded(connect)) {
            connect.promise().tryFailure(new ClosedChannelException());
        }
        try {
            doClose();
            completeClose();
            promise.trySuccess(null);
        } catch (Throwable t) {
            completeClose();
            promise.tryFailure(t);
        }
        if (out != null) {
            out.failAll(cause);
        }
        if (drain != null) {
            drain.channelClosed();
            drain = null;
        }
        if (inFlush) {
            runLater(() -> deregister0(voidPromise(), wasActive && !isActive()));
        } else {
            deregister0(voidPromise(), wasActive && !isActive());
        }
    }

    /** After an operation failed: if that closed the socket, closes the channel to match. */
    private void closeNowIfSocketClosed() {
        if (!isOpen()) {
            closeNow(new ClosedChannelException());
        }
    }

    final void deregister0(ChannelPromise promise, boolean fireInactive) {
        if (!promise.setUncancellable()) {
            return;
        }
        if (!registered) {
            promise.trySuccess(null);
            return;
        }
        // later: the current handler call finishes before the pipeline is told
        runLater(() -> {
            try {
                doDeregister();
            } catch (Throwable t) {
                LOG.warn("Failed to deregister {}", this, t);
            } finally {
                if (fireInactive) {
                    pipeline.fireChannelInactive();
                }
                if (registered) {
                    registered = false;
                    pipeline.fireChannelUnregistered();
                }
                if (!isOpen()) {
                    PIPELINES.destroy(pipeline);
                }
                promise.trySuccess(null);
            }
        });
    }

    final void shutdownOutput0(ChannelPromise promise) {
        if (!promise.setUncancellable() || !ensureOpen(promise)) {
            return;
        }
        ChannelOutboundBuffer out = outboundBuffer;
        if (out != null && !out.isEmpty() && isActive()) {
            drain().awaitShutdownOutput(promise); // after the flushed bytes are sent (flushNow)
            return;
        }
        shutdownOutputNow(promise);
    }

    /** Shuts the output down now and completes {@code promise}. On the loop. */
    final void shutdownOutputNow(ChannelPromise promise) {
        try {
            doShutdownOutput();
            promise.trySuccess(null);
        } catch (Throwable t) {
            promise.tryFailure(t);
        }
    }

    /** Sets read interest unless inactive or suspended (then the read is begun on resumption). On the loop. */
    final void beginRead() {
        if (!isActive() || !writability.mayBeginRead()) {
            return;
        }
        try {
            doBeginRead();
        } catch (Exception e) {
            runLater(() -> pipeline.fireExceptionCaught(e));
            closeNow(new ClosedChannelException());
        }
    }

    /**
     * {@inheritDoc} Two threads switching it cannot leave reading stopped with auto-read on: the
     * loop reads the setting as it is when it applies it.
     */
    @Override
    public final void autoReadChanged() {
        if (eventLoop != null) {
            writability.request(LoopStateSync.AUTO_READ);
        }
    }

    final void write0(Object msg, ChannelPromise promise) {
        ChannelOutboundBuffer out = outboundBuffer;
        // on refusal, release before failing the promise: whoever it wakes sees the message released
        if (out == null) {
            ReferenceCounting.safeRelease(msg);
            promise.tryFailure(new ClosedChannelException());
            return;
        }
        Object filtered;
        int size;
        try {
            filtered = filterOutboundMessage(msg);
            size = estimateSize(filtered);
        } catch (Throwable t) {
            ReferenceCounting.safeRelease(msg);
            promise.tryFailure(t);
            return;
        }
        out.addMessage(filtered, size, promise);
    }

    final void flush0() {
        ChannelOutboundBuffer out = outboundBuffer;
        if (out == null) {
            return;
        }
        out.addFlush();
        flushNow();
    }

    /** Writes what is flushed; transports call this when the socket is writable again. On the loop. */
    protected final void flushNow() {
        ChannelOutboundBuffer out = outboundBuffer;
        if (inFlush || out == null || out.isEmpty()) {
            return;
        }
        inFlush = true;
        try {
            if (!isActive()) {
                out.failFlushed(isOpen() ? new NotYetConnectedException() : new ClosedChannelException());
                return;
            }
            doWrite(out);
            OutboundDrain waiting = drain;
            if (waiting != null) {
                waiting.outboundWritten(out);
                if (waiting.isIdle() && drain == waiting) {
                    drain = null;
                }
            }
        } catch (Throwable t) {
            if (config().isAutoClose()) {
                closeNow(t);
            } else {
                out.failFlushed(t);
            }
            if (!PIPELINES.reportConnectionError(this, t) && t instanceof IOException) {
                LOG.debug("Write to {} failed", this, t);
            }
        } finally {
            inFlush = false;
        }
    }

    /** Returns the outbound buffer, or {@code null} once closed. For transports, on the loop. */
    protected final ChannelOutboundBuffer outboundBuffer() {
        return outboundBuffer;
    }

    /** Runs {@code task} on the loop after the current one (logged if the loop has shut down). */
    final void runLater(Runnable task) {
        try {
            eventLoop().execute(task);
        } catch (RejectedExecutionException e) {
            LOG.warn("Could not run a task for {}: its event loop is shut down", this, e);
        }
    }

    @Override
    public final int compareTo(Channel o) {
        return id.compareTo(o.id());
    }

    @Override
    public final boolean equals(Object o) {
        return this == o;
    }

    @Override
    public final int hashCode() {
        return id.hashCode();
    }

    @Override
    public String toString() {
        SocketAddress local = localAddress0();
        SocketAddress remote = remoteAddress0();
        StringBuilder sb = new StringBuilder(64).append(getClass().getSimpleName()).append("(id: ").append(id);
        if (local != null) {
            sb.append(", L:").append(local);
        }
        if (remote != null) {
            sb.append(isActive() ? " - R:" : " ! R:").append(remote);
        }
        return sb.append(')').toString();
    }
}
