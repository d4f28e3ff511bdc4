package io.sluice.resolver;

import io.sluice.concurrent.DefaultPromise;
import io.sluice.concurrent.EventExecutor;
import io.sluice.concurrent.Future;
import io.sluice.concurrent.Promise;
import io.sluice.concurrent.Ticker;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The default {@link AddressResolver}: runs a blocking {@link NameLookup} on an executor of its
 * own (never the caller's thread), and caches each answer, addresses and "no such host" alike, for
 * the {@link CacheTtl}. Concurrent resolves of one name share one lookup. IP literals are parsed
 * on the caller's thread without a lookup (the JDK only checks their format).
 *
 * <p>Addresses come back in the order to try them: the address families interleaved, as RFC 8305
 * section 4 asks (see {@code AddressOrder}). Racing the families in parallel (the rest of happy
 * eyeballs) is not done: {@code Bootstrap} tries one address after the other.
 *
 * <p>Failures: {@link UnknownHostException} naming the host (cached for the negative TTL); any other
 * exception from the lookup is passed on and not cached; a rejected lookup task fails the resolve.
 * Thread-safe.
 */
public final class CachingAddressResolver implements AddressResolver {
    /** Most names kept before expired answers are swept out. */
    private static final int SWEEP_ABOVE_ENTRIES = 1024;

    static final CachingAddressResolver SYSTEM =
            new CachingAddressResolver(NameLookup.system(), sharedExecutor(), Ticker.system(), CacheTtl.fromJdk());

    private final NameLookup lookup;
    private final Executor executor;
    private final Ticker ticker;
    /** How long an answer is kept, in nanoseconds; -1 for ever. */
    private final long positiveTtlNanos;
    private final long negativeTtlNanos;
    private final ConcurrentHashMap<String, Entry> cache = new ConcurrentHashMap<>();

    /** One name's answer, pending or known. */
    private static final class Entry {
        final CompletableFuture<List<InetAddress>> result = new CompletableFuture<>();
        /** When the answer expires, on the resolver's ticker; set before {@link #result} completes. */
        volatile long expiresAtNanos;
        /** Whether the answer never expires. */
        volatile boolean forever;

        boolean usableAt(long now) {
            return !result.isDone() || forever || expiresAtNanos - now > 0;
        }
    }

    private CachingAddressResolver(NameLookup lookup, Executor executor, Ticker ticker, CacheTtl ttl) {
        this.lookup = Objects.requireNonNull(lookup, "lookup");
        this.executor = Objects.requireNonNull(executor, "executor");
        this.ticker = Objects.requireNonNull(ticker, "ticker");
        this.positiveTtlNanos = CacheTtl.nanos(ttl.positive());
        this.negativeTtlNanos = CacheTtl.nanos(ttl.negative());
    }

    /**
     * Returns a resolver over {@code lookup}, run on {@code executor}, caching for {@code ttl} as
     * measured by {@code ticker}.
     */
    public static CachingAddressResolver create(NameLookup lookup, Executor executor, Ticker ticker, CacheTtl ttl) {
        Objects.requireNonNull(ttl, "ttl");
        return new CachingAddressResolver(lookup, executor, ticker, ttl);
    }

    /** Returns a resolver over {@code lookup} on the shared resolver threads, with the JDK's TTLs. */
    public static CachingAddressResolver create(NameLookup lookup) {
        return new CachingAddressResolver(lookup, SYSTEM.executor, Ticker.system(), CacheTtl.fromJdk());
    }

    @Override
    public Future<List<InetSocketAddress>> resolve(String host, int port, EventExecutor executor) {
        Objects.requireNonNull(host, "host");
        if (port < 0 || port > 0xFFFF) {
            throw new IllegalArgumentException("port: " + port + " (expected: 0-65535)");
        }
        Promise<List<InetSocketAddress>> promise = new DefaultPromise<>(executor);
        if (IpLiteral.isLiteral(host)) {
            try {
                promise.setSuccess(List.of(new InetSocketAddress(InetAddress.getByName(host), port)));
            } catch (UnknownHostException e) {
                promise.setFailure(e);
            }
            return promise;
        }
        entryFor(host).result.whenComplete((addresses, failure) -> {
            if (failure != null) {
                promise.tryFailure(failure);
                return;
            }
            List<InetSocketAddress> withPort = new ArrayList<>(addresses.size());
            for (InetAddress a : addresses) {
                withPort.add(new InetSocketAddress(a, port));
            }
            promise.trySuccess(List.copyOf(withPort));
        });
        return promise;
    }

    /** Returns how many names are cached (answered or pending); for tests and metrics. */
    public int cachedNames() {
        return cache.size();
    }

    private Entry entryFor(String host) {
        long now = ticker.nanoTime();
        Entry known = cache.get(host);
        if (known != null && known.usableAt(now)) {
            return known;
        }
        Entry fresh = new Entry();
        Entry winner = cache.compute(host, (h, old) -> old != null && old.usableAt(now) ? old : fresh);
        if (winner == fresh) {
            if (cache.size() > SWEEP_ABOVE_ENTRIES) {
                cache.values().removeIf(e -> !e.usableAt(now));
            }
            try {
                executor.execute(() -> lookUp(host, fresh));
            } catch (RejectedExecutionException e) {
                cache.remove(host, fresh);
                fresh.result.completeExceptionally(e);
            }
        }
        return winner;
    }

    private void lookUp(String host, Entry entry) {
        try {
            List<InetAddress> found = lookup.lookup(host);
            if (found == null || found.isEmpty()) {
                throw new UnknownHostException(host + ": no address (expected: at least one from the lookup)");
            }
            List<InetAddress> ordered = AddressOrder.interleaveFamilies(found);
            settle(host, entry, positiveTtlNanos);
            entry.result.complete(ordered);
        } catch (UnknownHostException e) {
            settle(host, entry, negativeTtlNanos);
            entry.result.completeExceptionally(namingHost(e, host));
        } catch (Throwable t) {
            cache.remove(host, entry);
            entry.result.completeExceptionally(t);
        }
    }

    private void settle(String host, Entry entry, long ttlNanos) {
        if (ttlNanos == 0) {
            cache.remove(host, entry); // no caching: the next resolve looks again
        } else if (ttlNanos < 0) {
            entry.forever = true;
        } else {
            entry.expiresAtNanos = ticker.nanoTime() + ttlNanos;
        }
    }

    private static UnknownHostException namingHost(UnknownHostException e, String host) {
        String message = e.getMessage();
        if (message != null && message.contains(host)) {
            return e;
        }
        UnknownHostException named = new UnknownHostException(host + ": " + (message == null ? "unknown host" : message));
        named.initCause(e);
        return named;
    }

    /** The small pool shared by every resolver that is given none: two daemon threads, idle ones ending. */
    private static Executor sharedExecutor() {
        AtomicInteger next = new AtomicInteger(1);
        ThreadFactory threads = task -> {
            Thread t = new Thread(task, "sluice-resolver-" + next.getAndIncrement());
            t.setDaemon(true);
            return t;
        };
        ThreadPoolExecutor pool = new ThreadPoolExecutor(2, 2, 10, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                threads);
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }
}
