package io.sluice.testing;

import io.sluice.buffer.LeakDetectionLevel;
import io.sluice.buffer.LeakDetector;
import io.sluice.buffer.LeakReport;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a test that leaves a buffer unreleased.
 *
 * <p>Before each test it takes a {@link LeakDetector#mark()}; after the test it asks the detector
 * for the buffers tracked since then that are still unreleased. Other threads of the test (event
 * loops, executors) get a bounded grace period to finish their releases; whatever is still
 * unreleased then fails the test with every leak report (allocation stack and touches), and is
 * forgotten so it is not reported again by a later test.
 *
 * <p>Registered for JUnit's extension autodetection through {@code META-INF/services}; other
 * modules get it from the core test jar. It sees every buffer at leak detection level
 * {@link LeakDetectionLevel#PARANOID} (what the build sets) and only the sampled ones at lower
 * levels. Tests that run in parallel would see each other's buffers: run them sequentially.
 */
// Compiled into the io.sluice.core module for testing: JUnit's types are not exported by it.
@SuppressWarnings("exports")
public final class LeakCheckExtension implements BeforeEachCallback, AfterEachCallback {
    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(LeakCheckExtension.class);
    private static final String MARK = "leak-detector-mark";
    private static final Duration DEFAULT_GRACE = Duration.ofSeconds(2);
    private static final long PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

    private final long graceNanos;

    /** Creates the extension with a grace period of two seconds for asynchronous releases. */
    public LeakCheckExtension() {
        this(DEFAULT_GRACE);
    }

    /** Creates the extension with the given grace period (for its own tests). */
    LeakCheckExtension(Duration grace) {
        this.graceNanos = grace.toNanos();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        context.getStore(NAMESPACE).put(MARK, LeakDetector.mark());
    }

    @Override
    public void afterEach(ExtensionContext context) {
        Long mark = context.getStore(NAMESPACE).remove(MARK, Long.class);
        if (mark == null) {
            return;
        }
        List<LeakReport> leaks = LeakDetector.unreleasedSince(mark);
        long start = System.nanoTime();
        while (!leaks.isEmpty() && System.nanoTime() - start < graceNanos) {
            // a bounded grace period for releases still running on other threads, not synchronisation
            LockSupport.parkNanos(PARK_NANOS);
            leaks = LeakDetector.unreleasedSince(mark);
        }
        if (leaks.isEmpty()) {
            return;
        }
        LeakDetector.forgetSince(mark);
        StringBuilder message = new StringBuilder(1024)
                .append(leaks.size()).append(leaks.size() == 1 ? " buffer" : " buffers")
                .append(" leaked (not released by the end of the test) in ")
                .append(context.getDisplayName()).append(':');
        for (LeakReport report : leaks) {
            message.append("\n\n").append(report);
        }
        throw new AssertionError(message.toString());
    }
}
