package io.sluice.examples;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Runs the echo client against the echo example, and against servers that get the echo wrong. */
@Timeout(30)
class EchoClientTest {

    private static EchoClient.Result runClient(int port, String... extra) throws InterruptedException {
        String[] args = new String[2 + extra.length];
        args[0] = "--port";
        args[1] = String.valueOf(port);
        System.arraycopy(extra, 0, args, 2, extra.length);
        return EchoClient.run(ExampleOptions.parse(args, 0));
    }

    /**
     * A plain-socket server for one connection that echoes what it reads, except that it flips the
     * byte at stream offset {@code corruptAt} and, from stream offset {@code closeAt} on, stops
     * echoing and ends its output (a negative offset means never).
     */
    private static final class FakeEchoServer implements AutoCloseable {
        private final ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        private final Thread thread;

        FakeEchoServer(long corruptAt, long closeAt) throws IOException {
            thread = new Thread(() -> serve(corruptAt, closeAt), "fake-echo-server");
            thread.start();
        }

        int port() {
            return listener.getLocalPort();
        }

        private void serve(long corruptAt, long closeAt) {
            try (Socket socket = listener.accept()) {
                socket.setSoTimeout(10_000);
                InputStream in = socket.getInputStream();
                OutputStream out = socket.getOutputStream();
                byte[] chunk = new byte[8192];
                long offset = 0;
                for (int n; (n = in.read(chunk)) > 0; offset += n) {
                    if (corruptAt >= offset && corruptAt < offset + n) {
                        chunk[(int) (corruptAt - offset)] ^= 0x20;
                    }
                    if (closeAt >= 0 && offset + n >= closeAt) {
                        out.write(chunk, 0, (int) (closeAt - offset));
                        socket.shutdownOutput(); // an orderly end of stream, then wait for the client to go
                        while (in.read(chunk) >= 0) {
                            // drain
                        }
                        return;
                    }
                    out.write(chunk, 0, n);
                }
            } catch (IOException ignored) {
                // the client may reset the connection once it has seen the wrong byte
            }
        }

        @Override
        public void close() throws IOException {
            listener.close();
            try {
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @ParameterizedTest
    @CsvSource({"200, 1000", "4, 300000"}) // many small messages; a few that arrive in several reads
    void succeedsAgainstTheEchoServer(int count, int size) throws Exception {
        ExampleServer server = EchoServer.start(ExampleOptions.parse(new String[] {"--port", "0"}, 0));
        try {
            EchoClient.Result result = runClient(server.address().getPort(),
                    "--count", String.valueOf(count), "--size", String.valueOf(size));
            assertTrue(result.ok(), result.summary());
            assertTrue(result.summary().startsWith(String.format("%,d messages of %,d bytes echoed correctly", count, size)),
                    result.summary());
        } finally {
            server.stop();
        }
    }

    @Test
    void failsOnAWrongByte() throws Exception {
        try (FakeEchoServer server = new FakeEchoServer(5_123, -1)) {
            EchoClient.Result result = runClient(server.port(), "--count", "10", "--size", "1000");
            assertFalse(result.ok(), result.summary());
            assertTrue(result.summary().startsWith("wrong byte in the echo of message 6 at offset 123"), result.summary());
        }
    }

    @Test
    void failsWhenTheServerClosesEarly() throws Exception {
        try (FakeEchoServer server = new FakeEchoServer(-1, 1_500)) {
            EchoClient.Result result = runClient(server.port(), "--count", "10", "--size", "1000");
            assertFalse(result.ok(), result.summary());
            assertTrue(result.summary().contains("closed the connection after 1 of 10 messages"), result.summary());
        }
    }

    @Test
    void timesOutWhenNothingComesBack() throws Exception {
        DiscardServer server = DiscardServer.start(
                ExampleOptions.parse(new String[] {"--port", "0", "--report-seconds", "0"}, 0));
        try {
            EchoClient.Result result = runClient(server.address().getPort(), "--timeout-seconds", "1");
            assertFalse(result.ok(), result.summary());
            assertTrue(result.summary().startsWith("timed out after 1 s: 0 of 1000 messages"), result.summary());
        } finally {
            server.stop();
        }
    }

    @Test
    void failsWhenNothingListens() throws Exception {
        int port;
        try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = closed.getLocalPort(); // free again once closed; nothing else listens on loopback here
        }
        EchoClient.Result result = runClient(port);
        assertFalse(result.ok(), result.summary());
        assertTrue(result.summary().startsWith("cannot connect to 127.0.0.1:" + port), result.summary());
    }
}
