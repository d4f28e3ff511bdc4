package io.sluice.buffer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * A composite of 3-4 uneven components (heap and direct, pooled) whose sizes add up to the
 * requested capacity, so that multi-byte values cross component boundaries. Its maximum capacity
 * is fixed by the composite, so the maximum passed to {@link #newBuffer} is ignored.
 */
class CompositeBufferTest extends AbstractBufferTest {
    private static final PooledBufferAllocator ALLOC = PooledBufferAllocator.builder().build();

    @Override
    public Buffer newBuffer(int capacity, int maxCapacity) {
        return TestBuffers.compositeOfCapacity(ALLOC, capacity);
    }

    @Test
    void isMadeOfSeveralComponents() {
        CompositeBuffer buf = (CompositeBuffer) newBuffer(CAP, CAP);
        assertTrue(buf.numComponents() >= 3, "components: " + buf.numComponents());
        assertEquals(CAP, buf.capacity());
        assertFalse(buf.isReadOnly());
        assertTrue(buf.nioBufferCount() >= 3);
        buf.release();
    }
}
