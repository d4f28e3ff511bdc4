package io.sluice.channel.pool;

import io.sluice.bootstrap.Bootstrap;
import io.sluice.channel.Channel;
import io.sluice.channel.ChannelFuture;
import io.sluice.channel.EventLoop;
import io.sluice.concurrent.Future;
import io.sluice.concurrent.Futures;
import io.sluice.concurrent.Promise;
import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.RejectedExecutionException;

/**
 * Reusable client connections, per remote address: {@link #acquire} hands out an idle channel that
 * passes the health check, or connects a new one through the bootstrap while the address has fewer
 * than {@link PoolSettings#maxPerAddress()}, or waits (bounded in number and time) for one to be
 * released; {@link #release} gives a channel back. Idle channels are closed after the idle timeout,
 * and {@link #close()} closes every channel.
 *
 * <p>Threading: all the pool's state lives on one event loop, given at creation; calls from that
 * loop run inline with neither lock nor task, calls from elsewhere become a task on it. Give the
 * bootstrap that same loop ({@code Bootstrap.group(loop)}) to keep the channels there too. Futures
 * complete on the pool's loop.
 *
 * <p>Failures: an acquire fails with the connect failure, with
 * {@link java.util.concurrent.TimeoutException} naming the address after the acquire timeout, with
 * {@link RejectedExecutionException} at once when the address already has its maximum of waiters,
 * and with {@link IllegalStateException} once the pool is closed. A release fails with
 * {@link IllegalArgumentException} for a channel this pool did not hand out or that is closed, and
 * with {@link IllegalStateException} for a channel released twice. A channel that closes while
 * acquired or idle leaves the pool by itself.
 */
public final class ChannelPool {
    final Bootstrap bootstrap;
    final PoolSettings settings;
    final EventLoop loop;
    /** Per-address state; loop only. */
    private final Map<SocketAddress, AddressPool> pools = new HashMap<>();
    /** The address pool of every open channel this pool made; loop only. */
    final Map<Channel, AddressPool> owners = new HashMap<>();
    /** Loop only. */
    private boolean closed;

    private ChannelPool(Bootstrap bootstrap, EventLoop loop, PoolSettings settings) {
        this.bootstrap = Objects.requireNonNull(bootstrap, "bootstrap");
        this.loop = Objects.requireNonNull(loop, "loop");
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /**
     * Returns a pool that connects through {@code bootstrap} (configured with its transport and
     * handler, which must be sharable, e.g. a {@code ChannelInitializer}) and keeps its state on {@code loop}.
     */
    public static ChannelPool create(Bootstrap bootstrap, EventLoop loop, PoolSettings settings) {
        return new ChannelPool(bootstrap, loop, settings);
    }

    /** Returns the loop the pool's state lives on. */
    public EventLoop eventLoop() {
        return loop;
    }

    /** Acquires a channel to {@code remote}; see the class comment for how. From any thread. */
    public Future<Channel> acquire(SocketAddress remote) {
        Objects.requireNonNull(remote, "remote");
        Promise<Channel> promise = loop.newPromise();
        onLoop(promise, () -> {
            if (closed) {
                promise.tryFailure(new IllegalStateException("pool: closed (expected: open)"));
                return;
            }
            pools.computeIfAbsent(remote, r -> new AddressPool(this, r)).acquire(promise);
        });
        return promise;
    }

    /** Gives {@code channel} back for reuse. From any thread. @return a future that fails if the channel is refused */
    public Future<Void> release(Channel channel) {
        Objects.requireNonNull(channel, "channel");
        Promise<Void> promise = loop.newPromise();
        onLoop(promise, () -> {
            AddressPool pool = owners.get(channel);
            if (pool == null) {
                promise.tryFailure(new IllegalArgumentException("channel: " + channel
                        + " (expected: an open channel acquired from this pool)"));
                return;
            }
            pool.release(channel, promise);
        });
        return promise;
    }

    /** Returns the channels open to {@code remote}, acquired or idle (not counting connects under way). On the loop. */
    int openChannels(SocketAddress remote) {
        AddressPool pool = pools.get(remote);
        return pool == null ? 0 : pool.openChannels();
    }

    /**
     * Closes the pool: waiting acquirers fail, every channel (idle or acquired) is closed, and later
     * acquires fail. From any thread.
     *
     * @return a future that completes once every channel is closed
     */
    public Future<Void> close() {
        Promise<Void> done = loop.newPromise();
        onLoop(done, () -> {
            closed = true;
            List<Future<?>> closing = new ArrayList<>();
            for (AddressPool pool : pools.values()) {
                pool.failWaiters(new IllegalStateException("pool: closed (expected: open)"));
            }
            for (Channel ch : new ArrayList<>(owners.keySet())) {
                ChannelFuture f = ch.close();
                closing.add(f);
            }
            Futures.allOf(loop, closing).addListener(f -> done.trySuccess(null));
        });
        return done;
    }

    boolean isClosed() {
        return closed;
    }

    /** Runs {@code task} on the pool's loop: inline when already there. */
    void onLoop(Promise<?> promise, Runnable task) {
        if (loop.inEventLoop()) {
            task.run();
            return;
        }
        try {
            loop.execute(task);
        } catch (RejectedExecutionException e) {
            promise.tryFailure(e);
        }
    }
}
