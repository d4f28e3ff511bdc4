package io.sluice.buffer;

/**
 * Regions released on one thread, kept for that thread's next allocations of the same size class,
 * so the common allocate/release cycle of an event loop takes no lock. Owned by one thread; only
 * {@link #cachedBytes} is read by others (for metrics, racily).
 *
 * <p>Every {@link #TRIM_INTERVAL} allocations, each class gives back to its arena the entries it
 * did not need since the last trim, so a burst does not pin memory forever.
 */
final class PoolThreadCache {
    static final int TRIM_INTERVAL = 8192;

    final PoolArena heapArena;
    final PoolArena directArena;
    private final SizeClasses sizes;
    private final Stack[] heap;
    private final Stack[] direct;
    private int allocationsSinceTrim;
    /**
     * Bytes held in this cache. Written by the owner only, read racily by metrics: a plain field,
     * because a volatile write per allocation would cost a fence on the hot path.
     */
    private long cachedBytes;

    /** The allocator this cache belongs to; set once, before the cache is used. */
    PooledBufferAllocator owner;

    PoolThreadCache(PoolArena heapArena, PoolArena directArena, SizeClasses sizes,
            int smallEntries, int normalEntries, int maxCachedCapacity) {
        this.heapArena = heapArena;
        this.directArena = directArena;
        this.sizes = sizes;
        int classes = sizes.classOf(Math.min(maxCachedCapacity, sizes.chunkSize)) + 1;
        this.heap = new Stack[classes];
        this.direct = new Stack[classes];
        for (int cls = 0; cls < classes; cls++) {
            int entries = SizeClasses.isSmall(cls) ? smallEntries : normalEntries;
            heap[cls] = new Stack(entries, sizes.sizeOf(cls));
            direct[cls] = new Stack(entries, sizes.sizeOf(cls));
        }
    }

    PoolArena arena(boolean isDirect) {
        return isDirect ? directArena : heapArena;
    }

    /** Gives {@code buf} a cached region of class {@code cls}. @return false on a miss */
    boolean allocate(RootBuffer buf, int cls) {
        Stack[] stacks = buf.isDirect() ? direct : heap;
        if (cls >= stacks.length) {
            return false;
        }
        Stack stack = stacks[cls];
        if (stack.size == 0) {
            return false;
        }
        int top = --stack.size;
        PoolChunk chunk = stack.chunks[top];
        long handle = stack.handles[top];
        stack.chunks[top] = null;
        stack.allocations++;
        cachedBytes -= stack.elementSize;
        buf.init(chunk.memory, chunk.offsetOf(handle), stack.elementSize, chunk, handle);
        if (++allocationsSinceTrim >= TRIM_INTERVAL) {
            trim();
        }
        return true;
    }

    /** Keeps a released region. @return false if the class is not cached or its stack is full */
    boolean free(PoolChunk chunk, long handle, int cls, boolean isDirect) {
        Stack[] stacks = isDirect ? direct : heap;
        if (cls >= stacks.length) {
            return false;
        }
        Stack stack = stacks[cls];
        if (stack.size == stack.chunks.length) {
            return false;
        }
        stack.chunks[stack.size] = chunk;
        stack.handles[stack.size++] = handle;
        cachedBytes += stack.elementSize;
        return true;
    }

    /** Returns to the arenas what each class did not use since the last trim. */
    void trim() {
        allocationsSinceTrim = 0;
        for (Stack stack : heap) {
            trim(stack, Math.max(0, stack.size - stack.allocations));
        }
        for (Stack stack : direct) {
            trim(stack, Math.max(0, stack.size - stack.allocations));
        }
    }

    /** Returns every cached region to the arenas. */
    void freeAll() {
        for (Stack stack : heap) {
            trim(stack, stack.size);
        }
        for (Stack stack : direct) {
            trim(stack, stack.size);
        }
    }

    /** Frees the {@code n} oldest entries (the bottom of the stack). */
    private void trim(Stack stack, int n) {
        stack.allocations = 0;
        if (n == 0) {
            return;
        }
        for (int i = 0; i < n; i++) {
            stack.chunks[i].arena.free(stack.chunks[i], stack.handles[i]);
        }
        int remaining = stack.size - n;
        System.arraycopy(stack.chunks, n, stack.chunks, 0, remaining);
        System.arraycopy(stack.handles, n, stack.handles, 0, remaining);
        java.util.Arrays.fill(stack.chunks, remaining, stack.size, null);
        stack.size = remaining;
        cachedBytes -= (long) n * stack.elementSize;
    }

    long cachedBytes() {
        return cachedBytes;
    }

    SizeClasses sizes() {
        return sizes;
    }

    /** Cached regions of one size class, most recently released on top. */
    private static final class Stack {
        final PoolChunk[] chunks;
        final long[] handles;
        final int elementSize;
        int size;
        /** Allocations served since the last trim. */
        int allocations;

        Stack(int capacity, int elementSize) {
            this.chunks = new PoolChunk[capacity];
            this.handles = new long[capacity];
            this.elementSize = elementSize;
        }
    }
}
