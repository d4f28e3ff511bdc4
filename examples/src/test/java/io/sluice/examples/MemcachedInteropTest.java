package io.sluice.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The memcached example against a real client: Debian's {@code python3-pymemcache} (which .ci/run
 * installs). Skips, saying why, where the client is missing.
 */
@Timeout(60)
class MemcachedInteropTest {
    private static final String PYTHON = "/usr/bin/python3";

    /** Runs the client script: every call of the subset, many keys at once, noreply, an error reply. */
    private static final String SCRIPT = String.join("\n",
            "import sys",
            "from pymemcache.client.base import Client",
            "from pymemcache.exceptions import MemcacheClientError",
            "c = Client(('127.0.0.1', int(sys.argv[1])), connect_timeout=5, timeout=5)",
            "assert c.set('greeting', b'hello', expire=60, noreply=False) is True",
            "assert c.get('greeting') == b'hello'",
            "assert c.add('greeting', b'x', noreply=False) is False",
            "assert c.replace('greeting', b'hi', noreply=False) is True",
            "assert c.replace('absent', b'x', noreply=False) is False",
            "values = {'key-%d' % i: str(i).encode() for i in range(300)}",
            "assert c.set_many(values, noreply=True) == []",
            "got = c.get_many(list(values) + ['absent'])",
            "assert got == values, len(got)",
            "value, cas = c.gets('greeting')",
            "assert value == b'hi' and int(cas) > 0, (value, cas)",
            "c.set('n', b'41', noreply=False)",
            "assert c.incr('n', 1) == 42",
            "assert c.decr('n', 100) == 0",
            "assert c.incr('absent', 1) is None",
            "try:",
            "    c.incr('greeting', 1)",
            "    raise AssertionError('incr of a non-number did not fail')",
            "except MemcacheClientError as e:",
            "    assert 'non-numeric' in str(e), e",
            "assert c.get('greeting') == b'hi'  # the connection survived the error reply",
            "assert c.delete('greeting', noreply=False) is True",
            "assert c.delete('greeting', noreply=False) is False",
            "assert c.get('greeting') is None",
            "print('ok')",
            "");

    private static boolean pymemcacheInstalled() {
        try {
            Process p = new ProcessBuilder(PYTHON, "-c", "import pymemcache").redirectErrorStream(true).start();
            return p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Test
    void pymemcacheGetsTheAnswersMemcachedGives(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(pymemcacheInstalled(),
                PYTHON + " with pymemcache is not installed (Debian: apt-get install python3-pymemcache)");
        Path script = Files.writeString(dir.resolve("client.py"), SCRIPT);
        ExampleServer server = MemcachedServer.start(ExampleOptions.parse(new String[] {"--port", "0"}, 0));
        try {
            Process client = new ProcessBuilder(PYTHON, script.toString(), String.valueOf(server.address().getPort()))
                    .redirectErrorStream(true).start();
            assertTrue(client.waitFor(40, TimeUnit.SECONDS), "the client did not finish");
            String output = new String(client.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(0, client.exitValue(), output);
            assertEquals("ok", output.strip());
        } finally {
            server.stop();
        }
    }
}
