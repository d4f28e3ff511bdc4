package io.sluice.it.consumer;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.buffer.Buffer;
import io.sluice.transport.nio.NioEventLoopGroup;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Surefire runs these with the consumer and Sluice as named modules on the module path. */
@Timeout(60)
class EchoRoundTripTest {

    @Test
    void everythingIsANamedModule() {
        assertEquals("io.sluice.it.consumer", EchoRoundTrip.class.getModule().getName());
        assertEquals("io.sluice.transport.nio", NioEventLoopGroup.class.getModule().getName());
        assertEquals("io.sluice.core", Buffer.class.getModule().getName());
    }

    @Test
    void echoesOverLoopback() throws Exception {
        assertEquals("ping", EchoRoundTrip.run("ping"));
    }

    /** What a user runs: {@code java --module-path ... --module io.sluice.it.consumer/...}. */
    @Test
    void mainRunsFromTheModulePath() throws Exception {
        String modulePath = System.getProperty("jdk.module.path");
        assertNotNull(modulePath, "the tests did not run on the module path");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        File output = Files.createTempFile("echo-main", ".log").toFile();
        try {
            Process process = new ProcessBuilder(java.toString(),
                    "--module-path", modulePath,
                    "--module", "io.sluice.it.consumer/io.sluice.it.consumer.EchoRoundTrip",
                    "from", "the", "module", "path")
                    .redirectErrorStream(true)
                    .redirectOutput(output)
                    .start();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
            String log = Files.readString(output.toPath(), UTF_8);
            assertEquals(0, process.waitFor(), log);
            assertTrue(log.contains("echoed: from the module path (in module io.sluice.it.consumer)"), log);
        } finally {
            Files.delete(output.toPath());
        }
    }
}
