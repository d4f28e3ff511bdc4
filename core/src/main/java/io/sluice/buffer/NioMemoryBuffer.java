package io.sluice.buffer;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.GatheringByteChannel;
import java.nio.channels.ScatteringByteChannel;

/**
 * A buffer over a region of a NIO {@link ByteBuffer}, accessed only with absolute operations so a
 * pooled chunk can be shared by many buffers. Allocators give it direct memory; {@link Buffers#wrap}
 * may also give it a read-only heap ByteBuffer (whose array is hidden).
 */
final class NioMemoryBuffer extends RootBuffer {
    // View VarHandles rather than ByteBuffer.getLong/putLong: on JDK 17 the latter run the buffer's
    // own checks and its memory-session check on every access, which the JIT keeps inside loops.
    private static final VarHandle SHORT = MethodHandles.byteBufferViewVarHandle(short[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle INT = MethodHandles.byteBufferViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle LONG = MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle LONG_LE = MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    /** Big-endian; its position and limit are never used, so chunk memory can be shared. */
    private ByteBuffer memory;
    /** Whether the memory is direct; fixed before any memory is installed. */
    private final boolean direct;

    NioMemoryBuffer(AbstractAllocator alloc, int maxCapacity, boolean direct) {
        super(alloc, maxCapacity);
        this.direct = direct;
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
        return direct;
    }

    @Override
    public boolean hasArray() {
        return false;
    }

    @Override
    public byte[] array() {
        throw new UnsupportedOperationException("array: none in a buffer over a ByteBuffer (expected: hasArray() first)");
    }

    @Override
    public int arrayOffset() {
        throw new UnsupportedOperationException("array: none in a buffer over a ByteBuffer (expected: hasArray() first)");
    }

    @Override
    byte _getByte(int index) {
        return memory.get(offset + index);
    }

    @Override
    short _getShort(int index) {
        return (short) SHORT.get(memory, offset + index);
    }

    @Override
    int _getInt(int index) {
        return (int) INT.get(memory, offset + index);
    }

    @Override
    long _getLong(int index) {
        return (long) LONG.get(memory, offset + index);
    }

    @Override
    long _getLongLE(int index) {
        return (long) LONG_LE.get(memory, offset + index);
    }

    @Override
    void _setByte(int index, int value) {
        memory.put(offset + index, (byte) value);
    }

    @Override
    void _setShort(int index, int value) {
        SHORT.set(memory, offset + index, (short) value);
    }

    @Override
    void _setInt(int index, int value) {
        INT.set(memory, offset + index, value);
    }

    @Override
    void _setLong(int index, long value) {
        LONG.set(memory, offset + index, value);
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

    /** Reads through a reused per-thread view: a socket read allocates nothing. */
    @Override
    public int setBytes(int index, ScatteringByteChannel in, int length) throws IOException {
        checkSet(index, length);
        try {
            return in.read(ThreadIoView.of(memory, offset + index, length));
        } catch (ClosedChannelException e) {
            return -1;
        }
    }

    /** Writes through a reused per-thread view: a single-buffer socket write allocates nothing. */
    @Override
    public int getBytes(int index, GatheringByteChannel out, int length) throws IOException {
        checkIndex(index, length);
        return length == 0 ? 0 : out.write(ThreadIoView.of(memory, offset + index, length));
    }

    @Override
    ByteBuffer _nioBuffer(int index, int length) {
        return memory.slice(offset + index, length);
    }
}
