package io.sluice.benchmarks.buffer;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.sluice.buffer.Buffer;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Bulk copies and byte search, Sluice against Netty, heap and direct, each buffer from its
 * library's pooled allocator: the accessors a parser and a codec lean on besides the primitive ones
 * of {@link BufferAccessBenchmark}.
 *
 * <ul>
 *   <li>{@code copyToArray}, {@code copyFromArray}: {@link Copy#length} bytes between the buffer and a
 *       {@code byte[]} ({@code getBytes}, {@code setBytes}).
 *   <li>{@code copyToBuffer}: {@link Copy#length} bytes into a second buffer of the same kind.
 *   <li>{@code indexOfEachLine}: every {@code '\n'} of an 8 KiB buffer of 64-byte lines, one
 *       {@code indexOf} per line (128 searches; the per-call cost shows).
 *   <li>{@code indexOfLast}: one {@code indexOf} over 8 KiB whose only match is the last byte (the
 *       scan alone).
 * </ul>
 *
 * <p>{@link #setup()} checks every copy's content and every search's result against a plain loop
 * before anything is measured. Leak detection is disabled on both sides.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar BufferBulkBenchmark}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {
    AllocatorBenchmark.NO_LEAK_DETECTION_SLUICE, AllocatorBenchmark.NO_LEAK_DETECTION_NETTY})
@Threads(1)
public class BufferBulkBenchmark {

    static final int SIZE = 8192;
    static final int LINE = 64;

    @Param({"sluice", "netty"})
    public String impl;

    @Param({"heap", "direct"})
    public String kind;

    /** Bytes per copy: a state of the copy benchmarks alone, so the searches run once per buffer kind. */
    @State(Scope.Thread)
    public static class Copy {
        /** Bytes per copy. */
        @Param({"64", "8192"})
        public int length;
    }

    private Buffer sluiceSrc;
    private Buffer sluiceDst;
    private Buffer sluiceLines;
    private Buffer sluiceLast;
    private ByteBuf nettySrc;
    private ByteBuf nettyDst;
    private ByteBuf nettyLines;
    private ByteBuf nettyLast;
    private final byte[] array = new byte[SIZE];

    @Setup(Level.Trial)
    public void setup() {
        boolean direct = switch (kind) {
            case "heap" -> false;
            case "direct" -> true;
            default -> throw new IllegalArgumentException("unknown kind: " + kind);
        };
        byte[] content = new byte[SIZE];
        for (int i = 0; i < SIZE; i++) {
            content[i] = (byte) ('a' + i % 26);
        }
        byte[] lines = content.clone();
        for (int i = LINE - 1; i < SIZE; i += LINE) {
            lines[i] = '\n';
        }
        byte[] last = content.clone();
        last[SIZE - 1] = '\n';
        switch (impl) {
            case "sluice" -> {
                sluiceSrc = sluice(direct).writeBytes(content);
                sluiceDst = sluice(direct);
                sluiceLines = sluice(direct).writeBytes(lines);
                sluiceLast = sluice(direct).writeBytes(last);
                check(sluiceSrc.isDirect() == direct, "isDirect() is " + sluiceSrc.isDirect());
            }
            case "netty" -> {
                nettySrc = netty(direct).writeBytes(content);
                nettyDst = netty(direct);
                nettyLines = netty(direct).writeBytes(lines);
                nettyLast = netty(direct).writeBytes(last);
                check(nettySrc.isDirect() == direct, "isDirect() is " + nettySrc.isDirect());
            }
            default -> throw new IllegalArgumentException("unknown impl: " + impl);
        }
        verify(content);
    }

    private static Buffer sluice(boolean direct) {
        return direct ? PooledBufferAllocator.DEFAULT.directBuffer(SIZE, SIZE)
                : PooledBufferAllocator.DEFAULT.heapBuffer(SIZE, SIZE);
    }

    private static ByteBuf netty(boolean direct) {
        return direct ? PooledByteBufAllocator.DEFAULT.directBuffer(SIZE, SIZE)
                : PooledByteBufAllocator.DEFAULT.heapBuffer(SIZE, SIZE);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        if (sluiceSrc != null) {
            for (Buffer b : new Buffer[] {sluiceSrc, sluiceDst, sluiceLines, sluiceLast}) {
                check(b.release(), "buffer not freed by release()");
            }
        }
        if (nettySrc != null) {
            for (ByteBuf b : new ByteBuf[] {nettySrc, nettyDst, nettyLines, nettyLast}) {
                check(b.release(), "buffer not freed by release()");
            }
        }
    }

    @Benchmark
    public byte[] copyToArray(Copy copy) {
        int length = copy.length;
        if (sluiceSrc != null) {
            sluiceSrc.getBytes(0, array, 0, length);
        } else {
            nettySrc.getBytes(0, array, 0, length);
        }
        return array;
    }

    @Benchmark
    public Object copyFromArray(Copy copy) {
        int length = copy.length;
        if (sluiceDst != null) {
            return sluiceDst.setBytes(0, array, 0, length);
        }
        return nettyDst.setBytes(0, array, 0, length);
    }

    @Benchmark
    public Object copyToBuffer(Copy copy) {
        int length = copy.length;
        if (sluiceSrc != null) {
            return sluiceSrc.getBytes(0, sluiceDst, 0, length);
        }
        return nettySrc.getBytes(0, nettyDst, 0, length);
    }

    /** Sums the positions of every line end, found one {@code indexOf} at a time. */
    @Benchmark
    public int indexOfEachLine() {
        int sum = 0;
        if (sluiceLines != null) {
            Buffer buf = sluiceLines;
            for (int i = buf.indexOf(0, SIZE, (byte) '\n'); i >= 0; i = buf.indexOf(i + 1, SIZE, (byte) '\n')) {
                sum += i;
            }
        } else {
            ByteBuf buf = nettyLines;
            for (int i = buf.indexOf(0, SIZE, (byte) '\n'); i >= 0; i = buf.indexOf(i + 1, SIZE, (byte) '\n')) {
                sum += i;
            }
        }
        return sum;
    }

    @Benchmark
    public int indexOfLast() {
        return sluiceLast != null ? sluiceLast.indexOf(0, SIZE, (byte) '\n') : nettyLast.indexOf(0, SIZE, (byte) '\n');
    }

    // ---- verification ------------------------------------------------------------------------

    private void verify(byte[] content) {
        Copy whole = new Copy();
        whole.length = SIZE;
        int length = SIZE;
        Arrays.fill(array, (byte) 0);
        copyToArray(whole);
        check(Arrays.equals(array, content), "copyToArray content");
        copyFromArray(whole);
        copyToBuffer(whole);
        byte[] back = new byte[length];
        if (sluiceDst != null) {
            sluiceDst.getBytes(0, back);
        } else {
            nettyDst.getBytes(0, back);
        }
        check(Arrays.equals(back, 0, length, content, 0, length), "copyToBuffer content");
        int expected = 0;
        for (int i = LINE - 1; i < SIZE; i += LINE) {
            expected += i;
        }
        check(indexOfEachLine() == expected, "indexOfEachLine sum " + indexOfEachLine() + ", expected " + expected);
        check(indexOfLast() == SIZE - 1, "indexOfLast " + indexOfLast());
    }

    private void check(boolean ok, String what) {
        if (!ok) {
            throw new IllegalStateException(impl + " " + kind + ": " + what);
        }
    }
}
