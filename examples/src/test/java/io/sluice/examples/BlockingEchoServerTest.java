package io.sluice.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.sluice.concurrent.VirtualThreadExecutorGroup;
import java.io.DataInputStream;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The blocking echo over loopback: blocking handlers on virtual threads or workers, never on the loop. */
@Timeout(60)
class BlockingEchoServerTest {

    private static ExampleServer start(String... args) throws InterruptedException {
        return BlockingEchoServer.start(ExampleOptions.parse(args, 0));
    }

    /** Opens {@code connections} sockets, sends one message on each, then reads every echo; returns the nanos taken. */
    private static long echoOnEach(ExampleServer server, int connections) throws Exception {
        List<Socket> sockets = new ArrayList<>();
        long start = System.nanoTime();
        try {
            for (int i = 0; i < connections; i++) {
                Socket socket = new Socket("127.0.0.1", server.address().getPort());
                sockets.add(socket);
                socket.getOutputStream().write(new byte[] {(byte) i, 1, 2, 3});
            }
            for (int i = 0; i < connections; i++) {
                byte[] echoed = new byte[4];
                new DataInputStream(sockets.get(i).getInputStream()).readFully(echoed);
                assertArrayEquals(new byte[] {(byte) i, 1, 2, 3}, echoed);
            }
            return System.nanoTime() - start;
        } finally {
            for (Socket socket : sockets) {
                socket.close();
            }
        }
    }

    @Test
    void refusesToBlockAnIoLoop() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> start("--port", "0"));
        assertTrue(e.getMessage().contains("--virtual-threads or --worker-threads"), e.getMessage());
    }

    @Test
    void virtualThreadsBeforeJdk21AreAUsageErrorNamingTheJdk() {
        assumeFalse(VirtualThreadExecutorGroup.isAvailable(), "this JDK has virtual threads");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> start("--port", "0", "--virtual-threads"));
        assertTrue(e.getMessage().contains("JDK 21 or later"), e.getMessage());
    }

    @Test
    void workersEchoEveryConnection() throws Exception {
        ExampleServer server = start("--port", "0", "--worker-threads", "2", "--delay-ms", "1");
        try {
            echoOnEach(server, 8);
        } finally {
            server.stop();
        }
    }

    @Test
    void virtualThreadsBlockForManyConnectionsAtOnce() throws Exception {
        assumeTrue(VirtualThreadExecutorGroup.isAvailable(),
                "virtual threads need JDK 21+; this run is on JDK " + Runtime.version().feature());
        ExampleServer server = start("--port", "0", "--virtual-threads", "--delay-ms", "200");
        try {
            long nanos = echoOnEach(server, 100);
            // one after another would take 100 x 200 ms = 20 s; in parallel about 200 ms
            assertTrue(nanos < TimeUnit.SECONDS.toNanos(10), "took " + TimeUnit.NANOSECONDS.toMillis(nanos) + " ms");
        } finally {
            server.stop();
        }
    }
}
