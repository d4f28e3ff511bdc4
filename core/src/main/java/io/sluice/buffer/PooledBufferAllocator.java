package io.sluice.buffer;

import io.sluice.internal.EventLoopThread;
import io.sluice.internal.LoopLocal;
import io.sluice.internal.VirtualThreads;
import java.lang.ref.Cleaner;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The default allocator: memory comes from large chunks (4 MiB by default) that are reused.
 *
 * <ul>
 *   <li>Sizes up to 8 KiB come from slabs of equal elements in size classes (16-byte steps to 512,
 *       then four steps per doubling); larger sizes up to the chunk size are runs of 8 KiB pages;
 *       larger still are allocated unpooled.
 *   <li>Event-loop threads keep a per-thread cache of released regions (up to 64 KiB each), so
 *       their allocate/release cycle takes no lock. Other threads share {@code arenaCount} arenas
 *       (chosen by thread id) under a lock, without any thread-local state, unless
 *       {@code cacheForAllThreads} is set (system property
 *       {@code io.sluice.allocator.cacheForAllThreads}). Virtual threads never get a cache: there
 *       may be thousands, each short-lived.
 *   <li>An arena keeps one empty chunk for reuse and drops the others; {@link #trim()} drops all.
 *       Dropped direct chunks are freed by the garbage collector.
 * </ul>
 *
 * <p>Safe from any thread: a buffer may be released on a thread other than the one that
 * allocated it.
 */
public final class PooledBufferAllocator extends AbstractAllocator implements AllocatorMetrics {
    private static final Cleaner CLEANER = Cleaner.create();
    /**
     * The cache an event-loop thread used last, of whichever allocator: a loop allocates and frees
     * through one allocator nearly always, so this slot answers without the thread-local map probe
     * that costs the read and write paths twice per message. The slot keeps that allocator reachable
     * until the loop uses another one or ends, like any allocator its handlers still refer to.
     */
    private static final LoopLocal<PoolThreadCache> RECENT_CACHE = LoopLocal.empty();

    /** The shared instance, preferring direct memory, configured from system properties. */
    public static final PooledBufferAllocator DEFAULT = builder().build();

    private final SizeClasses sizes;
    private final PoolArena[] heapArenas;
    private final PoolArena[] directArenas;
    private final boolean cacheForAllThreads;
    private final int smallCacheEntries;
    private final int normalCacheEntries;
    private final int maxCachedCapacity;
    private final ThreadLocal<PoolThreadCache> threadCache = new ThreadLocal<>();
    private final Set<PoolThreadCache> liveCaches = ConcurrentHashMap.newKeySet();
    /** Bytes of unpooled ("huge", above the chunk size) buffers alive. */
    private final LongAdder hugeBytes = new LongAdder();

    private PooledBufferAllocator(Builder b) {
        super(b.preferDirect);
        this.sizes = new SizeClasses(b.pageSize, b.chunkSize);
        this.heapArenas = new PoolArena[b.arenaCount];
        this.directArenas = new PoolArena[b.arenaCount];
        for (int i = 0; i < b.arenaCount; i++) {
            heapArenas[i] = new PoolArena(sizes, false);
            directArenas[i] = new PoolArena(sizes, true);
        }
        this.cacheForAllThreads = b.cacheForAllThreads;
        this.smallCacheEntries = b.smallCacheEntries;
        this.normalCacheEntries = b.normalCacheEntries;
        this.maxCachedCapacity = b.maxCachedCapacity;
    }

    /** Returns a builder with defaults taken from system properties {@code io.sluice.allocator.*}. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    void allocateRegion(RootBuffer buf, int capacity) {
        if (capacity > sizes.chunkSize) {
            buf.init(buf.isDirect() ? PoolArena.pageAlignedDirect(capacity) : new byte[capacity], 0, capacity, null, 0);
            hugeBytes.add(capacity);
            return;
        }
        int cls = sizes.classOf(capacity);
        PoolThreadCache cache = threadCache();
        if (cache == null) {
            arenaOf(Thread.currentThread(), buf.isDirect()).allocate(buf, cls);
        } else if (!cache.allocate(buf, cls)) {
            cache.arena(buf.isDirect()).allocate(buf, cls);
        }
    }

    @Override
    void free(RootBuffer buf) {
        PoolChunk chunk = buf.chunk;
        if (chunk == null) {
            hugeBytes.add(-buf.regionLength);
            return;
        }
        boolean direct = buf.isDirect();
        PoolThreadCache cache = threadCache();
        if (cache == null || cache.arena(direct) != chunk.arena
                || !cache.free(chunk, buf.handle, sizes.classOf(buf.regionLength), direct)) {
            chunk.arena.free(chunk, buf.handle);
        }
    }

    private PoolArena arenaOf(Thread thread, boolean direct) {
        PoolArena[] arenas = direct ? directArenas : heapArenas;
        return arenas[(int) (thread.getId() % arenas.length)];
    }

    /** Returns the calling thread's cache, creating it for eligible threads, or {@code null}. */
    private PoolThreadCache threadCache() {
        Thread thread = Thread.currentThread();
        if (thread instanceof EventLoopThread) {
            PoolThreadCache recent = RECENT_CACHE.get();
            if (recent != null && recent.owner == this) {
                return recent;
            }
            PoolThreadCache cache = threadCache.get();
            cache = cache != null ? cache : newThreadCache(thread);
            RECENT_CACHE.set(cache);
            return cache;
        }
        // virtual threads come and go by the thousand: a cache each would pin memory per thread
        if (!cacheForAllThreads || VirtualThreads.isVirtual(thread)) {
            return null;
        }
        PoolThreadCache cache = threadCache.get();
        return cache != null ? cache : newThreadCache(thread);
    }

    private PoolThreadCache newThreadCache(Thread thread) {
        PoolThreadCache cache = new PoolThreadCache(leastBound(heapArenas), leastBound(directArenas), sizes,
                smallCacheEntries, normalCacheEntries, maxCachedCapacity);
        cache.owner = this;
        threadCache.set(cache);
        liveCaches.add(cache);
        Runnable release = () -> retire(cache);
        if (thread instanceof EventLoopThread) {
            ((EventLoopThread) thread).onExit(release);
        } else {
            CLEANER.register(thread, release);
        }
        return cache;
    }

    private void retire(PoolThreadCache cache) {
        if (liveCaches.remove(cache)) {
            cache.freeAll();
            cache.heapArena.boundCaches.decrementAndGet();
            cache.directArena.boundCaches.decrementAndGet();
        }
    }

    private static PoolArena leastBound(PoolArena[] arenas) {
        PoolArena best = arenas[0];
        for (PoolArena arena : arenas) {
            if (arena.boundCaches.get() < best.boundCaches.get()) {
                best = arena;
            }
        }
        best.boundCaches.incrementAndGet();
        return best;
    }

    /**
     * Returns the calling thread's cached memory to the arenas and forgets the cache; the thread
     * gets a fresh one on its next allocation if it is eligible.
     */
    public void freeThreadCache() {
        PoolThreadCache cache = threadCache.get();
        if (cache != null) {
            threadCache.remove();
            if (RECENT_CACHE.get() == cache) {
                RECENT_CACHE.set(null);
            }
            retire(cache);
        }
    }

    /** Frees the calling thread's cache, then every slab and chunk that holds no live buffer. */
    public void trim() {
        freeThreadCache();
        for (PoolArena arena : heapArenas) {
            arena.trim();
        }
        for (PoolArena arena : directArenas) {
            arena.trim();
        }
    }

    @Override
    public boolean isPooled() {
        return true;
    }

    @Override
    public AllocatorMetrics metrics() {
        return this;
    }

    @Override
    public long allocatedBytes() {
        long sum = hugeBytes.sum();
        for (int i = 0; i < heapArenas.length; i++) {
            sum += heapArenas[i].allocatedBytes() + directArenas[i].allocatedBytes();
        }
        return sum;
    }

    @Override
    public long usedBytes() {
        long sum = hugeBytes.sum();
        for (int i = 0; i < heapArenas.length; i++) {
            sum += heapArenas[i].usedBytes() + directArenas[i].usedBytes();
        }
        return Math.max(0, sum - cachedBytes());
    }

    @Override
    public long cachedBytes() {
        long sum = 0;
        for (PoolThreadCache cache : liveCaches) {
            sum += cache.cachedBytes();
        }
        return sum;
    }

    @Override
    public int chunkCount() {
        int sum = 0;
        for (int i = 0; i < heapArenas.length; i++) {
            sum += heapArenas[i].chunkCount() + directArenas[i].chunkCount();
        }
        return sum;
    }

    @Override
    public String toString() {
        return "PooledBufferAllocator(arenas: " + heapArenas.length + ", chunk: " + sizes.chunkSize
                + ", page: " + sizes.pageSize + ")";
    }

    /** Configures a {@link PooledBufferAllocator}. */
    public static final class Builder {
        private boolean preferDirect = !"false".equals(System.getProperty("io.sluice.allocator.preferDirect"));
        private int pageSize = Integer.getInteger("io.sluice.allocator.pageSize", 8192);
        private int chunkSize = Integer.getInteger("io.sluice.allocator.chunkSize", 4 << 20);
        private int arenaCount = Integer.getInteger("io.sluice.allocator.arenas", defaultArenaCount());
        private boolean cacheForAllThreads = Boolean.getBoolean("io.sluice.allocator.cacheForAllThreads");
        private int smallCacheEntries = Integer.getInteger("io.sluice.allocator.smallCacheEntries", 256);
        private int normalCacheEntries = Integer.getInteger("io.sluice.allocator.normalCacheEntries", 64);
        private int maxCachedCapacity = Integer.getInteger("io.sluice.allocator.maxCachedCapacity", 64 << 10);

        private Builder() {}

        private static int defaultArenaCount() {
            int byCores = 2 * Runtime.getRuntime().availableProcessors();
            // never let the arenas' first chunks take more than a sixth of the heap
            long byMemory = Runtime.getRuntime().maxMemory() / (4L << 20) / 6;
            return (int) Math.max(1, Math.min(byCores, byMemory));
        }

        /** Whether {@link #buffer()} returns direct buffers (default true). @return this builder */
        public Builder preferDirect(boolean preferDirect) {
            this.preferDirect = preferDirect;
            return this;
        }

        /** Page size in bytes: a power of two from 4 KiB to 64 KiB (default 8 KiB). @return this builder */
        public Builder pageSize(int pageSize) {
            this.pageSize = pageSize;
            return this;
        }

        /**
         * Chunk size in bytes: a power of two, at least 32 pages and at most 1 GiB (default 4 MiB).
         *
         * @return this builder
         */
        public Builder chunkSize(int chunkSize) {
            this.chunkSize = chunkSize;
            return this;
        }

        /** Number of arenas per memory kind (default: 2 per core, bounded by the heap). @return this builder */
        public Builder arenaCount(int arenaCount) {
            this.arenaCount = arenaCount;
            return this;
        }

        /** Whether every thread, not only event-loop threads, gets a cache (default false). @return this builder */
        public Builder cacheForAllThreads(boolean cacheForAllThreads) {
            this.cacheForAllThreads = cacheForAllThreads;
            return this;
        }

        /** Builds the allocator. @throws IllegalArgumentException naming a setting out of range */
        public PooledBufferAllocator build() {
            require(Integer.bitCount(pageSize) == 1 && pageSize >= 4096 && pageSize <= 65536,
                    "pageSize: " + pageSize + " (expected: a power of two in 4096-65536)");
            require(Integer.bitCount(chunkSize) == 1 && chunkSize >= 32 * pageSize && chunkSize <= 1 << 30,
                    "chunkSize: " + chunkSize + " (expected: a power of two, >= 32 * pageSize(" + pageSize
                            + ") and <= 1 GiB)");
            require(arenaCount >= 1, "arenaCount: " + arenaCount + " (expected: >= 1)");
            require(smallCacheEntries >= 0 && normalCacheEntries >= 0 && maxCachedCapacity >= 0,
                    "cache sizes: smallCacheEntries " + smallCacheEntries + ", normalCacheEntries " + normalCacheEntries
                            + ", maxCachedCapacity " + maxCachedCapacity + " (expected: each >= 0)");
            return new PooledBufferAllocator(this);
        }

        private static void require(boolean ok, String message) {
            if (!ok) {
                throw new IllegalArgumentException(message);
            }
        }
    }
}
