package io.sluice.transport.nio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.bootstrap.Bootstrap;
import io.sluice.channel.Channel;
import io.sluice.channel.ChannelFuture;
import io.sluice.channel.spi.IoEventLoopGroup;
import io.sluice.concurrent.Ticker;
import io.sluice.resolver.AddressResolver;
import io.sluice.resolver.CacheTtl;
import io.sluice.resolver.CachingAddressResolver;
import io.sluice.resolver.NameLookup;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code Bootstrap.connect(host, port)} through a resolver over a fake name table (no network):
 * each address tried in order on a new channel, every address named when all fail, the event loop
 * never waiting for a lookup.
 */
@Timeout(60)
class ResolvingConnectTest extends NioSocketTestSupport {
    private final ExecutorService lookups = Executors.newSingleThreadExecutor();

    @AfterEach
    void stopLookups() {
        lookups.shutdownNow();
    }

    private AddressResolver resolver(NameLookup lookup) {
        return CachingAddressResolver.create(lookup, lookups, Ticker.system(), CacheTtl.none());
    }

    private static NameLookup table(Map<String, List<String>> names) {
        return host -> {
            List<String> ips = names.get(host);
            if (ips == null) {
                throw new UnknownHostException("no such name in the test table");
            }
            List<InetAddress> addresses = new java.util.ArrayList<>();
            for (String ip : ips) {
                addresses.add(InetAddress.getByName(ip));
            }
            return addresses;
        };
    }

    /** A lookup that answers 127.0.0.1 once {@code release} opens. */
    private static NameLookup localhostAfter(CountDownLatch release) {
        return host -> {
            try {
                assertTrue(release.await(AWAIT_SECONDS, TimeUnit.SECONDS));
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
            return List.of(InetAddress.getByName("127.0.0.1"));
        };
    }

    private Bootstrap client(IoEventLoopGroup group, AddressResolver resolver) {
        return Bootstrap.create().group(group).channel(NioSocketChannel::new).resolver(resolver);
    }

    static int closedPort() throws Exception {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        }
    }

    @Test
    void triesEachAddressInOrderOnANewChannelUntilOneConnects() throws Exception {
        IoEventLoopGroup group = newGroup(1);
        Channel server = startEchoServer(group);
        int port = ((InetSocketAddress) server.localAddress()).getPort();
        // nothing listens on 127.0.0.2 (the server is bound to 127.0.0.1): refused, then the next address
        ChannelFuture f = client(group, resolver(table(Map.of("two.test", List.of("127.0.0.2", "127.0.0.1")))))
                .connect("two.test", port);
        Channel firstAttempt = closeAfterTest(f.channel());
        awaitSuccess(f, "connect to two.test");
        Channel connected = closeAfterTest(f.channel());
        assertNotSame(firstAttempt, connected, "the second address got its own channel");
        assertEquals(new InetSocketAddress("127.0.0.1", port), connected.remoteAddress());
        await(firstAttempt.closeFuture(), "the refused attempt's channel closing");
        assertTrue(connected.isActive());
    }

    @Test
    void whenEveryAddressFailsTheFailureNamesTheHostEveryAddressAndTheLastCause() throws Exception {
        IoEventLoopGroup group = newGroup(1);
        int port = closedPort();
        int fdsBefore = openFileDescriptors();
        ChannelFuture f = client(group, resolver(table(Map.of("dead.test", List.of("127.0.0.2", "127.0.0.3")))))
                .connect("dead.test", port);
        closeAfterTest(f.channel());
        await(f, "the failed connect");
        ConnectException e = assertInstanceOf(ConnectException.class, f.cause());
        String message = e.getMessage();
        assertTrue(message.contains("dead.test:" + port) && message.contains("127.0.0.2:" + port)
                && message.contains("127.0.0.3:" + port), message);
        assertInstanceOf(ConnectException.class, e.getCause(), "the last failure");
        assertTrue(e.getCause().getMessage().contains("127.0.0.3"), e.getCause().getMessage());
        assertEquals(1, e.getSuppressed().length, "the earlier failure");
        await(f.channel().closeFuture(), "the last attempt's channel closing");
        if (fdsBefore >= 0) {
            pollUntil(() -> openFileDescriptors() <= fdsBefore, "file descriptors back to " + fdsBefore);
        }
    }

    @Test
    void aSingleRefusedAddressFailsWithItsOwnConnectException() throws Exception {
        IoEventLoopGroup group = newGroup(1);
        int port = closedPort();
        ChannelFuture f = client(group, resolver(table(Map.of("one.test", List.of("127.0.0.1")))))
                .connect("one.test", port);
        closeAfterTest(f.channel());
        await(f, "the refused connect");
        ConnectException e = assertInstanceOf(ConnectException.class, f.cause());
        assertTrue(e.getMessage().contains("127.0.0.1:" + port), e.getMessage());
    }

    @Test
    void anUnresolvableNameFailsNamingItAndClosesTheChannel() throws Exception {
        IoEventLoopGroup group = newGroup(1);
        ChannelFuture f = client(group, resolver(table(Map.of()))).connect("nowhere.test", 80);
        closeAfterTest(f.channel());
        await(f, "the failed resolve");
        UnknownHostException e = assertInstanceOf(UnknownHostException.class, f.cause());
        assertTrue(e.getMessage().contains("nowhere.test"), e.getMessage());
        await(f.channel().closeFuture(), "the channel closing");
    }

    @Test
    void anUnresolvedSocketAddressIsResolvedTheSameWay() throws Exception {
        IoEventLoopGroup group = newGroup(1);
        Channel server = startEchoServer(group);
        int port = ((InetSocketAddress) server.localAddress()).getPort();
        ChannelFuture f = client(group, resolver(table(Map.of("svc.test", List.of("127.0.0.1")))))
                .connect(InetSocketAddress.createUnresolved("svc.test", port));
        closeAfterTest(f.channel());
        awaitSuccess(f, "connect to an unresolved address");
    }

    @Test
    void aLoopThatConnectsByNameKeepsRunningWhileTheLookupIsStuck() throws Exception {
        IoEventLoopGroup group = newGroup(1);
        Channel server = startEchoServer(group);
        int port = ((InetSocketAddress) server.localAddress()).getPort();
        CountDownLatch release = new CountDownLatch(1);
        NameLookup slow = localhostAfter(release);
        Bootstrap b = client(group, resolver(slow));
        // connect from the loop itself, as a handler connecting onward would
        ChannelFuture f = awaitSuccess(server.eventLoop().submit(() -> b.connect("slow.test", port)), "connect call")
                .getNow();
        closeAfterTest(f.channel());
        // the loop is free: a task queued after the connect runs while the lookup still waits
        awaitSuccess(server.eventLoop().submit(() -> { }), "a task on the connecting loop");
        assertFalse(f.isDone(), "cannot be connected: the lookup has not answered");
        release.countDown();
        awaitSuccess(f, "connect once the lookup answers");
    }

    @Test
    void cancellingWhileResolvingClosesTheChannel() throws Exception {
        IoEventLoopGroup group = newGroup(1);
        CountDownLatch release = new CountDownLatch(1);
        NameLookup slow = localhostAfter(release);
        ChannelFuture f = client(group, resolver(slow)).connect("slow.test", closedPort());
        closeAfterTest(f.channel());
        assertTrue(f.cancel(false));
        await(f.channel().closeFuture(), "the channel closing on cancel");
        release.countDown();
        quiesce(f.channel());
        assertTrue(f.isCancelled());
    }
}
