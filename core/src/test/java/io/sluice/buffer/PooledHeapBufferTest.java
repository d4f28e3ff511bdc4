package io.sluice.buffer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PooledHeapBufferTest extends AbstractBufferTest {
    private static final PooledBufferAllocator ALLOC =
            PooledBufferAllocator.builder().preferDirect(false).arenaCount(2).cacheForAllThreads(true).build();

    @Override
    public Buffer newBuffer(int capacity, int maxCapacity) {
        Buffer buf = ALLOC.heapBuffer(capacity, maxCapacity);
        TestBuffers.fillCapacity(buf, TestBuffers.GARBAGE);
        return buf;
    }

    @Test
    void isAPooledHeapBuffer() {
        Buffer buf = newBuffer(100, 1000);
        assertFalse(buf.isDirect());
        assertTrue(buf.hasArray());
        assertSame(ALLOC, buf.alloc());
        assertEquals(1000, buf.maxCapacity());
        assertTrue(buf.arrayOffset() >= 0);
        assertTrue(buf.array().length >= buf.arrayOffset() + buf.capacity());
        buf.release();
    }
}
