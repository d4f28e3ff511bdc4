package io.sluice.buffer;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class UnpooledDirectBufferTest extends AbstractBufferTest implements UnpooledGrowthPolicy {

    @Override
    public Buffer newBuffer(int capacity, int maxCapacity) {
        Buffer buf = BufferAllocator.unpooled().directBuffer(capacity, maxCapacity);
        TestBuffers.fillCapacity(buf, TestBuffers.GARBAGE);
        return buf;
    }

    @Test
    void isADirectBuffer() {
        Buffer buf = newBuffer(16, 16);
        assertTrue(buf.isDirect());
        assertFalse(buf.hasArray());
        assertFalse(buf.alloc().isPooled());
        assertTrue(buf.nioBuffer().isDirect());
        buf.release();
    }
}
