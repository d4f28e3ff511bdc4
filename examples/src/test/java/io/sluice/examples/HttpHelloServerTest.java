package io.sluice.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The http-hello example over loopback: raw pipelined requests, and curl where it is installed. */
@Timeout(60)
class HttpHelloServerTest {
    private ExampleServer server;
    private int port;

    @BeforeEach
    void start() throws Exception {
        server = HttpHelloServer.start(ExampleOptions.parse(new String[] {"--port", "0", "--io-threads", "1"}, 0));
        port = server.address().getPort();
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    /** Reads until the peer closes. */
    private static String readAll(InputStream in) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        in.transferTo(all);
        return all.toString(StandardCharsets.ISO_8859_1);
    }

    @Test
    void pipelinedRequestsOnOneConnectionAreAnsweredInOrder() throws Exception {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(20_000);
            OutputStream out = s.getOutputStream();
            out.write(("GET /plaintext HTTP/1.1\r\nHost: x\r\n\r\nGET /json HTTP/1.1\r\nHost: x\r\n\r\n"
                    + "GET /nope HTTP/1.1\r\nHost: x\r\n\r\nHEAD / HTTP/1.1\r\nHost: x\r\n\r\n"
                    + "DELETE / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String wire = readAll(s.getInputStream());
            List<String> statusLines = new ArrayList<>();
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("HTTP/1\\.1 \\d{3} [^\r]*").matcher(wire);
            while (m.find()) {
                statusLines.add(m.group());
            }
            assertEquals(List.of("HTTP/1.1 200 OK", "HTTP/1.1 200 OK", "HTTP/1.1 404 Not Found", "HTTP/1.1 200 OK",
                    "HTTP/1.1 405 Method Not Allowed"), statusLines, wire);
            assertTrue(wire.contains("\r\n\r\nHello, World!HTTP/1.1 200 OK"), wire);
            assertTrue(wire.contains("{\"message\":\"Hello, World!\"}"), wire);
            assertTrue(wire.contains("allow: GET, HEAD"), wire);
        }
    }

    @Test
    void badRequestIsAnsweredAndClosed() throws Exception {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(20_000);
            s.getOutputStream().write("GET / HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nTransfer-Encoding: chunked\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            String wire = readAll(s.getInputStream()); // ends: the server closed
            assertTrue(wire.startsWith("HTTP/1.1 400 Bad Request\r\n"), wire);
        }
    }

    // ---- curl ----------------------------------------------------------------------------------

    private static boolean hasCurl() {
        try {
            Process p = new ProcessBuilder("curl", "--version").redirectErrorStream(true).start();
            p.getInputStream().transferTo(OutputStream.nullOutputStream());
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    /** Runs curl with {@code args}; returns stdout, with stderr (curl's -v trace) after a marker line. */
    private static String curl(String... args) throws Exception {
        assumeTrue(hasCurl(), "curl is not installed: the curl interop checks are skipped");
        List<String> command = new ArrayList<>(List.of("curl", "-sS", "--max-time", "20"));
        command.addAll(List.of(args));
        Path err = Files.createTempFile("curl", ".err");
        try {
            Process p = new ProcessBuilder(command).redirectError(err.toFile()).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            assertTrue(p.waitFor(30, TimeUnit.SECONDS), "curl did not finish");
            assertEquals(0, p.exitValue(), "curl failed: " + Files.readString(err));
            return out + "\n--stderr--\n" + Files.readString(err);
        } finally {
            Files.deleteIfExists(err);
        }
    }

    @Test
    void curlGetsHelloAndReusesTheConnection() throws Exception {
        String base = "http://127.0.0.1:" + port;
        String out = curl("-v", base + "/plaintext", base + "/", base + "/json");
        assertTrue(out.startsWith("Hello, World!Hello, World!{\"message\":\"Hello, World!\"}"), out);
        assertTrue(out.contains("< content-type: text/plain") && out.contains("< date: "), out);
        assertTrue(out.toLowerCase().contains("re-us"), "curl kept one connection: " + out);
    }

    @Test
    void curlSeesStatusesHeadAndHttp10() throws Exception {
        String base = "http://127.0.0.1:" + port;
        assertTrue(curl("-o", "/dev/null", "-w", "%{http_code}", base + "/missing").startsWith("404"));
        String head = curl("-I", base + "/plaintext");
        assertTrue(head.startsWith("HTTP/1.1 200 OK\r\n") && head.contains("content-length: 13"), head);
        String old = curl("-0", "-i", base + "/plaintext");
        assertTrue(old.contains("connection: close") && old.contains("Hello, World!"), old);
    }

    @Test
    void curlPostWithExpectContinue() throws Exception {
        String out = curl("-v", "-H", "Expect: 100-continue", "--data-binary", "x".repeat(2000), "-o", "/dev/null",
                "-w", "%{http_code}", "http://127.0.0.1:" + port + "/plaintext");
        assertTrue(out.startsWith("405"), out);
        assertTrue(out.contains("HTTP/1.1 100 Continue"), out);
        String big = curl("-v", "-H", "Expect: 100-continue", "--data-binary", "x".repeat(70_000), "-o", "/dev/null",
                "-w", "%{http_code}", "http://127.0.0.1:" + port + "/plaintext");
        assertTrue(big.startsWith("417"), big);
    }
}
