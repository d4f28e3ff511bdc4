package io.sluice.transport.nio;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.channel.ChannelFuture;
import io.sluice.channel.ChannelOption;
import io.sluice.channel.ConnectTimeoutException;
import io.sluice.channel.spi.IoEventLoopGroup;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Connects that fail: refused by a closed port, and timed out against a full accept queue. */
@Timeout(60)
class ConnectFailureTest extends NioSocketTestSupport {

    @Test
    void refusedConnectFailsWithConnectExceptionNamingTheAddressAndClosesTheChannel() throws Exception {
        InetSocketAddress closedPort;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = (InetSocketAddress) probe.getLocalSocketAddress();
        }
        IoEventLoopGroup group = newGroup(1);
        Recorder recorder = new Recorder();
        ChannelFuture f = connectAsync(group, closedPort, b -> { }, recorder);

        await(f, "the refused connect");
        assertFalse(f.isSuccess(), "connect to a closed port succeeded");
        ConnectException e = assertInstanceOf(ConnectException.class, f.cause(), "cause");
        assertFalse(e instanceof ConnectTimeoutException, () -> "refused, not timed out: " + e);
        String message = String.valueOf(e.getMessage());
        assertTrue(message.contains("127.0.0.1") && message.contains(":" + closedPort.getPort()),
                () -> "the message should name " + closedPort + ": " + message);
        await(f.channel().closeFuture(), "the channel closing");
        assertFalse(f.channel().isOpen());
        assertFalse(f.channel().isActive());
        quiesce(f.channel());
        assertTrue(recorder.active.getNow(null) == null, "channelActive fired for a refused connect");
    }

    @Test
    void connectTimesOutAgainstAFullAcceptQueueAndClosesTheChannel() throws Exception {
        List<Socket> fillers = new ArrayList<>();
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            InetSocketAddress address = (InetSocketAddress) listener.getLocalSocketAddress();
            boolean queueFull = fillAcceptQueue(address, fillers);
            Assumptions.assumeTrue(queueFull, "this kernel completed " + fillers.size()
                    + " connects to a listener with backlog 1 that never accepts, so a connect cannot be "
                    + "made to hang; skipping the connect timeout check");

            IoEventLoopGroup group = newGroup(1);
            Recorder recorder = new Recorder();
            long start = System.nanoTime();
            ChannelFuture f = connectAsync(group, address, b -> b.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 200),
                    recorder);
            assertTrue(f.await(5, TimeUnit.SECONDS), "connect with a 200 ms timeout still pending after 5 s");
            long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

            assertFalse(f.isSuccess(), "connect to a full accept queue succeeded");
            ConnectTimeoutException e = assertInstanceOf(ConnectTimeoutException.class, f.cause(), "cause");
            assertTrue(String.valueOf(e.getMessage()).contains(String.valueOf(address.getPort())),
                    () -> "the message should name " + address + ": " + e.getMessage());
            assertTrue(elapsedMillis >= 150, "timed out after only " + elapsedMillis + " ms");
            await(f.channel().closeFuture(), "the channel closing");
            assertFalse(f.channel().isOpen());
            quiesce(f.channel());
            assertTrue(recorder.active.getNow(null) == null, "channelActive fired for a timed-out connect");
        } finally {
            for (Socket s : fillers) {
                s.close();
            }
        }
    }

    /**
     * Opens plain sockets to {@code address} (never accepted) until one cannot connect within
     * 300 ms. @return whether that happened, i.e. the accept queue is full
     */
    private static boolean fillAcceptQueue(InetSocketAddress address, List<Socket> fillers) throws IOException {
        for (int i = 0; i < 16; i++) {
            Socket s = new Socket();
            try {
                s.connect(address, 300);
                fillers.add(s);
            } catch (SocketTimeoutException e) {
                s.close();
                return true;
            }
        }
        return false;
    }
}
