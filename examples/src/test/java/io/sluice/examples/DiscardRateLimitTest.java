package io.sluice.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.net.Socket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code discard --max-bytes-per-second} over loopback: 4 MiB take their configured time, within 10%. */
@Timeout(60)
class DiscardRateLimitTest {
    private static final int RATE = 2 * 1024 * 1024;
    private static final int SIZE = 4 * 1024 * 1024;

    @Test
    void aLimitedTransferTakesItsConfiguredTime() throws Exception {
        DiscardServer server = DiscardServer.start(ExampleOptions.parse(new String[] {"--port", "0",
                "--report-seconds", "0", "--max-bytes-per-second", String.valueOf(RATE)}, 0));
        try (Socket socket = new Socket("127.0.0.1", server.address().getPort())) {
            long start = System.nanoTime();
            OutputStream out = socket.getOutputStream();
            byte[] chunk = new byte[64 * 1024];
            for (int sent = 0; sent < SIZE; sent += chunk.length) {
                out.write(chunk); // blocks while the server has stopped reading
            }
            socket.shutdownOutput();
            // the server reads to the end of input, then closes: end of stream here
            assertEquals(-1, socket.getInputStream().read());
            double seconds = (System.nanoTime() - start) / 1e9;
            double expected = (double) SIZE / RATE;
            assertEquals(SIZE, server.bytesReceived());
            assertTrue(Math.abs(seconds - expected) <= 0.10 * expected,
                    "took " + seconds + " s, expected " + expected + " s within 10%");
        } finally {
            server.stop();
        }
    }
}
