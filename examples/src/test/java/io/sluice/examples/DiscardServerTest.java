package io.sluice.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.Socket;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Starts the discard example on a free loopback port and sends it bytes over plain sockets. The
 * server closes a connection once it has read the client's end of stream, so a client that sees
 * its own end of stream knows every byte it sent before was counted.
 */
@Timeout(30)
class DiscardServerTest {

    private static DiscardServer start() throws InterruptedException {
        return DiscardServer.start(ExampleOptions.parse(new String[] {"--port", "0", "--report-seconds", "0"}, 0));
    }

    private static Socket connect(DiscardServer server) throws IOException {
        Socket socket = new Socket("127.0.0.1", server.address().getPort());
        socket.setSoTimeout(10_000);
        return socket;
    }

    private static byte[] randomBytes(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    /** Ends the client's output and waits for the server to close: it has read everything by then. */
    private static void finish(Socket socket) throws IOException {
        socket.shutdownOutput();
        assertEquals(-1, socket.getInputStream().read(), "the discard server never answers");
    }

    @Test
    void countsEveryByteOfConcurrentConnections() throws Exception {
        DiscardServer server = start();
        try (Socket first = connect(server); Socket second = connect(server)) {
            first.getOutputStream().write(randomBytes(1024 * 1024, 1));
            second.getOutputStream().write(randomBytes(300_000, 2));
            first.getOutputStream().write(randomBytes(4096, 3));
            finish(first);
            finish(second);
            assertEquals(1024 * 1024 + 300_000 + 4096, server.bytesReceived());
        } finally {
            server.stop();
        }
    }

    @Test
    void staysUpForTheNextConnection() throws Exception {
        DiscardServer server = start();
        try {
            try (Socket first = connect(server)) {
                first.getOutputStream().write(randomBytes(64 * 1024, 4));
                finish(first);
            }
            try (Socket abrupt = connect(server)) {
                abrupt.setSoLinger(true, 0); // closes with a reset instead of an orderly end of stream
                abrupt.getOutputStream().write(randomBytes(100, 5));
            }
            try (Socket last = connect(server)) {
                last.getOutputStream().write(randomBytes(10, 6));
                finish(last);
            }
            long received = server.bytesReceived();
            // the reset may discard the abrupt client's bytes before the server reads them
            assertTrue(received == 64 * 1024 + 10 || received == 64 * 1024 + 110, "received " + received);
        } finally {
            server.stop();
        }
    }

    @Test
    void rejectsANegativeReportInterval() {
        assertThrows(IllegalArgumentException.class, () -> DiscardServer.start(
                ExampleOptions.parse(new String[] {"--port", "0", "--report-seconds", "-1"}, 0)));
    }
}
