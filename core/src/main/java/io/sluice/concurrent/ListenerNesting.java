package io.sluice.concurrent;

import io.sluice.internal.EventLoopThread;

/**
 * How deeply promise listeners run inside one another on the current thread. A listener that
 * completes another promise (a failed write that writes again, failing at once on a closed channel)
 * would otherwise recurse until {@code StackOverflowError}: past {@link #MAX_DEPTH} levels,
 * {@link DefaultPromise} notifies through its executor instead, which unwinds the stack. Event
 * loop threads keep the count in a field; other threads in a thread local.
 */
final class ListenerNesting {
    /** Listener notifications nested inline before the next one goes through the executor (Netty's bound too). */
    static final int MAX_DEPTH = 8;
    private static final ThreadLocal<int[]> DEPTH = ThreadLocal.withInitial(() -> new int[1]);

    private ListenerNesting() {}

    /** Enters one level if below {@link #MAX_DEPTH}. @return false if too deep (then do not call {@link #exit()}) */
    static boolean tryEnter() {
        if (Thread.currentThread() instanceof EventLoopThread loop) {
            int depth = loop.listenerDepth();
            if (depth >= MAX_DEPTH) {
                return false;
            }
            loop.listenerDepth(depth + 1);
            return true;
        }
        int[] depth = DEPTH.get();
        if (depth[0] >= MAX_DEPTH) {
            return false;
        }
        depth[0]++;
        return true;
    }

    /** Leaves the level entered by a successful {@link #tryEnter()}. */
    static void exit() {
        if (Thread.currentThread() instanceof EventLoopThread loop) {
            loop.listenerDepth(loop.listenerDepth() - 1);
        } else {
            DEPTH.get()[0]--;
        }
    }
}
