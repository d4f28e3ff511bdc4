package io.sluice.examples;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Two and three clients in the chat room over loopback; an overlong line closes only its sender. */
@Timeout(30)
class ChatServerTest {

    @ParameterizedTest
    @ValueSource(ints = {0, 2})
    void linesReachTheOthersAndAnOverlongLineClosesOnlyItsSender(int workerThreads) throws Exception {
        ExampleServer server = ChatServer.start(ExampleOptions.parse(
                new String[] {"--port", "0", "--worker-threads", String.valueOf(workerThreads)}, 0));
        int port = server.address().getPort();
        try (Socket alice = new Socket("127.0.0.1", port)) {
            BufferedReader aliceIn = reader(alice);
            assertTrue(aliceIn.readLine().startsWith("* welcome; 0 other(s)"));
            try (Socket bob = new Socket("127.0.0.1", port)) {
                BufferedReader bobIn = reader(bob);
                assertTrue(bobIn.readLine().startsWith("* welcome; 1 other(s)"));
                assertTrue(aliceIn.readLine().endsWith(" joined"));

                send(alice, "héllo, bob\r\n");
                String line = bobIn.readLine();
                assertTrue(line.startsWith("[/127.0.0.1:" + alice.getLocalPort() + "] "), line);
                assertTrue(line.endsWith("] héllo, bob"), line);

                try (Socket mallory = new Socket("127.0.0.1", port)) {
                    BufferedReader malloryIn = reader(mallory);
                    assertTrue(malloryIn.readLine().startsWith("* welcome; 2 other(s)"));
                    assertTrue(aliceIn.readLine().endsWith(" joined"));
                    assertTrue(bobIn.readLine().endsWith(" joined"));
                    send(mallory, "x".repeat(ChatServer.MAX_LINE + 1)); // no newline: refused on byte 8193
                    assertNull(malloryIn.readLine(), "the overlong sender is disconnected");
                    assertTrue(aliceIn.readLine().endsWith(" left"));
                    assertTrue(bobIn.readLine().endsWith(" left"));
                }
                send(bob, "still here\n");
                assertTrue(aliceIn.readLine().endsWith("] still here"));
            }
            assertTrue(aliceIn.readLine().endsWith(" left"));
        } finally {
            server.stop();
        }
    }

    private static BufferedReader reader(Socket socket) throws Exception {
        return new BufferedReader(new InputStreamReader(socket.getInputStream(), UTF_8));
    }

    private static void send(Socket socket, String text) throws Exception {
        OutputStream out = socket.getOutputStream();
        out.write(text.getBytes(UTF_8));
        out.flush();
    }
}
