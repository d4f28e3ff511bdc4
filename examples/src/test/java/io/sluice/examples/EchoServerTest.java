package io.sluice.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Starts the echo example on a free loopback port and talks to it with a plain socket. */
@Timeout(30)
class EchoServerTest {

    @ParameterizedTest
    @ValueSource(ints = {0, 2})
    void echoesWhatItReceives(int workerThreads) throws Exception {
        ExampleServer server = EchoServer.start(ExampleOptions.parse(
                new String[] {"--port", "0", "--worker-threads", String.valueOf(workerThreads)}, 0));
        try (Socket socket = new Socket("127.0.0.1", server.address().getPort())) {
            byte[] sent = new byte[256 * 1024];
            new Random(7).nextBytes(sent);
            OutputStream out = socket.getOutputStream();
            Thread writer = new Thread(() -> {
                try {
                    out.write(sent);
                    out.flush();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            writer.start();
            byte[] received = new byte[sent.length];
            new DataInputStream(socket.getInputStream()).readFully(received);
            writer.join();
            assertArrayEquals(sent, received);
        } finally {
            server.stop();
        }
    }

    /**
     * SIGTERM runs {@link ExampleServer#stop()}: with a client connected it must return well inside
     * the 2 s default quiet period of {@code shutdownGracefully()}, which examples do not wait for.
     */
    @Test
    void stopsAtOnceWithAClientConnected() throws Exception {
        ExampleServer server = EchoServer.start(ExampleOptions.parse(
                new String[] {"--port", "0", "--worker-threads", "2"}, 0));
        try (Socket socket = new Socket("127.0.0.1", server.address().getPort())) {
            socket.getOutputStream().write('x');
            assertEquals('x', socket.getInputStream().read()); // connected and served
            long start = System.nanoTime();
            server.stop();
            long stopMillis = (System.nanoTime() - start) / 1_000_000;
            assertTrue(stopMillis < 2000, "stop took " + stopMillis + " ms (expected: < 2000, no quiet period)");
            socket.setSoTimeout(5000);
            assertEquals(-1, socket.getInputStream().read(), "the connection is closed by the stop");
        }
    }

    @Test
    void helpListsTheExamples() throws Exception {
        PrintStream stdout = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            Main.main(new String[] {"--help"});
        } finally {
            System.setOut(stdout);
        }
        List<String> lines = captured.toString(StandardCharsets.UTF_8).lines().toList();
        assertTrue(lines.get(0).startsWith("usage: java -jar examples/target/sluice-examples.jar NAME"), lines::toString);
        int header = lines.indexOf("examples:");
        assertTrue(header > 0, lines::toString);
        Set<String> listed = new LinkedHashSet<>();
        for (String line : lines.subList(header + 1, lines.size())) {
            String[] nameAndWhat = line.trim().split("\\s+", 2);
            assertEquals(2, nameAndWhat.length, () -> "an example without a description: " + line);
            listed.add(nameAndWhat[0]);
        }
        assertTrue(listed.containsAll(List.of("echo", "discard", "time", "rot13", "echo-client", "chat", "kv-server",
                "kv-client")), listed::toString);
    }
}
