package io.sluice.handler.ipfilter;

import io.sluice.channel.Channel;
import io.sluice.channel.ChannelHandler;
import io.sluice.channel.ChannelHandlerContext;
import io.sluice.concurrent.Ticker;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Caps concurrent connections: at most {@code maxConnections} through this limiter (one instance
 * per server) and at most {@code maxPerAddress} from one remote IP address. A connection over
 * either cap is closed as it becomes active, without passing {@code channelActive} on, and
 * counted; refusals are logged at WARN at most once per log interval (10 s), with how many were
 * refused since the last line, so a flood cannot flood the log. A slot is freed when the counted
 * channel closes.
 *
 * <p>Sharable and thread-safe: counts are atomics, the per-address counts a concurrent map whose
 * entries go away when they reach zero. Work is per connection, never per message.
 */
@ChannelHandler.Sharable
public final class ConnectionLimiter implements ChannelHandler {
    private static final long LOG_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final int maxConnections;
    private final int maxPerAddress;
    private final Logger log;
    private final Ticker ticker;
    private final AtomicInteger active = new AtomicInteger();
    private final ConcurrentHashMap<InetAddress, AtomicInteger> perAddress = new ConcurrentHashMap<>();
    private final LongAdder refused = new LongAdder();
    /** Refusals not yet logged. */
    private final AtomicLong unlogged = new AtomicLong();
    /** When the last refusal line was logged ({@link #ticker} time), or a time long ago. */
    private final AtomicLong lastLogNanos;

    ConnectionLimiter(int maxConnections, int maxPerAddress, Logger log, Ticker ticker) {
        if (maxConnections <= 0) {
            throw new IllegalArgumentException("maxConnections: " + maxConnections + " (expected: > 0)");
        }
        if (maxPerAddress <= 0) {
            throw new IllegalArgumentException("maxPerAddress: " + maxPerAddress + " (expected: > 0)");
        }
        this.maxConnections = maxConnections;
        this.maxPerAddress = maxPerAddress;
        this.log = Objects.requireNonNull(log, "log");
        this.ticker = Objects.requireNonNull(ticker, "ticker");
        this.lastLogNanos = new AtomicLong(ticker.nanoTime() - LOG_INTERVAL_NANOS);
    }

    /**
     * Returns a limiter of {@code maxConnections} in all and {@code maxPerAddress} per remote
     * address ({@code Integer.MAX_VALUE}: no cap). @throws IllegalArgumentException if a cap is not positive
     */
    public static ConnectionLimiter create(int maxConnections, int maxPerAddress) {
        return new ConnectionLimiter(maxConnections, maxPerAddress, LoggerFactory.getLogger(ConnectionLimiter.class),
                Ticker.system());
    }

    /** Returns how many counted connections are open. */
    public int activeConnections() {
        return active.get();
    }

    /** Returns how many connections from {@code address} are open. */
    public int connectionsFrom(InetAddress address) {
        AtomicInteger n = perAddress.get(address);
        return n == null ? 0 : n.get();
    }

    /** Returns how many connections were refused. */
    public long refusedConnections() {
        return refused.sum();
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        if (ctx.channel().isActive()) {
            admit(ctx.channel());
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        if (admit(ctx.channel())) {
            ctx.fireChannelActive();
        }
    }

    private boolean admit(Channel ch) {
        InetAddress address = ch.remoteAddress() instanceof InetSocketAddress remote ? remote.getAddress() : null;
        if (active.incrementAndGet() > maxConnections) {
            active.decrementAndGet();
            refuse(ch, "connections", maxConnections);
            return false;
        }
        if (address != null) {
            AtomicInteger n = perAddress.computeIfAbsent(address, a -> new AtomicInteger());
            if (n.incrementAndGet() > maxPerAddress) {
                leave(address);
                active.decrementAndGet();
                refuse(ch, "connections from " + address.getHostAddress(), maxPerAddress);
                return false;
            }
        }
        ch.closeFuture().addListener(f -> {
            active.decrementAndGet();
            if (address != null) {
                leave(address);
            }
        });
        return true;
    }

    private void leave(InetAddress address) {
        perAddress.computeIfPresent(address, (a, n) -> n.decrementAndGet() <= 0 ? null : n);
    }

    /** Closes {@code ch}, counts it, and logs if the last line is older than the interval. */
    private void refuse(Channel ch, String what, int limit) {
        refused.increment();
        unlogged.incrementAndGet();
        ch.close();
        long now = ticker.nanoTime();
        long last = lastLogNanos.get();
        if (now - last >= LOG_INTERVAL_NANOS && lastLogNanos.compareAndSet(last, now)) {
            log.warn("{}: {} (expected: at most {}); refused {} since the last report, {} in all",
                    what, limit + 1, limit, unlogged.getAndSet(0), refused.sum());
        }
    }
}
