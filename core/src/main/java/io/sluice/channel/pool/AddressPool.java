package io.sluice.channel.pool;

import io.sluice.channel.Channel;
import io.sluice.channel.ChannelFuture;
import io.sluice.concurrent.Promise;
import io.sluice.concurrent.ScheduledFuture;
import java.net.SocketAddress;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The channels of one remote address in a {@link ChannelPool}: the idle ones (most recently
 * released first, so the surplus is what idles out), the count of open and connecting ones, and
 * the acquirers waiting. Loop only: every method runs on the pool's loop.
 */
final class AddressPool {
    /** A released channel and when it was released, on the loop's ticker. */
    private record Idle(Channel channel, long sinceNanos) {}

    /** An acquirer waiting for a channel, and its timeout. */
    private record Waiter(Promise<Channel> promise, ScheduledFuture<?> timeout) {}

    private final ChannelPool pool;
    private final SocketAddress remote;
    private final ArrayDeque<Idle> idle = new ArrayDeque<>();
    private final ArrayDeque<Waiter> waiters = new ArrayDeque<>();
    /** Channels open or connecting; never more than the maximum per address. */
    private int count;
    /** The idle sweep scheduled, or null. */
    private ScheduledFuture<?> sweep;

    AddressPool(ChannelPool pool, SocketAddress remote) {
        this.pool = pool;
        this.remote = remote;
    }

    int openChannels() {
        return count;
    }

    void acquire(Promise<Channel> promise) {
        for (Idle i; (i = idle.pollFirst()) != null;) {
            Channel ch = i.channel();
            if (pool.settings.healthCheck().test(ch)) {
                if (promise.trySuccess(ch)) {
                    return;
                }
                idle.addFirst(i); // the acquirer gave up meanwhile: keep it idle
                return;
            }
            ch.close(); // unhealthy: its close listener gives its place back
        }
        if (count < pool.settings.maxPerAddress()) {
            connect(promise);
        } else if (waiters.size() < pool.settings.maxWaiters()) {
            long timeoutNanos = pool.settings.acquireTimeout().toNanos();
            ScheduledFuture<?> timeout = pool.loop.schedule(() -> {
                if (promise.tryFailure(new TimeoutException("acquire of a channel to " + remote + ": not done after "
                        + TimeUnit.NANOSECONDS.toMillis(timeoutNanos) + " ms (expected: one of the " + count
                        + " in use released within acquireTimeout)"))) {
                    waiters.removeIf(w -> w.promise() == promise);
                }
            }, timeoutNanos, TimeUnit.NANOSECONDS);
            waiters.addLast(new Waiter(promise, timeout));
        } else {
            promise.tryFailure(new RejectedExecutionException("waiters for " + remote + ": " + waiters.size()
                    + " (expected: at most " + pool.settings.maxWaiters() + " while all "
                    + pool.settings.maxPerAddress() + " channels are in use)"));
        }
    }

    private void connect(Promise<Channel> promise) {
        count++;
        ChannelFuture f;
        try {
            f = pool.bootstrap.connect(remote);
        } catch (RuntimeException e) {
            count--;
            promise.tryFailure(e);
            return;
        }
        f.addListener(done -> pool.onLoop(promise, () -> connected(f, promise)));
    }

    private void connected(ChannelFuture f, Promise<Channel> promise) {
        if (!f.isSuccess()) {
            count--;
            promise.tryFailure(f.cause());
            serveWaiter(); // the place is free again
            return;
        }
        Channel ch = f.channel();
        pool.owners.put(ch, this);
        ch.closeFuture().addListener(x -> pool.onLoop(promise, () -> channelClosed(ch)));
        if (pool.isClosed()) {
            ch.close();
            promise.tryFailure(new IllegalStateException("pool: closed (expected: open)"));
        } else if (!promise.trySuccess(ch)) {
            handOver(ch); // the acquirer timed out or cancelled: the next one or the idle list has it
        }
    }

    void release(Channel ch, Promise<Void> promise) {
        if (!ch.isActive()) {
            promise.tryFailure(new IllegalArgumentException("channel: " + ch
                    + " (expected: an open channel acquired from this pool; a closed one leaves the pool by itself)"));
            ch.close();
            return;
        }
        for (Idle i : idle) {
            if (i.channel() == ch) {
                promise.tryFailure(new IllegalStateException("channel: " + ch + " (expected: acquired; released twice)"));
                return;
            }
        }
        handOver(ch);
        promise.trySuccess(null);
    }

    /** Gives an unused channel to the first waiter, else makes it idle. */
    private void handOver(Channel ch) {
        for (Waiter w; (w = waiters.pollFirst()) != null;) {
            w.timeout().cancel(false);
            if (w.promise().trySuccess(ch)) {
                return;
            }
        }
        idle.addFirst(new Idle(ch, pool.loop.ticker().nanoTime()));
        if (sweep == null) {
            scheduleSweep(pool.settings.idleTimeout().toNanos());
        }
    }

    private void channelClosed(Channel ch) {
        if (pool.owners.remove(ch) == null) {
            return;
        }
        count--;
        idle.removeIf(i -> i.channel() == ch);
        if (!pool.isClosed()) {
            serveWaiter();
        }
    }

    /** Connects for the first waiter still waiting, if there is room. */
    private void serveWaiter() {
        while (count < pool.settings.maxPerAddress()) {
            Waiter w = waiters.pollFirst();
            if (w == null) {
                return;
            }
            if (!w.promise().isDone()) {
                w.timeout().cancel(false);
                connect(w.promise());
                return;
            }
        }
    }

    private void scheduleSweep(long delayNanos) {
        sweep = pool.loop.schedule(this::sweepIdle, delayNanos, TimeUnit.NANOSECONDS);
    }

    /** Closes channels idle for the idle timeout (the oldest are last), then waits for the next. */
    private void sweepIdle() {
        sweep = null;
        long idleNanos = pool.settings.idleTimeout().toNanos();
        long now = pool.loop.ticker().nanoTime();
        for (Iterator<Idle> it = idle.descendingIterator(); it.hasNext();) {
            Idle i = it.next();
            long left = i.sinceNanos() + idleNanos - now;
            if (left > 0) {
                scheduleSweep(left);
                return;
            }
            it.remove();
            i.channel().close();
        }
    }

    void failWaiters(Throwable cause) {
        for (Waiter w; (w = waiters.pollFirst()) != null;) {
            w.timeout().cancel(false);
            w.promise().tryFailure(cause);
        }
    }
}
