package io.sluice.buffer;

/**
 * One large block of pooled memory, split into pages. Pages are handed out in contiguous runs
 * (first fit over a bitmap); a run either backs one normal-sized buffer or a {@link PoolSlab} of
 * small buffers. Guarded by its arena's lock.
 *
 * <p>A handle names a region: for a run, {@code start << 32 | pages}; for a slab element, the sign
 * bit, {@code start << 32 | element}.
 */
final class PoolChunk {
    final PoolArena arena;
    /** The memory: a {@code byte[]} or a direct ByteBuffer of the chunk size. */
    final Object memory;
    private final int pageShift;
    private final int pageCount;
    /** One bit per page, set while the page is in use. */
    private final long[] usedPages;
    /** The slab starting at each page, if any. */
    private final PoolSlab[] slabs;
    int freePages;

    PoolChunk(PoolArena arena, Object memory, int pageShift, int pageCount) {
        this.arena = arena;
        this.memory = memory;
        this.pageShift = pageShift;
        this.pageCount = pageCount;
        this.usedPages = new long[(pageCount + 63) >>> 6];
        this.slabs = new PoolSlab[pageCount];
        this.freePages = pageCount;
    }

    static long runHandle(int start, int pages) {
        return (long) start << 32 | pages;
    }

    static long slabHandle(int start, int element) {
        return Long.MIN_VALUE | (long) start << 32 | element;
    }

    static boolean isSlab(long handle) {
        return handle < 0;
    }

    static int start(long handle) {
        return (int) (handle >>> 32) & 0x7fffffff;
    }

    static int low(long handle) {
        return (int) handle;
    }

    /** Returns the byte offset of a handle's region within {@link #memory}. */
    int offsetOf(long handle) {
        int start = start(handle);
        return isSlab(handle) ? slabs[start].offsetOf(low(handle)) : start << pageShift;
    }

    PoolSlab slabAt(int start) {
        return slabs[start];
    }

    void slabAt(int start, PoolSlab slab) {
        slabs[start] = slab;
    }

    boolean isEmpty() {
        return freePages == pageCount;
    }

    int pageShift() {
        return pageShift;
    }

    /** Reserves {@code pages} contiguous pages. @return the first page, or -1 if none fit */
    int allocateRun(int pages) {
        if (pages > freePages) {
            return -1;
        }
        int from = 0;
        while (from + pages <= pageCount) {
            int free = nextClear(from);
            if (free < 0 || free + pages > pageCount) {
                return -1;
            }
            int busy = nextSet(free + 1, free + pages);
            if (busy < 0) {
                mark(free, pages, true);
                freePages -= pages;
                return free;
            }
            from = busy + 1;
        }
        return -1;
    }

    void freeRun(int start, int pages) {
        mark(start, pages, false);
        freePages += pages;
    }

    private int nextClear(int from) {
        int word = from >>> 6;
        long bits = ~usedPages[word] & (-1L << from);
        while (bits == 0) {
            if (++word == usedPages.length) {
                return -1;
            }
            bits = ~usedPages[word];
        }
        int page = (word << 6) + Long.numberOfTrailingZeros(bits);
        return page < pageCount ? page : -1;
    }

    /** Returns the first used page in {@code [from, to)}, or -1. */
    private int nextSet(int from, int to) {
        if (from >= to) {
            return -1;
        }
        int word = from >>> 6;
        long bits = usedPages[word] & (-1L << from);
        while (bits == 0) {
            if (++word << 6 >= to) {
                return -1;
            }
            bits = usedPages[word];
        }
        int page = (word << 6) + Long.numberOfTrailingZeros(bits);
        return page < to ? page : -1;
    }

    private void mark(int start, int pages, boolean used) {
        for (int page = start, end = start + pages; page < end; ) {
            int word = page >>> 6;
            int bits = Math.min(64 - (page & 63), end - page);
            long mask = (bits == 64 ? -1L : (1L << bits) - 1) << page;
            usedPages[word] = used ? usedPages[word] | mask : usedPages[word] & ~mask;
            page += bits;
        }
    }
}
