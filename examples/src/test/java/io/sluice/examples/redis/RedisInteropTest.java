package io.sluice.examples.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.sluice.examples.ExampleOptions;
import io.sluice.examples.ExampleServer;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The redis example against clients nobody here wrote: redis-cli and redis-benchmark (Debian's
 * redis-tools), over loopback. Skipped, with the reason, where they are not installed.
 */
@Timeout(300)
class RedisInteropTest {
    /** Every test redis-benchmark runs by default (7.0). */
    private static final List<String> DEFAULT_TESTS = List.of("PING_INLINE", "PING_MBULK", "SET", "GET", "INCR",
            "LPUSH", "RPUSH", "LPOP", "RPOP", "SADD", "HSET", "SPOP", "ZADD", "ZPOPMIN", "LRANGE_100", "LRANGE_300",
            "LRANGE_500", "LRANGE_600", "MSET");

    private ExampleServer server;
    private String port;

    @BeforeEach
    void start() throws Exception {
        server = RedisServer.start(ExampleOptions.parse(new String[] {"--port", "0"}, 0));
        port = String.valueOf(server.address().getPort());
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    private static String tool(String name) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            File f = new File(dir, name);
            if (f.canExecute()) {
                return f.getPath();
            }
        }
        assumeTrue(false, name + " is not installed (Debian: apt-get install redis-tools): interop test skipped");
        return name;
    }

    /** Runs a command with {@code stdin} as input; returns its output (stdout and stderr) after it exits 0. */
    private static String run(String stdin, long timeoutSeconds, String... command) throws Exception {
        Path out = Files.createTempFile("redis-interop", ".out");
        Path in = Files.createTempFile("redis-interop", ".in");
        try {
            Files.writeString(in, stdin);
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile())
                    .redirectInput(in.toFile()).start();
            boolean exited = p.waitFor(timeoutSeconds, TimeUnit.SECONDS);
            if (!exited) {
                p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            String output = Files.readString(out, StandardCharsets.UTF_8);
            assertTrue(exited, () -> Arrays.toString(command) + " did not finish in " + timeoutSeconds + " s: " + output);
            assertEquals(0, p.exitValue(), () -> Arrays.toString(command) + " failed: " + output);
            return output;
        } finally {
            deleteQuietly(out);
            deleteQuietly(in);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // a temp file left behind is harmless
        }
    }

    private String cli(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(tool("redis-cli"), "-h", "127.0.0.1", "-p", port));
        command.addAll(List.of(args));
        return run("", 60, command.toArray(new String[0]));
    }

    @Test
    void redisCliTalksToIt() throws Exception {
        assertEquals("PONG\n", cli("PING"));
        assertEquals("OK\n", cli("SET", "greeting", "hello world"));
        assertEquals("hello world\n", cli("GET", "greeting"));
        assertEquals("3\n", cli("RPUSH", "l", "a", "b", "c"));
        assertEquals("a\nb\nc\n", cli("LRANGE", "l", "0", "-1"));
        assertEquals("2\n", cli("HSET", "h", "f", "1", "g", "2"));
        String resp3 = cli("-3", "HGETALL", "h");
        assertTrue(resp3.contains("f 1\n") && resp3.contains("g 2\n"), resp3); // a RESP3 map: pairs on a line
        assertEquals("\n", cli("GET", "nope")); // a null bulk string: an empty line
        assertTrue(cli("GETX", "a").startsWith("ERR unknown command 'GETX'"));
        assertTrue(cli("INCR", "greeting").startsWith("ERR value is not an integer or out of range"));
        // commands piped on stdin, as a script would
        String piped = run("SET n 41\nINCR n\nTYPE l\nDBSIZE\n", 60, tool("redis-cli"), "-h", "127.0.0.1", "-p", port);
        assertEquals("OK\n42\nlist\n4\n", piped);
    }

    @Test
    void everyDefaultRedisBenchmarkTestRuns() throws Exception {
        String output = run("", 240, tool("redis-benchmark"), "-h", "127.0.0.1", "-p", port, "-n", "2000", "-c", "10", "-q");
        for (String test : DEFAULT_TESTS) {
            assertTrue(output.contains(test), () -> test + " missing: " + output);
        }
        List<String> results = output.lines().flatMap(line -> Arrays.stream(line.split("\r")))
                .filter(line -> line.contains("requests per second")).toList();
        assertTrue(results.size() >= DEFAULT_TESTS.size(), () -> "results: " + results + "\n" + output);
        assertFalse(output.contains("ERR") || output.contains("Error"), output);
    }

    @Test
    void pipelinedRedisBenchmark() throws Exception {
        String output = run("", 120, tool("redis-benchmark"), "-h", "127.0.0.1", "-p", port, "-n", "2000", "-c", "10",
                "-P", "16", "-t", "set,get", "-q");
        assertTrue(output.contains("SET: ") && output.contains("GET: "), output);
        assertFalse(output.contains("ERR") || output.contains("Error"), output);
        assertTrue(cli("DBSIZE").matches("[1-9]\\d*\n"));
    }
}
