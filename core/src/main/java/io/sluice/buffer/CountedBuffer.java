package io.sluice.buffer;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A buffer that owns its reference count and leak record: a root or composite buffer. Derived
 * buffers (slices, duplicates, read-only views) share their source's count and so carry neither
 * field, which keeps each frame a decoder slices off 8 bytes smaller.
 */
abstract class CountedBuffer extends AbstractBuffer {
    private static final VarHandle REF_CNT;

    static {
        try {
            REF_CNT = MethodHandles.lookup().findVarHandle(CountedBuffer.class, "refCnt", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /**
     * Reference count; updated with CAS through {@link #REF_CNT}, read plainly by the access
     * check (a best-effort guard; the count itself is exact).
     */
    private int refCnt = 1;
    /** Leak tracking record, or {@code null} when this buffer is not tracked; set once by the allocator. */
    LeakRecord leak;

    CountedBuffer(int maxCapacity, boolean readOnly) {
        super(maxCapacity, readOnly);
    }

    @Override
    final void ensureAccessible() {
        if (refCnt == 0) {
            throw IllegalReferenceCountException.usedAfterRelease("buffer", lastTouchNote());
        }
    }

    /**
     * Says who touched this buffer last (the pipeline touches it with each handler's name), for a
     * use-after-release or release-past-zero message. Only a tracked buffer at level
     * {@code advanced} or {@code paranoid} has its touches recorded (below {@code paranoid}, one
     * buffer in the sampling interval); otherwise the note says which level would name it.
     */
    final String lastTouchNote() {
        LeakRecord record = leak;
        String last = record == null ? null : record.lastHintedTouch();
        if (last != null) {
            return "; last touched by " + last;
        }
        return LeakDetector.level() == LeakDetectionLevel.PARANOID ? ""
                : "; -Dio.sluice.leakDetection.level=paranoid names the handler that last touched it";
    }

    @Override
    public int refCnt() {
        return (int) REF_CNT.getVolatile(this);
    }

    @Override
    public Buffer retain(int increment) {
        if (increment <= 0) {
            throw new IllegalArgumentException("increment: " + increment + " (expected: > 0)");
        }
        for (;;) {
            int current = (int) REF_CNT.getVolatile(this);
            int next = current + increment;
            if (current <= 0 || next <= 0) {
                throw IllegalReferenceCountException.of(current, increment, lastTouchNote());
            }
            if (REF_CNT.compareAndSet(this, current, next)) {
                LeakRecord record = leak;
                if (record != null) {
                    record.event("retain(" + increment + ") -> refCnt " + next);
                }
                return this;
            }
        }
    }

    @Override
    public boolean release(int decrement) {
        if (decrement <= 0) {
            throw new IllegalArgumentException("decrement: " + decrement + " (expected: > 0)");
        }
        for (;;) {
            int current = (int) REF_CNT.getVolatile(this);
            if (current < decrement) {
                throw IllegalReferenceCountException.of(current, -decrement, lastTouchNote());
            }
            if (REF_CNT.compareAndSet(this, current, current - decrement)) {
                LeakRecord record = leak;
                if (current == decrement) {
                    if (record != null) {
                        record.close();
                    }
                    deallocate();
                    return true;
                }
                if (record != null) {
                    record.event("release(" + decrement + ") -> refCnt " + (current - decrement));
                }
                return false;
            }
        }
    }

    @Override
    public Buffer touch(Object hint) {
        LeakRecord record = leak;
        if (record != null && refCnt() != 0) { // touches after release would hide who had it last
            record.touch(hint);
        }
        return this;
    }
}
