package io.sluice.buffer;

/**
 * Creates buffers. Implementations are safe to use from any thread.
 *
 * <p>{@link #defaultAllocator()} is pooled and prefers direct memory; set the system property
 * {@code io.sluice.allocator.type=unpooled} to make it unpooled (for debugging memory issues).
 * Invalid capacities throw {@link IllegalArgumentException} naming the value and its bound.
 */
public interface BufferAllocator {

    /** Capacity of a buffer created without one. */
    int DEFAULT_INITIAL_CAPACITY = 256;

    /** Maximum capacity of a buffer created without one. */
    int DEFAULT_MAX_CAPACITY = Integer.MAX_VALUE;

    /** Returns a buffer of the preferred kind (heap or direct) with default capacities. */
    Buffer buffer();

    /** Returns a buffer of the preferred kind with the given initial capacity. */
    Buffer buffer(int initialCapacity);

    /** Returns a buffer of the preferred kind with the given initial and maximum capacities. */
    Buffer buffer(int initialCapacity, int maxCapacity);

    /** Returns a heap buffer with default capacities. */
    Buffer heapBuffer();

    /** Returns a heap buffer with the given initial capacity. */
    Buffer heapBuffer(int initialCapacity);

    /** Returns a heap buffer with the given initial and maximum capacities. */
    Buffer heapBuffer(int initialCapacity, int maxCapacity);

    /** Returns a direct buffer with default capacities. */
    Buffer directBuffer();

    /** Returns a direct buffer with the given initial capacity. */
    Buffer directBuffer(int initialCapacity);

    /** Returns a direct buffer with the given initial and maximum capacities. */
    Buffer directBuffer(int initialCapacity, int maxCapacity);

    /** Returns a buffer suited to socket I/O (direct) with the given initial capacity. */
    Buffer ioBuffer(int initialCapacity);

    /** Returns an empty composite buffer with the default maximum number of components (16). */
    CompositeBuffer compositeBuffer();

    /** Returns an empty composite buffer holding at most {@code maxComponents} components. */
    CompositeBuffer compositeBuffer(int maxComponents);

    /** Returns whether {@link #buffer()} returns direct buffers. */
    boolean isDirectPreferred();

    /** Returns whether released memory is kept for reuse. */
    boolean isPooled();

    /** Returns live metrics of this allocator. */
    AllocatorMetrics metrics();

    /** Returns the process-wide default allocator (pooled, direct preferred, unless configured). */
    static BufferAllocator defaultAllocator() {
        return DefaultAllocatorHolder.DEFAULT;
    }

    /** Returns the shared unpooled allocator, which prefers heap buffers. */
    static BufferAllocator unpooled() {
        return UnpooledBufferAllocator.HEAP;
    }

    /** Returns the shared pooled allocator, which prefers direct buffers. */
    static BufferAllocator pooled() {
        return PooledBufferAllocator.DEFAULT;
    }
}
