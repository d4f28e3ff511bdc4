package io.sluice.benchmarks.codec;

import io.netty.buffer.ByteBufAllocator;
import io.sluice.codec.frame.LineFrameDecoder;
import io.sluice.codec.frame.TooLongFrameAction;
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
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Sizes one suggested change: the line benchmark of {@link FrameDecoderBenchmark} (same stream,
 * reads, consumer and checks) with Sluice's {@code LineFrameDecoder}, with
 * {@link SwarLineDecoderPrototype} (the same decoding with an eight-bytes-at-a-time search for
 * {@code \n}), and with Netty's {@code LineBasedFrameDecoder} (whose {@code indexOf} searches a word
 * at a time). Not a product comparison: the prototype lives here only to measure.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar LineSearchPrototypeBenchmark}.
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
public class LineSearchPrototypeBenchmark {

    @Param({"32", "128"})
    public int bodySize;

    /** {@code sluice} (LineFrameDecoder), {@code sluiceSwar} (the prototype), {@code netty} (adaptive). */
    @Param({"sluice", "sluiceSwar", "netty"})
    public String impl;

    private FrameStream stream;
    private FrameDriver driver;

    @Setup(Level.Trial)
    public void setup(Blackhole bh) {
        stream = new FrameStream(FrameStream.Codec.LINE, bodySize);
        switch (impl) {
            case "sluice":
                driver = new SluiceFrameDriver(stream, bh,
                        new LineFrameDecoder(FrameStream.MAX_FRAME_LENGTH, true, TooLongFrameAction.CLOSE));
                break;
            case "sluiceSwar":
                driver = new SluiceFrameDriver(stream, bh, new SwarLineDecoderPrototype(FrameStream.MAX_FRAME_LENGTH));
                break;
            case "netty":
                driver = new NettyFrameDriver(stream, bh, ByteBufAllocator.DEFAULT);
                break;
            default:
                throw new IllegalArgumentException("unknown impl: " + impl);
        }
        FrameDecoderBenchmark.verify(driver, stream, label());
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        FrameDecoderBenchmark.finish(driver, stream, label());
    }

    private String label() {
        return "LineSearchPrototypeBenchmark " + impl + "/" + bodySize;
    }

    /** One 8 KiB read through the decoder; {@code counter.frames} counts the frames it produced. */
    @Benchmark
    public int decode(FrameDecoderBenchmark.Frames counter) {
        int n = driver.read();
        counter.frames += n;
        return n;
    }
}
