package io.sluice.buffer;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class UnpooledHeapBufferTest extends AbstractBufferTest implements UnpooledGrowthPolicy {

    @Override
    public Buffer newBuffer(int capacity, int maxCapacity) {
        Buffer buf = BufferAllocator.unpooled().heapBuffer(capacity, maxCapacity);
        TestBuffers.fillCapacity(buf, TestBuffers.GARBAGE);
        return buf;
    }

    @Test
    void isAHeapBufferOfTheUnpooledAllocator() {
        Buffer buf = newBuffer(16, 16);
        assertFalse(buf.isDirect());
        assertTrue(buf.hasArray());
        assertSame(BufferAllocator.unpooled(), buf.alloc());
        assertTrue(buf.unwrap() == null, "a root buffer");
        buf.release();
    }
}
