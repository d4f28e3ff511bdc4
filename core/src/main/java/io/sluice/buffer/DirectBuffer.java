package io.sluice.buffer;

import java.nio.ByteBuffer;

/**
 * A buffer over a region of a direct {@link ByteBuffer}, pooled (a chunk shared with other
 * buffers, accessed only with absolute operations) or not.
 */
final class DirectBuffer extends RootBuffer {
    /** Big-endian; its position and limit are never used, so chunk memory can be shared. */
    private ByteBuffer memory;

    DirectBuffer(AbstractAllocator alloc, int maxCapacity) {
        super(alloc, maxCapacity);
    }

    @Override
    void setMemory(Object memory) {
        this.memory = (ByteBuffer) memory;
    }

    @Override
    Object memory() {
        return memory;
    }

    @Override
    public boolean isDirect() {
        return true;
    }

    @Override
    public boolean hasArray() {
        return false;
    }

    @Override
    public byte[] array() {
        throw new UnsupportedOperationException("direct buffer has no array");
    }

    @Override
    public int arrayOffset() {
        throw new UnsupportedOperationException("direct buffer has no array");
    }

    @Override
    byte _getByte(int index) {
        return memory.get(offset + index);
    }

    @Override
    short _getShort(int index) {
        return memory.getShort(offset + index);
    }

    @Override
    int _getInt(int index) {
        return memory.getInt(offset + index);
    }

    @Override
    long _getLong(int index) {
        return memory.getLong(offset + index);
    }

    @Override
    void _setByte(int index, int value) {
        memory.put(offset + index, (byte) value);
    }

    @Override
    void _setShort(int index, int value) {
        memory.putShort(offset + index, (short) value);
    }

    @Override
    void _setInt(int index, int value) {
        memory.putInt(offset + index, value);
    }

    @Override
    void _setLong(int index, long value) {
        memory.putLong(offset + index, value);
    }

    @Override
    void _getBytes(int index, byte[] dst, int dstIndex, int length) {
        memory.get(offset + index, dst, dstIndex, length);
    }

    @Override
    void _getBytes(int index, ByteBuffer dst, int dstOffset, int length) {
        dst.put(dstOffset, memory, offset + index, length);
    }

    @Override
    void _setBytes(int index, byte[] src, int srcIndex, int length) {
        memory.put(offset + index, src, srcIndex, length);
    }

    @Override
    void _setBytes(int index, ByteBuffer src, int srcOffset, int length) {
        memory.put(offset + index, src, srcOffset, length);
    }

    @Override
    void _copyTo(int index, AbstractBuffer dst, int dstIndex, int length) {
        dst._setBytes(dstIndex, memory, offset + index, length);
    }

    @Override
    ByteBuffer _nioBuffer(int index, int length) {
        return memory.slice(offset + index, length);
    }
}
