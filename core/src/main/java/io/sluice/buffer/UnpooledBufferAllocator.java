package io.sluice.buffer;

import java.nio.ByteBuffer;
import java.util.concurrent.atomic.LongAdder;

/**
 * Allocates every buffer its own array or direct ByteBuffer; released memory is left to the
 * garbage collector. Simple and predictable; for tests, debugging and short-lived tools.
 */
final class UnpooledBufferAllocator extends AbstractAllocator implements AllocatorMetrics {
    static final UnpooledBufferAllocator HEAP = new UnpooledBufferAllocator(false);
    static final UnpooledBufferAllocator DIRECT = new UnpooledBufferAllocator(true);

    /** Bytes held by buffers not yet released. */
    private final LongAdder allocatedBytes = new LongAdder();

    private UnpooledBufferAllocator(boolean preferDirect) {
        super(preferDirect);
    }

    @Override
    void allocateRegion(RootBuffer buf, int capacity) {
        Object memory = buf.isDirect() ? ByteBuffer.allocateDirect(capacity) : new byte[capacity];
        buf.init(memory, 0, capacity, null, 0);
        allocatedBytes.add(capacity);
    }

    /** Installs memory the caller already has (see {@link Buffers#wrap}), counting it like our own. */
    RootBuffer wrap(RootBuffer buf, Object memory, int offset, int length) {
        buf.init(memory, offset, length, null, 0);
        allocatedBytes.add(length);
        return buf;
    }

    @Override
    void free(RootBuffer buf) {
        allocatedBytes.add(-buf.regionLength);
    }

    @Override
    public boolean isPooled() {
        return false;
    }

    @Override
    public AllocatorMetrics metrics() {
        return this;
    }

    @Override
    public long allocatedBytes() {
        return allocatedBytes.sum();
    }

    @Override
    public long usedBytes() {
        return allocatedBytes.sum();
    }

    @Override
    public long cachedBytes() {
        return 0;
    }

    @Override
    public int chunkCount() {
        return 0;
    }

    @Override
    public String toString() {
        return "UnpooledBufferAllocator(" + (isDirectPreferred() ? "direct" : "heap") + ")";
    }
}
