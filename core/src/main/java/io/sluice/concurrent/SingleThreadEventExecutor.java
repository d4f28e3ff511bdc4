package io.sluice.concurrent;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import org.jctools.queues.MessagePassingQueue;
import org.jctools.queues.varhandle.MpscChunkedVarHandleArrayQueue;
import org.jctools.queues.varhandle.MpscUnboundedVarHandleArrayQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An {@link EventExecutor} backed by one thread and a JCTools multi-producer single-consumer task
 * queue. The thread alternates between waiting (bounded by the next scheduled deadline), processing
 * I/O (for subclasses that do I/O), and running due scheduled tasks and queued tasks.
 *
 * <p><b>Wake-ups.</b> Waking a waiting thread costs a system call (a selector wake-up or an unpark),
 * so producers wake the thread only when it is waiting, and only the first producer does: the
 * thread publishes "waiting" before it waits and "awake" after, and a producer swaps in "awake"
 * before waking it.
 *
 * <p><b>Subclasses</b> (transports' event loops) supply {@link #waitForWork(long)}, {@link #wakeUp()}
 * and optionally {@link #processIo()}, {@link #onShuttingDown()} and {@link #cleanup()}.
 *
 * <p><b>Shutdown.</b> {@link #shutdownGracefully(long, long, TimeUnit)} cancels scheduled tasks, keeps
 * running submitted tasks until none arrived for the quiet period (or the timeout passed), rejects
 * new ones, runs what is left, and terminates. Tasks that arrive too late are rejected: a submitted
 * task's future fails with {@link RejectedExecutionException}; no future is left pending.
 * {@link #onShuttingDown()} runs on every turn of the shutdown and once more after the last tasks
 * from other threads ran, so what was opened meanwhile (a connection an acceptor on another loop
 * handed over during the quiet period) is closed too; what closing submits from this thread
 * (deregistration, inactive events) still runs, for a few rounds, before the loop ends.
 */
public abstract class SingleThreadEventExecutor extends AbstractScheduledEventExecutor {
    private static final Logger LOG = LoggerFactory.getLogger(SingleThreadEventExecutor.class);

    private static final int NOT_STARTED = 0;
    private static final int STARTED = 1;
    private static final int SHUTTING_DOWN = 2;
    private static final int SHUTDOWN = 3;
    private static final int TERMINATED = 4;

    /** {@link #wakeState} while the thread runs. */
    private static final int AWAKE = 0;
    /** {@link #wakeState} while the thread waits (or is about to). */
    private static final int WAITING = 1;

    /** Longest wait while shutting down, so the quiet period is checked. */
    private static final long SHUTDOWN_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    /** Tasks run between two checks of the time budget. */
    private static final int TASKS_PER_TIME_CHECK = 64;
    /** Rounds of the final drain in which tasks submitted from this thread are still accepted. */
    private static final int FINAL_ROUNDS = 8;
    /** Chunk size of the unbounded task queue. */
    private static final int QUEUE_CHUNK = 1024;

    private static final VarHandle STATE;
    private static final VarHandle WAKE_STATE;
    private static final VarHandle PROGRESS;
    private static final VarHandle CURRENT_TASK;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            STATE = lookup.findVarHandle(SingleThreadEventExecutor.class, "state", int.class);
            WAKE_STATE = lookup.findVarHandle(SingleThreadEventExecutor.class, "wakeState", int.class);
            PROGRESS = lookup.findVarHandle(SingleThreadEventExecutor.class, "progress", long.class);
            CURRENT_TASK = lookup.findVarHandle(SingleThreadEventExecutor.class, "currentTask", Object.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final EventExecutorGroup parent;
    private final ThreadFactory threadFactory;
    private final Ticker ticker;
    private final int maxPendingTasks;
    private final RejectedExecutionHandler rejectedHandler;
    private final MessagePassingQueue<Runnable> tasks;
    private final DefaultPromise<Void> terminationFuture = new DefaultPromise<>(null);
    /** Serialises the final drain of the queue with producers that arrive after termination. */
    private final Object drainLock = new Object();
    /** Whether the blocked-loop watchdog watches this executor. */
    private final boolean watched;

    private volatile Thread thread;
    private volatile int state = NOT_STARTED;
    /** {@link #AWAKE} or {@link #WAITING}; see the class comment. */
    private volatile int wakeState = AWAKE;
    private volatile long quietPeriodNanos;
    private volatile long shutdownTimeoutNanos;
    /** Start of the graceful shutdown (System.nanoTime), 0 before; this thread only. */
    private long shutdownStartNanos;
    /** When a task last ran (System.nanoTime), for the quiet period; this thread only. */
    private long lastExecutionNanos;
    /** Whether tasks submitted from this thread are accepted after SHUTDOWN (the final drain); this thread only. */
    private boolean acceptingOwnTasks;
    /** Tasks run so far; written opaquely, read by the watchdog. */
    @SuppressWarnings("unused")
    private long progress;
    /** The task running now, or null; written opaquely, read by the watchdog. */
    @SuppressWarnings("unused")
    private Object currentTask;

    /**
     * Creates an executor; its thread starts on the first task.
     *
     * @param parent the group it belongs to, or {@code null}
     * @param threadFactory makes the thread
     * @param ticker the clock for scheduled tasks
     * @param maxPendingTasks bound of the task queue, rounded up to a power of two; above 2^30
     *     (e.g. {@code Integer.MAX_VALUE}) the queue is unbounded
     * @param rejectedHandler what to do when a bounded queue is full
     */
    protected SingleThreadEventExecutor(EventExecutorGroup parent, ThreadFactory threadFactory, Ticker ticker,
            int maxPendingTasks, RejectedExecutionHandler rejectedHandler) {
        if (maxPendingTasks < 16) {
            throw new IllegalArgumentException("maxPendingTasks: " + maxPendingTasks + " (expected: >= 16)");
        }
        this.parent = parent;
        this.threadFactory = Objects.requireNonNull(threadFactory, "threadFactory");
        this.ticker = Objects.requireNonNull(ticker, "ticker");
        boolean bounded = maxPendingTasks <= 1 << 30;
        // the JCTools bounded queue holds a power of two; say so rather than pretend otherwise
        this.maxPendingTasks = bounded ? 1 << 32 - Integer.numberOfLeadingZeros(maxPendingTasks - 1) : Integer.MAX_VALUE;
        this.rejectedHandler = Objects.requireNonNull(rejectedHandler, "rejectedHandler");
        this.tasks = bounded
                ? new MpscChunkedVarHandleArrayQueue<>(Math.min(QUEUE_CHUNK, this.maxPendingTasks / 2), this.maxPendingTasks)
                : new MpscUnboundedVarHandleArrayQueue<>(QUEUE_CHUNK);
        this.watched = BlockedLoopWatchdog.enabled();
    }

    // ---- what subclasses supply ---------------------------------------------------------------

    /**
     * Waits until {@link #wakeUp()} is called, I/O is ready, or {@code timeoutNanos} passed;
     * {@code 0} means check without waiting, {@code Long.MAX_VALUE} means no timeout. On this
     * executor's thread.
     */
    protected abstract void waitForWork(long timeoutNanos) throws Exception;

    /** Makes a concurrent or the next {@link #waitForWork(long)} return. From any thread. */
    protected abstract void wakeUp();

    /** Processes I/O found ready by the last wait. On this executor's thread. Default: nothing. */
    protected void processIo() throws Exception {}

    /**
     * Percentage of loop time for {@link #processIo()} versus tasks: after I/O took {@code t}, tasks
     * get {@code t * (100 - ioRatio) / ioRatio}; 100 runs all tasks every turn. Default: 100.
     */
    protected int ioRatio() {
        return 100;
    }

    /**
     * Called on this executor's thread when a graceful shutdown begins, again on each turn until the
     * loop ends, and once more after the last tasks from other threads ran: close what is open,
     * including what was opened since the last call (must be idempotent). Default: nothing.
     */
    protected void onShuttingDown() {}

    /** Called once on this executor's thread after the last task ran (release resources here). */
    protected void cleanup() {}

    // ---- EventExecutor ------------------------------------------------------------------------

    @Override
    public EventExecutorGroup parent() {
        return parent;
    }

    @Override
    public boolean inEventLoop() {
        return Thread.currentThread() == thread;
    }

    @Override
    public boolean inEventLoop(Thread t) {
        return t == thread;
    }

    @Override
    public Ticker ticker() {
        return ticker;
    }

    /** Returns the bound of the task queue: a power of two, or {@code Integer.MAX_VALUE} when unbounded. */
    public int maxPendingTasks() {
        return maxPendingTasks;
    }

    /** Returns the number of queued tasks (approximate while others submit). */
    public int pendingTasks() {
        return tasks.size();
    }

    @Override
    public void execute(Runnable task) {
        Objects.requireNonNull(task, "task");
        if (state >= SHUTDOWN && !(inEventLoop() && acceptingOwnTasks)) {
            throw rejected();
        }
        if (!tasks.offer(task)) {
            rejectedHandler.rejected(task, this);
        }
        if (!inEventLoop()) {
            startIfNeeded();
            if (state >= SHUTDOWN && rejectStranded(task)) {
                throw rejected();
            }
            if (wakeState == WAITING && (int) WAKE_STATE.getAndSet(this, AWAKE) == WAITING) {
                wakeUp();
            }
        }
    }

    /** Offers without any policy; for rejection handlers that retry. */
    boolean offer(Runnable task) {
        return tasks.offer(task);
    }

    /** Wakes the thread regardless of its state; for rejection handlers that retry. */
    void wakeUpNow() {
        wakeUp();
    }

    private RejectedExecutionException rejected() {
        return new RejectedExecutionException(this + " has shut down");
    }

    // ---- the loop -----------------------------------------------------------------------------

    private void startIfNeeded() {
        if (state == NOT_STARTED && STATE.compareAndSet(this, NOT_STARTED, STARTED)) {
            startThread();
        }
    }

    private void startThread() {
        try {
            Thread t = threadFactory.newThread(this::run);
            thread = t;
            t.start();
        } catch (Throwable e) {
            state = TERMINATED;
            terminationFuture.tryFailure(e);
            throw new RejectedExecutionException("could not start the thread of " + this, e);
        }
    }

    private void run() {
        if (watched) {
            BlockedLoopWatchdog.watch(this);
        }
        try {
            for (;;) {
                try {
                    turn();
                } catch (Throwable t) {
                    LOG.warn("Unexpected exception in the loop of {}", this, t);
                }
                if (state >= SHUTTING_DOWN && confirmShutdown()) {
                    break;
                }
            }
        } finally {
            terminate();
        }
    }

    /** One turn: wait (unless work is ready), process I/O, run tasks. */
    private void turn() throws Exception {
        if (Thread.interrupted()) {
            // a task left the flag set (say, restored it after catching InterruptedException): park
            // and select would return at once and the idle loop would spin; the loop is not
            // interruptible (shutdownGracefully stops it), so the flag is cleared here
            LOG.debug("A task on {} left the thread's interrupt flag set; cleared it", this);
        }
        // at most one clock read per turn, none when tasks are queued: scheduled tasks change only on
        // this thread, so the delay read here still holds for the wait below
        long scheduledDelay;
        if (!tasks.isEmpty() || (scheduledDelay = nextScheduledTaskDelayNanos()) == 0) {
            waitForWork(0);
        } else {
            WAKE_STATE.setVolatile(this, WAITING);
            try {
                // a task that arrived since the first check makes this a poll, never a skipped wait
                waitForWork(!tasks.isEmpty() ? 0 : waitTimeoutNanos(scheduledDelay));
            } finally {
                WAKE_STATE.setRelease(this, AWAKE);
            }
        }
        int ratio = ioRatio();
        if (ratio >= 100) {
            processIo();
            runTasks(-1);
        } else {
            long start = System.nanoTime();
            processIo();
            long ioNanos = System.nanoTime() - start;
            runTasks(ioNanos * (100 - ratio) / ratio);
        }
    }

    private long waitTimeoutNanos(long scheduledDelay) {
        long timeout = scheduledDelay < 0 ? Long.MAX_VALUE : scheduledDelay;
        return state >= SHUTTING_DOWN ? Math.min(timeout, SHUTDOWN_POLL_NANOS) : timeout;
    }

    /**
     * Runs due scheduled tasks, then queued tasks until the queue is empty or the budget is used
     * ({@code budgetNanos < 0}: no budget, but a shutting-down executor stops at its shutdown
     * timeout, so a task that keeps resubmitting itself cannot hold termination off).
     *
     * @return whether any task ran
     */
    private boolean runTasks(long budgetNanos) {
        if (budgetNanos < 0 && state >= SHUTTING_DOWN && shutdownStartNanos != 0) {
            budgetNanos = Math.max(0, shutdownStartNanos + shutdownTimeoutNanos - System.nanoTime());
        }
        boolean ran = false;
        int scheduledCount = scheduledTaskCount();
        if (scheduledCount > 0) {
            long now = ticker.nanoTime();
            // bounded, so a periodic task that keeps falling behind cannot starve the queue
            for (Runnable due; scheduledCount > 0 && (due = pollDueScheduledTask(now)) != null; scheduledCount--) {
                safeRun(due);
                ran = true;
            }
        }
        long deadline = budgetNanos >= 0 ? System.nanoTime() + budgetNanos : 0;
        int count = 0;
        for (Runnable task; (task = tasks.relaxedPoll()) != null; ) {
            safeRun(task);
            ran = true;
            if (++count % TASKS_PER_TIME_CHECK == 0 && (budgetNanos >= 0
                    ? System.nanoTime() - deadline >= 0
                    : state >= SHUTTING_DOWN && shutdownStartNanos == 0)) {
                break; // out of budget, or shutdown began: back to the loop, which starts its clock
            }
        }
        if (ran && state >= SHUTTING_DOWN) {
            lastExecutionNanos = System.nanoTime();
        }
        return ran;
    }

    private void safeRun(Runnable task) {
        if (watched) {
            CURRENT_TASK.setOpaque(this, task);
        }
        try {
            task.run();
        } catch (Throwable t) {
            LOG.warn("A task on {} threw; the loop carries on. Task: {}", this, task, t);
        } finally {
            if (watched) {
                CURRENT_TASK.setOpaque(this, null);
                PROGRESS.setOpaque(this, (long) PROGRESS.getOpaque(this) + 1);
            }
        }
    }

    // ---- shutdown -----------------------------------------------------------------------------

    @Override
    public Future<?> shutdownGracefully(long quietPeriod, long timeout, TimeUnit unit) {
        checkShutdownArguments(quietPeriod, timeout);
        for (;;) {
            int current = state;
            if (current >= SHUTTING_DOWN) {
                return terminationFuture;
            }
            quietPeriodNanos = unit.toNanos(quietPeriod);
            shutdownTimeoutNanos = unit.toNanos(timeout);
            if (STATE.compareAndSet(this, current, SHUTTING_DOWN)) {
                if (current == NOT_STARTED) {
                    startThread();
                } else {
                    wakeUp();
                }
                return terminationFuture;
            }
        }
    }

    /** Returns whether the loop may end now; see the class comment. On this thread. */
    private boolean confirmShutdown() {
        long now = System.nanoTime();
        if (shutdownStartNanos == 0) {
            shutdownStartNanos = now;
            lastExecutionNanos = now;
            cancelScheduledTasks();
        }
        shuttingDown();
        if (now - shutdownStartNanos >= shutdownTimeoutNanos) {
            return true; // what is still queued runs once more in terminate(), which rejects new tasks
        }
        if (runTasks(-1)) {
            return quietPeriodNanos == 0;
        }
        now = System.nanoTime();
        return now - shutdownStartNanos >= shutdownTimeoutNanos || now - lastExecutionNanos >= quietPeriodNanos;
    }

    private void shuttingDown() {
        try {
            onShuttingDown();
        } catch (Throwable t) {
            LOG.warn("onShuttingDown of {} threw", this, t);
        }
    }

    private void terminate() {
        STATE.setVolatile(this, SHUTDOWN);
        try {
            synchronized (drainLock) {
                // tasks that slipped in before SHUTDOWN still run
                cancelScheduledTasks();
                runAllQueued();
                // what those tasks opened (a registration, say) is closed now, and what closing
                // submits from this thread still runs, for a bounded number of rounds
                acceptingOwnTasks = true;
                try {
                    shuttingDown();
                    for (int round = 0; round < FINAL_ROUNDS && !tasks.isEmpty(); round++) {
                        for (int n = tasks.size(); n > 0; n--) {
                            Runnable task = tasks.poll();
                            if (task == null) {
                                break;
                            }
                            safeRun(task);
                        }
                    }
                } finally {
                    acceptingOwnTasks = false;
                }
                runAllQueued();
                cancelScheduledTasks();
                try {
                    cleanup();
                } catch (Throwable t) {
                    LOG.warn("cleanup of {} threw", this, t);
                }
                STATE.setVolatile(this, TERMINATED);
            }
        } finally {
            if (watched) {
                BlockedLoopWatchdog.unwatch(this);
            }
            terminationFuture.trySuccess(null);
        }
    }

    /** Runs queued tasks until none is left; on this thread, once new tasks are rejected. */
    private void runAllQueued() {
        // poll() (unlike relaxedPoll) waits for a producer that claimed a slot but has not written it
        // yet, so none is left behind
        for (Runnable task; (task = tasks.poll()) != null; ) {
            safeRun(task);
        }
    }

    /**
     * After termination no thread consumes the queue: a producer that offered too late drains it
     * (one at a time), failing what it finds. @return whether {@code mine} was among them
     */
    private boolean rejectStranded(Runnable mine) {
        boolean found = false;
        synchronized (drainLock) {
            if (state != TERMINATED) {
                return false; // the loop's final drain will run it
            }
            List<Runnable> stranded = new ArrayList<>();
            for (Runnable task; (task = tasks.poll()) != null; ) {
                stranded.add(task);
            }
            for (Runnable task : stranded) {
                if (task == mine) {
                    found = true;
                } else if (task instanceof PromiseTask) {
                    ((PromiseTask<?>) task).tryFailure(rejected());
                } else {
                    // another producer's execute() already returned: run it here rather than lose it
                    // (internal tasks such as listener notification and scheduling rely on this)
                    safeRun(task);
                }
            }
        }
        return found;
    }

    @Override
    public boolean isShuttingDown() {
        return state >= SHUTTING_DOWN;
    }

    /** Returns whether the executor no longer accepts tasks. */
    public boolean isShutdown() {
        return state >= SHUTDOWN;
    }

    @Override
    public boolean isTerminated() {
        return state == TERMINATED;
    }

    @Override
    public Future<?> terminationFuture() {
        return terminationFuture;
    }

    // ---- watchdog support ---------------------------------------------------------------------

    Thread thread() {
        return thread;
    }

    boolean isWaiting() {
        return wakeState == WAITING;
    }

    long progress() {
        return (long) PROGRESS.getOpaque(this);
    }

    Object currentTask() {
        return CURRENT_TASK.getOpaque(this);
    }

    @Override
    public String toString() {
        Thread t = thread;
        return getClass().getSimpleName() + "(" + (t == null ? "not started" : t.getName()) + ")";
    }
}
