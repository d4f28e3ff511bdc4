package io.sluice.buffer;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.buffer.BufferTestData.BufferOp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Reference counting of the buffer and its views, and use after release. */
interface BufferLifecycleContract extends BufferContractSupport {

    private Buffer released() {
        Buffer buf = newBuffer(CAP, CAP);
        buf.writeBytes(TestBuffers.patternBytes(7, 16));
        assertTrue(buf.release());
        return buf;
    }

    @ParameterizedTest
    @MethodSource("io.sluice.buffer.BufferTestData#operationsAfterRelease")
    default void operationAfterReleaseThrows(BufferOp op) {
        Buffer buf = released();
        assertThrows(IllegalReferenceCountException.class, () -> op.apply(buf));
        assertEquals(0, buf.refCnt());
    }

    @ParameterizedTest
    @MethodSource("io.sluice.buffer.BufferTestData#operationsAfterRelease")
    default void operationOnViewAfterSourceReleaseThrows(BufferOp op) {
        Buffer buf = newBuffer(CAP, CAP);
        buf.writeBytes(TestBuffers.patternBytes(7, 16));
        Buffer view = buf.duplicate();
        Buffer readOnly = buf.asReadOnly();
        buf.release();
        assertThrows(IllegalReferenceCountException.class, () -> op.apply(view));
        assertEquals(0, view.refCnt());
        assertEquals(0, readOnly.refCnt());
        assertThrows(IllegalReferenceCountException.class, () -> readOnly.getByte(0));
    }

    @Test
    default void countsUpAndDown() {
        Buffer buf = newBuffer(CAP, CAP);
        assertEquals(1, buf.refCnt());
        assertSame(buf, buf.retain());
        assertSame(buf, buf.retain(3));
        assertEquals(5, buf.refCnt());
        assertFalse(buf.release(2));
        assertEquals(3, buf.refCnt());
        assertFalse(buf.release());
        assertTrue(buf.release(2));
        assertEquals(0, buf.refCnt());
        assertThrows(IllegalReferenceCountException.class, buf::release);
        assertThrows(IllegalReferenceCountException.class, buf::retain);
        assertEquals(0, buf.refCnt());
    }

    @Test
    default void overReleaseThrowsAndKeepsTheCount() {
        Buffer buf = newBuffer(CAP, CAP);
        buf.retain();
        IllegalReferenceCountException e = assertThrows(IllegalReferenceCountException.class, () -> buf.release(3));
        assertTrue(String.valueOf(e.getMessage()).contains("2"), e.getMessage());
        assertEquals(2, buf.refCnt(), "a failed release changes nothing");
        assertThrows(IllegalArgumentException.class, () -> buf.release(0));
        assertThrows(IllegalArgumentException.class, () -> buf.retain(0));
        assertThrows(IllegalArgumentException.class, () -> buf.retain(-2));
        assertEquals(2, buf.refCnt());
        assertTrue(buf.release(2));
    }

    @Test
    default void touchReturnsThisAndKeepsTheCount() {
        Buffer buf = newBuffer(CAP, CAP);
        assertSame(buf, buf.touch());
        assertSame(buf, buf.touch("a hint"));
        assertSame(buf, buf.touch(null));
        Buffer slice = buf.slice();
        assertSame(slice, slice.touch("through a view"));
        assertEquals(1, buf.refCnt());
        buf.release();
    }

    @Test
    default void describingAReleasedBufferDoesNotThrow() {
        Buffer buf = released();
        String description = assertDoesNotThrow(() -> buf.toString());
        assertFalse(description.isEmpty());
        assertDoesNotThrow(buf::refCnt);
    }

    @Test
    default void viewTakenBeforeReleaseFailsAfterIt() {
        Buffer buf = newBuffer(CAP, CAP);
        buf.writeLong(42);
        Buffer slice = buf.slice();
        Buffer retained = buf.retainedSlice();
        assertFalse(buf.release());
        assertEquals(42, slice.getLong(0), "still alive: the retained slice holds a reference");
        assertTrue(retained.release());
        assertThrows(IllegalReferenceCountException.class, () -> slice.getLong(0));
        assertThrows(IllegalReferenceCountException.class, () -> retained.getLong(0));
        assertThrows(IllegalReferenceCountException.class, slice::release);
    }
}
