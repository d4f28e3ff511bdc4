package io.sluice.examples;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The command line of the examples jar: usage, unknown examples and options the example does not know. */
class MainTest {
    private final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
    private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();

    private int run(String... args) throws Exception {
        try (PrintStream out = new PrintStream(outBytes, true, StandardCharsets.UTF_8);
                PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8)) {
            return Main.run(args, out, err);
        }
    }

    private String out() {
        return outBytes.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return errBytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void helpListsEveryExampleOnce() throws Exception {
        assertEquals(Main.NO_EXIT, run("--help"), "main returns: no System.exit");
        Set<String> names = new HashSet<>();
        for (Example e : Main.EXAMPLES) {
            assertTrue(names.add(e.name()), "listed twice: " + e.name());
            assertEquals(1, out().split("\n  " + e.name() + " ", -1).length - 1, "one usage line for " + e.name());
        }
        assertTrue(names.containsAll(List.of("echo", "discard", "time", "rot13", "chat", "http-hello", "http-files",
                "redis", "https-hello", "tls-echo", "echo-client", "kv-server", "kv-client", "ws-chat")), names::toString);
    }

    /** Runs {@code args}, which must be a usage error: exit status 2, the message, then the usage. */
    private void assertUsageError(String messageStart, String... args) throws Exception {
        assertEquals(2, run(args));
        assertTrue(err().startsWith(messageStart), err());
        assertTrue(err().contains("\nusage: java -jar"), err());
    }

    @Test
    void aMistypedOptionPrintsTheUsageAndExitsWithTwo() throws Exception {
        assertUsageError("unknown option for echo: --idel-seconds (expected: one of", "echo", "--idel-seconds", "2");
        assertTrue(err().contains("--idle-seconds"), err());
    }

    @Test
    void anOptionOfAnotherExampleIsRefused() throws Exception {
        assertUsageError("unknown option for chat: --root", "chat", "--root", "/tmp");
    }

    @Test
    void anUnknownExamplePrintsTheUsageAndExitsWithTwo() throws Exception {
        assertUsageError("unknown example: ecko (expected: ", "ecko");
    }

    @Test
    void aMalformedArgumentPrintsTheUsageAndExitsWithTwo() throws Exception {
        assertUsageError("argument: idle-seconds (expected: --name value or --flag)", "echo", "idle-seconds", "2");
    }

    @Test
    void aBadValueOfAKnownOptionPrintsTheUsageAndExitsWithTwo() throws Exception {
        assertUsageError("--idle-seconds: -1 (expected: >= 0)", "echo", "--idle-seconds", "-1");
    }

    @Test
    void everyExampleAcceptsItsOwnAndTheCommonOptions() {
        for (Example e : Main.EXAMPLES) {
            String[] args = new String[2 * (e.options().size() + Example.COMMON_OPTIONS.size())];
            int i = 0;
            for (String o : Example.COMMON_OPTIONS) {
                args[i++] = "--" + o;
                args[i++] = "1";
            }
            for (String o : e.options()) {
                args[i++] = "--" + o;
                args[i++] = "1";
            }
            assertDoesNotThrow(() -> e.checkOptions(ExampleOptions.parse(args, 0)), e.name());
        }
    }

    @Test
    void echoKnowsIdleSeconds() {
        Example echo = Main.EXAMPLES.stream().filter(e -> e.name().equals("echo")).findFirst().orElseThrow();
        assertDoesNotThrow(() -> echo.checkOptions(ExampleOptions.parse(new String[] {"--idle-seconds", "2"}, 0)));
    }
}
