package io.sluice.bootstrap;

import io.sluice.channel.Channel;
import io.sluice.channel.ChannelFuture;
import io.sluice.channel.ChannelHandler;
import io.sluice.channel.EventLoop;
import io.sluice.concurrent.Future;
import io.sluice.concurrent.Promise;
import io.sluice.concurrent.ScheduledFuture;
import java.net.SocketAddress;
import java.util.Objects;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A client connection that comes back (muduo's {@code TcpClient} with retry): connects through a
 * {@link Bootstrap}, and after a failed attempt or a lost connection tries again after a
 * {@link Backoff} delay, until {@link #close()} or until the backoff gives up. Each connection is a
 * new channel whose pipeline the bootstrap's handler builds afresh, so that handler must be
 * sharable (a {@code ChannelInitializer}).
 *
 * <p>Threading: every decision runs on one event loop of the bootstrap's group, chosen at
 * creation; backoff delays are tasks scheduled on it (no thread per client, no lock). The
 * {@link ReconnectListener} is called there. {@link #start()}, {@link #close()} and
 * {@link #channel()} may be called from any thread.
 *
 * <p>Backoff: consecutive failed connects grow the delay and count towards giving up; a
 * successful connect resets that count. A connection lost before it stayed up for the backoff's
 * maximum delay counts as a setback too (the delay keeps growing, so a server that accepts and
 * closes at once is not hammered); one that stayed up longer starts again from the initial delay.
 * A connection closed by {@link #close()} is never reconnected; one closed by a handler is.
 */
public final class ReconnectingClient {
    private static final Logger LOG = LoggerFactory.getLogger(ReconnectingClient.class);

    private final Supplier<ChannelFuture> connector;
    private final String target;
    private final Backoff backoff;
    private final ReconnectListener listener;
    private final EventLoop loop;
    private final Promise<Void> closeFuture;
    /** The connected channel, or null. Written on the loop, read anywhere. */
    private volatile Channel channel;
    /** Set by close(); read anywhere, acted on on the loop. */
    private volatile boolean closed;
    // loop-only state
    private boolean started;
    private ChannelFuture pendingConnect;
    private ScheduledFuture<?> pendingRetry;
    /** Consecutive failed connects, for giving up. */
    private int failedAttempts;
    /** Consecutive setbacks (failed connects and short-lived connections), for the delay. */
    private int setbacks;
    private long connectedAtNanos;

    private ReconnectingClient(Bootstrap bootstrap, Supplier<ChannelFuture> connector, String target, Backoff backoff,
            ReconnectListener listener) {
        bootstrap.validate();
        ChannelHandler handler = bootstrap.handler();
        if (handler != null && !handler.getClass().isAnnotationPresent(ChannelHandler.Sharable.class)) {
            throw new IllegalArgumentException("handler: " + handler.getClass().getName()
                    + " (expected: a @Sharable handler such as a ChannelInitializer: each connection gets a new pipeline)");
        }
        this.connector = connector;
        this.target = target;
        this.backoff = Objects.requireNonNull(backoff, "backoff");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.loop = bootstrap.group.next();
        this.closeFuture = loop.newPromise();
    }

    /**
     * Returns a client of {@code host:port} (resolved by the bootstrap's resolver on each attempt);
     * call {@link #start()}.
     */
    public static ReconnectingClient create(Bootstrap bootstrap, String host, int port, Backoff backoff,
            ReconnectListener listener) {
        Objects.requireNonNull(bootstrap, "bootstrap");
        Objects.requireNonNull(host, "host");
        return new ReconnectingClient(bootstrap, () -> bootstrap.connect(host, port), host + ":" + port, backoff,
                listener);
    }

    /** Returns a client of {@code remote} (an IP address, a Unix socket path...); call {@link #start()}. */
    public static ReconnectingClient create(Bootstrap bootstrap, SocketAddress remote, Backoff backoff,
            ReconnectListener listener) {
        Objects.requireNonNull(bootstrap, "bootstrap");
        Objects.requireNonNull(remote, "remote");
        return new ReconnectingClient(bootstrap, () -> bootstrap.connect(remote), remote.toString(), backoff, listener);
    }

    /** Starts the first attempt (at once); a second call does nothing. From any thread. @return this */
    public ReconnectingClient start() {
        onLoop(() -> {
            if (!started && !closed) {
                started = true;
                attempt();
            }
        });
        return this;
    }

    /** Returns the connected channel, or {@code null} while (re)connecting or after close. */
    public Channel channel() {
        return channel;
    }

    /** Returns the event loop the client's decisions and listener calls run on. */
    public EventLoop eventLoop() {
        return loop;
    }

    /**
     * Stops for good: cancels a pending retry or connect and closes the connection, which is then not
     * reconnected. From any thread.
     *
     * @return a future that completes once no channel of this client is open
     */
    public Future<Void> close() {
        closed = true;
        onLoop(() -> {
            if (pendingRetry != null) {
                pendingRetry.cancel(false);
                pendingRetry = null;
            }
            if (pendingConnect != null) {
                pendingConnect.cancel(false); // its listener closes the channel if it connects anyway
                return; // closeFuture completes when that attempt ends
            }
            Channel ch = channel;
            if (ch == null) {
                closeFuture.trySuccess(null);
            } else {
                ch.close(); // lost() completes closeFuture
            }
        });
        return closeFuture;
    }

    /** Returns a future that completes once the client is closed and its channel with it. */
    public Future<Void> closeFuture() {
        return closeFuture;
    }

    private void attempt() {
        pendingRetry = null;
        if (closed) {
            closeFuture.trySuccess(null);
            return;
        }
        listener.attempting(failedAttempts + 1, target);
        ChannelFuture f;
        try {
            f = connector.get();
        } catch (RuntimeException e) {
            connectFailed(e);
            return;
        }
        pendingConnect = f;
        f.addListener(done -> onLoop(() -> connectDone(f)));
    }

    private void connectDone(ChannelFuture f) {
        pendingConnect = null;
        if (!f.isSuccess()) {
            if (closed) {
                f.channel().close();
                closeFuture.trySuccess(null);
                return;
            }
            connectFailed(f.cause());
            return;
        }
        Channel ch = f.channel();
        if (closed) {
            ch.close().addListener(x -> closeFuture.trySuccess(null));
            return;
        }
        channel = ch;
        failedAttempts = 0;
        connectedAtNanos = loop.ticker().nanoTime();
        LOG.debug("Connected to {}: {}", target, ch);
        listener.connected(ch);
        ch.closeFuture().addListener(x -> onLoop(() -> lost(ch)));
    }

    private void connectFailed(Throwable cause) {
        failedAttempts++;
        setbacks++;
        if (backoff.givesUpAfter(failedAttempts)) {
            LOG.warn("Giving up connecting to {} after {} attempts: {}", target, failedAttempts, cause.toString());
            closed = true;
            listener.gaveUp(failedAttempts, cause);
            closeFuture.trySuccess(null);
            return;
        }
        long delay = nextDelayNanos();
        LOG.debug("Connect attempt {} to {} failed ({}); next in {} ms", failedAttempts, target, cause,
                TimeUnit.NANOSECONDS.toMillis(delay));
        listener.attemptFailed(failedAttempts, cause, delay);
        retryIn(delay);
    }

    private void lost(Channel ch) {
        if (channel != ch) {
            return;
        }
        channel = null;
        if (closed) {
            closeFuture.trySuccess(null);
            return;
        }
        long upNanos = loop.ticker().nanoTime() - connectedAtNanos;
        setbacks = upNanos >= backoff.max().toNanos() ? 1 : setbacks + 1;
        long delay = nextDelayNanos();
        LOG.debug("Connection to {} lost after {} ms: {}; reconnecting in {} ms", target,
                TimeUnit.NANOSECONDS.toMillis(upNanos), ch, TimeUnit.NANOSECONDS.toMillis(delay));
        listener.disconnected(ch, delay);
        retryIn(delay);
    }

    private void retryIn(long delayNanos) {
        try {
            pendingRetry = loop.schedule(this::attempt, delayNanos, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            LOG.debug("Not reconnecting to {}: the event loop is shutting down", target);
            closed = true;
            closeFuture.trySuccess(null);
        }
    }

    private long nextDelayNanos() {
        return backoff.delayNanos(Math.max(1, setbacks), ThreadLocalRandom.current()::nextDouble);
    }

    private void onLoop(Runnable task) {
        if (loop.inEventLoop()) {
            task.run();
        } else {
            loop.execute(task);
        }
    }
}
