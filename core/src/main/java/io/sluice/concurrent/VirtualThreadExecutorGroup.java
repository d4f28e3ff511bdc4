package io.sluice.concurrent;

import io.sluice.internal.VirtualThreads;
import java.util.Collections;
import java.util.Iterator;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An executor group for handlers that block (JDBC, a blocking HTTP client, file I/O): each executor
 * runs its tasks one after another on a virtual thread (JDK 21+), so a handler may block in straight-line
 * code without stalling an event loop and without a worker pool to size.
 *
 * <pre>{@code
 * VirtualThreadExecutorGroup blocking = VirtualThreadExecutorGroup.create();
 * ch.pipeline().addLast(blocking, "db", new QueryHandler());   // may block; per-channel order kept
 * }</pre>
 *
 * <p><b>Executors.</b> {@link #next()} makes a new executor each time it is called; a pipeline asks once
 * per channel, so each channel gets its own. An executor holds no thread while it has nothing to do: the
 * first task after an idle spell starts a virtual thread that runs the queued tasks in submission order and
 * ends when the queue is empty. A channel's events therefore never run concurrently and stay in order,
 * while different channels run in parallel, as many as have work. What the handler writes goes back through
 * the channel's own event loop, as for any offloaded handler. The group does not keep its executors:
 * iterating it yields none, and {@link #executorCount()} is the number running tasks right now.
 *
 * <p><b>Scheduling.</b> Scheduled tasks wait on one platform timer thread per group and run on their
 * executor's virtual thread when due.
 *
 * <p><b>Shutdown.</b> {@link #shutdownGracefully(long, long, TimeUnit)} waits until no executor has run for
 * the quiet period (or the timeout passed), then rejects new tasks, lets running ones finish, cancels
 * what is scheduled and terminates. Shutting down one executor of the group shuts the group down.
 *
 * <p><b>Availability.</b> Before JDK 21 {@link #isAvailable()} is false and {@link #create()} throws
 * {@link UnsupportedOperationException} naming the JDK it needs; the rest of Sluice is unaffected.
 */
public final class VirtualThreadExecutorGroup extends AbstractEventExecutorGroup {
    private static final int RUNNING = 0;
    private static final int SHUTTING_DOWN = 1;
    private static final int SHUTDOWN = 2;
    private static final int TERMINATED = 3;
    /** How often a graceful shutdown checks the quiet period, in milliseconds. */
    private static final long SHUTDOWN_CHECK_MILLIS = 10;

    private final ThreadFactory threads;
    /** Holds the scheduled tasks of every executor of the group; a platform thread, started on first use. */
    private final DefaultEventExecutor timer;
    /** Virtual threads running tasks now. */
    private final AtomicInteger activeThreads = new AtomicInteger();
    private final AtomicInteger state = new AtomicInteger(RUNNING);
    private final DefaultPromise<Void> terminationFuture = new DefaultPromise<>(null);
    /** When a virtual thread last started (System.nanoTime), for the quiet period. */
    private volatile long lastStartNanos = System.nanoTime();

    private VirtualThreadExecutorGroup(String threadNamePrefix) {
        this.threads = VirtualThreads.factory(threadNamePrefix);
        this.timer = DefaultEventExecutor.create(threadNamePrefix + "-timer");
    }

    /** Returns whether this JDK has virtual threads (21 or later), so {@link #create()} works. */
    public static boolean isAvailable() {
        return VirtualThreads.isSupported();
    }

    /**
     * Returns a group whose virtual threads are named {@code sluice-virtual-N}.
     *
     * @throws UnsupportedOperationException before JDK 21
     */
    public static VirtualThreadExecutorGroup create() {
        return create("sluice-virtual");
    }

    /**
     * Returns a group whose virtual threads are named {@code threadNamePrefix-N}.
     *
     * @throws UnsupportedOperationException before JDK 21, naming the JDK it needs
     */
    public static VirtualThreadExecutorGroup create(String threadNamePrefix) {
        if (!isAvailable()) {
            throw new UnsupportedOperationException(VirtualThreads.unsupportedMessage());
        }
        return new VirtualThreadExecutorGroup(java.util.Objects.requireNonNull(threadNamePrefix, "threadNamePrefix"));
    }

    /** Returns a new executor: tasks in order, on a virtual thread while it has any. */
    @Override
    public EventExecutor next() {
        return new VirtualThreadExecutor(this);
    }

    /** Returns the number of executors running tasks at this moment. */
    @Override
    public int executorCount() {
        return activeThreads.get();
    }

    /** Returns an empty iterator: the group does not keep its executors (see the class comment). */
    @Override
    public Iterator<EventExecutor> iterator() {
        return Collections.emptyIterator();
    }

    /** Runs {@code task} on a virtual thread of its own. */
    @Override
    public void execute(Runnable task) {
        next().execute(task);
    }

    @Override
    public Future<?> shutdownGracefully(long quietPeriod, long timeout, TimeUnit unit) {
        checkShutdownArguments(quietPeriod, timeout);
        if (state.compareAndSet(RUNNING, SHUTTING_DOWN)) {
            long quietNanos = unit.toNanos(quietPeriod);
            long deadlineNanos = System.nanoTime() + unit.toNanos(timeout);
            timer.execute(() -> endQuietPeriod(quietNanos, deadlineNanos));
        }
        return terminationFuture;
    }

    /** On the timer: stops taking tasks once quiet (or past the deadline), else looks again shortly. */
    private void endQuietPeriod(long quietNanos, long deadlineNanos) {
        long now = System.nanoTime();
        boolean quiet = activeThreads.get() == 0 && now - lastStartNanos >= quietNanos;
        if (quiet || now - deadlineNanos >= 0) {
            state.compareAndSet(SHUTTING_DOWN, SHUTDOWN);
            tryTerminate();
        } else {
            timer.schedule(() -> endQuietPeriod(quietNanos, deadlineNanos), SHUTDOWN_CHECK_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public boolean isShuttingDown() {
        return state.get() >= SHUTTING_DOWN;
    }

    @Override
    public boolean isTerminated() {
        return state.get() == TERMINATED;
    }

    @Override
    public Future<?> terminationFuture() {
        return terminationFuture;
    }

    // ---- for the executors -------------------------------------------------------------------

    /** Whether new tasks are refused (the quiet period is over). */
    boolean rejectsTasks() {
        return state.get() >= SHUTDOWN;
    }

    RejectedExecutionException rejected(EventExecutor executor) {
        return new RejectedExecutionException("executor: " + executor + " (expected: not shut down)");
    }

    SingleThreadEventExecutor timer() {
        return timer;
    }

    /** Starts a virtual thread running {@code drain}; the count goes down in {@link #threadEnded()}. */
    void startThread(Runnable drain) {
        activeThreads.incrementAndGet();
        lastStartNanos = System.nanoTime();
        try {
            threads.newThread(drain).start();
        } catch (Throwable e) {
            threadEnded();
            throw e;
        }
    }

    void threadEnded() {
        if (activeThreads.decrementAndGet() == 0 && state.get() >= SHUTDOWN) {
            tryTerminate();
        }
    }

    private void tryTerminate() {
        // a task admitted just before the quiet period ended may still start a thread: it runs, and is not lost
        if (activeThreads.get() == 0 && state.compareAndSet(SHUTDOWN, TERMINATED)) {
            timer.shutdownGracefully(0, 0, TimeUnit.SECONDS)
                    .addListener(f -> terminationFuture.trySuccess(null));
        }
    }
}
