package io.sluice.benchmarks.concurrent;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
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

/**
 * The cost of handing a burst of {@value #BURST} tasks to a loop that has nothing to do, and
 * waiting until it ran them; one operation is one whole burst (bursts per second; its inverse is
 * the latency of a burst).
 *
 * <p>How idle the loop is, {@link #idle}:
 * <ul>
 *   <li>{@code afterBurst}: the burst starts as soon as the previous one finished. The loop has
 *       just run dry and is typically on its way into its wait (publishing "waiting", re-checking
 *       the queue, entering park/take) or already parked, so this mixes the "still awake" and
 *       "must be woken" paths in proportions set by the machine's timing. It does not guarantee a
 *       parked loop: JMH cannot sleep cheaply between invocations.</li>
 *   <li>{@code parked}: before each invocation, outside the measured time (an invocation-level
 *       set-up), the benchmark thread spins until the loop's thread is in state WAITING or
 *       TIMED_WAITING, i.e. parked. This measures the full wake-up path (unpark, the scheduler
 *       running the thread) plus the burst. Invocation-level set-up adds a little timing
 *       overhead per invocation, small next to a wake-up of several microseconds.</li>
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class BurstToIdleLoopBenchmark {
    static final int BURST = 16;
    private static final long PARK_WAIT_LIMIT_NANOS = TimeUnit.SECONDS.toNanos(1);

    @Param({
        ExecutorUnderTest.SLUICE,
        ExecutorUnderTest.SLUICE_IO_LOOP,
        ExecutorUnderTest.NETTY_DEFAULT_EVENT_LOOP,
        ExecutorUnderTest.NETTY_SINGLE_THREAD_EVENT_EXECUTOR,
        ExecutorUnderTest.JDK_THREAD_POOL
    })
    public String executor;

    @Param({"afterBurst", "parked"})
    public String idle;

    private ExecutorUnderTest target;
    private boolean waitUntilParked;
    /** Tasks run; written by the consumer only. */
    private final AtomicLong done = new AtomicLong();
    private final Runnable task = () -> done.lazySet(done.get() + 1);
    /** Tasks executed so far; producer only. */
    private long submitted;

    @Setup(Level.Trial)
    public void setUp() throws InterruptedException {
        target = ExecutorUnderTest.create(executor);
        waitUntilParked = "parked".equals(idle);
    }

    @Setup(Level.Invocation)
    public void awaitParked() {
        if (!waitUntilParked) {
            return;
        }
        Thread loop = target.thread();
        long start = System.nanoTime();
        for (;;) {
            Thread.State s = loop.getState();
            if (s == Thread.State.WAITING || s == Thread.State.TIMED_WAITING) {
                return;
            }
            if (System.nanoTime() - start > PARK_WAIT_LIMIT_NANOS) {
                throw new IllegalStateException(target + ": loop thread not parked after 1 s, state " + s);
            }
            Thread.onSpinWait();
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws InterruptedException {
        target.report(done.get() / BURST, "burst");
        target.shutdown();
    }

    @Benchmark
    public void burst() {
        ExecutorUnderTest t = target;
        Runnable r = task;
        for (int i = 0; i < BURST; i++) {
            t.execute(r);
        }
        long expected = submitted += BURST;
        while (done.get() < expected) {
            Thread.onSpinWait();
        }
    }
}
