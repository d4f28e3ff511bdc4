package io.sluice.concurrent;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
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
 * and optionally {@link #processIo()}, {@link #onShutdownStarted()} and {@link #cleanup()}.
 *
 * <p><b>Shutdown.</b> {@link #shutdownGracefully(long, long, TimeUnit)} cancels scheduled tasks, keeps
 * running submitted tasks until none arrived for the quiet period (or the timeout passed), rejects
 * new ones, runs what is left, and terminates. Tasks that arrive too late are rejected: a submitted
 * task's future fails with {@link RejectedExecutionException}; no future is left pending.
 */
public abstract class SingleThreadEventExecutor implements EventExecutor {
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
    /** Scheduled tasks; touched on this executor's thread only. */
    private final ScheduledTaskQueue scheduled = new ScheduledTaskQueue();
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
    /** Sequence numbers for scheduled tasks; this thread only. */
    private long scheduleSequence;
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

    /** Called once on this executor's thread when a graceful shutdown begins (close channels here). */
    protected void onShutdownStarted() {}

    /** Called once on this executor's thread after the last task ran (release resources here). */
    protected void cleanup() {}

    // ---- EventExecutor ------------------------------------------------------------------------

    @Override
    public EventExecutorGroup parent() {
        return parent;
    }

    @Override
    public EventExecutor next() {
        return this;
    }

    @Override
    public int executorCount() {
        return 1;
    }

    @Override
    public Iterator<EventExecutor> iterator() {
        return List.<EventExecutor>of(this).iterator();
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
    public <V> Promise<V> newPromise() {
        return new DefaultPromise<>(this);
    }

    @Override
    public <V> Future<V> newSucceededFuture(V value) {
        return new DefaultPromise<V>(this).setSuccess(value);
    }

    @Override
    public <V> Future<V> newFailedFuture(Throwable cause) {
        return new DefaultPromise<V>(this).setFailure(cause);
    }

    @Override
    public void execute(Runnable task) {
        Objects.requireNonNull(task, "task");
        if (state >= SHUTDOWN) {
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

    @Override
    public Future<?> submit(Runnable task) {
        return submit(PromiseTask.callable(Objects.requireNonNull(task, "task")));
    }

    @Override
    public <T> Future<T> submit(Callable<T> task) {
        PromiseTask<T> promise = new PromiseTask<>(this, Objects.requireNonNull(task, "task"));
        try {
            execute(promise);
        } catch (RejectedExecutionException e) {
            promise.tryFailure(e);
        }
        return promise;
    }

    @Override
    public ScheduledFuture<?> schedule(Runnable task, long delay, TimeUnit unit) {
        return schedule(PromiseTask.callable(Objects.requireNonNull(task, "task")), delay, unit);
    }

    @Override
    public <V> ScheduledFuture<V> schedule(Callable<V> task, long delay, TimeUnit unit) {
        return schedule0(Objects.requireNonNull(task, "task"), delay, 0, unit);
    }

    @Override
    public ScheduledFuture<?> scheduleAtFixedRate(Runnable task, long initialDelay, long period, TimeUnit unit) {
        requirePositive(period, "period");
        return schedule0(PromiseTask.callable(Objects.requireNonNull(task, "task")), initialDelay, period, unit);
    }

    @Override
    public ScheduledFuture<?> scheduleWithFixedDelay(Runnable task, long initialDelay, long delay, TimeUnit unit) {
        requirePositive(delay, "delay");
        return schedule0(PromiseTask.callable(Objects.requireNonNull(task, "task")), initialDelay, -delay, unit);
    }

    private static void requirePositive(long value, String name) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + ": " + value + " (expected: > 0)");
        }
    }

    private <V> ScheduledTask<V> schedule0(Callable<V> callable, long delay, long period, TimeUnit unit) {
        long delayNanos = Math.max(0, unit.toNanos(delay));
        long deadline = ticker.nanoTime() + delayNanos;
        if (deadline < 0 && delayNanos > 0) {
            deadline = Long.MAX_VALUE; // overflow: effectively never
        }
        ScheduledTask<V> task = new ScheduledTask<>(this, callable, deadline, unit.toNanos(period), 0);
        if (inEventLoop()) {
            addScheduled(task);
        } else {
            try {
                execute(() -> addScheduled(task));
            } catch (RejectedExecutionException e) {
                task.tryFailure(e);
            }
        }
        return task;
    }

    private void addScheduled(ScheduledTask<?> task) {
        if (task.isDone()) {
            return;
        }
        if (isShuttingDown()) {
            task.cancel(false);
            return;
        }
        task.sequence = scheduleSequence++;
        scheduled.add(task);
    }

    /** Puts a periodic task back after a run; on this thread. */
    void reschedule(ScheduledTask<?> task) {
        scheduled.add(task);
    }

    /** Removes a cancelled task from the schedule, from any thread. */
    void unschedule(ScheduledTask<?> task) {
        if (inEventLoop()) {
            scheduled.remove(task);
        } else if (state < SHUTDOWN) {
            try {
                execute(() -> scheduled.remove(task));
            } catch (RejectedExecutionException ignored) {
                // terminated: the schedule is gone anyway
            }
        }
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
        if (hasReadyTasks()) {
            waitForWork(0);
        } else {
            WAKE_STATE.setVolatile(this, WAITING);
            try {
                // a task that arrived since the first check makes this a poll, never a skipped wait
                waitForWork(hasReadyTasks() ? 0 : waitTimeoutNanos());
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

    private boolean hasReadyTasks() {
        if (!tasks.isEmpty()) {
            return true;
        }
        ScheduledTask<?> next = scheduled.peek();
        return next != null && next.deadlineNanos - ticker.nanoTime() <= 0;
    }

    private long waitTimeoutNanos() {
        ScheduledTask<?> next = scheduled.peek();
        long timeout = next == null ? Long.MAX_VALUE : Math.max(0, next.deadlineNanos - ticker.nanoTime());
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
        ScheduledTask<?> due = scheduled.peek();
        if (due != null) {
            long now = ticker.nanoTime();
            // bounded, so a periodic task that keeps falling behind cannot starve the queue
            for (int n = scheduled.size(); n > 0 && due != null && due.deadlineNanos - now <= 0; n--) {
                scheduled.poll();
                safeRun(due);
                ran = true;
                due = scheduled.peek();
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
    public Future<?> shutdownGracefully() {
        return shutdownGracefully(DEFAULT_QUIET_PERIOD_SECONDS, DEFAULT_SHUTDOWN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    @Override
    public Future<?> shutdownGracefully(long quietPeriod, long timeout, TimeUnit unit) {
        if (quietPeriod < 0 || timeout < quietPeriod) {
            throw new IllegalArgumentException("quietPeriod: " + quietPeriod + ", timeout: " + timeout
                    + " (expected: 0 <= quietPeriod <= timeout)");
        }
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
            try {
                onShutdownStarted();
            } catch (Throwable t) {
                LOG.warn("onShutdownStarted of {} threw", this, t);
            }
            cancelScheduledTasks();
        }
        if (now - shutdownStartNanos >= shutdownTimeoutNanos) {
            return true; // what is still queued runs once more in terminate(), which rejects new tasks
        }
        if (runTasks(-1)) {
            return quietPeriodNanos == 0;
        }
        now = System.nanoTime();
        return now - shutdownStartNanos >= shutdownTimeoutNanos || now - lastExecutionNanos >= quietPeriodNanos;
    }

    private void cancelScheduledTasks() {
        for (ScheduledTask<?> task : scheduled.drain()) {
            task.cancel(false);
        }
    }

    private void terminate() {
        STATE.setVolatile(this, SHUTDOWN);
        try {
            synchronized (drainLock) {
                // tasks that slipped in before SHUTDOWN still run; poll() (unlike relaxedPoll) waits
                // for a producer that claimed a slot but has not written it yet, so none is left behind
                cancelScheduledTasks();
                for (Runnable task; (task = tasks.poll()) != null; ) {
                    safeRun(task);
                }
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
