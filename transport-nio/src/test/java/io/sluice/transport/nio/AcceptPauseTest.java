package io.sluice.transport.nio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * After an accept error (here a real EMFILE, "Too many open files", in a forked server JVM with a low
 * open-files limit that then uses up its descriptors) the server pauses accepting for a second
 * instead of spinning on the ever-ready listening socket, keeps serving the connections it has, retries
 * after the pause, and accepts the waiting connection once descriptors are free again.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
@DisabledOnOs(value = OS.WINDOWS, disabledReason = "forks the server through sh to set its open-files limit")
class AcceptPauseTest {
    /** The open-files limit of the server JVM: enough to start, few enough to use up quickly. */
    private static final int OPEN_FILES_LIMIT = 512;
    /** The acceptor's pause after an accept error (Acceptor.ACCEPT_PAUSE_MILLIS), less timer slack. */
    private static final long MIN_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(900);
    private static final long AWAIT_SECONDS = 20;

    /** The forked server: its stdout lines, its stdin for commands. */
    private static final class Child implements AutoCloseable {
        final Process process;
        final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        final List<String> all = new ArrayList<>();

        Child() throws IOException {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            process = new ProcessBuilder("sh", "-c", "ulimit -n " + OPEN_FILES_LIMIT + " && exec \"$0\" \"$@\"",
                    java, "-Xmx128m", "-cp", System.getProperty("java.class.path"), AcceptErrorServer.class.getName())
                    .redirectErrorStream(true)
                    .start();
            Thread reader = new Thread(() -> {
                try (BufferedReader out = new BufferedReader(
                        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line; (line = out.readLine()) != null; ) {
                        System.out.println("server: " + line);
                        lines.add(line);
                    }
                } catch (IOException e) {
                    lines.add("stdout failed: " + e);
                }
            }, "accept-error-server-stdout");
            reader.setDaemon(true);
            reader.start();
        }

        /** Returns the next line starting with {@code prefix}, keeping the ones before it in {@link #all}. */
        String await(String prefix) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(AWAIT_SECONDS);
            while (true) {
                String line = lines.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                if (line == null) {
                    fail("the server printed no '" + prefix + "' in time; it printed:\n" + String.join("\n", all));
                }
                all.add(line);
                if (line.startsWith(prefix)) {
                    return line;
                }
            }
        }

        void command(String command) throws IOException {
            OutputStream in = process.getOutputStream();
            in.write((command + "\n").getBytes(StandardCharsets.US_ASCII));
            in.flush();
        }

        @Override
        public void close() throws IOException {
            process.getOutputStream().close(); // the server exits at the end of its stdin
            try {
                if (process.waitFor(10, TimeUnit.SECONDS)) {
                    return;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            process.destroyForcibly();
        }
    }

    private static void assertEchoes(Socket socket, int value) throws IOException {
        socket.getOutputStream().write(value);
        assertEquals(value, socket.getInputStream().read(), "echoed");
    }

    private static long nanosOf(String acceptError) {
        return Long.parseLong(acceptError.split(" ")[2]);
    }

    @Test
    void anAcceptErrorPausesAcceptingWhileExistingConnectionsAreServedThenAcceptingResumes() throws Exception {
        try (Child server = new Child()) {
            int port = Integer.parseInt(server.await("listening ").split(" ")[1]);
            InetSocketAddress address = new InetSocketAddress("127.0.0.1", port);
            try (Socket existing = new Socket(); Socket waiting = new Socket()) {
                existing.setSoTimeout((int) TimeUnit.SECONDS.toMillis(AWAIT_SECONDS));
                waiting.setSoTimeout((int) TimeUnit.SECONDS.toMillis(AWAIT_SECONDS));
                existing.connect(address); // accepted once the warm-up pause is over
                assertEchoes(existing, 1);
                assertEquals("echo false", server.await("echo "));

                server.command("exhaust");
                server.await("exhausted ");
                waiting.connect(address); // the kernel completes it; the server's accept() fails
                String first = server.await("accept-error ");
                assertTrue(first.startsWith("accept-error 1 ") && first.contains("Too many open files"), first);

                assertEchoes(existing, 2); // served while accepting fails
                assertEquals("echo true", server.await("echo "), "echoed with every descriptor in use");

                server.await("accept-error 2 "); // retried after the pause, with descriptors still in use
                server.command("release");
                assertEchoes(waiting, 3); // accepted after the next pause
                assertEquals("echo false", server.await("echo "));
            }
            // every accept error so far (a third or more only if the test thread was slow to release)
            List<Long> errorNanos = server.all.stream()
                    .filter(l -> l.startsWith("accept-error "))
                    .map(AcceptPauseTest::nanosOf)
                    .toList();
            assertTrue(errorNanos.size() >= 2, "errors: " + errorNanos);
            for (int i = 1; i < errorNanos.size(); i++) {
                long pauseNanos = errorNanos.get(i) - errorNanos.get(i - 1);
                assertTrue(pauseNanos >= MIN_PAUSE_NANOS, "accept error " + (i + 1) + " came "
                        + pauseNanos / 1_000_000 + " ms after the one before (" + errorNanos.size()
                        + " errors in all): no pause, spinning?");
            }
            assertEquals(List.of(), server.all.stream().filter(l -> l.contains("Exception in thread")).toList(),
                    "the server kept running");
        }
    }
}
