package io.sluice.buffer;

/**
 * A buffer that owns a contiguous memory region: an array or a direct {@link java.nio.ByteBuffer}
 * at some offset, obtained from and returned to its {@link AbstractAllocator}.
 */
abstract class RootBuffer extends CountedBuffer {
    final AbstractAllocator alloc;
    /** Current capacity in bytes; never above {@link #regionLength}. */
    int capacity;
    /** Bytes reserved for this buffer in its memory (its size class); growth within it is free. */
    int regionLength;
    /** Offset of byte 0 of this buffer within the memory. */
    int offset;
    /** The pool chunk the region belongs to, or {@code null} for unpooled memory. */
    PoolChunk chunk;
    /** The pool's handle of the region within {@link #chunk}. */
    long handle;

    RootBuffer(AbstractAllocator alloc, int maxCapacity) {
        super(maxCapacity, false);
        this.alloc = alloc;
    }

    /** Installs a memory region: {@code memory} is a {@code byte[]} or a direct ByteBuffer. */
    final void init(Object memory, int offset, int regionLength, PoolChunk chunk, long handle) {
        setMemory(memory);
        this.offset = offset;
        this.regionLength = regionLength;
        this.chunk = chunk;
        this.handle = handle;
    }

    abstract void setMemory(Object memory);

    abstract Object memory();

    /** Moves the region of {@code donor} (a fresh, untracked buffer) into this one. */
    final void takeRegion(RootBuffer donor) {
        init(donor.memory(), donor.offset, donor.regionLength, donor.chunk, donor.handle);
    }

    @Override
    public final int capacity() {
        return capacity;
    }

    @Override
    int fastCapacity() {
        return Math.min(regionLength, maxCapacity);
    }

    @Override
    public final Buffer capacity(int newCapacity) {
        checkNewCapacity(newCapacity);
        if (newCapacity > regionLength) {
            alloc.reallocate(this, newCapacity);
        } else if (newCapacity < capacity) {
            trimIndexesTo(newCapacity);
        }
        capacity = newCapacity;
        return this;
    }

    @Override
    public final BufferAllocator alloc() {
        return alloc;
    }

    @Override
    public final Buffer unwrap() {
        return null;
    }

    @Override
    final void deallocate() {
        alloc.free(this);
        setMemory(null);
        chunk = null;
    }
}
