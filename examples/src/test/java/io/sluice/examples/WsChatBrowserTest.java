package io.sluice.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.sluice.channel.EventLoopGroup;
import io.sluice.transport.nio.NioEventLoopGroup;
import java.nio.file.Files;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The ws-chat page in a real browser: headless Chromium, driven over the DevTools protocol with
 * Sluice's own WebSocket client, opens the page twice; each page names itself, types and sends, and
 * the other page shows the message. Skips where Debian's {@code chromium} is not installed.
 */
@Timeout(60)
class WsChatBrowserTest {
    /** Bound on each step: starting Chromium, one DevTools command, one wait in a page. */
    private static final int STEP_SECONDS = 20;

    /** One page: its target and the DevTools session attached to it. */
    private record Page(String targetId, String sessionId) {}

    @Test
    void twoPagesExchangeMessages() throws Exception {
        assumeTrue(Files.isExecutable(HeadlessChromium.EXECUTABLE), HeadlessChromium.EXECUTABLE
                + " is missing (Debian package chromium): the browser check is skipped");
        ExampleServer server = WsChatServer.start(ExampleOptions.parse(new String[] {"--port", "0"}, 0));
        EventLoopGroup loops = NioEventLoopGroup.create(1);
        try (HeadlessChromium chromium = HeadlessChromium.start();
                DevToolsClient devTools = DevToolsClient.connect(loops, chromium.devToolsUrl(STEP_SECONDS), STEP_SECONDS)) {
            String url = "http://127.0.0.1:" + server.address().getPort() + "/";
            Page alice = open(devTools, url);
            Page bob = open(devTools, url);
            waitFor(devTools, alice, "* welcome");
            send(devTools, alice, "alice");
            waitFor(devTools, alice, "* alice joined");
            waitFor(devTools, bob, "* welcome");
            send(devTools, bob, "bob");
            waitFor(devTools, alice, "* bob joined");
            send(devTools, alice, "hello from alice");
            String bobsLog = waitFor(devTools, bob, "alice: hello from alice");
            assertTrue(bobsLog.contains("* bob joined"), bobsLog);
            send(devTools, bob, "héllo, alice ✓");
            waitFor(devTools, alice, "bob: héllo, alice ✓");
            devTools.call(null, "Target.closeTarget", "{\"targetId\":" + TinyJson.quote(bob.targetId()) + "}");
            waitFor(devTools, alice, "* bob left"); // the browser's close frame (1001) reached the server
        } finally {
            loops.shutdownGracefully(0, 5, TimeUnit.SECONDS).syncUninterruptibly();
            server.stop();
        }
    }

    private static Page open(DevToolsClient devTools, String url) throws Exception {
        String targetId = (String) devTools.call(null, "Target.createTarget",
                "{\"url\":" + TinyJson.quote(url) + "}").get("targetId");
        String sessionId = (String) devTools.call(null, "Target.attachToTarget",
                "{\"targetId\":" + TinyJson.quote(targetId) + ",\"flatten\":true}").get("sessionId");
        return new Page(targetId, sessionId);
    }

    /** Types {@code text} into the page's input and submits the form, as a user would. */
    private static void send(DevToolsClient devTools, Page page, String text) throws Exception {
        assertEquals("sent", evaluate(devTools, page, "(() => { document.getElementById('msg').value = "
                + TinyJson.quote(text) + "; document.getElementById('f').requestSubmit(); return 'sent'; })()"));
    }

    /**
     * Waits, in the page (a promise that checks the chat log every 50 ms, up to the step bound), until
     * the log shows {@code wanted}; returns the whole log. A page still loading has no log yet, and its
     * navigation may discard the first evaluation: that is retried until the step bound.
     */
    private static String waitFor(DevToolsClient devTools, Page page, String wanted) throws Exception {
        String script = "new Promise((resolve, reject) => { const until = Date.now() + " + STEP_SECONDS * 1000 + ";"
                + " const check = () => { const log = document.getElementById('log');"
                + " const text = log ? log.textContent : '';"
                + " if (text.includes(" + TinyJson.quote(wanted) + ")) resolve(text);"
                + " else if (Date.now() > until) reject(new Error('not in the log: ' + text));"
                + " else setTimeout(check, 50); }; check(); })";
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(STEP_SECONDS);
        while (true) {
            try {
                return evaluate(devTools, page, script);
            } catch (IllegalStateException e) {
                if (!e.getMessage().contains("context") || System.nanoTime() > deadline) {
                    throw e;
                }
            }
        }
    }

    /** Runs {@code expression} in the page, awaiting a promise; returns its string value. */
    private static String evaluate(DevToolsClient devTools, Page page, String expression) throws Exception {
        Map<String, Object> result = devTools.call(page.sessionId(), "Runtime.evaluate", "{\"expression\":"
                + TinyJson.quote(expression) + ",\"awaitPromise\":true,\"returnByValue\":true}");
        if (result.get("exceptionDetails") instanceof Map<?, ?> details) {
            throw new IllegalStateException("page: " + details);
        }
        return (String) ((Map<?, ?>) result.get("result")).get("value");
    }
}
