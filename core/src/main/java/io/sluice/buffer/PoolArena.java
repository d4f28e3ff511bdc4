package io.sluice.buffer;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A shared pool of chunks of one memory kind (heap or direct). Threads without a cache allocate
 * here directly; thread caches refill from and spill to here. Every method holds the arena's lock,
 * which is uncontended as long as threads spread over the arenas.
 */
final class PoolArena {
    /** Alignment of a direct chunk's first byte. */
    private static final int PAGE_ALIGNMENT = 4096;

    final boolean direct;
    private final SizeClasses sizes;
    /** Per small class, the first slab with a free element (a doubly linked list). */
    private final PoolSlab[] partialSlabs = new PoolSlab[SizeClasses.SMALL_COUNT];
    private final ArrayList<PoolChunk> chunks = new ArrayList<>();
    /** Thread caches bound to this arena; used to spread caches evenly. */
    final AtomicInteger boundCaches = new AtomicInteger();
    /** Bytes of chunk memory reserved. Guarded by {@code this}. */
    private long allocatedBytes;
    /** Bytes handed out (to buffers or thread caches). Guarded by {@code this}. */
    private long usedBytes;
    /** First page of the run {@link #reserveRun} reserved last. Guarded by {@code this}. */
    private int reservedStart;

    PoolArena(SizeClasses sizes, boolean direct) {
        this.sizes = sizes;
        this.direct = direct;
    }

    /** Gives {@code buf} a region of class {@code cls}. */
    synchronized void allocate(RootBuffer buf, int cls) {
        long handle;
        PoolChunk chunk;
        if (SizeClasses.isSmall(cls)) {
            PoolSlab slab = partialSlabs[cls];
            if (slab == null) {
                slab = newSlab(cls);
            }
            handle = slab.allocate();
            if (slab.freeCount == 0) {
                unlink(slab);
            }
            chunk = slab.chunk;
        } else {
            int pages = sizes.pagesOf(cls);
            chunk = reserveRun(pages);
            handle = PoolChunk.runHandle(reservedStart, pages);
        }
        int size = sizes.sizeOf(cls);
        usedBytes += size;
        buf.init(chunk.memory, chunk.offsetOf(handle), size, chunk, handle);
    }

    /** Returns a region to the arena. */
    synchronized void free(PoolChunk chunk, long handle) {
        int start = PoolChunk.start(handle);
        if (PoolChunk.isSlab(handle)) {
            PoolSlab slab = chunk.slabAt(start);
            usedBytes -= slab.elementSize;
            if (slab.freeCount == 0) {
                link(slab);
            }
            slab.free(PoolChunk.low(handle));
            if (slab.isEmpty() && (slab.prev != null || slab.next != null)) {
                releaseSlab(slab);
            }
        } else {
            int pages = PoolChunk.low(handle);
            usedBytes -= (long) pages << sizes.pageShift;
            chunk.freeRun(start, pages);
            releaseIfSurplus(chunk);
        }
    }

    private PoolSlab newSlab(int cls) {
        int pages = sizes.slabPages(cls);
        PoolChunk chunk = reserveRun(pages);
        int start = reservedStart;
        PoolSlab slab = new PoolSlab(chunk, start, pages, cls, sizes.sizeOf(cls));
        chunk.slabAt(start, slab);
        link(slab);
        return slab;
    }

    /** Frees a slab with no element in use; the caller keeps at least one slab per class. */
    private void releaseSlab(PoolSlab slab) {
        unlink(slab);
        slab.chunk.slabAt(slab.startPage, null);
        slab.chunk.freeRun(slab.startPage, slab.pages);
        releaseIfSurplus(slab.chunk);
    }

    /**
     * Reserves {@code pages} contiguous pages in the first chunk with room, adding a chunk if none
     * has it. @return the chunk; the run starts at {@link #reservedStart}
     */
    private PoolChunk reserveRun(int pages) {
        for (int i = 0, n = chunks.size(); i < n; i++) {
            PoolChunk chunk = chunks.get(i);
            int start = chunk.allocateRun(pages);
            if (start >= 0) {
                reservedStart = start;
                return chunk;
            }
        }
        PoolChunk chunk = new PoolChunk(this, direct ? pageAlignedDirect(sizes.chunkSize)
                : new byte[sizes.chunkSize], sizes.pageShift, sizes.chunkSize >> sizes.pageShift);
        chunks.add(chunk);
        allocatedBytes += sizes.chunkSize;
        reservedStart = chunk.allocateRun(pages);
        return chunk;
    }

    /**
     * Direct memory for a chunk, starting on a page boundary. {@code allocateDirect} returns what
     * malloc does, 16 bytes past a page for a chunk-sized block, so every run and every buffer in it
     * would start mid cache line; the kernel's socket copies to and from such memory are slower.
     */
    static ByteBuffer pageAlignedDirect(int size) {
        long pages = ((long) size + PAGE_ALIGNMENT - 1) & -PAGE_ALIGNMENT; // alignedSlice also rounds the end down
        if (pages + PAGE_ALIGNMENT - 1 > Integer.MAX_VALUE) {
            return ByteBuffer.allocateDirect(size); // within a page of the largest buffer: no room to align
        }
        return ByteBuffer.allocateDirect((int) pages + PAGE_ALIGNMENT - 1).alignedSlice(PAGE_ALIGNMENT).slice(0, size);
    }

    /** Keeps at most one empty chunk per arena; drops the others (their memory goes to the GC). */
    private void releaseIfSurplus(PoolChunk chunk) {
        if (!chunk.isEmpty()) {
            return;
        }
        for (int i = 0, n = chunks.size(); i < n; i++) {
            PoolChunk other = chunks.get(i);
            if (other != chunk && other.isEmpty()) {
                chunks.remove(chunk);
                allocatedBytes -= sizes.chunkSize;
                return;
            }
        }
    }

    /** Frees every slab with no element in use and every chunk with no page in use. */
    synchronized void trim() {
        for (int cls = 0; cls < partialSlabs.length; cls++) {
            for (PoolSlab slab = partialSlabs[cls]; slab != null; ) {
                PoolSlab next = slab.next;
                if (slab.isEmpty()) {
                    unlink(slab);
                    slab.chunk.slabAt(slab.startPage, null);
                    slab.chunk.freeRun(slab.startPage, slab.pages);
                }
                slab = next;
            }
        }
        for (Iterator<PoolChunk> it = chunks.iterator(); it.hasNext(); ) {
            if (it.next().isEmpty()) {
                it.remove();
                allocatedBytes -= sizes.chunkSize;
            }
        }
    }

    private void link(PoolSlab slab) {
        PoolSlab head = partialSlabs[slab.sizeClass];
        slab.prev = null;
        slab.next = head;
        if (head != null) {
            head.prev = slab;
        }
        partialSlabs[slab.sizeClass] = slab;
    }

    private void unlink(PoolSlab slab) {
        if (slab.prev != null) {
            slab.prev.next = slab.next;
        } else {
            partialSlabs[slab.sizeClass] = slab.next;
        }
        if (slab.next != null) {
            slab.next.prev = slab.prev;
        }
        slab.prev = slab.next = null;
    }

    synchronized long allocatedBytes() {
        return allocatedBytes;
    }

    synchronized long usedBytes() {
        return usedBytes;
    }

    synchronized int chunkCount() {
        return chunks.size();
    }
}
