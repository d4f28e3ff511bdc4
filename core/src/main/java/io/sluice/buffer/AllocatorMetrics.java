package io.sluice.buffer;

/**
 * Live figures of a {@link BufferAllocator}, in bytes. Values are read without locks and may be a
 * little stale while other threads allocate.
 */
public interface AllocatorMetrics {

    /** Bytes reserved from the heap or the OS: pooled chunks plus unpooled buffers. */
    long allocatedBytes();

    /** Bytes held by live buffers (rounded up to the pool's size classes). */
    long usedBytes();

    /** Bytes released by buffers and kept in per-thread caches for reuse. */
    long cachedBytes();

    /** Number of pooled chunks currently reserved (0 for an unpooled allocator). */
    int chunkCount();
}
