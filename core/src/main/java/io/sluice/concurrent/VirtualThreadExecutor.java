package io.sluice.concurrent;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.jctools.queues.MessagePassingQueue;
import org.jctools.queues.varhandle.MpscUnboundedVarHandleArrayQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One executor of a {@link VirtualThreadExecutorGroup}: a queue of tasks run in submission order by
 * at most one virtual thread at a time, which exists only while the queue has tasks.
 *
 * <p><b>Threading.</b> Producers offer to a JCTools MPSC queue and the one that turns {@link #running}
 * from 0 to 1 starts a virtual thread. That thread runs tasks until the queue is empty, then publishes
 * {@code running = 0} and looks once more: a task offered in between is either seen there or its
 * producer wins the 0-to-1 race and starts the next thread. {@link #runner} is the thread draining now
 * (null between runs), so {@link #inEventLoop()} is true only on it.
 */
final class VirtualThreadExecutor extends AbstractEventExecutor {
    private static final Logger LOG = LoggerFactory.getLogger(VirtualThreadExecutor.class);
    /** Chunk of the task queue: small, since most channels have one or two tasks queued at a time. */
    private static final int QUEUE_CHUNK = 16;
    private static final VarHandle RUNNING;

    static {
        try {
            RUNNING = MethodHandles.lookup().findVarHandle(VirtualThreadExecutor.class, "running", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final VirtualThreadExecutorGroup group;
    private final MessagePassingQueue<Runnable> tasks = new MpscUnboundedVarHandleArrayQueue<>(QUEUE_CHUNK);
    /** 1 while a virtual thread owns the queue (running or about to); CAS from 0 by the producer that starts it. */
    @SuppressWarnings("unused")
    private volatile int running;
    /** The virtual thread running tasks now, or null. */
    private volatile Thread runner;

    VirtualThreadExecutor(VirtualThreadExecutorGroup group) {
        this.group = group;
    }

    @Override
    public void execute(Runnable task) {
        Objects.requireNonNull(task, "task");
        if (group.rejectsTasks()) {
            throw group.rejected(this);
        }
        tasks.offer(task);
        if ((int) RUNNING.getVolatile(this) == 0 && RUNNING.compareAndSet(this, 0, 1)) {
            try {
                group.startThread(this::drain);
            } catch (Throwable e) {
                RUNNING.setVolatile(this, 0);
                throw new RejectedExecutionException("could not start a virtual thread for " + this, e);
            }
        }
    }

    private void drain() {
        Thread self = Thread.currentThread();
        try {
            do {
                runner = self;
                Runnable task;
                while ((task = tasks.relaxedPoll()) != null) {
                    try {
                        task.run();
                    } catch (Throwable t) {
                        LOG.warn("A task raised an exception on {}", this, t);
                    }
                }
                runner = null; // before running = 0: the next thread may set it as soon as that is published
                RUNNING.setVolatile(this, 0);
            } while (!tasks.isEmpty() && RUNNING.compareAndSet(this, 0, 1));
        } finally {
            group.threadEnded();
        }
    }

    @Override
    public boolean inEventLoop() {
        return Thread.currentThread() == runner;
    }

    @Override
    public boolean inEventLoop(Thread thread) {
        return thread == runner;
    }

    @Override
    public EventExecutorGroup parent() {
        return group;
    }

    @Override
    public Ticker ticker() {
        return group.timer().ticker();
    }

    @Override
    <V> ScheduledFuture<V> schedule0(Callable<V> callable, long delay, long period, TimeUnit unit) {
        ScheduledTask<V> task = group.timer().scheduleFor(this, callable, delay, period, unit);
        if (group.rejectsTasks()) {
            task.tryFailure(group.rejected(this));
        }
        return task;
    }

    /** Shuts the whole group down: its executors have no life of their own. */
    @Override
    public Future<?> shutdownGracefully(long quietPeriod, long timeout, TimeUnit unit) {
        return group.shutdownGracefully(quietPeriod, timeout, unit);
    }

    @Override
    public boolean isShuttingDown() {
        return group.isShuttingDown();
    }

    @Override
    public boolean isTerminated() {
        return group.isTerminated();
    }

    @Override
    public Future<?> terminationFuture() {
        return group.terminationFuture();
    }

    @Override
    public String toString() {
        return "VirtualThreadExecutor@" + Integer.toHexString(System.identityHashCode(this));
    }
}
