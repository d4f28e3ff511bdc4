package io.sluice.buffer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PooledDirectBufferTest extends AbstractBufferTest {
    private static final PooledBufferAllocator ALLOC =
            PooledBufferAllocator.builder().preferDirect(true).arenaCount(2).cacheForAllThreads(false).build();

    @Override
    public Buffer newBuffer(int capacity, int maxCapacity) {
        Buffer buf = ALLOC.directBuffer(capacity, maxCapacity);
        TestBuffers.fillCapacity(buf, TestBuffers.GARBAGE);
        return buf;
    }

    @Test
    void isAPooledDirectBuffer() {
        Buffer buf = newBuffer(100, 1000);
        assertTrue(buf.isDirect());
        assertFalse(buf.hasArray());
        assertSame(ALLOC, buf.alloc());
        assertEquals(1000, buf.maxCapacity());
        assertTrue(buf.nioBuffer().isDirect());
        buf.release();
    }
}
