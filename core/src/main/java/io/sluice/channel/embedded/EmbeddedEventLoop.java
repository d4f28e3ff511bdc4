package io.sluice.channel.embedded;

import io.sluice.channel.EventLoop;
import io.sluice.channel.EventLoopGroup;
import io.sluice.concurrent.DefaultPromise;
import io.sluice.concurrent.EventExecutor;
import io.sluice.concurrent.Future;
import io.sluice.concurrent.ManualTicker;
import io.sluice.concurrent.Promise;
import io.sluice.concurrent.ScheduledFuture;
import io.sluice.concurrent.Ticker;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.Delayed;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The event loop of an {@link EmbeddedChannel}: no thread; the test runs its tasks. Every thread
 * counts as "in the loop", so pipeline calls run inline on the test thread. Time is a
 * {@link ManualTicker} the test advances.
 */
final class EmbeddedEventLoop implements EventLoop {
    private final ArrayDeque<Runnable> tasks = new ArrayDeque<>();
    private final PriorityQueue<Scheduled<?>> scheduled = new PriorityQueue<>();
    private final ManualTicker ticker = ManualTicker.create();
    private final AtomicLong sequence = new AtomicLong();
    private final DefaultPromise<Void> termination = new DefaultPromise<>(null);

    ManualTicker manualTicker() {
        return ticker;
    }

    /** Runs queued tasks, including ones they queue, and due scheduled tasks. */
    synchronized void runTasks() {
        for (;;) {
            Runnable task = tasks.poll();
            if (task == null) {
                if (!runDueScheduled()) {
                    return;
                }
                continue;
            }
            task.run();
        }
    }

    private boolean runDueScheduled() {
        Scheduled<?> next = scheduled.peek();
        if (next == null || next.deadline > ticker.nanoTime()) {
            return false;
        }
        scheduled.poll();
        next.run();
        return true;
    }

    /** Returns nanoseconds until the next scheduled task, or -1 if none. */
    synchronized long nextScheduledDelayNanos() {
        Scheduled<?> next = scheduled.peek();
        return next == null ? -1 : Math.max(0, next.deadline - ticker.nanoTime());
    }

    synchronized void cancelScheduled() {
        Scheduled<?>[] pending = scheduled.toArray(new Scheduled<?>[0]);
        scheduled.clear(); // cancel() unschedules: never while iterating the queue
        for (Scheduled<?> s : pending) {
            s.cancel(false);
        }
    }

    @Override
    public synchronized void execute(Runnable task) {
        tasks.add(Objects.requireNonNull(task, "task"));
    }

    @Override
    public EventLoop next() {
        return this;
    }

    @Override
    public EventLoopGroup parent() {
        return null;
    }

    @Override
    public boolean inEventLoop() {
        return true;
    }

    @Override
    public boolean inEventLoop(Thread thread) {
        return true;
    }

    @Override
    public Ticker ticker() {
        return ticker;
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
    public int executorCount() {
        return 1;
    }

    @Override
    public Iterator<EventExecutor> iterator() {
        return List.<EventExecutor>of(this).iterator();
    }

    @Override
    public Future<?> submit(Runnable task) {
        return submit(() -> {
            task.run();
            return null;
        });
    }

    @Override
    public <T> Future<T> submit(Callable<T> task) {
        DefaultPromise<T> promise = new DefaultPromise<>(this);
        execute(() -> {
            try {
                promise.trySuccess(task.call());
            } catch (Throwable t) {
                promise.tryFailure(t);
            }
        });
        return promise;
    }

    @Override
    public ScheduledFuture<?> schedule(Runnable task, long delay, TimeUnit unit) {
        return schedule(() -> {
            task.run();
            return null;
        }, delay, unit);
    }

    @Override
    public synchronized <V> ScheduledFuture<V> schedule(Callable<V> task, long delay, TimeUnit unit) {
        Scheduled<V> s = new Scheduled<>(this, task, ticker.nanoTime() + Math.max(0, unit.toNanos(delay)), 0);
        scheduled.add(s);
        return s;
    }

    @Override
    public synchronized ScheduledFuture<?> scheduleAtFixedRate(Runnable task, long initialDelay, long period,
            TimeUnit unit) {
        Scheduled<Object> s = new Scheduled<>(this, () -> {
            task.run();
            return null;
        }, ticker.nanoTime() + Math.max(0, unit.toNanos(initialDelay)), unit.toNanos(period));
        scheduled.add(s);
        return s;
    }

    @Override
    public synchronized ScheduledFuture<?> scheduleWithFixedDelay(Runnable task, long initialDelay, long delay,
            TimeUnit unit) {
        Scheduled<Object> s = new Scheduled<>(this, () -> {
            task.run();
            return null;
        }, ticker.nanoTime() + Math.max(0, unit.toNanos(initialDelay)), -unit.toNanos(delay));
        scheduled.add(s);
        return s;
    }

    synchronized void reschedule(Scheduled<?> s) {
        scheduled.add(s);
    }

    synchronized void unschedule(Scheduled<?> s) {
        scheduled.remove(s);
    }

    @Override
    public Future<?> shutdownGracefully() {
        return shutdownGracefully(0, 0, TimeUnit.SECONDS);
    }

    @Override
    public Future<?> shutdownGracefully(long quietPeriod, long timeout, TimeUnit unit) {
        cancelScheduled();
        termination.trySuccess(null);
        return termination;
    }

    @Override
    public boolean isShuttingDown() {
        return termination.isDone();
    }

    @Override
    public boolean isTerminated() {
        return termination.isDone();
    }

    @Override
    public Future<?> terminationFuture() {
        return termination;
    }

    /** A scheduled task of the embedded loop; run by {@link #runTasks()} when due. */
    static final class Scheduled<V> extends DefaultPromise<V> implements ScheduledFuture<V>, Runnable {
        private final EmbeddedEventLoop loop;
        private final Callable<V> task;
        private final long period;
        private final long seq;
        long deadline;

        Scheduled(EmbeddedEventLoop loop, Callable<V> task, long deadline, long period) {
            super(loop);
            this.loop = loop;
            this.task = task;
            this.deadline = deadline;
            this.period = period;
            this.seq = loop.sequence.incrementAndGet();
        }

        @Override
        public void run() {
            if (isDone()) {
                return;
            }
            try {
                V result = task.call();
                if (period == 0) {
                    trySuccess(result);
                    return;
                }
            } catch (Throwable t) {
                tryFailure(t);
                return;
            }
            deadline = period > 0 ? deadline + period : loop.ticker.nanoTime() - period;
            loop.reschedule(this);
        }

        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            boolean cancelled = super.cancel(mayInterruptIfRunning);
            if (cancelled) {
                loop.unschedule(this);
            }
            return cancelled;
        }

        @Override
        public long getDelay(TimeUnit unit) {
            return unit.convert(deadline - loop.ticker.nanoTime(), TimeUnit.NANOSECONDS);
        }

        @Override
        public int compareTo(Delayed o) {
            Scheduled<?> other = (Scheduled<?>) o;
            int c = Long.compare(deadline, other.deadline);
            return c != 0 ? c : Long.compare(seq, other.seq);
        }
    }
}
