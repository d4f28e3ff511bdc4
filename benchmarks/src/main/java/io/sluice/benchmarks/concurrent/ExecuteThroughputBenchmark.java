package io.sluice.benchmarks.concurrent;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Cross-thread {@code execute} throughput with one producer (the benchmark thread) and one
 * consumer (the executor's thread), in tasks per second.
 *
 * <p>Each invocation executes a batch of {@value #BATCH} tasks (one pre-allocated task object,
 * reused) and then spins until the consumer has run all of them, so the score counts tasks that
 * actually ran and the queue stays bounded by the batch. Producer and consumer overlap within a
 * batch; at the batch boundary the consumer briefly runs dry and may start to wait, so the score
 * includes the executor's wake-up policy under a steady stream, which is what real producers see.
 *
 * <p>The task does a release-store increment of a counter only the consumer writes; the producer
 * reads it with a volatile load. The cost is the same for every executor.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ExecuteThroughputBenchmark {
    static final int BATCH = 1000;

    @Param({
        ExecutorUnderTest.SLUICE,
        ExecutorUnderTest.SLUICE_IO_LOOP,
        ExecutorUnderTest.NETTY_DEFAULT_EVENT_LOOP,
        ExecutorUnderTest.NETTY_SINGLE_THREAD_EVENT_EXECUTOR,
        ExecutorUnderTest.JDK_THREAD_POOL
    })
    public String executor;

    private ExecutorUnderTest target;
    /** Tasks run; written by the consumer only. */
    private final AtomicLong done = new AtomicLong();
    private final Runnable task = () -> done.lazySet(done.get() + 1);
    /** Tasks executed so far; producer only. */
    private long submitted;

    @Setup(Level.Trial)
    public void setUp() throws InterruptedException {
        target = ExecutorUnderTest.create(executor);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws InterruptedException {
        target.report(done.get(), "task");
        target.shutdown();
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void executeBatch() {
        ExecutorUnderTest t = target;
        Runnable r = task;
        for (int i = 0; i < BATCH; i++) {
            t.execute(r);
        }
        long expected = submitted += BATCH;
        while (done.get() < expected) {
            Thread.onSpinWait();
        }
    }
}
