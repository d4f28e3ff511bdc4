package io.sluice.buffer;

import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds buffers that were never released.
 *
 * <p>The level comes from the system property {@code io.sluice.leakDetection.level}
 * ({@code disabled}, {@code sampled} (default), {@code advanced}, {@code paranoid}); at the sampled
 * levels one buffer in {@code io.sluice.leakDetection.samplingInterval} (default 128) is tracked.
 * A tracked buffer that becomes unreachable before its count reaches zero is reported to the
 * {@link LeakListener} with its allocation stack and last touches; reports are noticed when later
 * buffers are allocated, or when {@link #reportCollected()} is called.
 *
 * <p>Tests use {@link #mark()} and {@link #unreleasedSince(long)} to find buffers a test allocated
 * and did not release, without waiting for the garbage collector (see the JUnit extension in the
 * core test jar). Thread-safe.
 */
public final class LeakDetector {
    private static final Logger LOG = LoggerFactory.getLogger(LeakDetector.class);
    private static final LeakListener LOGGING = report -> LOG.error("{}", report);

    private static final Set<LeakRecord> LIVE = ConcurrentHashMap.newKeySet();
    private static final ReferenceQueue<Object> COLLECTED = new ReferenceQueue<>();
    private static final AtomicLong SEQUENCE = new AtomicLong();
    private static final int SAMPLING_INTERVAL =
            Math.max(1, Integer.getInteger("io.sluice.leakDetection.samplingInterval", 128));

    private static volatile LeakDetectionLevel level =
            parse(System.getProperty("io.sluice.leakDetection.level", "sampled"));
    private static volatile LeakListener listener = LOGGING;

    private LeakDetector() {}

    static LeakDetectionLevel parse(String value) {
        try {
            return LeakDetectionLevel.valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("io.sluice.leakDetection.level: " + value
                    + " (expected: disabled, sampled, advanced or paranoid)", e);
        }
    }

    /** Returns the current level. */
    public static LeakDetectionLevel level() {
        return level;
    }

    /** Sets the level for buffers allocated from now on. */
    public static void level(LeakDetectionLevel newLevel) {
        level = Objects.requireNonNull(newLevel, "newLevel");
    }

    /**
     * Installs the listener that receives leak reports.
     *
     * @param newListener the listener, or {@code null} for the default (log at ERROR)
     * @return the previous listener, so a test can restore it
     */
    public static LeakListener listener(LeakListener newListener) {
        LeakListener previous = listener;
        listener = newListener == null ? LOGGING : newListener;
        return previous;
    }

    /** Returns a mark: buffers tracked after this call have a greater {@link LeakReport#id()}. */
    public static long mark() {
        return SEQUENCE.get();
    }

    /**
     * Returns the tracked buffers allocated after {@code mark} that are still unreleased, oldest
     * first. At level {@link LeakDetectionLevel#PARANOID} that is every such buffer.
     */
    public static List<LeakReport> unreleasedSince(long mark) {
        List<LeakRecord> records = new ArrayList<>();
        for (LeakRecord record : LIVE) {
            if (record.id > mark) {
                records.add(record);
            }
        }
        records.sort(Comparator.comparingLong(r -> r.id));
        List<LeakReport> reports = new ArrayList<>(records.size());
        for (LeakRecord record : records) {
            reports.add(record.report());
        }
        return reports;
    }

    /**
     * Stops tracking every buffer allocated after {@code mark} that is still unreleased, so it is
     * not reported again later (a test that failed for a leak calls this after reporting it).
     *
     * @return how many were forgotten
     */
    public static int forgetSince(long mark) {
        int n = 0;
        for (LeakRecord record : LIVE) {
            if (record.id > mark && LIVE.remove(record)) {
                record.clear();
                n++;
            }
        }
        return n;
    }

    /**
     * Reports every tracked buffer the garbage collector has found unreachable and unreleased.
     *
     * @return how many leaks were reported
     */
    public static int reportCollected() {
        int n = 0;
        for (Reference<?> ref; (ref = COLLECTED.poll()) != null; ) {
            LeakRecord record = (LeakRecord) ref;
            if (LIVE.remove(record)) {
                n++;
                LeakReport report = record.report();
                try {
                    listener.onLeak(report);
                } catch (RuntimeException e) {
                    LOG.error("Leak listener threw; the report was: {}", report, e);
                }
            }
        }
        return n;
    }

    /** Returns a record tracking {@code buffer}, or {@code null} when this one is not sampled. */
    static LeakRecord track(AbstractBuffer buffer) {
        LeakDetectionLevel current = level;
        if (current == LeakDetectionLevel.DISABLED) {
            return null;
        }
        if (current != LeakDetectionLevel.PARANOID && ThreadLocalRandom.current().nextInt(SAMPLING_INTERVAL) != 0) {
            return null;
        }
        reportCollected();
        LeakRecord record = new LeakRecord(buffer, COLLECTED, SEQUENCE.incrementAndGet(),
                buffer.getClass().getSimpleName(), buffer.capacity(), buffer.alloc(),
                current != LeakDetectionLevel.SAMPLED);
        LIVE.add(record);
        return record;
    }

    static void untrack(LeakRecord record) {
        LIVE.remove(record);
    }
}
