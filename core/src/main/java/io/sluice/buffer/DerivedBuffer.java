package io.sluice.buffer;

import java.nio.ByteBuffer;

/**
 * A slice, duplicate or read-only view: shares memory and reference count with its source (a
 * root or composite buffer, never another derived one) and keeps its own indexes.
 */
final class DerivedBuffer extends AbstractBuffer {
    /** A root or composite buffer: its access check is a final method, so nothing here dispatches. */
    private final CountedBuffer source;
    /** Index in the source of this buffer's byte 0. */
    private final int adjustment;
    /** Fixed capacity of a slice, or -1 for a duplicate, whose capacity follows the source. */
    private final int fixedCapacity;

    DerivedBuffer(AbstractBuffer source, int adjustment, int fixedCapacity, boolean readOnly) {
        super(fixedCapacity >= 0 ? fixedCapacity : source.maxCapacity(), readOnly);
        if (source instanceof DerivedBuffer) {
            DerivedBuffer derived = (DerivedBuffer) source;
            this.source = derived.source;
            this.adjustment = derived.adjustment + adjustment;
        } else {
            this.source = (CountedBuffer) source;
            this.adjustment = adjustment;
        }
        this.fixedCapacity = fixedCapacity;
    }

    @Override
    public int capacity() {
        return fixedCapacity >= 0 ? fixedCapacity : source.capacity() - adjustment;
    }

    @Override
    public Buffer capacity(int newCapacity) {
        checkNewCapacity(newCapacity);
        if (fixedCapacity >= 0) {
            throw new UnsupportedOperationException("capacity of a slice: " + newCapacity
                    + " (expected: unchanged; a slice cannot change its capacity)");
        }
        if (readOnly) {
            throw new java.nio.ReadOnlyBufferException();
        }
        source.capacity(newCapacity + adjustment);
        trimIndexesTo(newCapacity);
        return this;
    }

    @Override
    public BufferAllocator alloc() {
        return source.alloc();
    }

    @Override
    public boolean isDirect() {
        return source.isDirect();
    }

    @Override
    public boolean hasArray() {
        return !readOnly && source.hasArray();
    }

    @Override
    public byte[] array() {
        if (readOnly) {
            throw new java.nio.ReadOnlyBufferException();
        }
        return source.array();
    }

    @Override
    public int arrayOffset() {
        return source.arrayOffset() + adjustment;
    }

    @Override
    public Buffer unwrap() {
        return source;
    }

    @Override
    void ensureAccessible() {
        source.ensureAccessible();
    }

    @Override
    public Buffer asReadOnly() {
        return readOnly ? duplicate() : new DerivedBuffer(this, 0, fixedCapacity, true)
                .setIndexUnchecked(readerIndex, writerIndex);
    }

    @Override
    public Buffer duplicate() {
        ensureAccessible();
        return new DerivedBuffer(this, 0, fixedCapacity, readOnly).setIndexUnchecked(readerIndex, writerIndex);
    }

    @Override
    public int nioBufferCount() {
        return source.nioBufferCount();
    }

    @Override
    public ByteBuffer[] nioBuffers(int index, int length) {
        checkIndex(index, length);
        ByteBuffer[] buffers = source.nioBuffers(index + adjustment, length);
        if (readOnly) {
            for (int i = 0; i < buffers.length; i++) {
                buffers[i] = buffers[i].asReadOnlyBuffer();
            }
        }
        return buffers;
    }

    // reference counting is the source's

    @Override
    public int refCnt() {
        return source.refCnt();
    }

    @Override
    public Buffer retain(int increment) {
        source.retain(increment);
        return this;
    }

    @Override
    public boolean release(int decrement) {
        return source.release(decrement);
    }

    @Override
    public Buffer touch(Object hint) {
        source.touch(hint);
        return this;
    }

    @Override
    void deallocate() {
        throw new IllegalStateException("deallocate: on a derived buffer (expected: never; it owns no memory)");
    }

    // memory access is the source's, shifted by the adjustment

    @Override
    byte _getByte(int index) {
        return source._getByte(index + adjustment);
    }

    @Override
    short _getShort(int index) {
        return source._getShort(index + adjustment);
    }

    @Override
    int _getUnsignedMedium(int index) {
        return source._getUnsignedMedium(index + adjustment);
    }

    @Override
    int _getInt(int index) {
        return source._getInt(index + adjustment);
    }

    @Override
    long _getLong(int index) {
        return source._getLong(index + adjustment);
    }

    @Override
    long _getLongLE(int index) {
        return source._getLongLE(index + adjustment);
    }

    @Override
    void _setByte(int index, int value) {
        source._setByte(index + adjustment, value);
    }

    @Override
    void _setShort(int index, int value) {
        source._setShort(index + adjustment, value);
    }

    @Override
    void _setMedium(int index, int value) {
        source._setMedium(index + adjustment, value);
    }

    @Override
    void _setInt(int index, int value) {
        source._setInt(index + adjustment, value);
    }

    @Override
    void _setLong(int index, long value) {
        source._setLong(index + adjustment, value);
    }

    @Override
    void _getBytes(int index, byte[] dst, int dstIndex, int length) {
        source._getBytes(index + adjustment, dst, dstIndex, length);
    }

    @Override
    void _getBytes(int index, ByteBuffer dst, int dstOffset, int length) {
        source._getBytes(index + adjustment, dst, dstOffset, length);
    }

    @Override
    void _setBytes(int index, byte[] src, int srcIndex, int length) {
        source._setBytes(index + adjustment, src, srcIndex, length);
    }

    @Override
    void _setBytes(int index, ByteBuffer src, int srcOffset, int length) {
        source._setBytes(index + adjustment, src, srcOffset, length);
    }

    @Override
    void _copyTo(int index, AbstractBuffer dst, int dstIndex, int length) {
        source._copyTo(index + adjustment, dst, dstIndex, length);
    }

    @Override
    ByteBuffer _nioBuffer(int index, int length) {
        return source._nioBuffer(index + adjustment, length);
    }
}
