package io.sluice.resolver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.concurrent.DefaultEventExecutor;
import io.sluice.concurrent.Future;
import io.sluice.concurrent.ManualTicker;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The default resolver over a fake lookup (no network) and a manual clock. */
@Timeout(30)
class CachingAddressResolverTest {
    private final ManualTicker ticker = ManualTicker.create();
    private final ExecutorService lookups = Executors.newSingleThreadExecutor();
    private final DefaultEventExecutor caller = DefaultEventExecutor.create("resolver-test");
    private final Map<String, AtomicInteger> lookupCounts = new ConcurrentHashMap<>();

    @AfterEach
    void tearDown() throws Exception {
        lookups.shutdownNow();
        caller.shutdownGracefully(0, 5, TimeUnit.SECONDS);
        assertTrue(caller.terminationFuture().await(10, TimeUnit.SECONDS));
    }

    /** Knows a.test (two IPv4, one IPv6) and nothing else; counts lookups per name. */
    private List<InetAddress> fakeLookup(String host) throws UnknownHostException {
        lookupCounts.computeIfAbsent(host, h -> new AtomicInteger()).incrementAndGet();
        if (host.equals("a.test")) {
            return List.of(address(host, 10, 0, 0, 1), address(host, 10, 0, 0, 2), v6(host, 1));
        }
        throw new UnknownHostException("not found");
    }

    static InetAddress address(String host, int a, int b, int c, int d) throws UnknownHostException {
        return InetAddress.getByAddress(host, new byte[] {(byte) a, (byte) b, (byte) c, (byte) d});
    }

    static InetAddress v6(String host, int last) throws UnknownHostException {
        byte[] bytes = new byte[16];
        bytes[0] = 0x20;
        bytes[1] = 0x01;
        bytes[15] = (byte) last;
        return InetAddress.getByAddress(host, bytes);
    }

    private CachingAddressResolver resolver(NameLookup lookup, Executor executor, CacheTtl ttl) {
        return CachingAddressResolver.create(lookup, executor, ticker, ttl);
    }

    private CachingAddressResolver resolver() {
        return resolver(this::fakeLookup, lookups, new CacheTtl(Duration.ofSeconds(30), Duration.ofSeconds(10)));
    }

    private static <T> T result(Future<T> f) throws InterruptedException {
        assertTrue(f.await(10, TimeUnit.SECONDS), "resolve did not complete");
        assertTrue(f.isSuccess(), () -> "resolve failed: " + f.cause());
        return f.getNow();
    }

    private static Throwable failure(Future<?> f) throws InterruptedException {
        assertTrue(f.await(10, TimeUnit.SECONDS), "resolve did not complete");
        assertFalse(f.isSuccess(), "resolve should fail");
        return f.cause();
    }

    private int lookupsOf(String host) {
        AtomicInteger n = lookupCounts.get(host);
        return n == null ? 0 : n.get();
    }

    @Test
    void resolvesEveryAddressWithThePortFamiliesInterleaved() throws Exception {
        List<InetSocketAddress> got = result(resolver().resolve("a.test", 8080, caller));
        assertEquals(List.of("10.0.0.1", "2001:0:0:0:0:0:0:1", "10.0.0.2"),
                got.stream().map(a -> a.getAddress().getHostAddress()).toList());
        assertTrue(got.stream().allMatch(a -> a.getPort() == 8080));
        assertTrue(got.stream().allMatch(a -> "a.test".equals(a.getHostString())), "the name is kept: " + got);
    }

    @Test
    void answersFromTheCacheUntilThePositiveTtlRunsOut() throws Exception {
        CachingAddressResolver r = resolver();
        result(r.resolve("a.test", 1, caller));
        ticker.advance(29, TimeUnit.SECONDS);
        result(r.resolve("a.test", 2, caller));
        assertEquals(1, lookupsOf("a.test"), "within the TTL");
        ticker.advance(2, TimeUnit.SECONDS);
        result(r.resolve("a.test", 3, caller));
        assertEquals(2, lookupsOf("a.test"), "after the TTL");
    }

    @Test
    void anUnknownNameFailsNamingItAndIsRememberedForTheNegativeTtl() throws Exception {
        CachingAddressResolver r = resolver();
        Throwable cause = failure(r.resolve("nowhere.test", 80, caller));
        assertInstanceOf(UnknownHostException.class, cause);
        assertTrue(cause.getMessage().contains("nowhere.test"), cause.getMessage());
        failure(r.resolve("nowhere.test", 80, caller));
        assertEquals(1, lookupsOf("nowhere.test"), "negative answer cached");
        ticker.advance(11, TimeUnit.SECONDS);
        failure(r.resolve("nowhere.test", 80, caller));
        assertEquals(2, lookupsOf("nowhere.test"), "negative TTL over");
    }

    @Test
    void aZeroTtlCachesNothingAndForeverNeverLooksAgain() throws Exception {
        CachingAddressResolver none = resolver(this::fakeLookup, lookups, CacheTtl.none());
        result(none.resolve("a.test", 1, caller));
        result(none.resolve("a.test", 1, caller));
        assertEquals(2, lookupsOf("a.test"));
        assertEquals(0, none.cachedNames(), "nothing kept");

        lookupCounts.clear();
        CachingAddressResolver forever = resolver(this::fakeLookup, lookups,
                new CacheTtl(Duration.ofSeconds(-1), Duration.ofSeconds(-1)));
        result(forever.resolve("a.test", 1, caller));
        ticker.advance(365, TimeUnit.DAYS);
        result(forever.resolve("a.test", 1, caller));
        assertEquals(1, lookupsOf("a.test"));
    }

    @Test
    void neverBlocksTheCallerAndConcurrentResolvesShareOneLookup() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CachingAddressResolver r = resolver(host -> {
            try {
                assertTrue(release.await(10, TimeUnit.SECONDS));
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
            return fakeLookup(host);
        }, lookups, CacheTtl.fromJdk());
        // called on an event loop: returns at once although the lookup is stuck
        Future<Future<List<InetSocketAddress>>> first = caller.submit(() -> r.resolve("a.test", 1, caller));
        Future<List<InetSocketAddress>> pending = result(first);
        Future<List<InetSocketAddress>> second = r.resolve("a.test", 2, caller);
        assertFalse(pending.isDone());
        assertFalse(second.isDone());
        release.countDown();
        assertEquals(3, result(pending).size());
        assertEquals(2, result(second).get(0).getPort());
        assertEquals(1, lookupsOf("a.test"), "one lookup for both");
    }

    @Test
    void listenersRunOnTheCallersExecutor() throws Exception {
        CompletableFuture<Thread> listenerThread = new CompletableFuture<>();
        Thread loopThread = caller.submit(Thread::currentThread).get(10, TimeUnit.SECONDS);
        resolver().resolve("a.test", 1, caller).addListener(f -> listenerThread.complete(Thread.currentThread()));
        assertSame(loopThread, listenerThread.get(10, TimeUnit.SECONDS));
    }

    @Test
    void ipLiteralsNeedNoLookup() throws Exception {
        CachingAddressResolver r = resolver(host -> {
            throw new AssertionError("looked up " + host);
        }, lookups, CacheTtl.fromJdk());
        assertEquals("127.0.0.1", result(r.resolve("127.0.0.1", 7, caller)).get(0).getAddress().getHostAddress());
        assertEquals("0:0:0:0:0:0:0:1", result(r.resolve("::1", 7, caller)).get(0).getAddress().getHostAddress());
    }

    @Test
    void otherLookupFailuresPassThroughUncachedAndARejectedLookupFails() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        CachingAddressResolver r = resolver(host -> {
            calls.incrementAndGet();
            throw new IllegalStateException("resolver broken");
        }, lookups, CacheTtl.fromJdk());
        assertEquals("resolver broken", failure(r.resolve("a.test", 1, caller)).getMessage());
        failure(r.resolve("a.test", 1, caller));
        assertEquals(2, calls.get(), "not cached");

        lookups.shutdown();
        Throwable rejected = failure(resolver().resolve("b.test", 1, caller));
        assertInstanceOf(java.util.concurrent.RejectedExecutionException.class, rejected);
    }

    @Test
    void aBadPortIsRefusedNamingTheRange() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> resolver().resolve("a.test", 65536, caller));
        assertEquals("port: 65536 (expected: 0-65535)", e.getMessage());
    }

    @Test
    void theSystemResolverResolvesLocalhostOffTheCallersThread() throws Exception {
        List<InetSocketAddress> got = result(AddressResolver.system().resolve("localhost", 9, caller));
        assertTrue(got.stream().allMatch(a -> a.getAddress().isLoopbackAddress()), () -> "localhost: " + got);
    }
}
