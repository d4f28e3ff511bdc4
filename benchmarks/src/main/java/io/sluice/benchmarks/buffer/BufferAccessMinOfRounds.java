package io.sluice.benchmarks.buffer;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.sluice.buffer.Buffer;
import io.sluice.buffer.PooledBufferAllocator;
import java.util.Locale;

/**
 * {@link BufferAccessBenchmark}'s loops (sequential {@code getLong}/{@code setLong} over 8 KiB),
 * Sluice and Netty alternating in one JVM, reporting the fastest of 300 rounds of 2,000 loops each
 * (about 1 ms per round): on a machine loaded by other work, the least disturbed round is a far
 * steadier figure than a mean, and both libraries are measured in the same moments.
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar
 * io.sluice.benchmarks.buffer.BufferAccessMinOfRounds heap|direct} (leak detection off on both
 * sides: {@code -Dio.sluice.leakDetection.level=disabled -Dio.netty.leakDetection.level=disabled}).
 * Before anything is timed, both buffers are filled with the same longs and must sum alike.
 */
public final class BufferAccessMinOfRounds {
    private static final int SIZE = BufferAccessBenchmark.SIZE;
    private static final long STEP = 0x9E3779B97F4A7C15L;
    private static final int ROUNDS = 400;
    private static final int WARMUP_ROUNDS = 100;
    private static final int LOOPS = 2000;
    private static long sink;

    private BufferAccessMinOfRounds() {}

    public static void main(String[] args) {
        boolean direct = args.length > 0 && args[0].equals("direct");
        Buffer s = direct ? PooledBufferAllocator.DEFAULT.directBuffer(SIZE, SIZE)
                : PooledBufferAllocator.DEFAULT.heapBuffer(SIZE, SIZE);
        ByteBuf n = direct ? PooledByteBufAllocator.DEFAULT.directBuffer(SIZE, SIZE)
                : PooledByteBufAllocator.DEFAULT.heapBuffer(SIZE, SIZE);
        setSluice(s, 1);
        setNetty(n, 1);
        if (sumSluice(s) != sumNetty(n) || s.getLong(SIZE - 8) != n.getLong(SIZE - 8)) {
            throw new IllegalStateException("Sluice and Netty read different longs");
        }
        double[] best = {Double.MAX_VALUE, Double.MAX_VALUE, Double.MAX_VALUE, Double.MAX_VALUE};
        for (int r = 0; r < ROUNDS; r++) {
            long t0 = System.nanoTime();
            for (int k = 0; k < LOOPS; k++) {
                sink += sumSluice(s);
            }
            long t1 = System.nanoTime();
            for (int k = 0; k < LOOPS; k++) {
                sink += sumNetty(n);
            }
            long t2 = System.nanoTime();
            for (int k = 0; k < LOOPS; k++) {
                setSluice(s, k);
            }
            long t3 = System.nanoTime();
            for (int k = 0; k < LOOPS; k++) {
                setNetty(n, k);
            }
            long t4 = System.nanoTime();
            if (r >= WARMUP_ROUNDS) {
                long[] t = {t0, t1, t2, t3, t4};
                for (int i = 0; i < 4; i++) {
                    best[i] = Math.min(best[i], (t[i + 1] - t[i]) / (double) LOOPS);
                }
            }
        }
        s.release();
        n.release();
        System.out.printf(Locale.ROOT, "%s %s: getLong Sluice %.0f ns, Netty %.0f ns, Sluice / Netty %.2f;"
                        + " setLong Sluice %.0f ns, Netty %.0f ns, Sluice / Netty %.2f%n",
                System.getProperty("java.version"), direct ? "direct" : "heap", best[0], best[1],
                best[0] / best[1], best[2], best[3], best[2] / best[3]);
        if (sink == Long.MIN_VALUE) { // keeps the sums alive; never true in practice
            System.out.println();
        }
    }

    private static long sumSluice(Buffer b) {
        long sum = 0;
        for (int i = 0; i < SIZE; i += 8) {
            sum += b.getLong(i);
        }
        return sum;
    }

    private static long sumNetty(ByteBuf b) {
        long sum = 0;
        for (int i = 0; i < SIZE; i += 8) {
            sum += b.getLong(i);
        }
        return sum;
    }

    private static void setSluice(Buffer b, long v) {
        for (int i = 0; i < SIZE; i += 8) {
            b.setLong(i, v);
            v += STEP;
        }
    }

    private static void setNetty(ByteBuf b, long v) {
        for (int i = 0; i < SIZE; i += 8) {
            b.setLong(i, v);
            v += STEP;
        }
    }
}
