package io.sluice.channel.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.bootstrap.Bootstrap;
import io.sluice.bootstrap.ServerBootstrap;
import io.sluice.channel.Channel;
import io.sluice.channel.ChannelHandler;
import io.sluice.channel.ChannelInitializer;
import io.sluice.channel.EventLoop;
import io.sluice.channel.local.LocalAddress;
import io.sluice.channel.local.LocalChannel;
import io.sluice.channel.local.LocalEventLoopGroup;
import io.sluice.channel.local.LocalServerChannel;
import io.sluice.channel.spi.IoEventLoopGroup;
import io.sluice.concurrent.Future;
import java.net.ConnectException;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The channel pool over the local transport: limits, timeouts, health checks, release rules, idle close. */
@Timeout(30)
class ChannelPoolTest {
    private static final long WAIT_SECONDS = 10;
    private final IoEventLoopGroup group = LocalEventLoopGroup.create(2);
    private final LocalAddress address = LocalAddress.ephemeral();
    private final BlockingQueue<Channel> accepted = new LinkedBlockingQueue<>();
    private final AtomicInteger pipelines = new AtomicInteger();
    private EventLoop loop;
    private Channel server;
    private ChannelPool pool;

    @BeforeEach
    void startServer() throws Exception {
        loop = group.next();
        server = ServerBootstrap.create().group(group).channel(LocalServerChannel::new)
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        accepted.add(ch);
                    }
                }).bind(address).sync().channel();
    }

    @AfterEach
    void tearDown() throws Exception {
        if (pool != null) {
            assertTrue(pool.close().await(WAIT_SECONDS, TimeUnit.SECONDS));
        }
        server.close().await(WAIT_SECONDS, TimeUnit.SECONDS);
        group.shutdownGracefully(0, 5, TimeUnit.SECONDS);
        assertTrue(group.terminationFuture().await(WAIT_SECONDS, TimeUnit.SECONDS));
    }

    private ChannelPool pool(PoolSettings settings) {
        Bootstrap b = Bootstrap.create().group(loop).channel(LocalChannel::new)
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        pipelines.incrementAndGet();
                    }
                });
        pool = ChannelPool.create(b, loop, settings);
        return pool;
    }

    private static PoolSettings settings(int max, int waiters) {
        return PoolSettings.defaults().withLimits(max, waiters);
    }

    private static <T> T success(Future<T> f) throws InterruptedException {
        assertTrue(f.await(WAIT_SECONDS, TimeUnit.SECONDS), "timed out");
        assertTrue(f.isSuccess(), () -> "failed: " + f.cause());
        return f.getNow();
    }

    private static Throwable failure(Future<?> f) throws InterruptedException {
        assertTrue(f.await(WAIT_SECONDS, TimeUnit.SECONDS), "timed out");
        assertFalse(f.isSuccess(), "should fail");
        return f.cause();
    }

    private int openChannels() throws Exception {
        return loop.submit(() -> pool.openChannels(address)).get(WAIT_SECONDS, TimeUnit.SECONDS);
    }

    @Test
    void aReleasedChannelIsReusedWithoutANewConnection() throws Exception {
        pool(settings(2, 4));
        Channel first = success(pool.acquire(address));
        assertTrue(first.isActive());
        success(pool.release(first));
        assertSame(first, success(pool.acquire(address)));
        assertEquals(1, pipelines.get(), "one connection");
        assertEquals(1, accepted.size());
    }

    @Test
    void atTheMaximumAnAcquirerWaitsForARelease() throws Exception {
        pool(settings(2, 4));
        Channel a = success(pool.acquire(address));
        Channel b = success(pool.acquire(address));
        assertNotSame(a, b);
        Future<Channel> third = pool.acquire(address);
        assertEquals(2, openChannels());
        assertFalse(third.isDone(), "waits: the address is at its maximum");
        success(pool.release(b));
        assertSame(b, success(third));
        assertEquals(2, openChannels());
    }

    @Test
    void aWaitingAcquireTimesOutNamingTheAddress() throws Exception {
        pool(settings(1, 4).withTimeouts(Duration.ofMillis(50), Duration.ofSeconds(60)));
        success(pool.acquire(address));
        TimeoutException e = assertInstanceOf(TimeoutException.class, failure(pool.acquire(address)));
        assertTrue(e.getMessage().contains(address.toString()) && e.getMessage().contains("50 ms"), e.getMessage());
    }

    @Test
    void acquirersBeyondTheWaiterLimitFailAtOnce() throws Exception {
        pool(settings(1, 1));
        success(pool.acquire(address));
        Future<Channel> waiting = pool.acquire(address);
        RejectedExecutionException e = assertInstanceOf(RejectedExecutionException.class,
                failure(pool.acquire(address)));
        assertEquals("waiters for " + address + ": 1 (expected: at most 1 while all 1 channels are in use)",
                e.getMessage());
        assertFalse(waiting.isDone());
    }

    @Test
    void anIdleChannelThatFailsTheHealthCheckIsClosedAndReplaced() throws Exception {
        AtomicInteger checks = new AtomicInteger();
        pool(settings(1, 1).withHealthCheck(ch -> checks.incrementAndGet() > 1 && ch.isActive()));
        Channel first = success(pool.acquire(address));
        success(pool.release(first));
        Channel second = success(pool.acquire(address));
        assertNotSame(first, second, "the unhealthy one was not handed out");
        assertTrue(first.closeFuture().await(WAIT_SECONDS, TimeUnit.SECONDS), "the unhealthy one is closed");
        assertEquals(1, checks.get());
        assertEquals(1, openChannels());
    }

    @Test
    void releaseRefusesForeignClosedAndTwiceReleasedChannels() throws Exception {
        pool(settings(2, 2));
        Channel foreign = Bootstrap.create().group(loop).channel(LocalChannel::new)
                .handler(new ChannelHandler() { }).connect(address).sync().channel();
        assertInstanceOf(IllegalArgumentException.class, failure(pool.release(foreign)));
        assertTrue(foreign.isOpen(), "a foreign channel is left alone");
        foreign.close().sync();

        Channel ch = success(pool.acquire(address));
        success(pool.release(ch));
        IllegalStateException twice = assertInstanceOf(IllegalStateException.class, failure(pool.release(ch)));
        assertTrue(twice.getMessage().contains("released twice"), twice.getMessage());

        Channel other = success(pool.acquire(address));
        other.close().sync();
        assertInstanceOf(IllegalArgumentException.class, failure(pool.release(other)));
        assertEquals(0, openChannels(), "the closed channels left the pool");
    }

    @Test
    void idleChannelsAreClosedAfterTheIdleTimeout() throws Exception {
        pool(settings(2, 2).withTimeouts(Duration.ofSeconds(10), Duration.ofMillis(30)));
        Channel ch = success(pool.acquire(address));
        success(pool.release(ch));
        assertTrue(ch.closeFuture().await(WAIT_SECONDS, TimeUnit.SECONDS), "closed once idle for 30 ms");
        Channel next = success(pool.acquire(address));
        assertNotSame(ch, next);
        assertEquals(1, openChannels());
    }

    @Test
    void aChannelThePeerClosesLeavesThePoolAndAWaiterGetsANewOne() throws Exception {
        pool(settings(1, 1));
        Channel ch = success(pool.acquire(address));
        Future<Channel> waiting = pool.acquire(address);
        accepted.poll(WAIT_SECONDS, TimeUnit.SECONDS).close().sync(); // the server side goes away
        Channel replacement = success(waiting);
        assertNotSame(ch, replacement);
        assertTrue(replacement.isActive());
    }

    @Test
    void aFailedConnectFailsTheAcquireAndFreesItsPlace() throws Exception {
        pool(settings(1, 1));
        LocalAddress nowhere = LocalAddress.ephemeral();
        assertInstanceOf(ConnectException.class, failure(pool.acquire(nowhere)));
        assertInstanceOf(ConnectException.class, failure(pool.acquire(nowhere)), "not stuck at the maximum");
    }

    @Test
    void closeFailsWaitersClosesEveryChannelAndRefusesLaterAcquires() throws Exception {
        pool(settings(2, 2));
        Channel acquired = success(pool.acquire(address));
        Channel idle = success(pool.acquire(address));
        success(pool.release(idle));
        success(pool.acquire(address)); // takes idle again
        Future<Channel> waiting = pool.acquire(address);
        success(pool.close());
        assertFalse(acquired.isOpen());
        assertFalse(idle.isOpen());
        assertInstanceOf(IllegalStateException.class, failure(waiting));
        assertInstanceOf(IllegalStateException.class, failure(pool.acquire(address)));
        pool = null;
    }

    @Test
    void badSettingsAreRefusedNamingTheRule() {
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> settings(0, 1));
        assertEquals("maxPerAddress: 0 (expected: >= 1)", e.getMessage());
        e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> PoolSettings.defaults().withTimeouts(Duration.ZERO, Duration.ofSeconds(1)));
        assertEquals("acquireTimeout: PT0S (expected: > 0)", e.getMessage());
    }
}
