package io.sluice.codec;

import io.sluice.buffer.Buffer;
import io.sluice.buffer.BufferAllocator;
import io.sluice.buffer.CompositeBuffer;
import io.sluice.channel.ChannelHandler;
import io.sluice.channel.ChannelHandlerContext;
import io.sluice.channel.ChannelInputShutdownEvent;
import java.util.ArrayDeque;
import java.util.ArrayList;
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
 * reference is released).
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
    public static final Cumulator MERGE = ByteToMessageDecoder::merge;

    /**
     * Adds each new read as a component of a composite buffer: no copy on arrival, but every read of
     * a value that spans two reads costs more. Suits large messages arriving in many reads.
     */
    public static final Cumulator COMPOSITE = ByteToMessageDecoder::compose;

    /** References to the kept buffer bought at once for {@link #readFrame}. */
    private static final int FRAME_CREDIT = 16;

    /** Compact read bytes away after this many reads without a {@code channelReadComplete}. */
    private static final int COMPACT_AFTER_READS = 16;

    private final List<Object> out = new ArrayList<>();
    private Cumulator cumulator = MERGE;
    private Buffer cumulation;
    private boolean singleDecode;
    /** In the decode loop: re-entrant reads wait in {@link #reentrantReads}; removal waits until the loop ends. */
    private boolean inDecodeLoop;
    /**
     * Reads that arrived while the decode loop ran (a handler further on fired one), in order; they
     * join the cumulation after the running call, never under its feet. Created on first use.
     */
    private ArrayDeque<Buffer> reentrantReads;
    private boolean removedInDecodeLoop;
    private boolean inputShutdownInDecodeLoop;
    /** Bytes the last decode call read (measured before its messages were passed on). */
    private int consumedByLastCall;
    /** The handler named in exceptions: this decoder, or the codec it serves. */
    private final ChannelHandler owner;
    /** A decode failed: the stream is over and later input is released unread. */
    private boolean failed;
    /** The input ended and decodeLast ran; it runs once. */
    private boolean inputEnded;
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

    /** Creates the decoder half of {@code owner}, a codec, named in its exceptions. */
    ByteToMessageDecoder(ChannelHandler owner) {
        this.owner = owner;
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
     * {@code in} are bought in batches, one atomic update per batch instead of one per frame.
     * For use inside {@code decode} and {@code decodeLast} only.
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
        if (!(msg instanceof Buffer)) {
            ctx.fireChannelRead(msg);
            return;
        }
        Buffer data = (Buffer) msg;
        if (failed || inputEnded) {
            data.release();
            return;
        }
        if (inDecodeLoop) {
            // re-entered from a handler further on: the loop on the stack decodes it after this call
            if (reentrantReads == null) {
                reentrantReads = new ArrayDeque<>(4);
            }
            reentrantReads.add(data);
            return;
        }
        if (!accumulate(ctx, data)) {
            return;
        }
        decodeKept(ctx);
        Buffer left = cumulation;
        if (left == null) {
            return;
        }
        if (!left.isReadable()) {
            cumulation = null;
            readsSinceCompaction = 0;
            left.release();
        } else if (++readsSinceCompaction >= COMPACT_AFTER_READS) {
            compact();
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) throws Exception {
        compact();
        if (!producedSinceReadComplete && !failed && !ctx.channel().config().isAutoRead()) {
            ctx.read(); // the application reads again only after a message: ask for the rest of this one
        }
        producedSinceReadComplete = false;
        ctx.fireChannelReadComplete();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        endInput(ctx);
        ctx.fireChannelInactive();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        if (event instanceof ChannelInputShutdownEvent) {
            if (inDecodeLoop) {
                inputShutdownInDecodeLoop = true; // after this loop's messages: see afterDecodeLoop
                return;
            }
            endInput(ctx);
        }
        ctx.fireUserEventTriggered(event);
    }

    @Override
    public final void handlerRemoved(ChannelHandlerContext ctx) throws Exception {
        if (inDecodeLoop) {
            removedInDecodeLoop = true; // finish passing on this loop's messages first
            return;
        }
        Buffer left = cumulation;
        cumulation = null;
        readsSinceCompaction = 0;
        if (left != null) {
            if (left.isReadable() && !failed) {
                ctx.fireChannelRead(left); // ownership goes with it
                ctx.fireChannelReadComplete();
            } else {
                left.release();
            }
        }
        handlerRemoved0(ctx);
    }

    // ---- the decode loop ----------------------------------------------------------------------

    /** Adds {@code data} to the kept bytes. @return false if the cumulator threw: the stream is over */
    private boolean accumulate(ChannelHandlerContext ctx, Buffer data) {
        Buffer kept = cumulation;
        try {
            cumulation = kept == null ? data : cumulator.cumulate(ctx.alloc(), kept, data);
            return true;
        } catch (Throwable t) {
            fail(ctx, t); // the cumulator released data; fail releases what is kept
            return false;
        }
    }

    /** Adds the reads that re-entered during the last call. @return whether there were any */
    private boolean takeReentrantReads(ChannelHandlerContext ctx) {
        ArrayDeque<Buffer> pending = reentrantReads;
        if (pending == null || pending.isEmpty()) {
            return false;
        }
        for (Buffer data; (data = pending.poll()) != null; ) {
            if (!accumulate(ctx, data)) {
                throw new AlreadyFailed(); // the reads still waiting are released on the way out
            }
        }
        return true;
    }

    /** Unwinds the decode loop after {@link #accumulate} ended the stream. */
    private static final class AlreadyFailed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        AlreadyFailed() {
            super(null, null, false, false);
        }
    }

    /** Decodes the kept bytes until no progress; a failure ends the stream. */
    private void decodeKept(ChannelHandlerContext ctx) {
        inDecodeLoop = true;
        try {
            Buffer in;
            while ((in = cumulation) != null && in.isReadable()) {
                int produced = callDecode(ctx, in, false);
                boolean moreArrived = takeReentrantReads(ctx);
                if (ctx.isRemoved() || removedInDecodeLoop || inputShutdownInDecodeLoop) {
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
        } catch (AlreadyFailed done) {
            settleCredit();
        } catch (Throwable t) {
            settleCredit();
            fail(ctx, t);
        } finally {
            inDecodeLoop = false;
            settleCredit(); // before anyone tests refCnt() == 1 or releases the kept buffer
            releaseReentrantReads(); // what arrived after a failure or a final break
        }
        afterDecodeLoop(ctx);
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

    /** Runs what a handler further on asked for while the loop was passing messages on. */
    private void afterDecodeLoop(ChannelHandlerContext ctx) {
        if (removedInDecodeLoop) {
            removedInDecodeLoop = false;
            inputShutdownInDecodeLoop = false; // a removed decoder has no input to end
            try {
                handlerRemoved(ctx);
            } catch (Throwable t) {
                ctx.fireExceptionCaught(t);
            }
        } else if (inputShutdownInDecodeLoop) {
            inputShutdownInDecodeLoop = false;
            endInput(ctx);
            ctx.fireUserEventTriggered(ChannelInputShutdownEvent.INSTANCE);
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
        List<Object> decoded = out;
        int n = decoded.size();
        if (n > 0) {
            producedSinceReadComplete = true;
            for (int i = 0; i < n; i++) {
                ctx.fireChannelRead(decoded.set(i, null));
            }
            decoded.clear();
        }
        return n;
    }

    /** The input ended: decode what is left one last time, then let the bytes go. */
    private void endInput(ChannelHandlerContext ctx) {
        if (failed || inputEnded) {
            return;
        }
        inputEnded = true;
        Buffer in = cumulation;
        boolean produced = false;
        try {
            if (in != null) {
                decodeKept(ctx);
                if (failed || ctx.isRemoved()) {
                    return;
                }
                in = cumulation;
            }
            if (in == null) {
                in = ctx.alloc().buffer(0);
                cumulation = in;
            }
            inDecodeLoop = true;
            try {
                produced = callDecode(ctx, in, true) > 0 || producedSinceReadComplete;
            } finally {
                inDecodeLoop = false;
            }
        } catch (Throwable t) {
            settleCredit();
            fail(ctx, t);
        } finally {
            settleCredit();
            Buffer left = cumulation;
            cumulation = null;
            if (left != null) {
                left.release();
            }
            if (produced) {
                producedSinceReadComplete = false;
                ctx.fireChannelReadComplete();
            }
        }
        afterDecodeLoop(ctx);
    }

    /** Ends the stream after {@code decode} threw. */
    private void fail(ChannelHandlerContext ctx, Throwable t) {
        failed = true;
        Buffer left = cumulation;
        cumulation = null;
        if (left != null) {
            left.release();
        }
        ctx.fireExceptionCaught(wrap(t));
        ctx.channel().closeGracefully();
    }

    private DecoderException wrap(Throwable t) {
        return t instanceof DecoderException ? (DecoderException) t
                : new DecoderException(name() + " failed to decode: " + t, t);
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

    // ---- cumulators --------------------------------------------------------------------------

    private static Buffer merge(BufferAllocator alloc, Buffer cumulation, Buffer in) {
        if (in == cumulation) {
            in.release(); // the same buffer passed in again: its bytes are already here
            return cumulation;
        }
        if (!cumulation.isReadable()) {
            cumulation.release();
            return in; // keep the new read as it is: no copy
        }
        try {
            int incoming = in.readableBytes();
            if (cumulation.refCnt() > 1 || cumulation.isReadOnly() || incoming > cumulation.maxWritableBytes()) {
                // somebody else may see this buffer (a retained duplicate): copy into one of our own
                return copied(alloc, cumulation, in, incoming);
            }
            if (incoming > cumulation.writableBytes() && cumulation.readerIndex() > 0) {
                cumulation.discardReadBytes(); // room at the front may save a reallocation
            }
            cumulation.writeBytes(in); // grows by doubling if needed
            return cumulation;
        } finally {
            in.release();
        }
    }

    /** Copies both into a new buffer; releases {@code cumulation} only once the copy succeeded. */
    private static Buffer copied(BufferAllocator alloc, Buffer cumulation, Buffer in, int incoming) {
        int kept = cumulation.readableBytes();
        Buffer merged = alloc.buffer(grownCapacity(kept + incoming));
        try {
            // absolute reads: a failed copy leaves the kept bytes where they were
            merged.writeBytes(cumulation, cumulation.readerIndex(), kept)
                    .writeBytes(in, in.readerIndex(), incoming);
        } catch (Throwable t) {
            merged.release();
            throw t;
        }
        cumulation.release();
        return merged;
    }

    private static int grownCapacity(int required) {
        if (required < 0) {
            throw new DecoderException("accumulated input exceeds " + Integer.MAX_VALUE + " bytes");
        }
        int capacity = Integer.highestOneBit(Math.max(required, 64) - 1) << 1;
        return capacity > 0 ? capacity : required;
    }

    private static Buffer compose(BufferAllocator alloc, Buffer cumulation, Buffer in) {
        if (in == cumulation) {
            in.release(); // the same buffer passed in again: its bytes are already here
            return cumulation;
        }
        if (!cumulation.isReadable()) {
            cumulation.release();
            return in;
        }
        if (cumulation instanceof CompositeBuffer existing && cumulation.refCnt() == 1) {
            return existing.addComponent(in); // addComponent owns in, and releases it if it throws
        }
        CompositeBuffer composite;
        try {
            composite = alloc.compositeBuffer(Integer.MAX_VALUE);
        } catch (Throwable t) {
            in.release();
            throw t;
        }
        boolean inHandedOver = false;
        try {
            // the composite holds a reference of its own, so a failure leaves the caller's intact
            composite.addComponent(cumulation.retain());
            inHandedOver = true;
            composite.addComponent(in);
        } catch (Throwable t) {
            if (!inHandedOver) {
                in.release();
            }
            composite.release();
            throw t;
        }
        cumulation.release();
        return composite;
    }
}
