package io.sluice.benchmarks.buffer;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.sluice.buffer.Buffer;
import io.sluice.buffer.PooledBufferAllocator;
import java.nio.ByteBuffer;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Sequential absolute {@code getLong}/{@code setLong} over all of an 8 KiB buffer (1024 longs per
 * operation), Sluice against Netty, heap and direct, each buffer from its library's pooled
 * allocator ({@link PooledBufferAllocator#DEFAULT}, {@link PooledByteBufAllocator#DEFAULT}).
 *
 * <p>Leak detection is disabled on both sides, so the one buffer measured is never the sampled,
 * leak-tracking kind by chance. {@link #setup()} writes a pattern, reads it back through an
 * independent path ({@code getBytes} into an array) and checks the {@code getLong} checksum before
 * anything is measured.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar BufferAccessBenchmark}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {
    AllocatorBenchmark.NO_LEAK_DETECTION_SLUICE, AllocatorBenchmark.NO_LEAK_DETECTION_NETTY})
@Threads(1)
public class BufferAccessBenchmark {

    static final int SIZE = 8192;
    private static final long STEP = 0x9E3779B97F4A7C15L;

    @Param({"sluice", "netty"})
    public String impl;

    @Param({"heap", "direct"})
    public String kind;

    private Buffer sluiceBuf;
    private ByteBuf nettyBuf;
    private long seed;

    @Setup(Level.Trial)
    public void setup() {
        boolean direct;
        switch (kind) {
            case "heap":
                direct = false;
                break;
            case "direct":
                direct = true;
                break;
            default:
                throw new IllegalArgumentException("unknown kind: " + kind);
        }
        switch (impl) {
            case "sluice":
                sluiceBuf = direct
                        ? PooledBufferAllocator.DEFAULT.directBuffer(SIZE, SIZE)
                        : PooledBufferAllocator.DEFAULT.heapBuffer(SIZE, SIZE);
                check(sluiceBuf.isDirect() == direct, "isDirect() is " + sluiceBuf.isDirect());
                check(sluiceBuf.capacity() == SIZE, "capacity " + sluiceBuf.capacity());
                break;
            case "netty":
                nettyBuf = direct
                        ? PooledByteBufAllocator.DEFAULT.directBuffer(SIZE, SIZE)
                        : PooledByteBufAllocator.DEFAULT.heapBuffer(SIZE, SIZE);
                check(nettyBuf.isDirect() == direct, "isDirect() is " + nettyBuf.isDirect());
                check(nettyBuf.capacity() == SIZE, "capacity " + nettyBuf.capacity());
                break;
            default:
                throw new IllegalArgumentException("unknown impl: " + impl);
        }
        verify();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        if (sluiceBuf != null) {
            check(sluiceBuf.release(), "buffer not freed by release()");
        }
        if (nettyBuf != null) {
            check(nettyBuf.release(), "buffer not freed by release()");
        }
    }

    /** Sums all 1024 big-endian longs. */
    @Benchmark
    public long getLong() {
        long sum = 0;
        if (sluiceBuf != null) {
            Buffer buf = sluiceBuf;
            for (int i = 0; i < SIZE; i += 8) {
                sum += buf.getLong(i);
            }
        } else {
            ByteBuf buf = nettyBuf;
            for (int i = 0; i < SIZE; i += 8) {
                sum += buf.getLong(i);
            }
        }
        return sum;
    }

    /** Writes 1024 big-endian longs (a new sequence each call); returns the last one read back. */
    @Benchmark
    public long setLong() {
        long v = seed++;
        if (sluiceBuf != null) {
            Buffer buf = sluiceBuf;
            for (int i = 0; i < SIZE; i += 8) {
                buf.setLong(i, v);
                v += STEP;
            }
            return buf.getLong(SIZE - 8);
        } else {
            ByteBuf buf = nettyBuf;
            for (int i = 0; i < SIZE; i += 8) {
                buf.setLong(i, v);
                v += STEP;
            }
            return buf.getLong(SIZE - 8);
        }
    }

    // ---- verification ------------------------------------------------------------------------

    private void verify() {
        long first = 12345;
        long expectedLast = first + (SIZE / 8 - 1) * STEP;
        seed = first;
        check(setLong() == expectedLast, "setLong/getLong round trip of the last long");
        // Read back through getBytes, decoded by the JDK, independently of the buffer's getLong.
        byte[] copy = new byte[SIZE];
        if (sluiceBuf != null) {
            sluiceBuf.getBytes(0, copy);
        } else {
            nettyBuf.getBytes(0, copy);
        }
        ByteBuffer bigEndian = ByteBuffer.wrap(copy);
        long expectedSum = 0;
        long v = first;
        for (int i = 0; i < SIZE; i += 8) {
            check(bigEndian.getLong(i) == v, "byte content at " + i + " is not the big-endian long written");
            expectedSum += v;
            v += STEP;
        }
        check(getLong() == expectedSum, "getLong checksum");
    }

    private void check(boolean ok, String what) {
        if (!ok) {
            throw new IllegalStateException(impl + " " + kind + ": " + what);
        }
    }
}
