package io.sluice.buffer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** A duplicate of a pooled buffer: same memory, capacity and count; its own indexes. */
class DuplicatedBufferTest extends AbstractBufferTest {
    private static final PooledBufferAllocator ALLOC = PooledBufferAllocator.builder().build();

    @Override
    public Buffer newBuffer(int capacity, int maxCapacity) {
        Buffer parent = ALLOC.buffer(capacity, maxCapacity);
        TestBuffers.fillCapacity(parent, TestBuffers.GARBAGE);
        return parent.duplicate();
    }

    @Test
    void duplicateOfDuplicateSharesTheRoot() {
        Buffer dup = newBuffer(CAP, CAP);
        Buffer root = dup.unwrap();
        assertTrue(root != null);
        Buffer dup2 = dup.duplicate();
        dup2.setInt(0, 0x01020304);
        assertEquals(0x01020304, root.getInt(0));
        assertEquals(root.capacity(), dup2.capacity());
        dup2.retain();
        assertEquals(2, root.refCnt());
        dup2.release();
        dup.release();
        assertEquals(0, root.refCnt());
    }
}
