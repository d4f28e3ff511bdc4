package io.sluice.buffer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.function.Executable;

/** Small helpers shared by the buffer tests. */
final class TestBuffers {
    /** The byte every factory fills fresh memory with, so tests never rely on zeroed memory. */
    static final byte GARBAGE = (byte) 0xA5;

    private TestBuffers() {}

    static byte[] randomBytes(Random rnd, int length) {
        byte[] bytes = new byte[length];
        rnd.nextBytes(bytes);
        return bytes;
    }

    /** A deterministic pattern: distinct for different seeds at the same index. */
    static byte pattern(int seed, int index) {
        int x = seed * 0x9E3779B1 + index * 0x85EBCA6B;
        return (byte) (x ^ (x >>> 15) ^ (x >>> 24));
    }

    static byte[] patternBytes(int seed, int length) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = pattern(seed, i);
        }
        return bytes;
    }

    static byte[] filledArray(int length, byte value) {
        byte[] bytes = new byte[length];
        Arrays.fill(bytes, value);
        return bytes;
    }

    /** Returns the readable bytes without moving any index. */
    static byte[] readable(Buffer buf) {
        return bytesAt(buf, buf.readerIndex(), buf.readableBytes());
    }

    /** Returns {@code length} bytes at {@code index} without moving any index. */
    static byte[] bytesAt(Buffer buf, int index, int length) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = buf.getByte(index + i);
        }
        return bytes;
    }

    static byte[] range(byte[] bytes, int from, int length) {
        return Arrays.copyOfRange(bytes, from, from + length);
    }

    static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }

    static void assertReadable(byte[] expected, Buffer buf) {
        assertArrayEquals(expected, readable(buf), () -> "readable bytes of " + buf);
    }

    /** Fills the whole capacity with {@code value} using absolute sets; indexes do not move. */
    static void fillCapacity(Buffer buf, byte value) {
        for (int i = 0; i < buf.capacity(); i++) {
            buf.setByte(i, value);
        }
    }

    /**
     * Asserts that {@code action} throws an {@link IndexOutOfBoundsException} whose message names
     * every one of {@code numbers}.
     */
    static IndexOutOfBoundsException assertOutOfBounds(Executable action, long... numbers) {
        IndexOutOfBoundsException e = assertThrows(IndexOutOfBoundsException.class, action);
        String message = String.valueOf(e.getMessage());
        for (long n : numbers) {
            assertTrue(message.contains(Long.toString(n)),
                    () -> "message should name " + n + ": " + message);
        }
        return e;
    }

    /** Splits {@code capacity} into 1 to 4 uneven parts so that multi-byte values cross them. */
    static int[] uneven(int capacity) {
        List<Integer> cuts = new ArrayList<>();
        int previous = 0;
        for (int cut : new int[] {capacity / 4 - 1, capacity / 2 + 1, capacity * 3 / 4 + 2}) {
            if (cut > previous && cut < capacity) {
                cuts.add(cut - previous);
                previous = cut;
            }
        }
        if (capacity > previous) {
            cuts.add(capacity - previous);
        }
        return cuts.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * Returns an empty composite of exactly {@code capacity} bytes made of uneven components,
     * alternating heap and direct memory of {@code alloc}; the components hold garbage.
     */
    static CompositeBuffer compositeOfCapacity(BufferAllocator alloc, int capacity) {
        CompositeBuffer composite = alloc.compositeBuffer();
        int i = 0;
        for (int size : uneven(capacity)) {
            Buffer part = (i++ % 2 == 0 ? alloc.heapBuffer(size, size) : alloc.directBuffer(size, size));
            part.writeBytes(filledArray(size, GARBAGE));
            composite.addComponent(part);
        }
        composite.clear();
        return composite;
    }

    /** A task run on one of several threads; gets the thread's index. */
    interface ThreadTask<T> {
        T run(int id) throws Exception;
    }

    /**
     * Runs {@code task(0..threads-1)} on that many threads released together by a barrier, and
     * returns the results in thread order. Bounded in time: fails rather than hangs.
     */
    static <T> List<T> runConcurrently(int threads, ThreadTask<T> task) throws Exception {
        ExecutorService executor = Executors.newFixedThreadPool(threads);
        CyclicBarrier start = new CyclicBarrier(threads);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int id = t;
                futures.add(executor.submit(() -> {
                    start.await(10, TimeUnit.SECONDS);
                    return task.run(id);
                }));
            }
            List<T> results = new ArrayList<>();
            for (Future<T> f : futures) {
                results.add(f.get(60, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            executor.shutdownNow();
            assertTrue(executor.awaitTermination(10, TimeUnit.SECONDS), "worker threads ended");
        }
    }

    /** Kinds of buffer used as the other side of bulk transfers and comparisons. */
    enum Other {
        HEAP, DIRECT, COMPOSITE;

        /** Returns an unpooled buffer of this kind whose readable bytes are {@code content}. */
        Buffer of(byte[] content) {
            Buffer buf = empty(content.length);
            buf.writeBytes(content);
            return buf;
        }

        /** Returns an empty unpooled buffer of this kind with at least {@code capacity} bytes. */
        Buffer empty(int capacity) {
            BufferAllocator alloc = BufferAllocator.unpooled();
            switch (this) {
                case HEAP:
                    return alloc.heapBuffer(capacity);
                case DIRECT:
                    return alloc.directBuffer(capacity);
                default:
                    return compositeOfCapacity(alloc, capacity);
            }
        }
    }
}
