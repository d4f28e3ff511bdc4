package io.sluice.codec;

import io.sluice.buffer.Buffer;
import io.sluice.buffer.BufferAllocator;
import io.sluice.buffer.CompositeBuffer;

/**
 * The two standard {@link ByteToMessageDecoder.Cumulator}s, {@link ByteToMessageDecoder#MERGE} and
 * {@link ByteToMessageDecoder#COMPOSITE}. Each takes ownership of both buffers as the interface says;
 * a failure leaves the kept buffer as it was.
 */
final class Cumulators {
    private Cumulators() {}

    /**
     * The cases both cumulators settle without work: {@code in} is the cumulation itself (its bytes are
     * already here), or nothing is kept (the new read is kept as it is, no copy). Returns {@code null} otherwise.
     */
    private static Buffer trivial(Buffer cumulation, Buffer in) {
        if (in == cumulation) {
            in.release();
            return cumulation;
        }
        if (!cumulation.isReadable()) {
            cumulation.release();
            return in;
        }
        return null;
    }

    static Buffer merge(BufferAllocator alloc, Buffer cumulation, Buffer in) {
        Buffer done = trivial(cumulation, in);
        if (done != null) {
            return done;
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
            throw new DecoderException("accumulated input: over " + Integer.MAX_VALUE + " bytes (expected: <= "
                    + Integer.MAX_VALUE + ", an int index)");
        }
        int capacity = Integer.highestOneBit(Math.max(required, 64) - 1) << 1;
        return capacity > 0 ? capacity : required;
    }

    static Buffer compose(BufferAllocator alloc, Buffer cumulation, Buffer in) {
        Buffer done = trivial(cumulation, in);
        if (done != null) {
            return done;
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
