package io.sluice.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.io.DataInputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.util.Random;
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

    @Test
    void helpListsTheExamples() throws Exception {
        Main.main(new String[] {"--help"});
    }
}
