package io.sluice.benchmarks.pipeline;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost of the pipeline itself, Sluice against Netty 4.2, each on its own {@code EmbeddedChannel}
 * (everything runs on the calling thread, so only the pipeline and the outbound buffer are measured).
 *
 * <ul>
 *   <li>{@link #inboundPropagation}: {@code pipeline.fireChannelRead(MSG)} through 16 handlers, which
 *       alternate between one that overrides {@code channelRead} and forwards with
 *       {@code ctx.fireChannelRead(msg)} and one that overrides only {@code userEventTriggered} (so
 *       both pipelines skip it for reads), into a last handler that counts the message and stops
 *       it.</li>
 *   <li>{@link #outboundWriteFlush}: {@code channel.write(MSG, channel.voidPromise())} then
 *       {@code channel.flush()} through 16 handlers that alternate between one overriding
 *       {@code write} (forwarding) and one overriding only {@code read} (skipped for writes; no
 *       handler overrides {@code flush}, so the flush skips all 16). The embedded transport moves the
 *       message to its outbound queue, which the benchmark drains with one {@code poll()}.</li>
 *   <li>{@link #outboundWriteFlushNewPromise}: the same with {@code channel.newPromise()} per write, to
 *       show what a promise costs.</li>
 * </ul>
 *
 * <p>The message is one preallocated, non reference-counted object, so the benchmark itself
 * allocates nothing; run with {@code -prof gc} to see whatever the pipeline path allocates
 * ({@code gc.alloc.rate.norm}, B/op). Each side's setup checks that a message reaches the consumer
 * and the outbound queue (and that a promise completes) before anything is measured.
 *
 * <p>The JMH workers are Netty {@code FastThreadLocalThread}s ({@link FastThreadLocalThreadExecutor}),
 * as Netty's event loops are: on any other thread Netty 4.2 does not recycle its outbound-buffer
 * entries and allocates 64 B per write. To measure on plain threads instead, pass
 * {@code -jvmArgsAppend -Djmh.executor=PLATFORM}.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar PipelineBenchmark -prof gc}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {
    "-Djmh.executor=CUSTOM",
    "-Djmh.executor.class=io.sluice.benchmarks.pipeline.FastThreadLocalThreadExecutor"})
public class PipelineBenchmark {
    /** Handlers between head and the consumer/tail; half forward the event, half are skipped for it. */
    static final int HANDLERS = 16;

    /** The message sent every time: preallocated and not reference-counted. */
    static final Object MSG = Integer.valueOf(42_000);

    @Param({"sluice", "netty"})
    public String impl;

    private PipelineDriver driver;

    @Setup
    public void setup() {
        check(!FastThreadLocalThreadExecutor.inUse()
                || io.netty.util.concurrent.FastThreadLocalThread.currentThreadWillCleanupFastThreadLocals(),
                "the JMH worker is a FastThreadLocalThread");
        switch (impl) {
            case "sluice" -> driver = new SluicePipelineDriver();
            case "netty" -> driver = new NettyPipelineDriver();
            default -> throw new IllegalArgumentException("unknown impl: " + impl);
        }
        driver.verify();
    }

    @TearDown
    public void tearDown() {
        driver.close();
    }

    /** @return the consumer's message count, so the read cannot be eliminated */
    @Benchmark
    public long inboundPropagation() {
        return driver.fireRead();
    }

    /** @return the message taken off the outbound queue */
    @Benchmark
    public Object outboundWriteFlush() {
        return driver.writeFlushVoidPromise();
    }

    /** @return the message taken off the outbound queue */
    @Benchmark
    public Object outboundWriteFlushNewPromise() {
        return driver.writeFlushNewPromise();
    }

    /** One framework's channels with the benchmark pipelines. */
    interface PipelineDriver {
        /** Fires {@link #MSG} down the inbound pipeline. @return the consumer's count */
        long fireRead();

        /** Writes {@link #MSG} with the void promise, flushes, drains. @return the drained message */
        Object writeFlushVoidPromise();

        /** Writes {@link #MSG} with a new promise, flushes, drains. @return the drained message */
        Object writeFlushNewPromise();

        /** Throws if a read does not reach the consumer or a write does not reach the outbound queue. */
        void verify();

        void close();
    }

    static void check(boolean condition, String what) {
        if (!condition) {
            throw new IllegalStateException("pipeline benchmark setup check failed: " + what);
        }
    }
}
