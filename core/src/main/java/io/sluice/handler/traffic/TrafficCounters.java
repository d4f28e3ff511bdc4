package io.sluice.handler.traffic;

import java.util.concurrent.atomic.LongAdder;

/**
 * Bytes read and written and time spent throttled, for one channel or a group. Thread-safe; the
 * totals only grow. For a current rate, take two {@link #snapshot}s and compare them
 * ({@link Snapshot#readBytesPerSecond}).
 */
public final class TrafficCounters {
    private final LongAdder bytesRead = new LongAdder();
    private final LongAdder bytesWritten = new LongAdder();
    private final LongAdder readThrottledNanos = new LongAdder();
    private final LongAdder writeThrottledNanos = new LongAdder();

    TrafficCounters() {}

    /** Returns the bytes read so far. */
    public long bytesRead() {
        return bytesRead.sum();
    }

    /** Returns the bytes written (passed on to the transport) so far. */
    public long bytesWritten() {
        return bytesWritten.sum();
    }

    /** Returns the nanoseconds reading was suspended by the limit. */
    public long readThrottledNanos() {
        return readThrottledNanos.sum();
    }

    /** Returns the nanoseconds writes were held by the limit, summed over held writes' first waits. */
    public long writeThrottledNanos() {
        return writeThrottledNanos.sum();
    }

    void read(long bytes) {
        bytesRead.add(bytes);
    }

    void written(long bytes) {
        bytesWritten.add(bytes);
    }

    void readThrottled(long nanos) {
        readThrottledNanos.add(nanos);
    }

    void writeThrottled(long nanos) {
        writeThrottledNanos.add(nanos);
    }

    /** Returns the totals now, stamped with {@code nanoTime} (any clock, used only to compute rates). */
    public Snapshot snapshot(long nanoTime) {
        return new Snapshot(nanoTime, bytesRead(), bytesWritten());
    }

    /**
     * The totals at one time.
     *
     * @param nanoTime when they were taken
     * @param bytesRead bytes read by then
     * @param bytesWritten bytes written by then
     */
    public record Snapshot(long nanoTime, long bytesRead, long bytesWritten) {

        /** Returns the read rate between {@code earlier} and this snapshot (0 if no time passed). */
        public double readBytesPerSecond(Snapshot earlier) {
            return rate(bytesRead - earlier.bytesRead, earlier);
        }

        /** Returns the write rate between {@code earlier} and this snapshot (0 if no time passed). */
        public double writeBytesPerSecond(Snapshot earlier) {
            return rate(bytesWritten - earlier.bytesWritten, earlier);
        }

        private double rate(long bytes, Snapshot earlier) {
            long nanos = nanoTime - earlier.nanoTime;
            return nanos <= 0 ? 0 : bytes * 1e9 / nanos;
        }
    }
}
