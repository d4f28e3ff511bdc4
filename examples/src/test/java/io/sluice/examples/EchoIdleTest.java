package io.sluice.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code echo --idle-seconds 1} over loopback: a silent connection is dropped, a talking one kept. */
@Timeout(30)
class EchoIdleTest {
    private static final long IDLE_NANOS = 1_000_000_000L;
    /** Scheduling slack on a loaded machine, on top of the one idle period the rule allows. */
    private static final long SLACK_NANOS = 500_000_000L;

    @ParameterizedTest
    @ValueSource(ints = {0, 2})
    void closesASilentConnectionWithinOneIdlePeriodAfterItIsDueAndKeepsATalkingOne(int workerThreads)
            throws Exception {
        ExampleServer server = EchoServer.start(ExampleOptions.parse(new String[] {"--port", "0",
                "--idle-seconds", "1", "--worker-threads", String.valueOf(workerThreads)}, 0));
        // before the silent connection exists: the server's idle clock for it cannot start earlier
        long start = System.nanoTime();
        try (Socket silent = new Socket("127.0.0.1", server.address().getPort());
                Socket talking = new Socket("127.0.0.1", server.address().getPort())) {
            silent.setSoTimeout(200);
            InputStream silentIn = silent.getInputStream();
            OutputStream talkOut = talking.getOutputStream();
            InputStream talkIn = talking.getInputStream();
            int rounds = 0;
            long closedAfter = -1;
            while (closedAfter < 0) {
                talkOut.write(rounds); // the talking client speaks, and waits for its echo
                talkOut.flush();
                assertEquals(rounds & 0xff, talkIn.read(), "the talking connection is served");
                rounds++;
                try {
                    if (silentIn.read() == -1) { // waits up to 200 ms for the server to drop it
                        closedAfter = System.nanoTime() - start;
                    }
                } catch (SocketTimeoutException stillOpen) {
                    assertTrue(System.nanoTime() - start < 2 * IDLE_NANOS + SLACK_NANOS, "not closed in time");
                }
            }
            assertTrue(closedAfter >= IDLE_NANOS, "closed before it was due: " + closedAfter / 1_000_000 + " ms");
            assertTrue(closedAfter < 2 * IDLE_NANOS + SLACK_NANOS, "closed late: " + closedAfter / 1_000_000 + " ms");
            talkOut.write(42);
            talkOut.flush();
            assertEquals(42, talkIn.read(), "still open after the silent one was closed");
        } finally {
            server.stop();
        }
    }
}
