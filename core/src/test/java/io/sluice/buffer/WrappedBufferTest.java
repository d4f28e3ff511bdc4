package io.sluice.buffer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** {@link Buffers#wrap(byte[])}: the array is the memory, its length the fixed capacity. */
class WrappedBufferTest extends AbstractBufferTest {

    @Override
    public Buffer newBuffer(int capacity, int maxCapacity) {
        byte[] array = new byte[capacity];
        Arrays.fill(array, TestBuffers.GARBAGE);
        return Buffers.wrap(array).clear();
    }

    @Override
    public boolean canGrow() {
        return false;
    }

    @Test
    void theArrayIsTheMemory() {
        byte[] array = new byte[20];
        Buffer buf = Buffers.wrap(array);
        assertEquals(20, buf.writerIndex());
        assertEquals(20, buf.capacity());
        assertEquals(20, buf.maxCapacity());
        assertTrue(buf.hasArray());
        assertSame(array, buf.array());
        assertEquals(0, buf.arrayOffset());
        buf.setInt(4, 0xCAFEBABE);
        assertEquals((byte) 0xCA, array[4]);
        array[19] = 5;
        assertEquals(5, buf.getByte(19));
        buf.release();
    }
}
