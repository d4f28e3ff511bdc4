package io.sluice.benchmarks.buffer;

import io.netty.buffer.AdaptiveByteBufAllocator;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import io.sluice.buffer.Buffer;
import io.sluice.buffer.BufferAllocator;
import io.sluice.buffer.PooledBufferAllocator;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Allocate a direct buffer, fill it completely with {@code writeBytes} of a prepared array, release
 * it: Sluice's pooled allocator against Netty 4.2's adaptive (its default) and pooled allocators.
 *
 * <p>Variants: one and two benchmark threads, each with the allocators' per-thread caches off for
 * plain (non event-loop) threads, which is every allocator's default, and on, in their own forks:
 * <ul>
 *   <li>Sluice: {@code io.sluice.allocator.cacheForAllThreads}, read by
 *       {@link PooledBufferAllocator#DEFAULT};</li>
 *   <li>Netty pooled: {@code io.netty.allocator.useCacheForAllThreads} (default false in 4.2);</li>
 *   <li>Netty adaptive: {@code io.netty.allocator.useCachedMagazinesForNonEventLoopThreads}
 *       (default false in 4.2).</li>
 * </ul>
 * The properties are set explicitly in both variants, so a change of a library's default does not
 * silently change what a method measures.
 *
 * <p>Leak detection is disabled on both sides ({@code io.sluice.leakDetection.level},
 * {@code io.netty.leakDetection.level}): both default to sampling one buffer in 128 with an
 * allocation stack trace, which would add the cost of a {@code Throwable} to the allocator's own.
 *
 * <p>{@link #setup()} checks every allocator once before measuring: two live buffers get different
 * patterns, are read back and compared, then released, so a broken allocator cannot post a number.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar AllocatorBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {
    AllocatorBenchmark.NO_LEAK_DETECTION_SLUICE, AllocatorBenchmark.NO_LEAK_DETECTION_NETTY,
    AllocatorBenchmark.NO_CACHE_SLUICE, AllocatorBenchmark.NO_CACHE_NETTY_POOLED,
    AllocatorBenchmark.NO_CACHE_NETTY_ADAPTIVE})
public class AllocatorBenchmark {

    static final String NO_LEAK_DETECTION_SLUICE = "-Dio.sluice.leakDetection.level=disabled";
    static final String NO_LEAK_DETECTION_NETTY = "-Dio.netty.leakDetection.level=disabled";

    static final String NO_CACHE_SLUICE = "-Dio.sluice.allocator.cacheForAllThreads=false";
    static final String NO_CACHE_NETTY_POOLED = "-Dio.netty.allocator.useCacheForAllThreads=false";
    static final String NO_CACHE_NETTY_ADAPTIVE =
            "-Dio.netty.allocator.useCachedMagazinesForNonEventLoopThreads=false";

    static final String CACHE_SLUICE = "-Dio.sluice.allocator.cacheForAllThreads=true";
    static final String CACHE_NETTY_POOLED = "-Dio.netty.allocator.useCacheForAllThreads=true";
    static final String CACHE_NETTY_ADAPTIVE =
            "-Dio.netty.allocator.useCachedMagazinesForNonEventLoopThreads=true";

    /** Which allocator: Sluice's pooled one, Netty 4.2's default (adaptive) or Netty's pooled one. */
    @Param({"sluicePooled", "nettyAdaptive", "nettyPooled"})
    public String allocator;

    /** Capacity requested, and bytes written, per operation. */
    @Param({"256", "16384"})
    public int size;

    private BufferAllocator sluice;
    private ByteBufAllocator netty;
    private byte[] payload;

    @Setup(Level.Trial)
    public void setup() {
        switch (allocator) {
            case "sluicePooled":
                sluice = PooledBufferAllocator.DEFAULT;
                break;
            case "nettyAdaptive":
                // What ByteBufAllocator.DEFAULT is in Netty 4.2 (io.netty.allocator.type=adaptive).
                netty = new AdaptiveByteBufAllocator();
                break;
            case "nettyPooled":
                netty = PooledByteBufAllocator.DEFAULT;
                break;
            default:
                throw new IllegalArgumentException("unknown allocator: " + allocator);
        }
        payload = pattern(size, 0x5A);
        verify();
    }

    @Benchmark
    @Threads(1)
    public void oneThread(Blackhole bh) {
        allocateWriteRelease(bh);
    }

    @Benchmark
    @Threads(2)
    public void twoThreads(Blackhole bh) {
        allocateWriteRelease(bh);
    }

    @Benchmark
    @Threads(1)
    @Fork(value = 1, jvmArgsAppend = {NO_LEAK_DETECTION_SLUICE, NO_LEAK_DETECTION_NETTY,
        CACHE_SLUICE, CACHE_NETTY_POOLED, CACHE_NETTY_ADAPTIVE})
    public void oneThreadThreadCache(Blackhole bh) {
        allocateWriteRelease(bh);
    }

    @Benchmark
    @Threads(2)
    @Fork(value = 1, jvmArgsAppend = {NO_LEAK_DETECTION_SLUICE, NO_LEAK_DETECTION_NETTY,
        CACHE_SLUICE, CACHE_NETTY_POOLED, CACHE_NETTY_ADAPTIVE})
    public void twoThreadsThreadCache(Blackhole bh) {
        allocateWriteRelease(bh);
    }

    private void allocateWriteRelease(Blackhole bh) {
        // Only one of the two is set in a fork (JMH forks per parameter combination), so the branch
        // is constant and C2 drops the other side.
        if (sluice != null) {
            Buffer buf = sluice.directBuffer(size);
            buf.writeBytes(payload);
            bh.consume(buf);
            bh.consume(buf.release());
        } else {
            ByteBuf buf = netty.directBuffer(size);
            buf.writeBytes(payload);
            bh.consume(buf);
            bh.consume(buf.release());
        }
    }

    // ---- verification ------------------------------------------------------------------------

    private void verify() {
        byte[] other = pattern(size, 0x33);
        for (int round = 0; round < 4; round++) {
            if (sluice != null) {
                Buffer a = sluice.directBuffer(size);
                Buffer b = sluice.directBuffer(size);
                check(a.isDirect() && b.isDirect(), "not direct");
                check(a.capacity() >= size && b.capacity() >= size, "capacity " + a.capacity() + " < " + size);
                check(a.writerIndex() == 0 && b.writerIndex() == 0, "new buffer has a writer index");
                a.writeBytes(payload);
                b.writeBytes(other);
                check(a.writerIndex() == size && b.writerIndex() == size, "writeBytes did not advance");
                byte[] readA = new byte[size];
                byte[] readB = new byte[size];
                a.getBytes(0, readA);
                b.readBytes(readB);
                check(Arrays.equals(readA, payload), "first buffer read back wrong bytes");
                check(Arrays.equals(readB, other), "second buffer read back wrong bytes (shared memory?)");
                check(a.getLong(size - 8) == bigEndianLong(payload, size - 8), "getLong disagrees");
                check(a.release() && a.refCnt() == 0, "first buffer not freed by release()");
                check(b.release() && b.refCnt() == 0, "second buffer not freed by release()");
            } else {
                ByteBuf a = netty.directBuffer(size);
                ByteBuf b = netty.directBuffer(size);
                check(a.isDirect() && b.isDirect(), "not direct");
                check(a.capacity() >= size && b.capacity() >= size, "capacity " + a.capacity() + " < " + size);
                check(a.writerIndex() == 0 && b.writerIndex() == 0, "new buffer has a writer index");
                a.writeBytes(payload);
                b.writeBytes(other);
                check(a.writerIndex() == size && b.writerIndex() == size, "writeBytes did not advance");
                byte[] readA = new byte[size];
                byte[] readB = new byte[size];
                a.getBytes(0, readA);
                b.readBytes(readB);
                check(Arrays.equals(readA, payload), "first buffer read back wrong bytes");
                check(Arrays.equals(readB, other), "second buffer read back wrong bytes (shared memory?)");
                check(a.getLong(size - 8) == bigEndianLong(payload, size - 8), "getLong disagrees");
                check(a.release() && a.refCnt() == 0, "first buffer not freed by release()");
                check(b.release() && b.refCnt() == 0, "second buffer not freed by release()");
            }
        }
    }

    private void check(boolean ok, String what) {
        if (!ok) {
            throw new IllegalStateException(allocator + ", size " + size + ": " + what);
        }
    }

    static byte[] pattern(int length, int seed) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) (i * 31 + seed + (i >>> 8));
        }
        return bytes;
    }

    static long bigEndianLong(byte[] bytes, int index) {
        long value = 0;
        for (int i = 0; i < 8; i++) {
            value = (value << 8) | (bytes[index + i] & 0xFF);
        }
        return value;
    }
}
