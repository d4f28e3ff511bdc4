package io.sluice.examples;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Helpers for tests that drive command-line tools (openssl, curl): skip when missing, read with a bound. */
final class Tools {
    private Tools() {}

    /** Returns whether {@code command} runs and exits with 0 within 10 s. */
    static boolean installed(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
            return process.waitFor(10, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Reads one line (without its end) from {@code in}, failing after {@code seconds}. */
    static String readLine(InputStream in, int seconds) throws Exception {
        CompletableFuture<String> line = CompletableFuture.supplyAsync(() -> {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try {
                for (int b; (b = in.read()) != -1 && b != '\n'; ) {
                    bytes.write(b);
                }
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            return bytes.toString(StandardCharsets.UTF_8);
        });
        return line.get(seconds, TimeUnit.SECONDS);
    }

    /** Returns what is available on {@code in} now, for failure messages. */
    static String drain(InputStream in) {
        try {
            return new String(in.readNBytes(in.available()), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return e.toString();
        }
    }
}
