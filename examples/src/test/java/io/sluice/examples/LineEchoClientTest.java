package io.sluice.examples;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code echo-client} without {@code --count}: lines in, echoed lines out, over TCP and a Unix socket. */
@Timeout(30)
class LineEchoClientTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private boolean runClient(String input, String... args) throws Exception {
        return LineEchoClient.run(ExampleOptions.parse(args, 0), new ByteArrayInputStream(input.getBytes(UTF_8)),
                new PrintStream(out, true, UTF_8), new PrintStream(err, true, UTF_8));
    }

    @Test
    void printsEachLineTheEchoServerSendsBack() throws Exception {
        ExampleServer server = EchoServer.start(ExampleOptions.parse(new String[] {"--port", "0"}, 0));
        try {
            assertTrue(runClient("hello\nwörld\n\nlast line without newline",
                    "--port", String.valueOf(server.address().getPort())), () -> "stderr: " + err);
            assertEquals("hello\nwörld\n\nlast line without newline\n", out.toString(UTF_8).replace("\r\n", "\n"));
        } finally {
            server.stop();
        }
    }

    @Test
    void worksOverAUnixSocketAndTheServerRemovesItsFile(@TempDir Path dir) throws Exception {
        Path socket = dir.resolve("echo.sock");
        ExampleServer server = EchoServer.start(ExampleOptions.parse(new String[] {"--unix", socket.toString()}, 0));
        try {
            assertEquals(socket.toString(), server.listeningOn());
            assertTrue(runClient("over a socket file\n", "--unix", socket.toString()), () -> "stderr: " + err);
            assertEquals("over a socket file\n", out.toString(UTF_8).replace("\r\n", "\n"));
        } finally {
            server.stop();
        }
        assertFalse(Files.exists(socket), "the socket file is removed on stop");
    }

    /** Standard error that completes a future once a line with a given text has appeared in it. */
    private static final class Watched extends ByteArrayOutputStream {
        private final String needle;
        final CompletableFuture<String> seen = new CompletableFuture<>();

        Watched(String needle) {
            this.needle = needle;
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            super.write(b, off, len);
            String text = toString(UTF_8);
            int at = text.indexOf(needle);
            if (at >= 0 && text.indexOf('\n', at) > 0) { // the whole line
                seen.complete(text);
            }
        }
    }

    @Test
    void withReconnectItKeepsTryingUntilTheServerIsUpThenSendsTheLines() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        Watched failed = new Watched("attempt 1 failed");
        Watched connected = new Watched("connected to");
        PipedOutputStream typing = new PipedOutputStream();
        PipedInputStream stdin = new PipedInputStream(typing);
        PrintStream errStream = new PrintStream(new java.io.OutputStream() {
            @Override
            public void write(int b) {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                failed.write(b, off, len);
                connected.write(b, off, len);
            }
        }, true, UTF_8);
        CompletableFuture<Boolean> result = CompletableFuture.supplyAsync(() -> {
            try {
                return LineEchoClient.run(ExampleOptions.parse(new String[] {"--port", String.valueOf(port),
                        "--reconnect"}, 0), stdin, new PrintStream(out, true, UTF_8), errStream);
            } catch (Exception e) {
                throw new CompletionException(e);
            }
        });
        String report = failed.seen.get(20, TimeUnit.SECONDS);
        assertTrue(report.contains("127.0.0.1:" + port), report);
        ExampleServer server = EchoServer.start(ExampleOptions.parse(new String[] {"--port", String.valueOf(port)}, 0));
        try {
            connected.seen.get(20, TimeUnit.SECONDS);
            typing.write("after the restart\n".getBytes(UTF_8));
            typing.close();
            assertTrue(result.get(20, TimeUnit.SECONDS), () -> "stderr: " + connected);
            assertEquals("after the restart\n", out.toString(UTF_8).replace("\r\n", "\n"));
        } finally {
            server.stop();
        }
    }

    @Test
    void aRefusedConnectionIsReportedWithTheAddressAndFails() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        assertFalse(runClient("never sent\n", "--port", String.valueOf(port)));
        String message = err.toString(UTF_8);
        assertTrue(message.contains("cannot connect to") && message.contains(":" + port), message);
        assertEquals("", out.toString(UTF_8));
    }

    @Test
    void flagsNeedNoValue() {
        ExampleOptions options = ExampleOptions.parse(new String[] {"--reconnect", "--port", "1", "--verbose"}, 0);
        assertTrue(options.has("reconnect"));
        assertEquals("true", options.value("verbose"));
        assertEquals(1, options.port(7));
    }
}
