package io.sluice.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.DataInputStream;
import java.io.InputStreamReader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Starts the echo example in a JDK 25 process, echoes one message through it, stops it and checks
 * that the JDK printed no warning ({@code WARNING: ...}: terminally deprecated {@code sun.misc.Unsafe}
 * methods, restricted native access, illegal reflective access). Skipped, with the reason, where no
 * JDK 25 is installed: its home is the system property or environment variable {@code SLUICE_JDK25},
 * else {@value #DEFAULT_JDK25}.
 */
@Timeout(60)
class Jdk25WarningsTest {
    static final String DEFAULT_JDK25 = "/usr/lib/jvm/temurin-25-jdk-amd64";
    private static final Pattern LISTENING = Pattern.compile("listening on [^:]+:(\\d+)");

    @Test
    void echoExamplePrintsNoJdkWarning(@TempDir Path dir) throws Exception {
        Path java = jdk25().resolve("bin").resolve("java");
        assumeTrue(Files.isExecutable(java), "no JDK 25 at " + java + " (set SLUICE_JDK25 to its home)");
        // surefire runs tests through a manifest-only jar; this property holds the real class path
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Path stderr = dir.resolve("stderr.txt");
        Process process = new ProcessBuilder(java.toString(), "-cp", classPath, Main.class.getName(),
                "echo", "--port", "0")
                .redirectError(stderr.toFile())
                .start();
        try {
            BufferedReader out = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            int port = listeningPort(out);
            try (Socket socket = new Socket("127.0.0.1", port)) {
                byte[] sent = "ping from JDK 25\n".getBytes(StandardCharsets.US_ASCII);
                socket.getOutputStream().write(sent);
                byte[] received = new byte[sent.length];
                new DataInputStream(socket.getInputStream()).readFully(received);
                assertArrayEquals(sent, received);
            }
        } finally {
            process.destroy();
            assertTrue(process.waitFor(30, TimeUnit.SECONDS), "the example did not stop on SIGTERM");
        }
        List<String> warnings = Files.readAllLines(stderr, StandardCharsets.UTF_8).stream()
                .filter(line -> line.startsWith("WARNING:"))
                .collect(Collectors.toList());
        assertEquals(List.of(), warnings, "JDK warnings printed by the echo example on JDK 25");
    }

    private static Path jdk25() {
        String home = System.getProperty("SLUICE_JDK25", System.getenv("SLUICE_JDK25"));
        return Paths.get(home != null ? home : DEFAULT_JDK25);
    }

    /** Reads the example's output up to its {@code listening on HOST:PORT} line. */
    private static int listeningPort(BufferedReader out) throws Exception {
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            Matcher m = LISTENING.matcher(line);
            if (m.find()) {
                return Integer.parseInt(m.group(1));
            }
        }
        return fail("the example exited before printing 'listening on'");
    }
}
