package io.sluice.buffer;

import static io.sluice.buffer.TestBuffers.GARBAGE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A slice in the middle of a bigger pooled buffer: fixed capacity, shares the parent's count. */
class SlicedBufferTest extends AbstractBufferTest {
    private static final PooledBufferAllocator ALLOC = PooledBufferAllocator.builder().build();
    /** Bytes of the parent before the slice. */
    static final int BEFORE = 7;
    /** Bytes of the parent after the slice. */
    static final int AFTER = 9;

    @Override
    public Buffer newBuffer(int capacity, int maxCapacity) {
        Buffer parent = ALLOC.buffer(BEFORE + capacity + AFTER);
        TestBuffers.fillCapacity(parent, GARBAGE);
        return parent.slice(BEFORE, capacity).clear();
    }

    @Override
    public boolean canGrow() {
        return false;
    }

    @Test
    void sliceCarriesNoReferenceCountOrLeakRecordOfItsOwn() {
        Buffer slice = newBuffer(CAP, CAP);
        List<String> fields = new ArrayList<>();
        for (Class<?> c = slice.getClass(); c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                if (!Modifier.isStatic(f.getModifiers())) {
                    fields.add(f.getName());
                }
            }
        }
        assertFalse(fields.contains("refCnt"), () -> "fields of a slice: " + fields);
        assertFalse(fields.contains("leak"), () -> "fields of a slice: " + fields);
        assertEquals(1, slice.refCnt(), "the count is the parent's");
        slice.release();
    }

    @Test
    void writesStayInsideTheSlice() {
        Buffer slice = newBuffer(CAP, CAP);
        Buffer parent = slice.unwrap();
        assertTrue(parent != null, "a slice has a parent");
        while (slice.isWritable()) {
            slice.writeByte(0x11);
        }
        assertThrows(IndexOutOfBoundsException.class, () -> slice.writeByte(0x11));
        assertThrows(IndexOutOfBoundsException.class, () -> slice.setLong(CAP - 4, 0));
        assertThrows(IllegalArgumentException.class, () -> slice.capacity(CAP + 1));
        slice.setZero(0, CAP);
        for (int i = 0; i < BEFORE; i++) {
            assertEquals(GARBAGE, parent.getByte(i), "parent byte " + i);
        }
        for (int i = BEFORE + CAP; i < BEFORE + CAP + AFTER; i++) {
            assertEquals(GARBAGE, parent.getByte(i), "parent byte " + i);
        }
        assertEquals(0, parent.getByte(BEFORE));
        assertEquals(CAP, slice.capacity());
        assertEquals(CAP, slice.maxCapacity());
        slice.release();
        assertEquals(0, parent.refCnt());
    }
}
