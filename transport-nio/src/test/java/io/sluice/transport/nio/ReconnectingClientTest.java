package io.sluice.transport.nio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.bootstrap.Backoff;
import io.sluice.bootstrap.Bootstrap;
import io.sluice.bootstrap.ReconnectListener;
import io.sluice.bootstrap.ReconnectingClient;
import io.sluice.channel.Channel;
import io.sluice.channel.ChannelHandlerContext;
import io.sluice.channel.ChannelInitializer;
import io.sluice.channel.ChannelOption;
import io.sluice.channel.spi.IoEventLoopGroup;
import io.sluice.concurrent.Ticker;
import io.sluice.resolver.CacheTtl;
import io.sluice.resolver.CachingAddressResolver;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The reconnecting client against the faults of issue 17: a refused port, a name that does not
 * resolve, a server that accepts and closes at once, a server stopped and started again. Waits are
 * on the listener's events; the backoff is checked on the delays asked for and on the time between
 * attempts (never shorter than asked: no spinning).
 */
@Timeout(60)
class ReconnectingClientTest extends NioSocketTestSupport {
    private static final long MS = 1_000_000;
    private final ExecutorService lookups = Executors.newSingleThreadExecutor();

    @AfterEach
    void stopLookups() {
        lookups.shutdownNow();
    }

    /** Records every listener call with the time it came. */
    static final class Events implements ReconnectListener {
        final List<Long> attemptTimes = new CopyOnWriteArrayList<>();
        final BlockingQueue<Throwable> failures = new LinkedBlockingQueue<>();
        final List<Long> failureDelays = new CopyOnWriteArrayList<>();
        /** Every delay asked for, after failures and losses, in order. */
        final List<Long> delays = new CopyOnWriteArrayList<>();
        final BlockingQueue<Channel> connected = new LinkedBlockingQueue<>();
        final BlockingQueue<Long> disconnectDelays = new LinkedBlockingQueue<>();
        final CompletableFuture<Throwable> gaveUp = new CompletableFuture<>();
        final AtomicInteger gaveUpAttempts = new AtomicInteger();

        @Override
        public void attempting(int attempt, String target) {
            attemptTimes.add(System.nanoTime());
        }

        @Override
        public void connected(Channel channel) {
            connected.add(channel);
        }

        @Override
        public void attemptFailed(int attempt, Throwable cause, long nextDelayNanos) {
            failureDelays.add(nextDelayNanos);
            delays.add(nextDelayNanos);
            failures.add(cause);
        }

        @Override
        public void disconnected(Channel channel, long nextDelayNanos) {
            delays.add(nextDelayNanos);
            disconnectDelays.add(nextDelayNanos);
        }

        @Override
        public void gaveUp(int attempts, Throwable cause) {
            gaveUpAttempts.set(attempts);
            gaveUp.complete(cause);
        }

        /** Checks that each attempt came no sooner than the delay asked for after the previous one. */
        void assertAttemptsHonouredDelays() {
            for (int i = 1; i < attemptTimes.size() && i <= delays.size(); i++) {
                long gap = attemptTimes.get(i) - attemptTimes.get(i - 1);
                long asked = delays.get(i - 1);
                assertTrue(gap >= asked - MS, "attempt " + (i + 1) + " came " + gap / MS + " ms after the previous,"
                        + " the backoff asked for " + asked / MS + " ms");
            }
        }
    }

    private Bootstrap bootstrap(IoEventLoopGroup group, AtomicInteger pipelinesBuilt, Recorder[] last) {
        return Bootstrap.create().group(group).channel(NioSocketChannel::new)
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        pipelinesBuilt.incrementAndGet();
                        Recorder r = new Recorder();
                        last[0] = r;
                        ch.pipeline().addLast(r);
                    }
                });
    }

    private static Backoff noJitter(int initialMillis, int maxMillis, int maxAttempts) {
        return new Backoff(Duration.ofMillis(initialMillis), Duration.ofMillis(maxMillis), 2, 0, maxAttempts);
    }

    @Test
    void aRefusedPortIsRetriedWithGrowingDelaysThenGivenUpWithTheAddressAndCause() throws Exception {
        IoEventLoopGroup group = newGroup(1);
        int port = ResolvingConnectTest.closedPort();
        int fdsBefore = openFileDescriptors();
        Events events = new Events();
        ReconnectingClient client = ReconnectingClient.create(
                bootstrap(group, new AtomicInteger(), new Recorder[1]),
                new InetSocketAddress("127.0.0.1", port), noJitter(20, 80, 5), events).start();

        Throwable last = await(events.gaveUp, "giving up");
        ConnectException e = assertInstanceOf(ConnectException.class, last);
        assertTrue(e.getMessage().contains("127.0.0.1:" + port), e.getMessage());
        assertEquals(5, events.gaveUpAttempts.get());
        assertEquals(5, events.attemptTimes.size(), "attempts");
        assertEquals(List.of(20 * MS, 40 * MS, 80 * MS, 80 * MS), events.failureDelays, "delays asked for");
        for (Throwable cause : events.failures) {
            assertTrue(cause.getMessage().contains("127.0.0.1:" + port), cause.getMessage());
        }
        events.assertAttemptsHonouredDelays();
        await(client.closeFuture(), "the client's close future after giving up");
        assertNull(client.channel());
        if (fdsBefore >= 0) {
            pollUntil(() -> openFileDescriptors() <= fdsBefore, "file descriptors back to " + fdsBefore);
        }
    }

    @Test
    void anUnresolvableNameIsReportedNamingItAndBackedOffFrom() throws Exception {
        IoEventLoopGroup group = newGroup(1);
        Events events = new Events();
        Bootstrap b = bootstrap(group, new AtomicInteger(), new Recorder[1]).resolver(CachingAddressResolver.create(
                host -> {
                    throw new UnknownHostException("not in the test's table");
                }, lookups, Ticker.system(), CacheTtl.none()));
        ReconnectingClient.create(b, "nowhere.test", 7, noJitter(10, 40, 3), events).start();

        await(events.gaveUp, "giving up");
        assertEquals(3, events.attemptTimes.size());
        assertEquals(List.of(10 * MS, 20 * MS), events.failureDelays);
        for (Throwable cause : events.failures) {
            assertInstanceOf(UnknownHostException.class, cause);
            assertTrue(cause.getMessage().contains("nowhere.test"), cause.getMessage());
        }
        events.assertAttemptsHonouredDelays();
    }

    @Test
    void aServerThatAcceptsAndClosesAtOnceIsNotHammered() throws Exception {
        IoEventLoopGroup group = newGroup(1);
        int fdsBefore = openFileDescriptors();
        Channel server = startServer(group, b -> { }, ch -> ch.pipeline().addLast(new Recorder() {
            @Override
            public void channelActive(ChannelHandlerContext ctx) {
                ctx.close();
            }
        }));
        Events events = new Events();
        AtomicInteger pipelines = new AtomicInteger();
        ReconnectingClient client = ReconnectingClient.create(bootstrap(group, pipelines, new Recorder[1]),
                server.localAddress(), noJitter(10, 1000, 0), events).start();

        long[] expected = {10, 20, 40, 80};
        for (long millis : expected) {
            assertEquals(millis * MS, poll(events.disconnectDelays, "a disconnect"), "each short connection backs off more");
        }
        awaitSuccess(client.close(), "close");
        int attempts = events.attemptTimes.size();
        quiesce(server);
        assertEquals(attempts, events.attemptTimes.size(), "no attempt after close");
        assertTrue(attempts <= expected.length + 1, "attempts: " + attempts);
        assertEquals(attempts, pipelines.get(), "a pipeline per connection");
        assertNull(client.channel());
        server.close().sync();
        if (fdsBefore >= 0) {
            pollUntil(() -> openFileDescriptors() <= fdsBefore, "file descriptors back to " + fdsBefore);
        }
    }

    @Test
    void reconnectsWhenAStoppedServerComesBackWithAFreshPipeline() throws Exception {
        IoEventLoopGroup group = newGroup(2);
        BlockingQueue<Channel> children = new LinkedBlockingQueue<>();
        Channel server = startServer(group, b -> b.option(ChannelOption.SO_REUSEADDR, true), ch -> {
            children.add(ch);
            ch.pipeline().addLast(new EchoHandler());
        });
        InetSocketAddress address = (InetSocketAddress) server.localAddress();
        Events events = new Events();
        AtomicInteger pipelines = new AtomicInteger();
        Recorder[] last = new Recorder[1];
        ReconnectingClient client = ReconnectingClient.create(bootstrap(group, pipelines, last), address,
                new Backoff(Duration.ofMillis(20), Duration.ofMillis(100), 2, 0.2, 0), events).start();

        Channel first = poll(events.connected, "the first connection");
        Recorder firstRecorder = last[0];
        awaitSuccess(first.writeAndFlush(ascii("one")), "write one");
        assertEquals("one", ascii(firstRecorder.awaitBytes(3)));

        // the server goes away: its listener and its connection
        server.close().sync();
        poll(children, "the accepted channel").close().sync();
        poll(events.disconnectDelays, "the client noticing the loss");
        Throwable refused = poll(events.failures, "a refused attempt while the server is down");
        assertTrue(refused.getMessage().contains(address.getAddress().getHostAddress() + ":" + address.getPort()),
                refused.getMessage());
        poll(events.failures, "a second refused attempt");

        // and comes back on the same port
        startServer(group, address, b -> b.option(ChannelOption.SO_REUSEADDR, true),
                ch -> ch.pipeline().addLast(new EchoHandler()));
        Channel second = poll(events.connected, "the connection to the restarted server");
        assertNotSame(first, second);
        assertSame(second, client.channel());
        assertEquals(events.attemptTimes.size(), pipelines.get(), "each attempt's channel gets a pipeline of its own");
        awaitSuccess(second.writeAndFlush(ascii("two")), "write two");
        assertEquals("two", ascii(last[0].awaitBytes(3)));
        events.assertAttemptsHonouredDelays();

        awaitSuccess(client.close(), "close");
        assertTrue(!second.isOpen());
        quiesce(second);
        assertTrue(events.disconnectDelays.isEmpty(), "a close on purpose is not a loss");
    }

    @Test
    void aHandlerThatCannotBeSharedIsRefused() {
        IoEventLoopGroup group = newGroup(1);
        Bootstrap b = Bootstrap.create().group(group).channel(NioSocketChannel::new).handler(new Recorder());
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> ReconnectingClient.create(b, new InetSocketAddress("127.0.0.1", 1),
                        Backoff.exponential(Duration.ofMillis(1), Duration.ofMillis(1)), new ReconnectListener() { }));
        assertTrue(e.getMessage().startsWith("handler: "), e.getMessage());
    }
}
