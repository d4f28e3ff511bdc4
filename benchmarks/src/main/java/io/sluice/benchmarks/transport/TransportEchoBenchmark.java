package io.sluice.benchmarks.transport;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
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
 * Messages per second through a two-pipeline echo (a client and an echo server in this JVM, each on
 * its own event loop) over the in-process local transport, a Unix domain socket and loopback TCP,
 * Sluice against Netty 4.2 on the same transport. Each operation is one of {@link #BATCH} messages
 * of {@code size} bytes, written from the client's loop with one flush and waited for until every
 * byte is back; the score is messages per microsecond.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar TransportEchoBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class TransportEchoBenchmark {
    /** Messages per operation (one flush). */
    static final int BATCH = 64;

    @Param({"local", "unix", "tcp"})
    public String transport;

    @Param({"sluice", "netty"})
    public String impl;

    @Param({"64"})
    public int size;

    private Path dir;
    private EchoPair pair;

    @Setup
    public void setUp() throws Exception {
        dir = Files.createTempDirectory("sluice-bench");
        pair = impl.equals("sluice") ? new SluiceEchoPair(transport, dir) : new NettyEchoPair(transport, dir);
        pair.roundTrip(BATCH, size); // connected and echoing before anything is measured
    }

    @TearDown
    public void tearDown() throws Exception {
        pair.close();
        try (var files = Files.list(dir)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Files.deleteIfExists(p);
            }
        }
        Files.deleteIfExists(dir);
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void echo() throws Exception {
        pair.roundTrip(BATCH, size);
    }
}
