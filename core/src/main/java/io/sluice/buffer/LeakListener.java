package io.sluice.buffer;

/**
 * Receives leak reports: buffers that became unreachable without being released. The default
 * listener logs each report at ERROR through slf4j (logger {@code io.sluice.buffer.LeakDetector}).
 * Tests that leak on purpose install their own listener and assert on what it receives.
 */
@FunctionalInterface
public interface LeakListener {

    /** Called once for each leaked buffer, on whichever thread noticed it. Must not throw. */
    void onLeak(LeakReport report);
}
