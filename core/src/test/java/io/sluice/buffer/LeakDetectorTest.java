package io.sluice.buffer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LeakDetectorTest {
    private static final String HINT = "dropping-handler";
    private LeakDetectionLevel savedLevel;

    @BeforeEach
    void paranoid() {
        savedLevel = LeakDetector.level();
        LeakDetector.level(LeakDetectionLevel.PARANOID);
    }

    @AfterEach
    void restoreLevel() {
        LeakDetector.level(savedLevel);
    }

    /** Allocates a buffer and drops it without releasing it; nothing keeps it reachable. */
    private static void allocateAndDrop() {
        Buffer buf = BufferAllocator.unpooled().heapBuffer(32);
        buf.writeInt(42);
        buf.touch(HINT);
    }

    @Test
    void droppedBufferIsReportedToTheListenerAfterGarbageCollection() {
        Queue<LeakReport> reports = new ConcurrentLinkedQueue<>();
        LeakListener previous = LeakDetector.listener(reports::add);
        long mark = LeakDetector.mark();
        try {
            allocateAndDrop();
            LeakReport report = null;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (report == null && System.nanoTime() - deadline < 0) {
                System.gc();
                LeakDetector.reportCollected();
                report = reports.stream().filter(r -> r.toString().contains(HINT)).findFirst().orElse(null);
                if (report == null) {
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10)); // let the reference handler run
                }
            }
            assertNotNull(report, "the dropped buffer was reported within 5 s");
            assertTrue(report.id() > mark);
            assertTrue(report.allocationTrace().contains("allocateAndDrop"), report.allocationTrace());
            assertTrue(report.allocationTrace().contains(LeakDetectorTest.class.getName()), report.allocationTrace());
            assertTrue(report.touches().stream().anyMatch(t -> t.contains(HINT)), report.touches().toString());
            assertTrue(report.description() != null && !report.description().isEmpty());
            String text = report.toString();
            assertTrue(text.startsWith("LEAK: "), text);
            assertTrue(text.contains("allocateAndDrop"), text);
            long id = report.id();
            assertTrue(LeakDetector.unreleasedSince(mark).stream().noneMatch(r -> r.id() == id),
                    "a reported leak is no longer live");
        } finally {
            LeakDetector.listener(previous);
            LeakDetector.forgetSince(mark);
        }
    }

    @Test
    void unreleasedSinceListsLiveBuffersInAllocationOrder() {
        long mark = LeakDetector.mark();
        Buffer first = BufferAllocator.unpooled().heapBuffer(8);
        Buffer second = BufferAllocator.pooled().directBuffer(8);
        List<LeakReport> live = LeakDetector.unreleasedSince(mark);
        assertEquals(2, live.size());
        assertTrue(mark < live.get(0).id() && live.get(0).id() < live.get(1).id());
        long secondId = live.get(1).id();
        first.release();
        live = LeakDetector.unreleasedSince(mark);
        assertEquals(1, live.size());
        assertEquals(secondId, live.get(0).id());
        second.release();
        assertTrue(LeakDetector.unreleasedSince(mark).isEmpty());
    }

    @Test
    void derivedBuffersShareTheirRootsRecord() {
        long mark = LeakDetector.mark();
        Buffer root = BufferAllocator.unpooled().heapBuffer(64).writeLong(1).writeLong(2);
        Buffer slice = root.retainedSlice(0, 8);
        Buffer dup = root.duplicate();
        Buffer ro = root.asReadOnly();
        assertEquals(1, LeakDetector.unreleasedSince(mark).size(), "only the root is tracked");
        dup.touch("via duplicate");
        ro.touch("via read-only view");
        root.release();
        assertEquals(1, LeakDetector.unreleasedSince(mark).size(), "the retained slice keeps it alive");
        String report = LeakDetector.unreleasedSince(mark).get(0).toString();
        assertTrue(report.contains("via duplicate"), report);
        slice.release();
        assertTrue(LeakDetector.unreleasedSince(mark).isEmpty());
    }

    @Test
    void forgetSinceStopsTrackingWithoutReleasing() {
        long mark = LeakDetector.mark();
        Buffer buf = BufferAllocator.unpooled().heapBuffer(8);
        assertEquals(1, LeakDetector.forgetSince(mark));
        assertTrue(LeakDetector.unreleasedSince(mark).isEmpty());
        assertEquals(1, buf.refCnt());
        assertTrue(buf.release());
        assertEquals(0, LeakDetector.forgetSince(mark));
    }

    @Test
    void disabledLevelTracksNothing() {
        LeakDetector.level(LeakDetectionLevel.DISABLED);
        long mark = LeakDetector.mark();
        Buffer buf = BufferAllocator.unpooled().heapBuffer(8);
        assertTrue(LeakDetector.unreleasedSince(mark).isEmpty());
        buf.touch("ignored");
        assertTrue(buf.release());
    }

    @Test
    void listenerDefaultsBackToLogging() {
        LeakListener mine = report -> { };
        LeakListener previous = LeakDetector.listener(mine);
        try {
            assertEquals(mine, LeakDetector.listener(null));
            LeakListener logging = LeakDetector.listener(previous);
            assertNotNull(logging, "null installs the default listener");
        } finally {
            LeakDetector.listener(previous);
        }
    }
}
