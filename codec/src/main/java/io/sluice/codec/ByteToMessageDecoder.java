package io.sluice.codec;

import io.sluice.buffer.Buffer;
import io.sluice.buffer.BufferAllocator;
import io.sluice.buffer.ReferenceCounting;
import io.sluice.channel.ChannelHandler;
import io.sluice.channel.ChannelHandlerContext;
import io.sluice.channel.ChannelInputShutdownEvent;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Objects;

/**
 * Turns a stream of bytes into messages. TCP keeps no message boundaries, so a read may hold
 * half a message or several: this handler keeps the bytes that are not yet a whole message (the
 * <em>cumulation</em>) and calls {@link #decode} on it until a call neither reads a byte nor
 * emits a message. Every emitted message goes on down the pipeline at once, in order.
 *
 * <p>What a subclass writes: {@code decode} reads one message's worth of bytes from {@code in} and
 * adds the message to {@code out}, or returns without reading if {@code in} does not yet hold a
 * whole message. To emit part of the input without copying, add {@code in.readRetainedSlice(n)}.
 *
 * <p>What this class does for it:
 * <ul>
 * <li>Accumulation without copying where it can: the first read is kept as it is; later reads are
 *     appended into its spare writable tail, or, with {@link #COMPOSITE}, composed. Read bytes are
 *     compacted away regularly, so a long stream of small messages does not grow the buffer.</li>
 * <li>End of input: when the channel becomes inactive or its input is shut down, the bytes left
 *     are decoded one last time with {@link #decodeLast}.</li>
 * <li>Removal: a decoder removed from the pipeline mid-stream passes its undecoded bytes to the
 *     next handler, so a protocol can switch decoders without losing input.</li>
 * <li>No endless loop: a {@code decode} that emits a message without reading any byte fails with a
 *     {@link DecoderException} naming the decoder.</li>
 * <li>A bound: at most {@link #maxCumulationBytes()} bytes (16 MiB unless set) are kept waiting for a
 *     message to complete. After each read is decoded, more left over fails the stream with a
 *     {@link TooLongFrameException} naming the limit (as below), so a peer cannot make the decoder
 *     buffer without end. The kept bytes may pass the bound by at most one read while that read is
 *     decoded. Decoders with a frame limit of their own (every framing, HTTP, RESP and WebSocket
 *     decoder here) refuse too long a frame first, and raise the bound when their limit is higher.</li>
 * <li>Failure: an exception thrown by {@code decode} ends the stream. Messages decoded before it
 *     are passed on, the held bytes are released, the exception (as a {@link DecoderException})
 *     goes to {@code exceptionCaught}, later input is released unread, and the channel is closed
 *     gracefully (what was written before is still sent). A decoder that can recover from bad
 *     input (skip a frame, say) does so inside {@code decode} and fires the exception itself.</li>
 * </ul>
 *
 * <p>A decoder holds per-connection state, so an instance belongs to one pipeline: a subclass marked
 * {@link ChannelHandler.Sharable} is refused when it is constructed. Non-buffer messages pass through
 * untouched.
 *
 * <p>Re-entrance: a read that a handler further on fires while this decoder passes messages on (or
 * while {@code decode} runs) is not added to the input of the running call; it is decoded after it,
 * in order. The same buffer passed in again while it is the cumulation adds no bytes (its extra
 * reference is released). An end of input ({@code channelInactive}, {@link ChannelInputShutdownEvent})
 * or a removal that arrives that way waits for the running call's messages, then is handled (the rest
 * of the input decoded, or passed on) and the event passed on once.
 *
 * <p>Thread: the channel's event loop (or the handler's executor), like every handler; none of the
 * state here is shared.
 */
public abstract class ByteToMessageDecoder implements ChannelHandler {

    /** Combines the bytes kept so far with newly read bytes; owns and releases both arguments. */
    @FunctionalInterface
    public interface Cumulator {
        /**
         * Returns a buffer holding the readable bytes of {@code cumulation} followed by those of
         * {@code in}, taking ownership of both (each is released or returned). When {@code in} is
         * {@code cumulation} itself (the same buffer retained and passed in again) its bytes are
         * already held: the extra reference is released and {@code cumulation} returned as it is.
         * If it throws, {@code in} has been released and {@code cumulation} is left as it was, still
         * the caller's to release.
         */
        Buffer cumulate(BufferAllocator alloc, Buffer cumulation, Buffer in);
    }

    /**
     * Appends new bytes into the cumulation's writable tail, growing it (by doubling) when they do
     * not fit; copies into a new buffer only when the cumulation is shared or read-only. The default.
     */
    public static final Cumulator MERGE = Cumulators::merge;

    /**
     * Adds each new read as a component of a composite buffer: no copy on arrival, but every read of
     * a value that spans two reads costs more. Suits large messages arriving in many reads.
     */
    public static final Cumulator COMPOSITE = Cumulators::compose;

    /**
     * The default {@link #maxCumulationBytes()}: 16 MiB, far above any default frame limit of this
     * library (1 MiB), so it only bounds decoders that have none, and small enough that a few thousand
     * connections cannot be made to hold gigabytes each.
     */
    public static final int DEFAULT_MAX_CUMULATION_BYTES = 16 << 20;

    /** References to the kept buffer bought at once for {@link #readFrame}. */
    private static final int FRAME_CREDIT = 16;

    /** Compact read bytes away after this many reads without a {@code channelReadComplete}. */
    private static final int COMPACT_AFTER_READS = 16;

    /** Room {@link #coverFrameLimit} adds beyond a frame limit: a header or delimiter, the next read's start. */
    private static final int FRAME_LIMIT_HEADROOM = 64 << 10;

    // The decode state: one int of bits. DECODING while the loop runs; the others record what arrived
    // meanwhile (from a handler further on, re-entrantly) and is done when the loop ends, in the order
    // below: a removal first (the decoder has no input left to end), then the end of input, then the
    // events passed on. Re-entrant reads wait in reentrantReads.
    /** The decode loop is running. */
    private static final int DECODING = 1;
    /** A {@link ChannelInputShutdownEvent} arrived: end the input, then pass the event on. */
    private static final int END_INPUT_AFTER = 2;
    /** {@code channelInactive} arrived: end the input, then pass it on. */
    private static final int INACTIVE_AFTER = 4;
    /** The handler was removed: finish the removal (pass the leftover bytes on). */
    private static final int REMOVE_AFTER = 8;

    /** Where the byte stream is; it only moves forward. */
    private enum Stream {
        /** Input is decoded as it arrives. */
        OPEN,
        /** The input ended and {@code decodeLast} ran (it runs once); later input is released unread. */
        ENDED,
        /** A decode failed: later input is released unread. */
        FAILED
    }

    private final DecoderOutput out = new DecoderOutput();
    /** The handler named in exceptions: this decoder, or the codec it serves. */
    private final ChannelHandler owner;
    private Cumulator cumulator = MERGE;
    /** The most bytes kept undecoded after a read, see the class comment. */
    private int maxCumulationBytes = DEFAULT_MAX_CUMULATION_BYTES;
    private boolean singleDecode;
    private Buffer cumulation;
    /** The decode state: {@link #DECODING} and the {@code *_AFTER} bits; 0 when idle. */
    private int state;
    private Stream stream = Stream.OPEN;
    /**
     * Reads that arrived while the decode loop ran (a handler further on fired one), in order; they
     * join the cumulation after the running call, never under its feet. Created on first use.
     */
    private ArrayDeque<Buffer> reentrantReads;
    /** Bytes the last decode call read (measured before its messages were passed on). */
    private int consumedByLastCall;
    /** Whether a message was passed on since the last channelReadComplete (for auto-read off). */
    private boolean producedSinceReadComplete;
    private int readsSinceCompaction;
    /** The buffer {@link #readFrame} holds prepaid references to, and how many are left. */
    private Buffer credited;
    private int credit;

    /**
     * Creates a decoder using {@link #MERGE}.
     *
     * @throws IllegalStateException if the subclass is marked {@link ChannelHandler.Sharable}: a
     *     decoder holds one connection's bytes, so an instance shared by two pipelines would mix them
     */
    protected ByteToMessageDecoder() {
        this.owner = this;
        refuseSharable(getClass(), "ByteToMessageDecoder");
    }

    /**
     * Creates a decoder that checks a frame limit of its own, {@code maxFrameBytes}: the generic bound
     * ({@link #maxCumulationBytes()}) is raised to cover it, as {@link #coverFrameLimit} does. A
     * subclass that can be extended should use this rather than call {@code coverFrameLimit} from its
     * constructor, which lets {@code this} escape (javac 21+ warns of it).
     *
     * @param maxFrameBytes the subclass's frame limit, in bytes
     * @throws IllegalStateException if the subclass is marked {@link ChannelHandler.Sharable}
     */
    protected ByteToMessageDecoder(long maxFrameBytes) {
        this();
        maxCumulationBytes = covering(maxFrameBytes, maxCumulationBytes);
    }

    /** Creates the decoder half of {@code owner}, a codec, named in its exceptions. */
    ByteToMessageDecoder(ChannelHandler owner) {
        this.owner = Objects.requireNonNull(owner, "owner");
        refuseSharable(owner.getClass(), "ByteToMessageCodec");
    }

    private static void refuseSharable(Class<?> type, String base) {
        if (type.isAnnotationPresent(ChannelHandler.Sharable.class)) {
            throw new IllegalStateException("@Sharable " + base + ": " + type.getName() + " (expected: not @Sharable;"
                    + " it holds per-connection state, so each pipeline needs its own instance)");
        }
    }

    /**
     * Decodes as many bytes of {@code in} as make whole messages, adding the messages to
     * {@code out}. Return without reading when {@code in} holds no whole message: you are called
     * again when more bytes arrive. Throw to signal input that breaks the protocol.
     *
     * @param ctx this handler's context
     * @param in the accumulated input; read from its reader index, do not release it
     * @param out where to add the decoded messages (they are passed on as soon as this returns)
     * @throws Exception if the input is invalid; the stream then ends (see the class comment)
     */
    protected abstract void decode(ChannelHandlerContext ctx, Buffer in, List<Object> out) throws Exception;

    /**
     * Decodes the bytes left when the input ends (the channel went inactive or its input was shut
     * down). By default it is {@link #decode}; override it to emit a message the end of input
     * completes, or to reject a truncated one. {@code in} may be empty.
     *
     * @param ctx this handler's context
     * @param in the bytes left; read from its reader index, do not release it
     * @param out where to add the decoded messages
     * @throws Exception if the input is invalid or truncated
     */
    protected void decodeLast(ChannelHandlerContext ctx, Buffer in, List<Object> out) throws Exception {
        if (in.isReadable()) {
            decode(ctx, in, out);
        }
    }

    /** Called from {@link #handlerRemoved} after the leftover bytes were passed on. */
    protected void handlerRemoved0(ChannelHandlerContext ctx) throws Exception {}

    /** Sets how new bytes join the kept ones; {@link #MERGE} unless changed. */
    public final void setCumulator(Cumulator cumulator) {
        this.cumulator = Objects.requireNonNull(cumulator, "cumulator");
    }

    /**
     * Sets the most bytes kept waiting for a message to complete ({@link #DEFAULT_MAX_CUMULATION_BYTES}
     * unless set); more left over after a read fails the stream with a {@link TooLongFrameException}.
     * Call it before the decoder sees input (in the constructor, typically).
     *
     * @param maxCumulationBytes the bound, in bytes
     * @throws IllegalArgumentException if it is not positive
     */
    public final void setMaxCumulationBytes(int maxCumulationBytes) {
        if (maxCumulationBytes <= 0) {
            throw new IllegalArgumentException("maxCumulationBytes: " + maxCumulationBytes + " (expected: > 0)");
        }
        this.maxCumulationBytes = maxCumulationBytes;
    }

    /**
     * Raises {@link #maxCumulationBytes()}, if needed, so that the generic bound never refuses a frame
     * that the subclass's own limit accepts: to {@code maxFrameBytes} plus 64 KiB for a header or
     * delimiter. For decoders whose limit is known only after their constructor has checked its
     * arguments; an extendable decoder passes it to {@link #ByteToMessageDecoder(long)} instead.
     *
     * @param maxFrameBytes the subclass's frame limit, in bytes
     */
    protected final void coverFrameLimit(long maxFrameBytes) {
        maxCumulationBytes = covering(maxFrameBytes, maxCumulationBytes);
    }

    /** The bound on kept bytes that covers {@code maxFrameBytes}, never below {@code current}. */
    private static int covering(long maxFrameBytes, int current) {
        long needed = maxFrameBytes + FRAME_LIMIT_HEADROOM;
        return needed > current ? (int) Math.min(Integer.MAX_VALUE, needed) : current;
    }

    /** Returns the most bytes kept waiting for a message to complete. */
    public final int maxCumulationBytes() {
        return maxCumulationBytes;
    }

    /**
     * With {@code true}, decodes at most one message per read, leaving the rest for the next read
     * (or for a decoder that replaces this one after the first message, as in a protocol switch).
     */
    public final void setSingleDecode(boolean singleDecode) {
        this.singleDecode = singleDecode;
    }

    /** Returns whether at most one message is decoded per read. */
    public final boolean isSingleDecode() {
        return singleDecode;
    }

    /**
     * Reads the next {@code length} bytes of {@code in} as a frame: a slice sharing its memory, which
     * the receiver releases (like {@code in.readRetainedSlice(length)}). Cheaper: references to
     * {@code in} are bought in batches, one atomic update per batch instead of one per frame; those
     * not used are given back when the decode loop ends. For use inside {@code decode} and
     * {@code decodeLast} only.
     *
     * @param in the input {@code decode} was given
     * @param length the frame's length
     * @return the frame
     */
    protected final Buffer readFrame(Buffer in, int length) {
        if (in != credited || credit == 0) {
            settleCredit();
            in.retain(FRAME_CREDIT);
            credited = in;
            credit = FRAME_CREDIT;
        }
        Buffer frame = in.readSlice(length); // throws before the credit is spent if length is bad
        credit--;
        return frame;
    }

    /** Gives back the references {@link #readFrame} bought and did not use. */
    private void settleCredit() {
        Buffer held = credited;
        if (held != null) {
            credited = null;
            int unused = credit;
            credit = 0;
            if (unused > 0) {
                held.release(unused);
            }
        }
    }

    /** Returns the number of bytes kept and not yet decoded. */
    protected final int actualReadableBytes() {
        Buffer kept = cumulation;
        return kept == null ? 0 : kept.readableBytes();
    }

    // ---- events --------------------------------------------------------------------------------

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        if (!(msg instanceof Buffer data)) {
            ctx.fireChannelRead(msg);
            return;
        }
        if (stream != Stream.OPEN) {
            data.release();
            return;
        }
        if (state != 0) {
            // re-entered from a handler further on: the loop on the stack decodes it after this call
            if (reentrantReads == null) {
                reentrantReads = new ArrayDeque<>(4);
            }
            reentrantReads.add(data);
            return;
        }
        try {
            accumulate(ctx, data);
        } catch (Throwable t) {
            fail(ctx, t);
            return;
        }
        afterLoop(ctx, runLoop(ctx, false));
        Buffer left = cumulation;
        if (left == null) {
            return;
        }
        if (!left.isReadable()) {
            cumulation = null;
            readsSinceCompaction = 0;
            left.release();
        } else if (left.readableBytes() > maxCumulationBytes) {
            fail(ctx, new TooLongFrameException("bytes kept undecoded by " + name() + ": " + left.readableBytes()
                    + " (expected: <= " + maxCumulationBytes + ", its maxCumulationBytes)"));
        } else if (++readsSinceCompaction >= COMPACT_AFTER_READS) {
            compact();
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) throws Exception {
        compact();
        if (!producedSinceReadComplete && stream != Stream.FAILED && !ctx.channel().config().isAutoRead()) {
            ctx.read(); // the application reads again only after a message: ask for the rest of this one
        }
        producedSinceReadComplete = false;
        ctx.fireChannelReadComplete();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (state != 0) {
            state |= INACTIVE_AFTER; // after this loop's messages: see afterLoop
            return;
        }
        endInput(ctx);
        ctx.fireChannelInactive();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        if (event instanceof ChannelInputShutdownEvent) {
            if (state != 0) {
                state |= END_INPUT_AFTER; // after this loop's messages: see afterLoop
                return;
            }
            endInput(ctx);
        }
        ctx.fireUserEventTriggered(event);
    }

    @Override
    public final void handlerRemoved(ChannelHandlerContext ctx) throws Exception {
        if (state != 0) {
            state |= REMOVE_AFTER; // finish passing on this loop's messages first
            return;
        }
        Buffer left = cumulation;
        cumulation = null;
        readsSinceCompaction = 0;
        if (left != null) {
            if (left.isReadable() && stream != Stream.FAILED) {
                ctx.fireChannelRead(left); // ownership goes with it
                ctx.fireChannelReadComplete();
            } else {
                left.release();
            }
        }
        handlerRemoved0(ctx);
    }

    // ---- the decode loop ----------------------------------------------------------------------

    /**
     * Adds {@code data} to the kept bytes.
     *
     * Throws what the cumulator threw; {@code data} is then released and the kept bytes are as they were.
     */
    private void accumulate(ChannelHandlerContext ctx, Buffer data) {
        Buffer kept = cumulation;
        cumulation = kept == null ? data : cumulator.cumulate(ctx.alloc(), kept, data);
    }

    /**
     * The decode loop: decodes the kept bytes until a call makes no progress, then, at the end of
     * input ({@code last}), calls {@code decodeLast} once unless the decoder was removed. When it ends,
     * whatever happened, the frame credit is settled (the one place: before anyone tests
     * {@code refCnt() == 1} or releases the kept buffer) and reads still waiting are released; then a
     * failure ends the stream.
     *
     * @return the bits of what arrived meanwhile, for {@link #afterLoop}
     */
    private int runLoop(ChannelHandlerContext ctx, boolean last) {
        state = DECODING;
        Throwable failure = null;
        int arrived;
        try {
            decodeKept(ctx, last);
            if (last && (state & REMOVE_AFTER) == 0 && !ctx.isRemoved()) {
                Buffer in = cumulation;
                if (in == null) {
                    in = ctx.alloc().buffer(0);
                    cumulation = in;
                }
                callDecode(ctx, in, true);
            }
        } catch (Throwable t) {
            failure = t;
        } finally {
            settleCredit();
            releaseReentrantReads(); // what arrived after a failure or a final break
            arrived = state & ~DECODING;
            state = 0;
        }
        if (failure != null) {
            fail(ctx, failure);
        }
        return arrived;
    }

    /** Decodes until a call makes no progress, or something arrived that ends this loop. */
    private void decodeKept(ChannelHandlerContext ctx, boolean last) throws Exception {
        // the end of input does not stop the loop that decodes for it
        int stopBits = last ? REMOVE_AFTER : REMOVE_AFTER | END_INPUT_AFTER | INACTIVE_AFTER;
        Buffer in;
        while ((in = cumulation) != null && in.isReadable()) {
            int produced = callDecode(ctx, in, false);
            boolean moreArrived = takeReentrantReads(ctx);
            if (ctx.isRemoved() || (state & stopBits) != 0) {
                break;
            }
            if (produced == 0) {
                if (consumedByLastCall == 0 && !moreArrived) {
                    break; // needs more input
                }
            } else if (consumedByLastCall == 0) {
                throw new DecoderException(name() + ".decode() emitted a message without reading any"
                        + " input; it would be called forever");
            } else if (singleDecode) {
                break;
            }
        }
    }

    /** Adds the reads that re-entered during the last call. @return whether there were any */
    private boolean takeReentrantReads(ChannelHandlerContext ctx) {
        ArrayDeque<Buffer> pending = reentrantReads;
        if (pending == null || pending.isEmpty()) {
            return false;
        }
        for (Buffer data; (data = pending.poll()) != null; ) {
            accumulate(ctx, data); // a cumulator that throws ends the loop; the rest is released after it
        }
        return true;
    }

    /** Releases reads still waiting (the stream failed, or the loop was left before taking them). */
    private void releaseReentrantReads() {
        ArrayDeque<Buffer> pending = reentrantReads;
        if (pending != null) {
            for (Buffer data; (data = pending.poll()) != null; ) {
                data.release();
            }
        }
    }

    /** Does what a handler further on asked for while the loop was passing messages on. */
    private void afterLoop(ChannelHandlerContext ctx, int arrived) {
        if (arrived == 0) {
            return;
        }
        if ((arrived & REMOVE_AFTER) != 0) {
            try {
                handlerRemoved(ctx);
            } catch (Throwable t) {
                ctx.fireExceptionCaught(t);
            }
        } else if ((arrived & (END_INPUT_AFTER | INACTIVE_AFTER)) != 0) {
            endInput(ctx);
        }
        if ((arrived & END_INPUT_AFTER) != 0) {
            ctx.fireUserEventTriggered(ChannelInputShutdownEvent.INSTANCE);
        }
        if ((arrived & INACTIVE_AFTER) != 0) {
            ctx.fireChannelInactive();
        }
    }

    /**
     * Calls decode (or decodeLast) once and passes on what it emitted, also when it throws.
     * Returns the number of messages emitted.
     */
    private int callDecode(ChannelHandlerContext ctx, Buffer in, boolean last) throws Exception {
        int before = in.readableBytes();
        int n;
        try {
            if (last) {
                decodeLast(ctx, in, out);
            } else {
                decode(ctx, in, out);
            }
            consumedByLastCall = before - in.readableBytes(); // before re-entrant reads can add bytes
        } finally {
            n = passOn(ctx);
        }
        return n;
    }

    private int passOn(ChannelHandlerContext ctx) {
        DecoderOutput decoded = out;
        int n = decoded.size();
        if (n > 0) {
            producedSinceReadComplete = true;
            try {
                for (int i = 0; i < n; i++) {
                    ctx.fireChannelRead(decoded.take(i));
                }
                decoded.reset();
            } finally {
                if (decoded.size() != 0) { // a fire threw: release what was not passed on
                    for (int i = 0; i < n; i++) {
                        ReferenceCounting.safeRelease(decoded.take(i));
                    }
                    decoded.reset();
                }
            }
        }
        return n;
    }

    /** The input ended: decode what is left one last time, then let the bytes go. */
    private void endInput(ChannelHandlerContext ctx) {
        if (stream != Stream.OPEN) {
            return;
        }
        stream = Stream.ENDED;
        int arrived = runLoop(ctx, true);
        if ((arrived & REMOVE_AFTER) != 0) {
            afterLoop(ctx, arrived); // removed meanwhile: the leftover bytes go on, as on any removal
            arrived = 0;
        }
        Buffer left = cumulation;
        cumulation = null;
        if (left != null) {
            left.release();
        }
        if (producedSinceReadComplete) {
            producedSinceReadComplete = false;
            ctx.fireChannelReadComplete();
        }
        afterLoop(ctx, arrived);
    }

    /** Ends the stream: releases the kept bytes, reports {@code t} and closes gracefully. */
    private void fail(ChannelHandlerContext ctx, Throwable t) {
        stream = Stream.FAILED;
        Buffer left = cumulation;
        cumulation = null;
        if (left != null) {
            left.release();
        }
        ctx.fireExceptionCaught(wrap(t));
        ctx.channel().closeGracefully();
    }

    private DecoderException wrap(Throwable t) {
        return t instanceof DecoderException known ? known : new DecoderException(name() + " failed to decode: " + t, t);
    }

    /** Moves unread bytes to the front when at least half the buffer is read and nobody shares it. */
    private void compact() {
        readsSinceCompaction = 0;
        Buffer kept = cumulation;
        if (kept != null && kept.readerIndex() > 0 && kept.refCnt() == 1 && !kept.isReadOnly()
                && kept.readerIndex() >= kept.capacity() >>> 1) {
            kept.discardReadBytes();
        }
    }

    private String name() {
        return owner.getClass().getName();
    }
}
