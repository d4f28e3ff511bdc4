package io.sluice.buffer;

import static io.sluice.buffer.TestBuffers.pattern;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.internal.EventLoopThread;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class PooledBufferAllocatorTest {
    private static final int CHUNK = 4 << 20;

    private static PooledBufferAllocator.Builder oneArena(boolean cacheForAllThreads) {
        return PooledBufferAllocator.builder().preferDirect(false).arenaCount(1)
                .cacheForAllThreads(cacheForAllThreads);
    }

    /** A live buffer filled with {@code pattern(seed, i)}; verified before it is released. */
    private static final class Live {
        final Buffer buf;
        final int seed;
        int length;

        Live(Buffer buf, int seed, int length) {
            this.buf = buf;
            this.seed = seed;
            this.length = length;
            buf.writeBytes(TestBuffers.patternBytes(seed, length));
        }

        void grow(int extra) {
            for (int i = 0; i < extra; i++) {
                buf.writeByte(pattern(seed, length + i));
            }
            length += extra;
        }

        void verifyAndRelease() {
            byte[] got = new byte[length];
            buf.getBytes(0, got);
            for (int i = 0; i < length; i++) {
                if (got[i] != pattern(seed, i)) {
                    throw new AssertionError("buffer " + seed + " of " + length + " bytes was overwritten at " + i
                            + ": two live buffers share memory? " + buf);
                }
            }
            assertTrue(buf.release());
        }
    }

    @Test
    void releasedMemoryIsReused() {
        PooledBufferAllocator alloc = oneArena(false).build();
        int[] sizes = {1000, 5000, 20_000, 100_000, 1 << 20};
        for (int size : sizes) {
            new Live(alloc.buffer(size), size, size).verifyAndRelease();
        }
        int chunks = alloc.chunkCount();
        long allocated = alloc.allocatedBytes();
        assertTrue(chunks >= 1);
        assertTrue(allocated >= CHUNK, "allocated " + allocated);
        for (int i = 0; i < 200; i++) {
            Live live = new Live(alloc.buffer(sizes[i % sizes.length]), i, sizes[i % sizes.length]);
            assertTrue(alloc.chunkCount() <= chunks, "no new chunk for memory that was released");
            assertTrue(alloc.allocatedBytes() <= allocated);
            live.verifyAndRelease();
        }
        assertEquals(0, alloc.usedBytes());
        assertEquals(0, alloc.cachedBytes(), "no cache for this thread without cacheForAllThreads");
    }

    @Test
    void threadCacheReusesTheSameRegion() {
        PooledBufferAllocator alloc = oneArena(true).build();
        Buffer first = alloc.heapBuffer(1000);
        long used = alloc.usedBytes();
        assertTrue(used >= 1000, "used " + used);
        int chunks = alloc.chunkCount();
        first.release();
        assertEquals(0, alloc.usedBytes());
        assertEquals(used, alloc.cachedBytes(), "the released region went to this thread's cache");
        Buffer second = alloc.heapBuffer(1000);
        assertEquals(0, alloc.cachedBytes(), "the cached region was handed out again");
        assertEquals(used, alloc.usedBytes());
        assertEquals(chunks, alloc.chunkCount());
        second.release();
        Buffer big = alloc.heapBuffer(100_000);
        big.release();
        assertEquals(used, alloc.cachedBytes(), "regions above 64 KiB are not cached");
        alloc.freeThreadCache();
        assertEquals(0, alloc.cachedBytes());
        assertEquals(0, alloc.usedBytes());
    }

    /**
     * An event-loop thread finds its cache through a one-entry slot of the allocator it used last;
     * two allocators used in turn on one loop thread must each keep their own cache, and a freed
     * cache must not be handed out from that slot again.
     */
    @Test
    void aLoopThreadUsingTwoAllocatorsInTurnKeepsACacheForEach() throws Exception {
        PooledBufferAllocator a = oneArena(false).build();
        PooledBufferAllocator b = oneArena(false).build();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread loop = new EventLoopThread(() -> {
            try {
                for (int round = 0; round < 3; round++) {
                    Buffer fromA = a.heapBuffer(1000);
                    Buffer fromB = b.heapBuffer(1000);
                    long usedA = a.usedBytes();
                    long usedB = b.usedBytes();
                    fromA.release();
                    fromB.release();
                    assertEquals(usedA, a.cachedBytes(), "A's region went to A's cache of this thread");
                    assertEquals(usedB, b.cachedBytes(), "B's region went to B's cache of this thread");
                }
                a.heapBuffer(1000).release(); // A's cache is now the one the thread used last
                a.freeThreadCache();
                assertEquals(0, a.cachedBytes());
                a.heapBuffer(1000).release(); // a fresh cache, not the freed one
                assertTrue(a.cachedBytes() > 0, "the new cache of this thread took the region");
                a.freeThreadCache();
                b.freeThreadCache();
            } catch (Throwable t) {
                failure.set(t);
            }
        }, "loop-two-allocators", false);
        loop.start();
        loop.join(10_000);
        assertFalse(loop.isAlive());
        if (failure.get() != null) {
            throw new AssertionError(failure.get());
        }
        assertEquals(0, a.usedBytes() + a.cachedBytes());
        assertEquals(0, b.usedBytes() + b.cachedBytes());
    }

    /**
     * Pooled direct memory starts on a page boundary, so a buffer of a page or more starts on one
     * and a small one on a multiple of its size class: the kernel copies socket data to and from
     * memory that starts mid cache line markedly slower (bulk echo, issue 18).
     */
    @Test
    void pooledDirectMemoryIsPageAligned() {
        PooledBufferAllocator alloc = PooledBufferAllocator.builder().arenaCount(1).build();
        List<Buffer> live = new ArrayList<>();
        try {
            // the last is above a chunk: unpooled, aligned all the same
            for (int size : new int[] {8192, 16384, 100, 32768, 65536, 8192 * 3, 1000, (16 << 20) + 5}) {
                RootBuffer buf = (RootBuffer) alloc.directBuffer(size);
                live.add(buf);
                ByteBuffer memory = (ByteBuffer) buf.memory();
                int alignment = size >= 8192 ? 4096 : 64;
                assertEquals(0, memory.alignmentOffset(buf.offset, alignment),
                        "a " + size + "-byte buffer starts on a " + alignment + "-byte boundary");
            }
        } finally {
            live.forEach(Buffer::release);
            alloc.freeThreadCache();
        }
    }

    @Test
    void metricsFollowLiveBuffers() {
        PooledBufferAllocator alloc = oneArena(false).build();
        assertSame(alloc, alloc.metrics());
        assertEquals(0, alloc.usedBytes());
        List<Buffer> live = new ArrayList<>();
        long requested = 0;
        for (int size : new int[] {1, 100, 3000, 9000, 70_000, 1 << 20}) {
            long before = alloc.usedBytes();
            live.add(alloc.directBuffer(size));
            requested += size;
            assertTrue(alloc.usedBytes() >= before + size, "used grows by at least " + size);
        }
        assertTrue(alloc.usedBytes() >= requested);
        assertTrue(alloc.allocatedBytes() >= alloc.usedBytes());
        for (Buffer b : live) {
            long before = alloc.usedBytes();
            b.release();
            assertTrue(alloc.usedBytes() < before, "used shrinks on release");
        }
        assertEquals(0, alloc.usedBytes());
        assertEquals(0, alloc.cachedBytes());
        assertTrue(alloc.allocatedBytes() > 0, "an empty chunk is kept for reuse");
    }

    static Stream<Named<int[]>> sizeClasses() {
        IntStream edges = IntStream.rangeClosed(0, 13).flatMap(p -> IntStream.of((1 << p) - 1, 1 << p, (1 << p) + 1));
        int[] small = IntStream.concat(IntStream.iterate(1, s -> s <= 8192, s -> s + 61), edges)
                .filter(s -> s >= 1 && s <= 8192).distinct().toArray();
        int[] runs = {8193, 12_288, 16_383, 16_384, 16_385, 65_536 + 7, 100_000, 1 << 20, (3 << 20) + 5, CHUNK};
        return Stream.of(Named.of("slab sizes 1 B .. 8 KiB", small), Named.of("page runs 8 KiB+1 .. 4 MiB", runs));
    }

    @ParameterizedTest
    @MethodSource("sizeClasses")
    void allSizesHoldTheirBytesWhileLiveTogether(int[] sizes) {
        for (boolean direct : new boolean[] {false, true}) {
            PooledBufferAllocator alloc = PooledBufferAllocator.builder().preferDirect(direct).arenaCount(1).build();
            List<Live> live = new ArrayList<>();
            long requested = 0;
            for (int size : sizes) {
                Buffer buf = alloc.buffer(size);
                assertEquals(direct, buf.isDirect());
                assertTrue(buf.capacity() >= size, "capacity " + buf.capacity() + " for " + size);
                assertEquals(Integer.MAX_VALUE, buf.maxCapacity());
                live.add(new Live(buf, live.size(), size));
                requested += size;
            }
            assertTrue(alloc.usedBytes() >= requested);
            for (Live l : live) {
                l.verifyAndRelease();
            }
            assertEquals(0, alloc.usedBytes());
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void hugeBuffersAreUnpooled(boolean direct) {
        PooledBufferAllocator alloc = PooledBufferAllocator.builder().preferDirect(direct).arenaCount(1).build();
        Live warm = new Live(alloc.buffer(100), 1, 100);
        int chunks = alloc.chunkCount();
        long allocated = alloc.allocatedBytes();
        Live huge = new Live(alloc.buffer(CHUNK + 1), 2, CHUNK + 1);
        assertEquals(chunks, alloc.chunkCount(), "a huge buffer takes no chunk");
        assertTrue(alloc.allocatedBytes() >= allocated + CHUNK + 1);
        assertTrue(alloc.usedBytes() >= CHUNK + 1);
        huge.grow(1000);
        huge.verifyAndRelease();
        assertEquals(allocated, alloc.allocatedBytes(), "a huge buffer's memory is given back on release");
        warm.verifyAndRelease();
    }

    @Test
    void growingMovesBetweenSizeClassesAndKeepsContent() {
        PooledBufferAllocator alloc = oneArena(false).build();
        Live live = new Live(alloc.buffer(10), 77, 10);
        for (int extra : new int[] {100, 5000, 20_000, 3 << 20, 2 << 20}) {
            live.grow(extra);
        }
        assertTrue(live.buf.capacity() > CHUNK);
        live.verifyAndRelease();
        assertEquals(0, alloc.usedBytes());
    }

    @Test
    void trimDropsChunksWithoutLiveBuffers() {
        PooledBufferAllocator alloc = oneArena(false).build();
        Live a = new Live(alloc.buffer(3 << 20), 1, 3 << 20);
        Live b = new Live(alloc.buffer(3 << 20), 2, 3 << 20);
        Live c = new Live(alloc.buffer(3 << 20), 3, 3 << 20);
        assertTrue(alloc.chunkCount() >= 3, "three 3 MiB runs need three 4 MiB chunks");
        a.verifyAndRelease();
        c.verifyAndRelease();
        alloc.trim();
        assertEquals(1, alloc.chunkCount(), "only the chunk of the live buffer is left");
        assertEquals(CHUNK, alloc.allocatedBytes());
        b.grow(10);
        b.verifyAndRelease();
        alloc.trim();
        assertEquals(0, alloc.chunkCount());
        assertEquals(0, alloc.allocatedBytes());
        assertEquals(0, alloc.usedBytes());
    }

    @Test
    void trimAlsoEmptiesTheCallingThreadsCache() {
        PooledBufferAllocator alloc = oneArena(true).build();
        for (int size : new int[] {16, 1000, 8192, 20_000}) {
            alloc.heapBuffer(size).release();
        }
        assertTrue(alloc.cachedBytes() > 0);
        alloc.trim();
        assertEquals(0, alloc.cachedBytes());
        assertEquals(0, alloc.chunkCount());
        assertEquals(0, alloc.allocatedBytes());
        Live after = new Live(alloc.heapBuffer(1000), 5, 1000);
        after.verifyAndRelease();
        alloc.freeThreadCache();
    }

    private static int randomSize(Random rnd) {
        int r = rnd.nextInt(100);
        if (r < 70) {
            return 1 + rnd.nextInt(1024);
        } else if (r < 90) {
            return 1025 + rnd.nextInt(15 << 10);
        } else if (r < 99) {
            return (16 << 10) + rnd.nextInt(496 << 10);
        }
        return CHUNK + 1 + rnd.nextInt(1 << 20);
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void concurrentAllocateWriteVerifyRelease(boolean cacheForAllThreads) throws Exception {
        PooledBufferAllocator alloc = PooledBufferAllocator.builder().arenaCount(2)
                .cacheForAllThreads(cacheForAllThreads).build();
        TestBuffers.runConcurrently(4, id -> {
            Random rnd = new Random(1000 + id);
            List<Live> live = new ArrayList<>();
            try {
                for (int i = 0; i < 400; i++) {
                    int size = randomSize(rnd);
                    Buffer buf = rnd.nextBoolean() ? alloc.heapBuffer(size) : alloc.directBuffer(size);
                    Live l = new Live(buf, id << 20 | i, size);
                    live.add(l);
                    if (rnd.nextInt(10) == 0) {
                        l.grow(1 + rnd.nextInt(4096));
                    }
                    if (live.size() > 6) {
                        live.remove(rnd.nextInt(live.size())).verifyAndRelease();
                    }
                }
                while (!live.isEmpty()) {
                    live.remove(live.size() - 1).verifyAndRelease();
                }
            } finally {
                for (Live l : live) {
                    l.buf.release();
                }
                alloc.freeThreadCache();
            }
            return null;
        });
        assertEquals(0, alloc.usedBytes());
        assertEquals(0, alloc.cachedBytes());
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void buffersReleasedOnAnotherThread(boolean cacheForAllThreads) throws Exception {
        PooledBufferAllocator alloc = PooledBufferAllocator.builder().arenaCount(2)
                .cacheForAllThreads(cacheForAllThreads).build();
        BlockingQueue<Live> queue = new ArrayBlockingQueue<>(32);
        int perProducer = 500;
        try {
            // threads 0 and 1 produce, 2 and 3 consume; each consumer takes a fixed share
            List<Integer> counts = TestBuffers.runConcurrently(4, id -> {
                try {
                    if (id < 2) {
                        Random rnd = new Random(id);
                        for (int i = 0; i < perProducer; i++) {
                            int size = randomSize(rnd) % (1 << 20) + 1;
                            Buffer buf = rnd.nextBoolean() ? alloc.heapBuffer(size) : alloc.directBuffer(size);
                            Live l = new Live(buf, id << 20 | i, size);
                            if (!queue.offer(l, 10, TimeUnit.SECONDS)) {
                                l.buf.release();
                                throw new AssertionError("consumers stalled");
                            }
                        }
                        return perProducer;
                    }
                    for (int i = 0; i < perProducer; i++) {
                        Live l = queue.poll(10, TimeUnit.SECONDS);
                        assertNotNull(l, "producers stalled");
                        l.verifyAndRelease();
                    }
                    return perProducer;
                } finally {
                    alloc.freeThreadCache();
                }
            });
            assertEquals(List.of(perProducer, perProducer, perProducer, perProducer), counts);
        } finally {
            for (Live l; (l = queue.poll()) != null; ) {
                l.buf.release();
            }
        }
        assertTrue(queue.isEmpty());
        assertEquals(0, alloc.usedBytes());
        assertEquals(0, alloc.cachedBytes());
    }

    static Stream<Named<BufferAllocator>> allocators() {
        return Stream.of(Named.of("unpooled", BufferAllocator.unpooled()),
                Named.of("pooled", BufferAllocator.pooled()),
                Named.of("default", BufferAllocator.defaultAllocator()),
                Named.of("pooled heap", oneArena(false).build()));
    }

    private static void assertIllegal(Executable action, String... named) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, action);
        for (String n : named) {
            assertTrue(String.valueOf(e.getMessage()).contains(n), () -> "names " + n + ": " + e.getMessage());
        }
    }

    @ParameterizedTest
    @MethodSource("allocators")
    void badCapacitiesAreRejected(BufferAllocator alloc) {
        assertIllegal(() -> alloc.buffer(-1), "-1");
        assertIllegal(() -> alloc.heapBuffer(-7), "-7");
        assertIllegal(() -> alloc.directBuffer(-8), "-8");
        assertIllegal(() -> alloc.ioBuffer(-9), "-9");
        assertIllegal(() -> alloc.buffer(300, 200), "300", "200");
        assertIllegal(() -> alloc.heapBuffer(11, 10), "11", "10");
        assertIllegal(() -> alloc.directBuffer(1000, 999), "1000", "999");
        assertIllegal(() -> alloc.compositeBuffer(0), "0");
        Buffer empty = alloc.buffer(0, 0);
        assertEquals(0, empty.capacity());
        assertEquals(0, empty.maxCapacity());
        assertThrows(IndexOutOfBoundsException.class, () -> empty.writeByte(1));
        empty.release();
    }

    @ParameterizedTest
    @MethodSource("allocators")
    void kindsAndDefaults(BufferAllocator alloc) {
        Buffer preferred = alloc.buffer();
        assertEquals(BufferAllocator.DEFAULT_INITIAL_CAPACITY, preferred.capacity());
        assertEquals(BufferAllocator.DEFAULT_MAX_CAPACITY, preferred.maxCapacity());
        assertEquals(alloc.isDirectPreferred(), preferred.isDirect());
        assertSame(alloc, preferred.alloc());
        Buffer heap = alloc.heapBuffer();
        Buffer direct = alloc.directBuffer(10, 20);
        Buffer io = alloc.ioBuffer(10);
        assertFalse(heap.isDirect());
        assertTrue(heap.hasArray());
        assertTrue(direct.isDirect());
        assertEquals(20, direct.maxCapacity());
        assertTrue(io.isDirect(), "I/O buffers are direct");
        assertTrue(io.capacity() >= 10);
        for (Buffer b : new Buffer[] {preferred, heap, direct, io}) {
            assertTrue(b.release());
        }
        if (!alloc.isPooled()) {
            assertEquals(0, alloc.metrics().chunkCount());
        }
    }

    @Test
    void sharedInstances() {
        assertSame(PooledBufferAllocator.DEFAULT, BufferAllocator.pooled());
        assertTrue(BufferAllocator.pooled().isPooled());
        assertTrue(BufferAllocator.pooled().isDirectPreferred());
        assertFalse(BufferAllocator.unpooled().isPooled());
        assertFalse(BufferAllocator.unpooled().isDirectPreferred());
        assertEquals(0, BufferAllocator.unpooled().metrics().chunkCount());
        assertFalse(oneArena(false).build().isDirectPreferred());
    }

    @Test
    void builderRejectsSettingsOutOfRange() {
        assertIllegal(() -> PooledBufferAllocator.builder().pageSize(1000).build(), "1000");
        assertIllegal(() -> PooledBufferAllocator.builder().pageSize(2048).build(), "2048");
        assertIllegal(() -> PooledBufferAllocator.builder().pageSize(8192).chunkSize(8192 * 16).build(), "131072");
        assertIllegal(() -> PooledBufferAllocator.builder().chunkSize(3 << 20).build(), Integer.toString(3 << 20));
        assertIllegal(() -> PooledBufferAllocator.builder().arenaCount(0).build(), "arenaCount");
        PooledBufferAllocator small = PooledBufferAllocator.builder().pageSize(4096).chunkSize(1 << 17).build();
        Live run = new Live(small.buffer(100_000), 9, 100_000);
        Live huge = new Live(small.buffer((1 << 17) + 1), 10, (1 << 17) + 1);
        run.verifyAndRelease();
        huge.verifyAndRelease();
    }
}
