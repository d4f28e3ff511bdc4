package io.sluice.benchmarks.codec;

import io.netty.buffer.AdaptiveByteBufAllocator;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
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
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Length-field and line framing of a stream of small frames arriving in 8 KiB reads: Sluice's
 * {@code LengthFieldFrameDecoder} and {@code LineFrameDecoder} (on its {@code ByteToMessageDecoder}
 * and default {@code MERGE} cumulator) against Netty 4.2's {@code LengthFieldBasedFrameDecoder} and
 * {@code LineBasedFrameDecoder}, each in its framework's {@code EmbeddedChannel} with the pipeline
 * [decoder, consumer].
 *
 * <p>The input is a precomputed stream ({@link FrameStream}) of frames with {@link #bodySize}-byte
 * bodies: a 4-byte big-endian length then the body ({@code lengthField}; the decoders strip the
 * length), or a line of printable ASCII ended by CRLF ({@code line}; the decoders strip the ending).
 * One operation is one 8 KiB read, done the same way on both sides: a direct buffer from the
 * channel's allocator, filled by one bulk copy from the stream, fired as {@code channelRead} and then
 * {@code channelReadComplete} from the head of the pipeline. No frame size divides 8192, so frames
 * (and length fields) straddle reads and the decoder must keep and merge the partial frame. The
 * consumer counts each frame, hands it to a {@link Blackhole} and releases it.
 *
 * <p>Results: the primary score is reads per µs; the {@code frames} counter is frames per µs
 * (millions of frames per second). With {@code -prof gc}, {@code gc.alloc.rate.norm} is bytes
 * allocated per read; divide by {@code 8192 / frameSize} for bytes per frame (frames per read: 227.6
 * and 62.1 for 32- and 128-byte bodies with a length field, 240.9 and 63.0 for lines).
 *
 * <p>Allocators: Sluice's default (pooled); Netty's default ({@code netty}: the adaptive allocator,
 * {@code ByteBufAllocator.DEFAULT} in 4.2) and, as {@code nettyPooled}, {@code PooledByteBufAllocator}.
 * Leak detection is disabled on both sides; JMH's workers are Netty {@code FastThreadLocalThread}s,
 * as on Netty's event loops (its object pools and allocator caches work only there).
 *
 * <p>Setup check: before measuring, the same channel decodes two whole cycles of the stream (wrapping
 * around once) with the consumer comparing every frame with its expected body, count and order; the
 * teardown completes the current cycle and checks that the counts still add up. A decoder that drops,
 * merges or corrupts frames cannot post a number.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar FrameDecoderBenchmark -prof gc}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {
    "-Dio.sluice.leakDetection.level=disabled",
    "-Dio.netty.leakDetection.level=disabled",
    "-Djmh.executor=CUSTOM",
    "-Djmh.executor.class=io.sluice.benchmarks.pipeline.FastThreadLocalThreadExecutor"})
public class FrameDecoderBenchmark {

    /** The framing: {@code lengthField} (4-byte length + body) or {@code line} (CRLF-ended). */
    @Param({"lengthField", "line"})
    public String codec;

    /** Bytes of each frame's body (without the length field or line ending). */
    @Param({"32", "128"})
    public int bodySize;

    /** {@code sluice}; {@code netty} (adaptive allocator, Netty 4.2's default); {@code nettyPooled}. */
    @Param({"sluice", "netty", "nettyPooled"})
    public String impl;

    private FrameStream stream;
    private FrameDriver driver;

    /** The number of frames decoded, reported by JMH as a rate next to the reads. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Frames {
        /** Frames received by the consumer in this iteration. */
        public long frames;

        @Setup(Level.Iteration)
        public void reset() {
            frames = 0;
        }
    }

    @Setup(Level.Trial)
    public void setup(Blackhole bh) {
        stream = new FrameStream(FrameStream.Codec.of(codec), bodySize);
        driver = newDriver(stream, bh);
        verify();
    }

    private FrameDriver newDriver(FrameStream s, Blackhole bh) {
        switch (impl) {
            case "sluice":
                return new SluiceFrameDriver(s, bh);
            case "netty":
                ByteBufAllocator adaptive = ByteBufAllocator.DEFAULT;
                check(adaptive instanceof AdaptiveByteBufAllocator, "Netty's default allocator is "
                        + adaptive.getClass().getName() + ", not the adaptive one (io.netty.allocator.type set?)");
                return new NettyFrameDriver(s, bh, adaptive);
            case "nettyPooled":
                return new NettyFrameDriver(s, bh, PooledByteBufAllocator.DEFAULT);
            default:
                throw new IllegalArgumentException("unknown impl: " + impl);
        }
    }

    /** Two whole cycles (wrapping around once), every frame compared with its expected body. */
    private void verify() {
        verify(driver, stream, label());
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        finish(driver, stream, label());
    }

    private String label() {
        return "FrameDecoderBenchmark " + impl + " " + codec + "/" + bodySize;
    }

    /**
     * Feeds two whole cycles of {@code s} (wrapping around once) with the consumer comparing every
     * frame with its expected body, then checks the counts and that frames straddled reads.
     */
    static void verify(FrameDriver d, FrameStream s, String label) {
        check(s.frames > s.reads, label, "more than one frame per read");
        d.checkContent(true);
        int[] perRead = new int[2 * s.reads];
        for (int i = 0; i < perRead.length; i++) {
            perRead[i] = d.read();
            d.checkException();
        }
        d.checkContent(false);
        check(d.frames() == 2L * s.frames, label,
                "decoded " + d.frames() + " frames from two cycles, expected " + 2L * s.frames);
        check(d.bytes() == 2L * s.frames * s.bodySize, label,
                "decoded " + d.bytes() + " body bytes, expected " + 2L * s.frames * s.bodySize);
        int min = Integer.MAX_VALUE;
        int max = 0;
        for (int n : perRead) {
            min = Math.min(min, n);
            max = Math.max(max, n);
        }
        // frames straddle reads: the count per read alternates between floor and ceil of 8192 / frameSize
        check(max - min == 1 && min == FrameStream.READ_SIZE / s.frameSize, label,
                "frames per read between " + min + " and " + max + ", frame size " + s.frameSize);
    }

    /** Completes the current cycle (no partial frame is left at close), checks the counts, closes. */
    static void finish(FrameDriver d, FrameStream s, String label) {
        while (d.reads() % s.reads != 0) {
            d.read();
        }
        d.checkException();
        long cycles = d.reads() / s.reads;
        check(d.frames() == cycles * s.frames && d.bytes() == cycles * s.frames * s.bodySize, label,
                "after " + cycles + " cycles: " + d.frames() + " frames, " + d.bytes() + " bytes");
        d.close();
    }

    /** One 8 KiB read through the decoder; {@code counter.frames} counts the frames it produced. */
    @Benchmark
    public int decode(Frames counter) {
        int n = driver.read();
        counter.frames += n;
        return n;
    }

    private void check(boolean ok, String what) {
        check(ok, label(), what);
    }

    static void check(boolean ok, String label, String what) {
        if (!ok) {
            throw new IllegalStateException(label + " setup check failed: " + what);
        }
    }
}
