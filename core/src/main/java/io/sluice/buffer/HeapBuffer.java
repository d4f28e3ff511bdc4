package io.sluice.buffer;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** A buffer over a region of a {@code byte[]}, pooled or not. */
final class HeapBuffer extends RootBuffer {
    private static final VarHandle SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle LONG_LE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private byte[] array;

    HeapBuffer(AbstractAllocator alloc, int maxCapacity) {
        super(alloc, maxCapacity);
    }

    @Override
    void setMemory(Object memory) {
        array = (byte[]) memory;
    }

    @Override
    Object memory() {
        return array;
    }

    @Override
    public boolean isDirect() {
        return false;
    }

    @Override
    public boolean hasArray() {
        return true;
    }

    @Override
    public byte[] array() {
        ensureAccessible();
        return array;
    }

    @Override
    public int arrayOffset() {
        return offset;
    }

    @Override
    byte _getByte(int index) {
        return array[offset + index];
    }

    @Override
    short _getShort(int index) {
        return (short) SHORT.get(array, offset + index);
    }

    @Override
    int _getInt(int index) {
        return (int) INT.get(array, offset + index);
    }

    @Override
    long _getLong(int index) {
        return (long) LONG.get(array, offset + index);
    }

    @Override
    long _getLongLE(int index) {
        return (long) LONG_LE.get(array, offset + index);
    }

    @Override
    void _setByte(int index, int value) {
        array[offset + index] = (byte) value;
    }

    @Override
    void _setShort(int index, int value) {
        SHORT.set(array, offset + index, (short) value);
    }

    @Override
    void _setInt(int index, int value) {
        INT.set(array, offset + index, value);
    }

    @Override
    void _setLong(int index, long value) {
        LONG.set(array, offset + index, value);
    }

    @Override
    void _getBytes(int index, byte[] dst, int dstIndex, int length) {
        System.arraycopy(array, offset + index, dst, dstIndex, length);
    }

    @Override
    void _getBytes(int index, ByteBuffer dst, int dstOffset, int length) {
        dst.put(dstOffset, array, offset + index, length);
    }

    @Override
    void _setBytes(int index, byte[] src, int srcIndex, int length) {
        System.arraycopy(src, srcIndex, array, offset + index, length);
    }

    @Override
    void _setBytes(int index, ByteBuffer src, int srcOffset, int length) {
        src.get(srcOffset, array, offset + index, length);
    }

    @Override
    void _copyTo(int index, AbstractBuffer dst, int dstIndex, int length) {
        dst._setBytes(dstIndex, array, offset + index, length);
    }

    @Override
    ByteBuffer _nioBuffer(int index, int length) {
        return ByteBuffer.wrap(array, offset + index, length).slice();
    }
}
