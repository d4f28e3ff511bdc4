package io.sluice.benchmarks.codec;

import io.netty.buffer.ByteBufAllocator;
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
 * Sizes two suggested changes to Sluice's frame decoding with {@link FrameDecoderPrototype}, on
 * exactly the workload of {@link FrameDecoderBenchmark} (same stream, reads, consumer and setup
 * checks). Not a product comparison: the prototype lives here only to measure.
 *
 * <ul>
 *   <li>{@code sluice}: the product decoder; {@code netty}: Netty's, adaptive allocator.</li>
 *   <li>{@code proto}: the prototype with both changes off (a control: it should match
 *       {@code sluice});</li>
 *   <li>{@code protoPrepaid}: one reference-count update per frame instead of two;</li>
 *   <li>{@code protoSwar}: search for {@code \n} eight bytes at a time (line framing only; for
 *       {@code lengthField} it is the same as {@code proto});</li>
 *   <li>{@code protoBoth}: both.</li>
 * </ul>
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar DecoderPrototypeBenchmark}.
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
public class DecoderPrototypeBenchmark {

    @Param({"lengthField", "line"})
    public String codec;

    @Param({"32", "128"})
    public int bodySize;

    @Param({"sluice", "proto", "protoPrepaid", "protoSwar", "protoBoth", "netty"})
    public String impl;

    private FrameStream stream;
    private FrameDriver driver;

    @Setup(Level.Trial)
    public void setup(Blackhole bh) {
        stream = new FrameStream(FrameStream.Codec.of(codec), bodySize);
        int max = FrameStream.MAX_FRAME_LENGTH;
        switch (impl) {
            case "sluice":
                driver = new SluiceFrameDriver(stream, bh);
                break;
            case "proto":
                driver = new SluiceFrameDriver(stream, bh, new FrameDecoderPrototype(stream.codec, false, false, max));
                break;
            case "protoPrepaid":
                driver = new SluiceFrameDriver(stream, bh, new FrameDecoderPrototype(stream.codec, true, false, max));
                break;
            case "protoSwar":
                driver = new SluiceFrameDriver(stream, bh, new FrameDecoderPrototype(stream.codec, false, true, max));
                break;
            case "protoBoth":
                driver = new SluiceFrameDriver(stream, bh, new FrameDecoderPrototype(stream.codec, true, true, max));
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
        return "DecoderPrototypeBenchmark " + impl + " " + codec + "/" + bodySize;
    }

    /** One 8 KiB read through the decoder; {@code counter.frames} counts the frames it produced. */
    @Benchmark
    public int decode(FrameDecoderBenchmark.Frames counter) {
        int n = driver.read();
        counter.frames += n;
        return n;
    }
}
