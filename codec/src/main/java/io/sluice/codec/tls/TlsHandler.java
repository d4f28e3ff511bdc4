package io.sluice.codec.tls;

import io.sluice.buffer.Buffer;
import io.sluice.buffer.ReferenceCounting;
import io.sluice.channel.Channel;
import io.sluice.channel.ChannelHandler;
import io.sluice.channel.ChannelHandlerContext;
import io.sluice.channel.ChannelPromise;
import io.sluice.concurrent.Future;
import io.sluice.concurrent.Promise;
import io.sluice.concurrent.ScheduledFuture;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;

/**
 * TLS for one connection over a JDK {@link SSLEngine}, server or client mode. Put it first in the
 * pipeline (nearest the socket): below it flow encrypted records, above it plaintext buffers.
 *
 * <p><b>Handshake.</b> Starts when the channel is active (a client sends its ClientHello then).
 * {@link #handshakeFuture()} completes with the channel, or fails; a
 * {@link TlsHandshakeCompletionEvent} is fired either way. A handshake that takes longer than the
 * timeout (10 s by default) fails with {@link SslHandshakeTimeoutException}. The engine's delegated
 * tasks (key exchange, certificate checks) run on the delegated-task executor, never on the event
 * loop; the handshake resumes on the loop when they are done. After the first handshake the peer
 * may not start another one: TLS 1.2 renegotiation is refused (TLS 1.3 key updates and session
 * tickets are fine).
 *
 * <p><b>Reading.</b> Records may arrive split across reads or many in one read: bytes are kept
 * until a record is whole, every header is checked as soon as it is complete, and all whole records
 * of a read are decrypted into one pooled buffer, passed on as one {@code channelRead}. Buffers
 * around the engine are pooled heap buffers (the JDK's AES-GCM is much faster on arrays): bytes read into direct
 * memory are copied once into the record buffer, as a record split across reads would be anyway.
 *
 * <p><b>Writing.</b> Plaintext buffers written before a flush are encrypted together on
 * {@code flush}: as few records as possible (up to 16 KiB of plaintext each, small writes sharing
 * a record), into pooled buffers of up to four records, then one flush. A write's promise
 * completes when the record holding its last byte has been written. Writes made during the
 * handshake wait and are sent when it completes. Only {@link Buffer}s can be written.
 *
 * <p><b>Closing.</b> {@code close} sends close_notify, then waits for the peer's close_notify (up
 * to the close-notify wait, 3 s by default) before closing the socket; unflushed writes fail. When
 * the peer's close_notify arrives, a {@link TlsCloseCompletionEvent} is fired, close_notify is sent
 * back and the channel closed.
 *
 * <p><b>Bad input.</b> Bytes that are not TLS records fail with {@link NotSslRecordException}, a
 * record longer than 2^14 + 2048 bytes too; the engine's own failures (an unacceptable
 * certificate, no common protocol version or cipher suite) come as its {@link SSLException}s. Each
 * is fired to {@code exceptionCaught} after the alert the engine made is flushed, and the
 * connection is closed; what was buffered is released. A connection that closes mid-handshake fails
 * the handshake future; one that closes inside a record fires an {@link SSLException} saying so.
 *
 * <p>Buffers: a written buffer's ownership passes to this handler, which releases it once
 * encrypted (or when the write fails); each decrypted buffer passed on belongs to the next handler.
 *
 * <p>Threads: every method runs on the channel's event loop; {@link #handshakeFuture()} may be
 * read from anywhere. One instance per connection (not sharable).
 */
public final class TlsHandler implements ChannelHandler {
    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);
    /**
     * Views of the plaintext buffers handed to one {@code wrap} call: one array per thread (event
     * loop), shared by its connections, so a record can gather up to 1024 small writes.
     */
    private static final ThreadLocal<ByteBuffer[]> VIEWS = ThreadLocal.withInitial(() -> new ByteBuffer[1024]);
    /** Records encrypted into one outgoing buffer, at most. */
    private static final int RECORDS_PER_BUFFER = 4;

    private enum State {
        /** Added, channel not yet active. */
        NEW,
        HANDSHAKING,
        OPEN,
        /** close_notify sent (or being answered); waiting to close the socket. */
        CLOSING,
        CLOSED
    }

    private final SSLEngine engine;
    /** 0: no handshake timeout. */
    private final long handshakeTimeoutNanos;
    /** 0: close right after sending close_notify. */
    private final long closeNotifyWaitNanos;
    private final Executor taskExecutor;
    private final PendingWrites pending = new PendingWrites();
    private final PromiseBatch finishedWrites = new PromiseBatch();

    private ChannelHandlerContext ctx;
    private Promise<Channel> handshakePromise;
    private State state = State.NEW;
    /** Delegated tasks are running off the loop: the engine is not driven until they are done. */
    private boolean taskRunning;
    /** Encrypted bytes were written to the next handler and not yet flushed. */
    private boolean needsFlush;
    /** Plaintext was passed on since the last {@code channelReadComplete} (to keep reading with auto-read off). */
    private boolean readProduced;
    /** Received bytes not yet decrypted: at most one partial record after each read. */
    private Buffer inbound;
    /** The handshake timeout, then the close_notify wait; null when neither runs. */
    private ScheduledFuture<?> timer;
    /** The close waiting for the peer's close_notify, or null. */
    private ChannelPromise closePromise;
    /** The engine's largest record, header and expansion included (it may grow after the handshake). */
    private int packetSize;

    private TlsHandler(SSLEngine engine, Duration handshakeTimeout, Duration closeNotifyWait, Executor taskExecutor) {
        this.engine = Objects.requireNonNull(engine, "engine");
        this.handshakeTimeoutNanos = Objects.requireNonNull(handshakeTimeout, "handshakeTimeout").toNanos();
        this.closeNotifyWaitNanos = Objects.requireNonNull(closeNotifyWait, "closeNotifyWait").toNanos();
        this.taskExecutor = Objects.requireNonNull(taskExecutor, "taskExecutor");
        if (handshakeTimeoutNanos < 0 || closeNotifyWaitNanos < 0) {
            throw new IllegalArgumentException("timeouts: " + handshakeTimeout + ", " + closeNotifyWait
                    + " (expected: zero or more)");
        }
    }

    /**
     * Returns a handler over {@code engine} (already in client or server mode) with the defaults: a
     * 10 s handshake timeout, a 3 s close_notify wait, delegated tasks on a shared pool.
     */
    public static TlsHandler create(SSLEngine engine) {
        return create(engine, Duration.ofSeconds(10), Duration.ofSeconds(3), DelegatedTasks.defaultExecutor());
    }

    /**
     * Returns a handler over {@code engine}.
     *
     * @param handshakeTimeout how long the handshake may take; zero for no limit
     * @param closeNotifyWait how long a close waits for the peer's close_notify; zero for no wait
     * @param delegatedTaskExecutor where the engine's delegated tasks run
     */
    public static TlsHandler create(SSLEngine engine, Duration handshakeTimeout, Duration closeNotifyWait,
            Executor delegatedTaskExecutor) {
        return new TlsHandler(engine, handshakeTimeout, closeNotifyWait, delegatedTaskExecutor);
    }

    /** Returns the engine. */
    public SSLEngine engine() {
        return engine;
    }

    /**
     * Returns the future of the first handshake: the channel on success.
     *
     * @throws IllegalStateException before the handler is in a pipeline
     */
    public Future<Channel> handshakeFuture() {
        if (handshakePromise == null) {
            throw new IllegalStateException("handshake future: none yet (expected: the handler added to a pipeline)");
        }
        return handshakePromise;
    }

    /** Returns the ALPN protocol agreed, {@code ""} if none, or null before the handshake got that far. */
    public String applicationProtocol() {
        return engine.getApplicationProtocol();
    }

    // ---- lifecycle --------------------------------------------------------------------------------

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        this.handshakePromise = ctx.executor().newPromise();
        this.packetSize = engine.getSession().getPacketBufferSize();
        if (ctx.channel().isActive()) {
            startHandshake();
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        startHandshake();
        ctx.fireChannelActive();
    }

    private void startHandshake() {
        if (state != State.NEW) {
            return;
        }
        state = State.HANDSHAKING;
        if (handshakeTimeoutNanos > 0) {
            timer = ctx.executor().schedule(this::handshakeTimedOut, handshakeTimeoutNanos, TimeUnit.NANOSECONDS);
        }
        try {
            engine.beginHandshake();
            if (engine.getUseClientMode()) {
                wrapHandshake();
            }
        } catch (Throwable t) {
            fail(t);
            return;
        }
        flushIfNeeded();
    }

    private void handshakeTimedOut() {
        timer = null;
        if (state == State.HANDSHAKING) {
            long millis = TimeUnit.NANOSECONDS.toMillis(handshakeTimeoutNanos);
            fail(new SslHandshakeTimeoutException("TLS handshake: not complete after " + millis
                    + " ms (expected: complete within the handshake timeout, " + millis + " ms)"));
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        State was = state;
        state = State.CLOSED;
        cancelTimer();
        int leftover = inbound == null ? 0 : inbound.readableBytes();
        releaseInbound();
        ClosedChannelException closed = new ClosedChannelException();
        pending.failAll(closed);
        failHandshake(new SSLHandshakeException("TLS handshake: connection closed before it completed"
                + " (expected: a completed handshake)"));
        engine.closeOutbound();
        try {
            engine.closeInbound();
        } catch (SSLException noCloseNotify) {
            // the peer closed without close_notify: only cut-off data (reported below) is worth telling
        }
        if (closePromise != null) {
            finishClose();
        }
        if (leftover > 0 && was != State.HANDSHAKING && was != State.CLOSED) {
            ctx.fireExceptionCaught(new SSLException("TLS record at close: truncated, " + leftover
                    + " bytes of an incomplete record (expected: whole records)"));
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        cancelTimer();
        releaseInbound();
        pending.failAll(new ClosedChannelException());
        failHandshake(new SSLHandshakeException("TLS handshake: handler removed before it completed"
                + " (expected: a completed handshake)"));
        if (state != State.CLOSED) {
            state = State.CLOSED;
            engine.closeOutbound();
        }
    }

    // ---- inbound ----------------------------------------------------------------------------------

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof Buffer in)) {
            ctx.fireChannelRead(msg);
            return;
        }
        if (state == State.CLOSED) {
            in.release();
            return;
        }
        startHandshake();
        cumulate(in);
        try {
            unwrapAll();
        } catch (Throwable t) {
            fail(t);
            return;
        }
        flushIfNeeded();
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        boolean produced = readProduced;
        readProduced = false;
        if ((state == State.HANDSHAKING || !produced) && state != State.CLOSED
                && !ctx.channel().config().isAutoRead()) {
            ctx.read(); // the handshake, or a record cut across reads, needs more even when the application reads on demand
        }
        ctx.fireChannelReadComplete();
    }

    private void cumulate(Buffer in) {
        Buffer kept = inbound;
        if (kept != null && !kept.isReadable()) {
            kept.release();
            kept = inbound = null;
        }
        if (kept == null && in.hasArray() && !in.isReadOnly()) {
            inbound = in;
        } else if (kept != null && !kept.isReadOnly() && kept.writableBytes() >= in.readableBytes()) {
            kept.writeBytes(in);
            in.release();
        } else {
            int length = (kept == null ? 0 : kept.readableBytes()) + in.readableBytes();
            Buffer merged = engineBuffer(Math.max(length, packetSize));
            if (kept != null) {
                merged.writeBytes(kept);
                kept.release();
            }
            merged.writeBytes(in);
            in.release();
            inbound = merged;
        }
    }

    private void unwrapAll() throws SSLException {
        while (inbound != null && !taskRunning && state != State.CLOSED) {
            int length = TlsRecords.wholeRecordsLength(inbound);
            if (length == 0 || !unwrapRecords(length)) {
                break;
            }
        }
        if (inbound != null && !inbound.isReadable()) {
            releaseInbound();
        }
    }

    /**
     * Decrypts {@code length} bytes of whole records from {@code inbound}, passing the plaintext on
     * in one buffer. @return false when decrypting must stop (a task runs, the connection closes)
     */
    private boolean unwrapRecords(int length) throws SSLException {
        Buffer in = inbound;
        ByteBuffer src = in.nioBuffer(in.readerIndex(), length);
        Buffer app = null;
        try {
            while (src.hasRemaining()) {
                if (app == null) {
                    app = engineBuffer(Math.max(length, 1024));
                }
                SSLEngineResult result = engine.unwrap(src, app.nioBuffer(app.writerIndex(), app.writableBytes()));
                in.skipBytes(result.bytesConsumed());
                app.writerIndex(app.writerIndex() + result.bytesProduced());
                switch (result.getStatus()) {
                    case BUFFER_OVERFLOW -> {
                        int needed = engine.getSession().getApplicationBufferSize();
                        if (app.isReadable()) {
                            readProduced = true;
                            ctx.fireChannelRead(app);
                        } else if (app.capacity() >= needed) {
                            throw new SSLException("TLS record: does not fit " + app.capacity()
                                    + " bytes (expected: at most the engine's " + needed + ")");
                        } else {
                            app.release();
                        }
                        app = needed > length ? engineBuffer(needed) : null;
                        if (state == State.CLOSED) {
                            return false;
                        }
                        continue;
                    }
                    case CLOSED -> {
                        app = fireIfReadable(app);
                        peerClosed();
                        return false;
                    }
                    case BUFFER_UNDERFLOW -> {
                        return false; // cannot happen with whole records; wait for more bytes regardless
                    }
                    default -> {
                        // OK
                    }
                }
                HandshakeStatus status = result.getHandshakeStatus();
                if (status != HandshakeStatus.NOT_HANDSHAKING && status != HandshakeStatus.FINISHED
                        && state != State.HANDSHAKING && !engine.getSession().getProtocol().equals("TLSv1.3")) {
                    throw new SSLHandshakeException("TLS renegotiation: started by the peer on "
                            + engine.getSession().getProtocol() + " (expected: no handshake after the first; refused)");
                }
                if (!handshakeStep(status)) {
                    return false;
                }
                if (result.bytesConsumed() == 0 && result.bytesProduced() == 0
                        && engine.getHandshakeStatus() == HandshakeStatus.NEED_UNWRAP) {
                    return false; // no progress possible until more bytes arrive
                }
            }
            return true;
        } finally {
            fireIfReadable(app);
        }
    }

    private Buffer fireIfReadable(Buffer app) {
        if (app != null) {
            if (app.isReadable()) {
                readProduced = true;
                ctx.fireChannelRead(app);
            } else {
                app.release();
            }
        }
        return null;
    }

    /** The peer's close_notify arrived: answer it and close. */
    private void peerClosed() {
        ctx.fireUserEventTriggered(TlsCloseCompletionEvent.INSTANCE);
        if (state == State.CLOSED) {
            return;
        }
        if (state != State.CLOSING) {
            state = State.CLOSING;
            closePromise = ctx.newPromise();
            sendCloseNotify();
        }
        finishClose();
    }

    // ---- handshake --------------------------------------------------------------------------------

    /** Does what the engine asks next. @return false when driving the engine must stop for now */
    private boolean handshakeStep(HandshakeStatus status) throws SSLException {
        switch (status) {
            case NEED_TASK -> {
                runDelegatedTasks();
                return false;
            }
            case NEED_WRAP -> wrapHandshake();
            case FINISHED -> handshakeFinished();
            case NOT_HANDSHAKING -> {
                if (state == State.HANDSHAKING) {
                    handshakeFinished(); // finished inside a delegated task: the engine reports no FINISHED then
                }
            }
            default -> {
                // NEED_UNWRAP: go on reading
            }
        }
        return !taskRunning && state != State.CLOSED;
    }

    /** Produces the handshake (or alert) records the engine has to send and writes them on. */
    private void wrapHandshake() throws SSLException {
        Buffer out = null;
        try {
            for (;;) {
                if (out == null) {
                    out = engineBuffer(packetSize);
                }
                SSLEngineResult result = engine.wrap(EMPTY, out.nioBuffer(out.writerIndex(), out.writableBytes()));
                out.writerIndex(out.writerIndex() + result.bytesProduced());
                if (result.getStatus() == SSLEngineResult.Status.BUFFER_OVERFLOW) {
                    packetSize = Math.max(packetSize, engine.getSession().getPacketBufferSize());
                    if (!out.isReadable()) {
                        packetSize *= 2;
                    }
                    out = writeOut(out, ctx.voidPromise());
                    continue;
                }
                HandshakeStatus status = result.getHandshakeStatus();
                if (result.getStatus() == SSLEngineResult.Status.CLOSED || status == HandshakeStatus.NEED_UNWRAP
                        || status == HandshakeStatus.NOT_HANDSHAKING && state != State.HANDSHAKING) {
                    return;
                }
                if (status == HandshakeStatus.NEED_WRAP) {
                    if (result.bytesProduced() == 0) {
                        return; // nothing made: do not spin
                    }
                    continue;
                }
                out = writeOut(out, ctx.voidPromise()); // records before what the next step may send
                handshakeStep(status);
                return;
            }
        } finally {
            writeOut(out, ctx.voidPromise());
        }
    }

    private void handshakeFinished() throws SSLException {
        if (state != State.HANDSHAKING) {
            return;
        }
        state = State.OPEN;
        cancelTimer();
        packetSize = Math.max(packetSize, engine.getSession().getPacketBufferSize());
        handshakePromise.trySuccess(ctx.channel());
        ctx.fireUserEventTriggered(TlsHandshakeCompletionEvent.SUCCESS);
        if (state == State.OPEN && !taskRunning) {
            wrapApp(); // writes made during the handshake
        }
    }

    private void failHandshake(Throwable cause) {
        if (handshakePromise != null && handshakePromise.tryFailure(cause)) {
            ctx.fireUserEventTriggered(new TlsHandshakeCompletionEvent(cause));
        }
    }

    private void runDelegatedTasks() {
        taskRunning = true;
        ChannelHandlerContext context = ctx;
        taskExecutor.execute(() -> {
            Throwable failure = null;
            try {
                for (Runnable task; (task = engine.getDelegatedTask()) != null; ) {
                    task.run();
                }
            } catch (Throwable t) {
                failure = t;
            }
            Throwable cause = failure;
            context.executor().execute(() -> delegatedTasksDone(cause));
        });
    }

    private void delegatedTasksDone(Throwable failure) {
        taskRunning = false;
        if (state == State.CLOSED) {
            return;
        }
        try {
            if (failure != null) {
                throw failure;
            }
            if (handshakeStep(engine.getHandshakeStatus())) {
                unwrapAll();
                if (state == State.OPEN && !taskRunning) {
                    wrapApp();
                }
            }
        } catch (Throwable t) {
            fail(t);
            return;
        }
        flushIfNeeded();
    }

    // ---- outbound ---------------------------------------------------------------------------------

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (!(msg instanceof Buffer buffer)) {
            ReferenceCounting.safeRelease(msg);
            promise.tryFailure(new IllegalArgumentException("message type: " + msg.getClass().getName()
                    + " (expected: Buffer; TLS encrypts bytes only)"));
            return;
        }
        if (state == State.CLOSING || state == State.CLOSED) {
            buffer.release();
            promise.tryFailure(new ClosedChannelException());
            return;
        }
        pending.add(buffer, promise);
    }

    @Override
    public void flush(ChannelHandlerContext ctx) {
        if (state == State.OPEN && !taskRunning) {
            try {
                wrapApp();
            } catch (Throwable t) {
                fail(t);
                return;
            }
        }
        needsFlush = false;
        ctx.flush();
    }

    /** Encrypts the pending plaintext into as few records and buffers as it fits in, and writes them on. */
    private void wrapApp() throws SSLException {
        ByteBuffer[] views = VIEWS.get();
        while (!pending.isEmpty() && state == State.OPEN && !taskRunning) {
            long bytesBefore = pending.bytes();
            int buffersBefore = pending.size();
            long records = Math.min(RECORDS_PER_BUFFER,
                    (pending.bytes() + TlsRecords.MAX_PLAINTEXT_LENGTH - 1) / TlsRecords.MAX_PLAINTEXT_LENGTH);
            Buffer out = engineBuffer((int) Math.max(1, records) * packetSize);
            HandshakeStatus status = HandshakeStatus.NOT_HANDSHAKING;
            try {
                while (!pending.isEmpty() && out.writableBytes() >= packetSize) {
                    int count = pending.views(views, TlsRecords.MAX_PLAINTEXT_LENGTH);
                    long before = pending.bytes();
                    SSLEngineResult result = engine.wrap(views, 0, count, out.nioBuffer(out.writerIndex(), out.writableBytes()));
                    pending.consumed(views, count, finishedWrites);
                    out.writerIndex(out.writerIndex() + result.bytesProduced());
                    if (result.getStatus() == SSLEngineResult.Status.CLOSED) {
                        throw new SSLException("TLS output: closed by the engine (expected: open until close)");
                    }
                    if (result.getStatus() == SSLEngineResult.Status.BUFFER_OVERFLOW) {
                        packetSize = Math.max(packetSize, engine.getSession().getPacketBufferSize());
                        if (!out.isReadable()) {
                            packetSize *= 2;
                        }
                        break;
                    }
                    status = result.getHandshakeStatus();
                    if (status != HandshakeStatus.NOT_HANDSHAKING && status != HandshakeStatus.FINISHED
                            || result.bytesProduced() == 0 && pending.bytes() == before) {
                        break;
                    }
                }
            } finally {
                writeOut(out, finishedWrites.take(ctx));
            }
            if (status != HandshakeStatus.NOT_HANDSHAKING && status != HandshakeStatus.FINISHED
                    && !handshakeStep(status)) {
                return;
            }
            if (pending.bytes() == bytesBefore && pending.size() == buffersBefore) {
                return; // the engine took nothing (it waits for the peer): the next read or flush tries again
            }
        }
    }

    /** Writes {@code out} on if it holds bytes (else releases it). @return null */
    private Buffer writeOut(Buffer out, ChannelPromise promise) {
        if (out != null) {
            if (out.isReadable()) {
                ctx.write(out, promise);
                needsFlush = true;
            } else {
                out.release();
                if (!promise.isVoid()) {
                    promise.trySuccess();
                }
            }
        }
        return null;
    }

    private void flushIfNeeded() {
        if (needsFlush) {
            needsFlush = false;
            ctx.flush();
        }
    }

    // ---- closing ----------------------------------------------------------------------------------

    @Override
    public void close(ChannelHandlerContext ctx, ChannelPromise promise) {
        switch (state) {
            case HANDSHAKING, OPEN -> {
                boolean open = state == State.OPEN;
                state = State.CLOSING;
                cancelTimer();
                pending.failAll(new ClosedChannelException()); // written, never flushed: close does not send them
                closePromise = promise;
                sendCloseNotify();
                if (!open || closeNotifyWaitNanos == 0 || engine.isInboundDone()) {
                    finishClose();
                } else {
                    timer = ctx.executor().schedule(this::finishClose, closeNotifyWaitNanos, TimeUnit.NANOSECONDS);
                }
            }
            default -> ctx.close(promise); // not started, already closing (a second close does not wait) or closed
        }
    }

    /** Makes and flushes close_notify, unless a delegated task owns the engine right now. */
    private void sendCloseNotify() {
        engine.closeOutbound();
        if (!taskRunning) {
            try {
                wrapHandshake();
            } catch (SSLException | RuntimeException e) {
                // the alert could not be made: the socket closes without it
            }
        }
        flushIfNeeded();
    }

    private void finishClose() {
        cancelTimer();
        ChannelPromise promise = closePromise;
        closePromise = null;
        if (promise != null) {
            ctx.close(promise);
        }
    }

    /** Ends the connection after a failure: the engine's alert is flushed, the cause fired, the channel closed. */
    private void fail(Throwable cause) {
        if (state == State.CLOSED) {
            return;
        }
        cancelTimer();
        releaseInbound();
        pending.failAll(cause);
        finishedWrites.failAll(cause);
        if (state != State.CLOSING) {
            state = State.CLOSING;
            sendCloseNotify(); // after an engine failure this flushes its fatal alert instead
        }
        state = State.CLOSED;
        failHandshake(cause);
        ctx.fireExceptionCaught(cause);
        if (closePromise == null) {
            closePromise = ctx.newPromise();
        }
        finishClose();
    }

    private void cancelTimer() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }

    /**
     * Returns a pooled heap buffer for the engine to read or write: the JDK's AES-GCM runs on arrays
     * (intrinsics) and goes much slower through direct memory, so records are decrypted from and
     * encrypted into heap memory (Netty's JDK-engine mode does the same); the transport copies each
     * outgoing record into a pooled direct buffer for the socket, as for any heap buffer.
     */
    private Buffer engineBuffer(int capacity) {
        return ctx.alloc().heapBuffer(capacity);
    }

    private void releaseInbound() {
        if (inbound != null) {
            inbound.release();
            inbound = null;
        }
    }
}
