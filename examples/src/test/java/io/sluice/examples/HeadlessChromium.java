package io.sluice.examples;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Debian's Chromium, headless, with a fresh profile in a temporary directory and the DevTools
 * protocol on an ephemeral port. {@link #close} kills the browser and every process it started,
 * then deletes the profile.
 */
final class HeadlessChromium implements AutoCloseable {
    static final Path EXECUTABLE = Path.of("/usr/bin/chromium");
    private static final Pattern LISTENING = Pattern.compile("DevTools listening on (ws://\\S+)");

    private final Path profile;
    private final Process process;
    private final CompletableFuture<URI> devTools = new CompletableFuture<>();
    /** The last lines Chromium wrote to stderr, for failure messages. */
    private final Deque<String> lastLines = new ArrayDeque<>();

    private HeadlessChromium(Path profile) throws IOException {
        this.profile = profile;
        // root needs --no-sandbox; the rest keeps it from reaching out to the network or syncing
        this.process = new ProcessBuilder(EXECUTABLE.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--user-data-dir=" + profile,
                "--remote-debugging-port=0", "about:blank")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        Thread reader = new Thread(this::readStderr, "chromium-stderr");
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts Chromium; {@link #devToolsUrl} tells when it listens. */
    static HeadlessChromium start() throws IOException {
        Path profile = Files.createTempDirectory("sluice-chromium");
        try {
            return new HeadlessChromium(profile);
        } catch (IOException | RuntimeException e) {
            deleteTree(profile);
            throw e;
        }
    }

    private void readStderr() {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getErrorStream(),
                StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                synchronized (lastLines) {
                    lastLines.addLast(line);
                    if (lastLines.size() > 20) {
                        lastLines.removeFirst();
                    }
                }
                Matcher m = LISTENING.matcher(line);
                if (m.find()) {
                    devTools.complete(URI.create(m.group(1)));
                }
            }
        } catch (IOException e) {
            devTools.completeExceptionally(e);
        }
        devTools.completeExceptionally(new IllegalStateException("chromium: exited (expected: DevTools listening)"));
    }

    /** Returns the browser's DevTools WebSocket URL, waiting at most {@code seconds} for Chromium to print it. */
    URI devToolsUrl(int seconds) throws Exception {
        try {
            return devTools.get(seconds, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("no DevTools URL within " + seconds + " s; chromium said: " + lastLines(), e);
        }
    }

    /** Returns the last lines Chromium wrote to stderr. */
    List<String> lastLines() {
        synchronized (lastLines) {
            return List.copyOf(lastLines);
        }
    }

    @Override
    public void close() throws IOException {
        List<ProcessHandle> children = process.descendants().toList();
        process.destroyForcibly();
        children.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle p : Stream.concat(Stream.of(process.toHandle()), children.stream()).toList()) {
            try {
                p.onExit().get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                // still going after a SIGKILL: nothing more to do; the profile may stay behind
            }
        }
        deleteTree(profile);
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
