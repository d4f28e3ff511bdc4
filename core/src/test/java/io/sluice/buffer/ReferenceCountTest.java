package io.sluice.buffer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ReferenceCountTest {
    private static final PooledBufferAllocator POOLED = PooledBufferAllocator.builder().build();
    private static final int THREADS = 4;

    static Stream<Named<Supplier<Buffer>>> kinds() {
        return Stream.of(
                Named.of("unpooled heap", () -> BufferAllocator.unpooled().heapBuffer(32)),
                Named.of("unpooled direct", () -> BufferAllocator.unpooled().directBuffer(32)),
                Named.of("pooled heap", () -> POOLED.heapBuffer(32)),
                Named.of("pooled direct", () -> POOLED.directBuffer(32)),
                Named.of("composite", () -> TestBuffers.compositeOfCapacity(POOLED, 32)),
                Named.of("wrapped", () -> Buffers.wrap(new byte[32])),
                Named.of("slice", () -> POOLED.buffer(64).slice(8, 32)));
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void retainAndReleaseCount(Supplier<Buffer> kind) {
        Buffer buf = kind.get();
        assertEquals(1, buf.refCnt());
        assertSame(buf, buf.retain());
        assertEquals(2, buf.refCnt());
        assertSame(buf, buf.retain(3));
        assertEquals(5, buf.refCnt());
        assertFalse(buf.release(4));
        assertEquals(1, buf.refCnt());
        assertTrue(buf.release());
        assertEquals(0, buf.refCnt());
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void overReleaseThrowsAndChangesNothing(Supplier<Buffer> kind) {
        Buffer buf = kind.get();
        buf.retain();
        IllegalReferenceCountException e = assertThrows(IllegalReferenceCountException.class, () -> buf.release(5));
        assertTrue(e.getMessage().contains("2") && e.getMessage().contains("5"), e.getMessage());
        assertEquals(2, buf.refCnt());
        assertTrue(buf.release(2));
        assertThrows(IllegalReferenceCountException.class, buf::release);
        assertThrows(IllegalReferenceCountException.class, () -> buf.release(1));
        assertEquals(0, buf.refCnt());
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void retainAfterReleaseThrows(Supplier<Buffer> kind) {
        Buffer buf = kind.get();
        buf.release();
        assertThrows(IllegalReferenceCountException.class, buf::retain);
        assertThrows(IllegalReferenceCountException.class, () -> buf.retain(2));
        assertEquals(0, buf.refCnt(), "a failed retain does not resurrect");
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void nonPositiveAmountsAndOverflowAreRejected(Supplier<Buffer> kind) {
        Buffer buf = kind.get();
        assertThrows(IllegalArgumentException.class, () -> buf.retain(0));
        assertThrows(IllegalArgumentException.class, () -> buf.retain(-1));
        assertThrows(IllegalArgumentException.class, () -> buf.release(0));
        assertThrows(IllegalArgumentException.class, () -> buf.release(-3));
        buf.retain();
        assertThrows(IllegalReferenceCountException.class, () -> buf.retain(Integer.MAX_VALUE));
        assertEquals(2, buf.refCnt(), "an overflowing retain changes nothing");
        assertTrue(buf.release(2));
    }

    @Test
    void referenceCountingHelpers() {
        Buffer buf = Buffers.copyOf(new byte[] {1});
        Object plain = "not counted";
        assertFalse(ReferenceCounting.release(plain));
        assertSame(plain, ReferenceCounting.retain(plain));
        assertSame(plain, ReferenceCounting.touch(plain, "hint"));
        assertSame(buf, ReferenceCounting.retain(buf));
        assertEquals(2, buf.refCnt());
        assertSame(buf, ReferenceCounting.touch(buf, "hint"));
        assertFalse(ReferenceCounting.release(buf));
        assertTrue(ReferenceCounting.release(buf));
        assertThrows(IllegalReferenceCountException.class, () -> ReferenceCounting.release(buf));
        assertFalse(ReferenceCounting.safeRelease(buf));
        assertFalse(ReferenceCounting.safeRelease(plain));
    }

    private static <T> List<T> onThreads(TestBuffers.ThreadTask<T> task) throws Exception {
        return TestBuffers.runConcurrently(THREADS, task);
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void concurrentRetainReleaseEndsAtExactlyOne(Supplier<Buffer> kind) throws Exception {
        Buffer buf = kind.get();
        AtomicInteger deallocations = new AtomicInteger();
        onThreads(id -> {
            Random rnd = new Random(id);
            Buffer view = id % 2 == 0 ? buf : buf.duplicate(); // views share the count
            for (int i = 0; i < 20_000; i++) {
                int n = 1 + rnd.nextInt(3);
                view.retain(n);
                if (n == 1 ? view.release() : view.release(n)) {
                    deallocations.incrementAndGet();
                }
            }
            return null;
        });
        assertEquals(0, deallocations.get(), "no thread's release reached zero");
        assertEquals(1, buf.refCnt());
        assertTrue(buf.release());
        assertEquals(0, buf.refCnt());
    }

    @Test
    void concurrentRetainsThenReleasesFromFourThreads() throws Exception {
        Buffer buf = POOLED.directBuffer(16);
        int perThread = 10_000;
        CyclicBarrier allRetained = new CyclicBarrier(THREADS);
        List<Integer> deallocations = onThreads(id -> {
            for (int i = 0; i < perThread; i++) {
                buf.retain();
            }
            allRetained.await(10, TimeUnit.SECONDS);
            int dealloc = 0;
            for (int i = 0; i < perThread; i++) {
                if (buf.release()) {
                    dealloc++;
                }
            }
            return dealloc;
        });
        assertEquals(List.of(0, 0, 0, 0), deallocations);
        assertEquals(1, buf.refCnt());
        assertTrue(buf.release());
        assertEquals(0, buf.refCnt());
    }

    @Test
    void concurrentLastReleaseDeallocatesExactlyOnce() throws Exception {
        for (int round = 0; round < 50; round++) {
            Buffer buf = POOLED.heapBuffer(16);
            buf.retain(THREADS - 1);
            List<Boolean> results = onThreads(id -> buf.release());
            assertEquals(1, results.stream().filter(Boolean::booleanValue).count(), "round " + round);
            assertEquals(0, buf.refCnt());
        }
    }
}
