package io.sluice.channel;

import io.sluice.buffer.Buffer;
import io.sluice.buffer.BufferAllocator;
import io.sluice.buffer.ReferenceCounting;
import io.sluice.concurrent.Future;
import io.sluice.concurrent.ScheduledFuture;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.net.ConnectException;
import java.net.SocketAddress;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ConnectionPendingException;
import java.nio.channels.NotYetConnectedException;
import java.util.Objects;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The base of every channel: registration, the outbound buffer and writability, close and
 * deregistration, read suspension, and the connect timeout. Transports implement the
 * {@code do*} methods, which run on the channel's event loop; everything else is here.
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
public abstract class AbstractChannel implements Channel {
    private static final Logger LOG = LoggerFactory.getLogger(AbstractChannel.class);
    private static final VarHandle UNWRITABLE;
    private static final VarHandle QUEUED_WRITE_BYTES;
    /**
     * Bytes a write waiting in an executor's queue counts beyond its message's size, so that even
     * writes of messages with no byte size (not yet encoded) make the channel unwritable (Netty: 32).
     */
    static final int WRITE_TASK_OVERHEAD_BYTES = 32;
    private static final VarHandle WAITERS;
    private static final VarHandle STATE_SYNC;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            UNWRITABLE = lookup.findVarHandle(AbstractChannel.class, "unwritable", int.class);
            QUEUED_WRITE_BYTES = lookup.findVarHandle(AbstractChannel.class, "queuedWriteBytes", long.class);
            WAITERS = lookup.findVarHandle(AbstractChannel.class, "writabilityWaiters", WritabilityWaiters.class);
            STATE_SYNC = lookup.findVarHandle(AbstractChannel.class, "stateSync", LoopStateSync.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final ChannelId id = ChannelId.next();
    private final Channel parent;
    private final DefaultChannelPipeline pipeline;
    private final AttributeMap attributes = new AttributeMap();
    /** Made on first use (an echo-style handler never asks); two racing threads may each make one: any will do. */
    private volatile VoidChannelPromise voidPromise;
    private final DefaultChannelPromise closeFuture;
    private volatile EventLoop eventLoop;
    private volatile boolean registered;
    /** Null once the channel closed: writes then fail at once. Loop only. */
    private ChannelOutboundBuffer outboundBuffer = new ChannelOutboundBuffer(this);
    /** Bit 0: over the high watermark; bits 1-31: user-defined. Zero means writable. */
    private volatile int unwritable;
    /**
     * Bytes of writes handed from other threads to an executor and not yet in the outbound buffer
     * (estimated when queued, as Netty does): they count against the watermarks while they wait.
     * Atomic adds from any thread.
     */
    @SuppressWarnings("unused")
    private volatile long queuedWriteBytes;
    /** Whether a connection error of this channel was logged (they are logged once per channel). */
    private volatile boolean connectionErrorLogged;
    /**
     * Applies on the loop what other threads change (writability, auto-read); made by the first
     * change (an idle connection has seen none).
     */
    private volatile LoopStateSync stateSync;
    /** Threads blocked in {@link #awaitWritable(long, TimeUnit)}; made by the first one (most channels have none). */
    private volatile WritabilityWaiters writabilityWaiters;
    // loop-only state
    /** The writability the pipeline was last told of. */
    private boolean writableFired = true;
    private boolean neverRegistered = true;
    private boolean closeInitiated;
    private boolean inFlush;
    private boolean readSuspended;
    private boolean readRequestedWhileSuspended;
    private ChannelPromise connectPromise;
    /** Where the pending connect goes (for error messages once the socket is closed). Loop only. */
    private SocketAddress requestedRemoteAddress;
    /** A graceful close waiting for the outbound buffer to drain, or null. Loop only. */
    private GracefulClose gracefulClose;
    /** A shutdownOutput waiting for the flushed bytes to be sent. */
    private ChannelPromise pendingShutdownOutput;
    private ScheduledFuture<?> connectTimeout;

    /** Creates a channel; {@code parent} is the server channel that accepted it, or {@code null}. */
    protected AbstractChannel(Channel parent) {
        this.parent = parent;
        this.pipeline = new DefaultChannelPipeline(this);
        this.closeFuture = new DefaultChannelPromise(this, null);
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
    protected void onUnhandledInboundMessage(Object msg) {
        pipeline.onUnhandledMessage(msg);
    }

    /** Called with an exception that reached the end of the pipeline. Default: log it. */
    protected void onUnhandledInboundException(Throwable cause) {
        pipeline.onUnhandledException(cause);
    }

    /** Returns the bytes {@code msg} counts for writability: a buffer's readable bytes, a file region's length. */
    protected int estimateSize(Object msg) {
        if (msg instanceof Buffer) {
            return ((Buffer) msg).readableBytes();
        }
        if (msg instanceof FileRegion) {
            return (int) Math.min(Integer.MAX_VALUE, ((FileRegion) msg).count());
        }
        if (msg instanceof DatagramPacket) {
            return ((DatagramPacket) msg).content().readableBytes();
        }
        return 0;
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
            throw new IllegalStateException("channel not registered to an event loop");
        }
        return loop;
    }

    /** Returns the event loop, or {@code null} before registration. */
    final EventLoop eventLoopOrNull() {
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
        return unwritable == 0;
    }

    @Override
    public final boolean awaitWritable(long timeout, TimeUnit unit) throws InterruptedException {
        WritabilityWaiters waiters = writabilityWaiters;
        if (waiters == null) {
            WAITERS.compareAndSet(this, null, new WritabilityWaiters(this));
            waiters = writabilityWaiters;
        }
        return waiters.await(timeout, unit);
    }

    @Override
    public final long bytesBeforeUnwritable() {
        ChannelOutboundBuffer out = outboundBuffer;
        if (out == null || unwritable != 0) {
            return 0;
        }
        return Math.max(0, config().writeBufferWaterMark().highBytes() - out.pendingBytes() - queuedWriteBytes() + 1);
    }

    /** Returns the bytes of writes from other threads still queued for an executor (see the field). */
    final long queuedWriteBytes() {
        return queuedWriteBytes;
    }

    /**
     * Counts {@code msg}, about to wait in an executor's queue, against the watermarks (from the
     * writing thread). @return what it counted, for {@link #writeDequeued(long)}
     */
    final long writeQueued(Object msg) {
        long size = Math.max(0, estimateSize(msg)) + WRITE_TASK_OVERHEAD_BYTES;
        long queued = (long) QUEUED_WRITE_BYTES.getAndAdd(this, size) + size;
        ChannelOutboundBuffer out = outboundBuffer; // a racy read: the loop's count may be a little stale
        long pending = out == null ? 0 : out.pendingBytes();
        if (queued + pending > config().writeBufferWaterMark().highBytes()) {
            setWritabilityBit(0, false);
        }
        return size;
    }

    /** Returns the one {@link LoopStateSync} of this channel, made on the first call from any thread. */
    final LoopStateSync stateSync() {
        LoopStateSync sync = stateSync;
        if (sync == null) {
            STATE_SYNC.compareAndSet(this, null, new LoopStateSync(this));
            sync = stateSync;
        }
        return sync;
    }

    /** Stops counting a queued write once it ran (it is in the outbound buffer now, or failed). */
    final void writeDequeued(long size) {
        QUEUED_WRITE_BYTES.getAndAdd(this, -size);
        LoopStateSync.request(this, LoopStateSync.QUEUED_WRITES); // the loop decides whether it is writable again
    }

    /**
     * Sets or clears user-defined writability bit {@code index} (1-31): the channel is writable only
     * while every bit is set writable. From any thread.
     */
    public final void userDefinedWritability(int index, boolean writable) {
        if (index < 1 || index > 31) {
            throw new IllegalArgumentException("index: " + index + " (expected: 1-31)");
        }
        setWritabilityBit(index, writable);
    }

    final void setWritabilityBit(int bit, boolean writable) {
        int mask = 1 << bit;
        for (;;) {
            int old = unwritable;
            int next = writable ? old & ~mask : old | mask;
            if (old == next) {
                return;
            }
            if (UNWRITABLE.compareAndSet(this, old, next)) {
                if ((old == 0) != (next == 0)) {
                    WritabilityWaiters waiters = writabilityWaiters;
                    if (next == 0 && waiters != null) {
                        waiters.signal();
                    }
                    LoopStateSync.request(this, LoopStateSync.WRITABILITY);
                }
                return;
            }
        }
    }

    /** Applies what {@link LoopStateSync} was asked to: reads each state as it is now. On the loop. */
    final void applyState(int kinds) {
        if ((kinds & LoopStateSync.QUEUED_WRITES) != 0) {
            ChannelOutboundBuffer out = outboundBuffer;
            if (out != null) {
                out.updateWritability();
            }
        }
        if ((kinds & LoopStateSync.WRITABILITY) != 0) {
            applyWritability();
        }
        if ((kinds & LoopStateSync.AUTO_READ) != 0 && eventLoop != null) {
            if (config().isAutoRead()) {
                read();
            } else {
                stopRead();
            }
        }
    }

    /** Suspends or resumes reading and tells the pipeline, if writability differs from what it was told. */
    private void applyWritability() {
        boolean writable = unwritable == 0;
        if (writable == writableFired) {
            return;
        }
        writableFired = writable;
        if (writable) {
            if (readSuspended) {
                readSuspended = false;
                if (config().isAutoRead() || readRequestedWhileSuspended) {
                    readRequestedWhileSuspended = false;
                    beginRead0();
                }
            }
        } else if (config().isSuspendReadWhenUnwritable() && isActive()) {
            readSuspended = true;
            stopRead();
        }
        pipeline.fireChannelWritabilityChanged();
    }

    private void stopRead() {
        try {
            doStopRead();
        } catch (Exception e) {
            pipeline.fireExceptionCaught(e);
        }
    }

    /** Returns true the first time only: whether a connection error of this channel is still to be logged. */
    final boolean firstConnectionError() {
        if (connectionErrorLogged) {
            return false;
        }
        connectionErrorLogged = true; // a rare second line from a race does no harm
        return true;
    }

    /** Returns whether reading is suspended because the channel is unwritable. */
    protected final boolean isReadSuspended() {
        return readSuspended;
    }

    @Override
    public final <T> Attribute<T> attr(AttributeKey<T> key) {
        return attributes.attr(key);
    }

    @Override
    public final <T> boolean hasAttr(AttributeKey<T> key) {
        return attributes.has(key);
    }

    @Override
    public final Future<Void> closeFuture() {
        return closeFuture;
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
                if (closeFuture.isDone()) {
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
        if (gracefulClose == null) {
            gracefulClose = new GracefulClose(eventLoop, promise, this::gracefulCloseExpired);
        } else {
            gracefulClose.join(promise);
        }
        gracefulClose.deadline(timeoutNanos);
    }

    private void gracefulCloseExpired() {
        GracefulClose pending = gracefulClose;
        if (pending == null) {
            return;
        }
        gracefulClose = null;
        ChannelOutboundBuffer out = outboundBuffer;
        LOG.debug("Graceful close of {} ran out of time with {} bytes unsent; closing now", this,
                out == null ? 0 : out.pendingBytes());
        pipeline.close(pending.promise());
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

    /** Registers with {@code loop}; called by {@link EventLoopGroup#register(Channel)}. */
    final void register(EventLoop loop, ChannelPromise promise) {
        if (registered || eventLoop != null && eventLoop != loop) {
            promise.tryFailure(new IllegalStateException("already registered to an event loop: " + this));
            return;
        }
        if (!isCompatible(loop)) {
            promise.tryFailure(new IllegalStateException("incompatible event loop type: " + loop.getClass().getName()));
            return;
        }
        eventLoop = loop;
        if (loop.inEventLoop()) {
            register0(promise);
        } else {
            try {
                loop.execute(() -> register0(promise));
            } catch (RejectedExecutionException e) {
                closeForcibly();
                closeFuture.trySuccess();
                promise.tryFailure(e);
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
                pipeline.registeredFirstTime();
            }
            promise.trySuccess();
            pipeline.fireChannelRegistered();
            if (isActive()) {
                if (first) {
                    pipeline.fireChannelActive();
                } else if (config().isAutoRead()) {
                    beginRead0();
                }
            }
        } catch (Throwable t) {
            closeForcibly();
            closeFuture.trySuccess();
            promise.tryFailure(t);
        }
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
            closeIfClosed();
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
        if (connectPromise != null) {
            promise.tryFailure(new ConnectionPendingException());
            return;
        }
        try {
            boolean wasActive = isActive();
            if (doConnect(remoteAddress, localAddress)) {
                fulfillConnect(promise, wasActive);
                return;
            }
            connectPromise = promise;
            requestedRemoteAddress = remoteAddress;
            int timeoutMillis = config().connectTimeoutMillis();
            if (timeoutMillis > 0) {
                connectTimeout = eventLoop().schedule(() -> {
                    ChannelPromise pending = connectPromise;
                    if (pending != null && pending.tryFailure(new ConnectTimeoutException(
                            "connection timed out after " + timeoutMillis + " ms: " + remoteAddress))) {
                        connectPromise = null;
                        close0(voidPromise());
                    }
                }, timeoutMillis, TimeUnit.MILLISECONDS);
            }
        } catch (Throwable t) {
            promise.tryFailure(annotate(t, remoteAddress));
            closeIfClosed();
        }
    }

    /** Called by the transport on the loop when a pending connect can be completed. */
    protected final void finishConnect() {
        ChannelPromise promise = connectPromise;
        if (promise == null) {
            return;
        }
        connectPromise = null;
        if (connectTimeout != null) {
            connectTimeout.cancel(false);
            connectTimeout = null;
        }
        boolean wasActive = isActive();
        try {
            doFinishConnect();
            fulfillConnect(promise, wasActive);
        } catch (Throwable t) {
            promise.tryFailure(annotate(t, requestedRemoteAddress));
            close0(voidPromise());
        }
    }

    private void fulfillConnect(ChannelPromise promise, boolean wasActive) {
        boolean active = isActive();
        boolean succeeded = promise.trySuccess();
        if (!wasActive && active) {
            pipeline.fireChannelActive();
        }
        if (!succeeded) {
            close0(voidPromise()); // cancelled or timed out meanwhile
        }
    }

    private static Throwable annotate(Throwable t, SocketAddress remote) {
        if (t instanceof ConnectException && !(t instanceof ConnectTimeoutException) && remote != null
                && (t.getMessage() == null || !t.getMessage().contains(remote.toString()))) {
            ConnectException annotated = new ConnectException(t.getMessage() + ": " + remote);
            annotated.initCause(t);
            return annotated;
        }
        return t;
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
            closeIfClosed();
            return;
        }
        if (wasActive && !isActive()) {
            runLater(pipeline::fireChannelInactive);
        }
        promise.trySuccess();
        closeIfClosed();
    }

    final void close0(ChannelPromise promise) {
        close(promise, new ClosedChannelException());
    }

    /** Closes now, failing pending writes with {@code cause}. For transports reacting to errors. */
    protected final void close(ChannelPromise promise, Throwable cause) {
        if (!promise.setUncancellable()) {
            return;
        }
        if (closeInitiated) {
            if (closeFuture.isDone()) {
                promise.trySuccess(null);
            } else if (!promise.isVoid()) {
                closeFuture.addListener(f -> promise.trySuccess(null));
            }
            return;
        }
        closeInitiated = true;
        boolean wasActive = isActive();
        ChannelOutboundBuffer out = outboundBuffer;
        outboundBuffer = null;
        if (connectPromise != null) {
            connectPromise.tryFailure(new ClosedChannelException());
            connectPromise = null;
        }
        try {
            doClose();
            closeFuture.trySuccess();
            promise.trySuccess(null);
        } catch (Throwable t) {
            closeFuture.trySuccess();
            promise.tryFailure(t);
        }
        if (out != null) {
            out.failAll(cause);
        }
        if (gracefulClose != null) {
            gracefulClose.cancelDeadline();
            gracefulClose.promise().trySuccess(null); // it wanted the channel closed: it is
            gracefulClose = null;
        }
        if (pendingShutdownOutput != null) {
            pendingShutdownOutput.tryFailure(new ClosedChannelException());
            pendingShutdownOutput = null;
        }
        if (inFlush) {
            runLater(() -> deregister0(voidPromise(), wasActive && !isActive()));
        } else {
            deregister0(voidPromise(), wasActive && !isActive());
        }
    }

    /** Closes without events, for failures during registration. */
    private void closeForcibly() {
        try {
            doClose();
        } catch (Exception e) {
            LOG.warn("Failed to close {} forcibly", this, e);
        }
    }

    private void closeIfClosed() {
        if (!isOpen()) {
            close0(voidPromise());
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
                    pipeline.destroy();
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
            if (pendingShutdownOutput != null) {
                pendingShutdownOutput.addListener(f -> GracefulClose.completeLike(f, promise));
            } else {
                pendingShutdownOutput = promise; // after the flushed bytes are sent (flush0)
            }
            return;
        }
        doShutdownOutputNow(promise);
    }

    private void doShutdownOutputNow(ChannelPromise promise) {
        try {
            doShutdownOutput();
            promise.trySuccess(null);
        } catch (Throwable t) {
            promise.tryFailure(t);
        }
    }

    final void beginRead0() {
        if (!isActive()) {
            return;
        }
        if (readSuspended) {
            readRequestedWhileSuspended = true;
            return;
        }
        try {
            doBeginRead();
        } catch (Exception e) {
            runLater(() -> pipeline.fireExceptionCaught(e));
            close0(voidPromise());
        }
    }

    /**
     * Called by {@link ChannelConfig#autoRead(boolean)}, from any thread: the loop reads the setting
     * as it is when it applies it (two threads switching it cannot leave reading stopped with
     * auto-read on).
     */
    final void autoReadChanged() {
        if (eventLoop != null) {
            LoopStateSync.request(this, LoopStateSync.AUTO_READ);
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
            if (pendingShutdownOutput != null && out.isEmpty()) {
                ChannelPromise promise = pendingShutdownOutput;
                pendingShutdownOutput = null;
                doShutdownOutputNow(promise);
            }
            if (gracefulClose != null && out.entries() == 0) {
                GracefulClose drained = gracefulClose;
                gracefulClose = null;
                drained.cancelDeadline();
                runLater(() -> pipeline.close(drained.promise()));
            }
        } catch (Throwable t) {
            if (config().isAutoClose()) {
                close(voidPromise(), t);
            } else {
                out.failFlushed(t);
            }
            if (!ConnectionErrors.report(this, t) && t instanceof IOException) {
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

    private void runLater(Runnable task) {
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
