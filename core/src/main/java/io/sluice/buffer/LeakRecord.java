package io.sluice.buffer;

import java.lang.ref.PhantomReference;
import java.lang.ref.ReferenceQueue;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Tracks one root buffer for the {@link LeakDetector}: allocation stack and the last touches.
 * Closed when the buffer is deallocated; if the buffer becomes unreachable first, the garbage
 * collector enqueues this record and the detector reports it.
 */
final class LeakRecord extends PhantomReference<Object> {
    /** Classes whose frames a report leaves out above the first caller. */
    private static final java.util.Set<String> IMPLEMENTATION = java.util.Set.of(
            AbstractBuffer.class.getName(), RootBuffer.class.getName(), HeapBuffer.class.getName(),
            NioMemoryBuffer.class.getName(), DerivedBuffer.class.getName(), CompositeBuffer.class.getName(),
            AbstractAllocator.class.getName(), PooledBufferAllocator.class.getName(),
            UnpooledBufferAllocator.class.getName(), Buffers.class.getName(), LeakDetector.class.getName(),
            LeakRecord.class.getName(), LeakRecord.Touch.class.getName(), ReferenceCounting.class.getName());
    private static final int MAX_TOUCHES = Integer.getInteger("io.sluice.leakDetection.maxRecords", 8);

    final long id;
    // what the buffer was; the description is only built if a leak is reported
    private final String type;
    private final int capacity;
    private final Object allocator;
    private final Throwable allocation;
    private final String allocationThread = Thread.currentThread().getName();
    private final boolean recordTouches;
    /** Most recent touches, oldest first; guarded by {@code this}. */
    private final ArrayDeque<Touch> touches;
    /**
     * The latest touch from outside the buffer (the pipeline touches with each handler's name), not
     * its own retain/release events; named in a use-after-release exception. Volatile: the buffer
     * may be used on another thread than the one that touched it.
     */
    private volatile Touch lastHinted;

    LeakRecord(Object referent, ReferenceQueue<Object> queue, long id, String type, int capacity, Object allocator,
            boolean recordTouches) {
        super(referent, queue);
        this.id = id;
        this.type = type;
        this.capacity = capacity;
        this.allocator = allocator;
        this.allocation = new Throwable("allocation");
        this.recordTouches = recordTouches;
        this.touches = recordTouches ? new ArrayDeque<>(MAX_TOUCHES) : null;
    }

    /** Records a touch from outside the buffer: {@code buf.touch(hint)}, or the pipeline handing it on. */
    void touch(Object hint) {
        Touch touch = record(hint == null ? null : String.valueOf(hint));
        if (touch != null && hint != null) {
            lastHinted = touch;
        }
    }

    /** Records the buffer's own retain or release. */
    void event(String what) {
        record(what);
    }

    /**
     * Returns who touched the buffer last with a hint, as {@code 'hint' on thread T}, or null when
     * nobody did or touches are not recorded (level {@code sampled}).
     */
    String lastHintedTouch() {
        Touch touch = lastHinted;
        return touch == null ? null : "'" + touch.hint + "' on thread " + touch.thread;
    }

    private Touch record(String hint) {
        if (!recordTouches) {
            return null;
        }
        Touch touch = new Touch(hint, Thread.currentThread().getName());
        synchronized (this) {
            if (touches.size() == MAX_TOUCHES) {
                touches.removeFirst();
            }
            touches.addLast(touch);
        }
        return touch;
    }

    /** Marks the buffer released: it is no longer a leak candidate. */
    void close() {
        LeakDetector.untrack(this);
        clear();
    }

    LeakReport report() {
        List<String> rendered;
        if (recordTouches) {
            synchronized (this) {
                rendered = new ArrayList<>(touches.size());
                for (Touch t : touches) {
                    rendered.add(t.render());
                }
            }
        } else {
            rendered = List.of();
        }
        String description = type + "(capacity at allocation: " + capacity + ") from " + allocator;
        return new LeakReport(id, description, render(allocation, "on thread " + allocationThread), rendered);
    }

    static String render(Throwable where, String header) {
        StringBuilder sb = new StringBuilder(header).append(":\n");
        StackTraceElement[] frames = where.getStackTrace();
        int first = 0;
        // skip the buffer implementation's own frames above the caller: the report is about user code
        while (first < frames.length - 1 && IMPLEMENTATION.contains(frames[first].getClassName())) {
            first++;
        }
        for (int i = first; i < frames.length; i++) {
            sb.append("\tat ").append(frames[i]).append('\n');
        }
        return sb.toString();
    }

    static final class Touch extends Throwable {
        private static final long serialVersionUID = 1L;
        private final String hint;
        private final String thread;

        Touch(String hint, String thread) {
            super(null, null, false, true);
            this.hint = hint;
            this.thread = thread;
        }

        String render() {
            return LeakRecord.render(this, (hint == null ? "" : "with hint '" + hint + "' ") + "on thread " + thread);
        }
    }
}
