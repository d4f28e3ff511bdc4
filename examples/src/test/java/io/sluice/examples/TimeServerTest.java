package io.sluice.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Starts the time example on a free loopback port and reads its time stamps with plain sockets. */
@Timeout(30)
class TimeServerTest {
    /** How far a time stamp may be from this test's clock: the same clock, so only scheduling delays. */
    private static final long SLACK_MILLIS = 5_000;

    private static ExampleServer start(String... extra) throws InterruptedException {
        String[] args = new String[2 + extra.length];
        args[0] = "--port";
        args[1] = "0";
        System.arraycopy(extra, 0, args, 2, extra.length);
        return TimeServer.start(ExampleOptions.parse(args, 0));
    }

    private static Socket connect(ExampleServer server) throws IOException {
        Socket socket = new Socket("127.0.0.1", server.address().getPort());
        socket.setSoTimeout(10_000);
        return socket;
    }

    private static void assertNearNow(long stamp) {
        long now = System.currentTimeMillis();
        assertTrue(Math.abs(now - stamp) <= SLACK_MILLIS, "time stamp " + stamp + " is not near now (" + now + ")");
    }

    @Test
    void sendsTheTimeThenCloses() throws Exception {
        ExampleServer server = start();
        try {
            for (int i = 0; i < 3; i++) { // every connection gets its own stamp
                try (Socket socket = connect(server)) {
                    DataInputStream in = new DataInputStream(socket.getInputStream());
                    assertNearNow(in.readLong()); // 8 bytes, big-endian, like DataInputStream reads them
                    assertEquals(-1, in.read(), "the server closes after the time stamp");
                }
            }
        } finally {
            server.stop();
        }
    }

    @Test
    void ignoresWhatTheClientSends() throws Exception {
        ExampleServer server = start();
        try (Socket socket = connect(server)) {
            socket.getOutputStream().write("what time is it?\n".getBytes(StandardCharsets.US_ASCII));
            DataInputStream in = new DataInputStream(socket.getInputStream());
            assertNearNow(in.readLong());
            assertEquals(-1, in.read());
        } finally {
            server.stop();
        }
    }

    @Test
    void sendsAStampEveryIntervalUntilTheClientLeaves() throws Exception {
        ExampleServer server = start("--interval-seconds", "1");
        try {
            try (Socket socket = connect(server)) {
                DataInputStream in = new DataInputStream(socket.getInputStream());
                long first = in.readLong();
                long second = in.readLong(); // about a second later, on the same connection
                assertNearNow(first);
                assertNearNow(second);
                assertTrue(second - first >= 500, "stamps " + first + " and " + second + " are too close");
            }
            try (Socket next = connect(server)) { // the server carries on after a client leaves
                assertNearNow(new DataInputStream(next.getInputStream()).readLong());
            }
        } finally {
            server.stop();
        }
    }
}
