package io.sluice.buffer;

import java.util.Random;

/**
 * What every part of the {@link Buffer} contract test needs from the concrete test class. The
 * contract is split over several interfaces of default test methods (to keep files small);
 * {@link AbstractBufferTest} implements them all, so a concrete test runs the whole contract.
 */
interface BufferContractSupport {

    /** The capacity most tests use; composites split it over several components. */
    int CAP = 64;

    /** Seed of every random sequence: tests are deterministic. */
    long SEED = 0x5EED_2024L;

    /**
     * Returns an empty buffer (reader and writer index 0) whose capacity is at least
     * {@code capacity}. Kinds that cannot grow may ignore {@code maxCapacity}; so may kinds
     * whose maximum is fixed by design (composites).
     */
    Buffer newBuffer(int capacity, int maxCapacity);

    /** Returns whether this kind of buffer can grow its capacity (false for slices, wraps). */
    boolean canGrow();

    default Random random() {
        return new Random(SEED);
    }

    /** Returns a buffer with room for {@code capacity} bytes whose readable bytes are {@code content}. */
    default Buffer withContent(byte[] content, int capacity) {
        Buffer buf = newBuffer(Math.max(capacity, content.length), Math.max(capacity, content.length));
        buf.writeBytes(content);
        return buf;
    }

    /** Returns whether the maximum capacity is small enough to fill in a test. */
    static boolean smallMax(Buffer buf) {
        return buf.maxCapacity() <= (1 << 20);
    }
}
