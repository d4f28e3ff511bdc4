package io.sluice.concurrent;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.jctools.queues.varhandle.MpscUnboundedVarHandleArrayQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link Timer} for very many approximate timeouts (idle connections, request deadlines): adding
 * and cancelling are O(1) and take no lock; a worker thread wakes once per tick and expires one
 * bucket of a {@link TimerWheel}. A task runs up to one tick late, never early.
 *
 * <p>New and cancelled timeouts reach the worker through lock-free queues. The number of pending
 * timeouts is bounded ({@code maxPendingTimeouts}); past it {@link #newTimeout} rejects. A delay too
 * long for a {@code long} of nanoseconds past the timer's start is cut to that (never wraps into the
 * past). A timeout added while the timer stops is either rejected or returned by {@link #stop()}.
 */
public final class HashedWheelTimer implements Timer {
    private static final Logger LOG = LoggerFactory.getLogger(HashedWheelTimer.class);
    private static final int RUNNING = 0;
    private static final int STOPPED = 1;
    /** Most new timeouts moved into the wheel per tick, so a flood cannot stall expiry. */
    private static final int MAX_TRANSFERS_PER_TICK = 100_000;

    private final TimerWheel wheel;
    private final Ticker ticker;
    private final long maxPendingTimeouts;
    private final MpscUnboundedVarHandleArrayQueue<WheelTimeout> added = new MpscUnboundedVarHandleArrayQueue<>(1024);
    private final MpscUnboundedVarHandleArrayQueue<WheelTimeout> cancelled = new MpscUnboundedVarHandleArrayQueue<>(1024);
    private final AtomicInteger pending = new AtomicInteger();
    /** Threads inside {@link #newTimeout} now; the stopping worker waits for them to finish adding. */
    private final AtomicInteger adding = new AtomicInteger();
    /** The ticker's time when the wheel started. */
    private final long startNanos;
    private final Thread worker;
    private volatile int state = RUNNING;
    /** The timeouts left when the worker stopped; set by the worker before it exits. */
    private volatile Set<Timeout> unprocessed;

    private HashedWheelTimer(Builder b) {
        this.ticker = b.ticker;
        this.maxPendingTimeouts = b.maxPendingTimeouts;
        this.startNanos = ticker.nanoTime();
        this.wheel = new TimerWheel(b.ticksPerWheel, b.tickNanos, startNanos);
        this.worker = b.threadFactory.newThread(this::work);
        this.worker.start();
    }

    /** Returns a builder: 100 ms ticks, 512 buckets, at most 1,000,000 pending timeouts. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public Timeout newTimeout(TimerTask task, long delay, TimeUnit unit) {
        Objects.requireNonNull(task, "task");
        adding.incrementAndGet(); // before the state check: see work()
        try {
            if (state != RUNNING) {
                throw new RejectedExecutionException("timer: stopped (expected: running)");
            }
            if (pending.incrementAndGet() > maxPendingTimeouts) {
                pending.decrementAndGet();
                throw new RejectedExecutionException("pending timeouts: " + maxPendingTimeouts
                        + " (expected: fewer than maxPendingTimeouts " + maxPendingTimeouts + ")");
            }
            long now = ticker.nanoTime();
            // at most as far from the wheel's start as a long holds: Long.MAX_VALUE ns means never,
            // not a deadline that wrapped round into the past
            long delayNanos = Math.min(Math.max(0, unit.toNanos(delay)), Long.MAX_VALUE - (now - startNanos));
            WheelTimeout timeout = new WheelTimeout(this, task, now + delayNanos);
            added.offer(timeout);
            return timeout;
        } finally {
            adding.decrementAndGet();
        }
    }

    void cancelled(WheelTimeout timeout) {
        pending.decrementAndGet();
        if (state == RUNNING) {
            cancelled.offer(timeout);
        }
    }

    /** Returns the number of timeouts neither expired nor cancelled. */
    public int pendingTimeouts() {
        return pending.get();
    }

    @Override
    public Set<Timeout> stop() {
        if (Thread.currentThread() == worker) {
            throw new IllegalStateException("stop(): called from a timer task (expected: another thread; it would wait for itself)");
        }
        state = STOPPED;
        LockSupport.unpark(worker);
        boolean interrupted = false;
        while (worker.isAlive()) {
            try {
                worker.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        Set<Timeout> left = unprocessed;
        return left == null ? Set.of() : left;
    }

    private void work() {
        List<WheelTimeout> expired = new ArrayList<>();
        while (state == RUNNING) {
            long wait = wheel.nextTickNanos() - ticker.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(this, wait);
                continue;
            }
            transfer();
            for (WheelTimeout t; (t = cancelled.relaxedPoll()) != null; ) {
                wheel.remove(t);
            }
            wheel.expire(ticker.nanoTime(), expired);
            for (WheelTimeout t : expired) {
                run(t);
            }
            expired.clear();
        }
        // an adder that passed the state check before STOPPED was set is about to offer its timeout:
        // let it, so that it lands in what stop() returns (it saw RUNNING, so it will not throw)
        while (adding.get() != 0) {
            Thread.onSpinWait();
        }
        Set<Timeout> left = new HashSet<>();
        for (WheelTimeout t : wheel.drain()) {
            if (!t.isCancelled()) {
                left.add(t);
            }
        }
        for (WheelTimeout t; (t = added.relaxedPoll()) != null; ) {
            if (!t.isCancelled()) {
                left.add(t);
            }
        }
        unprocessed = left;
    }

    private void transfer() {
        for (int i = 0; i < MAX_TRANSFERS_PER_TICK; i++) {
            WheelTimeout t = added.relaxedPoll();
            if (t == null) {
                return;
            }
            if (!t.isCancelled()) {
                wheel.add(t);
            }
        }
    }

    private void run(WheelTimeout timeout) {
        if (!timeout.expire()) {
            return;
        }
        pending.decrementAndGet();
        try {
            timeout.task().run(timeout);
        } catch (Throwable t) {
            LOG.warn("Timer task {} threw", timeout.task(), t);
        }
    }

    /** Configures a {@link HashedWheelTimer}. */
    public static final class Builder {
        private long tickNanos = TimeUnit.MILLISECONDS.toNanos(100);
        private int ticksPerWheel = 512;
        private long maxPendingTimeouts = 1_000_000;
        private Ticker ticker = Ticker.system();
        private ThreadFactory threadFactory = task -> {
            Thread t = new Thread(task, "sluice-timer");
            t.setDaemon(true);
            return t;
        };

        private Builder() {}

        /** Tick length: the precision of the timer (default 100 ms). @return this builder */
        public Builder tickDuration(long duration, TimeUnit unit) {
            this.tickNanos = unit.toNanos(duration);
            return this;
        }

        /** Number of buckets, rounded up to a power of two (default 512). @return this builder */
        public Builder ticksPerWheel(int ticksPerWheel) {
            this.ticksPerWheel = ticksPerWheel;
            return this;
        }

        /** Most timeouts pending at once (default 1,000,000). @return this builder */
        public Builder maxPendingTimeouts(long maxPendingTimeouts) {
            if (maxPendingTimeouts < 1) {
                throw new IllegalArgumentException("maxPendingTimeouts: " + maxPendingTimeouts + " (expected: >= 1)");
            }
            this.maxPendingTimeouts = maxPendingTimeouts;
            return this;
        }

        /** The clock (default {@link Ticker#system()}). @return this builder */
        public Builder ticker(Ticker ticker) {
            this.ticker = Objects.requireNonNull(ticker, "ticker");
            return this;
        }

        /** Makes the worker thread (default: a daemon named {@code sluice-timer}). @return this builder */
        public Builder threadFactory(ThreadFactory threadFactory) {
            this.threadFactory = Objects.requireNonNull(threadFactory, "threadFactory");
            return this;
        }

        /** Builds and starts the timer. */
        public HashedWheelTimer build() {
            return new HashedWheelTimer(this);
        }
    }
}
