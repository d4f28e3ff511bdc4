package io.sluice.buffer;

/**
 * A run of pages in a {@link PoolChunk} cut into equal elements of one small size class, with a
 * bitmap of the elements in use. Linked into its arena's list of slabs with free elements.
 * Guarded by its arena's lock.
 */
final class PoolSlab {
    final PoolChunk chunk;
    final int startPage;
    final int pages;
    final int sizeClass;
    final int elementSize;
    final int elementCount;
    /** One bit per element, set while in use; bits past {@link #elementCount} are always set. */
    private final long[] used;
    int freeCount;
    /** An element known to be free (the last freed), or -1. */
    private int hint = -1;
    PoolSlab prev;
    PoolSlab next;

    PoolSlab(PoolChunk chunk, int startPage, int pages, int sizeClass, int elementSize) {
        this.chunk = chunk;
        this.startPage = startPage;
        this.pages = pages;
        this.sizeClass = sizeClass;
        this.elementSize = elementSize;
        this.elementCount = (pages << chunk.pageShift()) / elementSize;
        this.used = new long[(elementCount + 63) >>> 6];
        int tail = elementCount & 63;
        if (tail != 0) {
            used[used.length - 1] = -1L << tail;
        }
        this.freeCount = elementCount;
    }

    /** Takes a free element; the caller checked {@code freeCount > 0}. @return its handle */
    long allocate() {
        int element = hint;
        if (element >= 0) {
            hint = -1;
        } else {
            element = firstFree();
        }
        used[element >>> 6] |= 1L << element;
        freeCount--;
        return PoolChunk.slabHandle(startPage, element);
    }

    private int firstFree() {
        for (int word = 0; ; word++) {
            long free = ~used[word];
            if (free != 0) {
                return (word << 6) + Long.numberOfTrailingZeros(free);
            }
        }
    }

    void free(int element) {
        used[element >>> 6] &= ~(1L << element);
        freeCount++;
        hint = element;
    }

    boolean isEmpty() {
        return freeCount == elementCount;
    }

    int offsetOf(int element) {
        return (startPage << chunk.pageShift()) + element * elementSize;
    }
}
