package io.sluice.buffer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The contract of {@link Buffer}, run against one kind of buffer per concrete subclass.
 *
 * <p>The test methods live in the {@code Buffer*Contract} interfaces (primitives, indexes and
 * growth, bulk transfers, text and search, derived buffers, reference counting); this class
 * binds them to the factory. A subclass implements {@link #newBuffer(int, int)} and, for kinds
 * of fixed capacity, overrides {@link #canGrow()}. Every test releases what it allocates; the
 * {@link io.sluice.testing.LeakCheckExtension} fails any test that does not.
 */
abstract class AbstractBufferTest implements BufferPrimitiveContract, BufferIndexContract, BufferBulkContract,
        BufferTextSearchContract, BufferDerivedContract, BufferLifecycleContract {

    /**
     * Returns an empty buffer (writer index 0) of the kind under test whose capacity is at least
     * {@code capacity}; kinds of fixed capacity (slices, wrapped arrays) have exactly it.
     */
    @Override
    public abstract Buffer newBuffer(int capacity, int maxCapacity);

    /** Returns whether this kind can grow; fixed-capacity kinds skip the growth tests. */
    @Override
    public boolean canGrow() {
        return true;
    }

    @Test
    void factoryHonoursTheRequest() {
        for (int cap : new int[] {0, 1, 7, CAP, 1000}) {
            Buffer buf = newBuffer(cap, Math.max(cap, 2000));
            assertTrue(buf.capacity() >= cap, "capacity " + buf.capacity() + " for " + cap);
            assertEquals(0, buf.readerIndex());
            assertEquals(0, buf.writerIndex());
            if (!canGrow()) {
                assertEquals(buf.capacity(), buf.maxCapacity(), "fixed capacity kinds cannot grow");
            }
            buf.release();
        }
    }
}
