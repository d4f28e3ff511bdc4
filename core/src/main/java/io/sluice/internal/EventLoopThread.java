package io.sluice.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * The thread type that runs an event loop. The pooled allocator gives such threads a per-thread
 * cache (other threads share arenas) and frees it through {@link #onExit(Runnable)} when the
 * thread ends. Not exported: transports get these threads from core's event-loop groups.
 */
public class EventLoopThread extends Thread {
    /** Actions to run when the thread ends; touched only by this thread. */
    private final List<Runnable> exitActions = new ArrayList<>(2);
    /** Whether waiting for a future on this thread is an error (true for I/O loops). */
    private final boolean forbidsBlocking;
    /** How deeply promise listeners are nested on this thread now; touched only by this thread. */
    private int listenerDepth;

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
