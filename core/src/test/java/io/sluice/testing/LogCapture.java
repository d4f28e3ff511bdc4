package io.sluice.testing;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;

/**
 * Captures what the test logger prints. Tests log through slf4j-simple, configured by
 * {@code simplelogger.properties} (in core's test resources, shared through the test-jar) to write to
 * {@code System.out}, which it looks up on every line: swapping {@code System.out} catches the lines
 * of every thread, the event loops' included.
 */
public final class LogCapture {
    private LogCapture() {}

    /**
     * Runs {@code body} with everything printed to {@code System.out} captured; returns the capture and
     * prints it to the real {@code System.out} too (so it still shows in the test report).
     */
    public static String captureStdout(Callable<?> body) throws Exception {
        PrintStream stdout = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            body.call();
        } finally {
            System.setOut(stdout);
        }
        String log = captured.toString(StandardCharsets.UTF_8);
        stdout.print(log);
        return log;
    }
}
