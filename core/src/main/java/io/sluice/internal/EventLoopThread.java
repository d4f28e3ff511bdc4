package io.sluice.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The thread type that runs an event loop. The pooled allocator gives such threads a per-thread
 * cache (other threads share arenas) and frees it through {@link #onExit(Runnable)} when the
 * thread ends. Not exported: transports get these threads from core's event-loop groups.
 */
public class EventLoopThread extends Thread {
    private static final Object[] NO_LOCALS = {};

    /** Actions to run when the thread ends; touched only by this thread. */
    private final List<Runnable> exitActions = new ArrayList<>(2);
    /** Whether waiting for a future on this thread is an error (true for I/O loops). */
    private final boolean forbidsBlocking;
    /** How deeply promise listeners are nested on this thread now; touched only by this thread. */
    private int listenerDepth;
    /** Values of {@link LoopLocal}s by their index; touched only by this thread. */
    private Object[] loopLocals = NO_LOCALS;

    /** Creates a thread that runs {@code task} with the given name. */
    public EventLoopThread(Runnable task, String name, boolean forbidsBlocking) {
        super(task, name);
        this.forbidsBlocking = forbidsBlocking;
    }

    /** Returns whether waiting for a future on this thread throws (I/O loops must never block). */
    public final boolean forbidsBlocking() {
        return forbidsBlocking;
    }

    /** Returns how deeply promise listeners are nested on this thread now. This thread only. */
    public final int listenerDepth() {
        return listenerDepth;
    }

    /** Sets how deeply promise listeners are nested on this thread now. This thread only. */
    public final void listenerDepth(int depth) {
        listenerDepth = depth;
    }

    /** Returns this thread's value of the {@link LoopLocal} with that index, or null. This thread only. */
    final Object loopLocal(int index) {
        Object[] values = loopLocals;
        return index < values.length ? values[index] : null;
    }

    /** Sets this thread's value of the {@link LoopLocal} with that index. This thread only. */
    final void loopLocal(int index, Object value) {
        Object[] values = loopLocals;
        if (index >= values.length) {
            if (value == null) {
                return;
            }
            values = Arrays.copyOf(values, Math.max(8, Integer.highestOneBit(index) << 1));
            loopLocals = values;
        }
        values[index] = value;
    }

    /** Registers an action to run on this thread after its task ends. Call from this thread only. */
    public final void onExit(Runnable action) {
        exitActions.add(action);
    }

    @Override
    public final void run() {
        try {
            super.run();
        } finally {
            for (Runnable action : exitActions) {
                action.run();
            }
        }
    }
}
