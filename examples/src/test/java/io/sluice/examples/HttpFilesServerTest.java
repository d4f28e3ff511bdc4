package io.sluice.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.codec.http.HttpDate;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The http-files example over loopback: content, ranges, conditional requests, listings, traversal. */
@Timeout(60)
class HttpFilesServerTest {
    @TempDir
    Path dir;
    private ExampleServer server;
    private String body;

    @BeforeEach
    void start() throws Exception {
        Path root = Files.createDirectories(dir.resolve("root"));
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 20_000; i++) {
            sb.append((char) ('a' + i % 26));
        }
        body = sb.toString();
        Files.writeString(root.resolve("big.txt"), body);
        Files.setLastModifiedTime(root.resolve("big.txt"), FileTime.fromMillis(1_700_000_000_000L));
        Files.createDirectories(root.resolve("sub dir"));
        Files.writeString(root.resolve("sub dir").resolve("<x>.json"), "{}");
        Files.writeString(dir.resolve("secret"), "top secret");
        try {
            Files.createSymbolicLink(root.resolve("link-out"), dir.resolve("secret"));
        } catch (UnsupportedOperationException | IOException e) {
            // no symbolic links here: that case is not exercised
        }
        server = HttpFilesServer.start(ExampleOptions.parse(new String[] {"--port", "0", "--root", root.toString()}, 0));
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    /** Sends one HTTP/1.0 request (the server closes after answering) and returns the whole answer. */
    private String send(String method, String target, String... headers) throws IOException {
        try (Socket s = new Socket("127.0.0.1", server.address().getPort())) {
            s.setSoTimeout(20_000);
            StringBuilder req = new StringBuilder(method + " " + target + " HTTP/1.0\r\n");
            for (String h : headers) {
                req.append(h).append("\r\n");
            }
            s.getOutputStream().write(req.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
            return new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    private static String content(String wire) {
        return wire.substring(wire.indexOf("\r\n\r\n") + 4);
    }

    @Test
    void servesAFileWithTypeLengthAndLastModified() throws IOException {
        String wire = send("GET", "/big.txt");
        assertTrue(wire.startsWith("HTTP/1.1 200 OK\r\n"), wire);
        assertTrue(wire.contains("content-type: text/plain; charset=utf-8\r\n"), wire);
        assertTrue(wire.contains("content-length: 20000\r\n"), wire);
        assertTrue(wire.contains("last-modified: " + HttpDate.format(1_700_000_000_000L) + "\r\n"), wire);
        assertEquals(body, content(wire));
        String head = send("HEAD", "/big.txt");
        assertTrue(head.contains("content-length: 20000\r\n") && content(head).isEmpty(), head);
    }

    @Test
    void rangesAre206Or416() throws IOException {
        String wire = send("GET", "/big.txt", "Range: bytes=10-19");
        assertTrue(wire.startsWith("HTTP/1.1 206 Partial Content\r\n"), wire);
        assertTrue(wire.contains("content-range: bytes 10-19/20000\r\n"), wire);
        assertEquals(body.substring(10, 20), content(wire));
        assertEquals(body.substring(19_990), content(send("GET", "/big.txt", "Range: bytes=-10")));
        assertEquals(body.substring(19_995), content(send("GET", "/big.txt", "Range: bytes=19995-")));
        String bad = send("GET", "/big.txt", "Range: bytes=20000-");
        assertTrue(bad.startsWith("HTTP/1.1 416 ") && bad.contains("content-range: bytes */20000\r\n"), bad);
        assertTrue(send("GET", "/big.txt", "Range: bytes=1-2, 4-5").startsWith("HTTP/1.1 200 "), "several ranges: all");
    }

    @Test
    void ifModifiedSinceGives304() throws IOException {
        String wire = send("GET", "/big.txt", "If-Modified-Since: " + HttpDate.format(1_700_000_000_000L));
        assertTrue(wire.startsWith("HTTP/1.1 304 Not Modified\r\n") && content(wire).isEmpty(), wire);
        assertTrue(send("GET", "/big.txt", "If-Modified-Since: " + HttpDate.format(1_600_000_000_000L))
                .startsWith("HTTP/1.1 200 "));
    }

    @Test
    void directoriesRedirectThenList() throws IOException {
        String redirect = send("GET", "/sub%20dir");
        assertTrue(redirect.startsWith("HTTP/1.1 301 ") && redirect.contains("location: /sub%20dir/\r\n"), redirect);
        String list = send("GET", "/sub%20dir/");
        assertTrue(list.contains("content-type: text/html; charset=utf-8"), list);
        assertTrue(list.contains("<a href=\"%3Cx%3E.json\">&lt;x&gt;.json</a>"), list);
        assertTrue(send("GET", "/sub%20dir/%3Cx%3E.json").endsWith("\r\n\r\n{}"));
    }

    @Test
    void traversalIsRefusedInEveryEncoding() throws IOException {
        for (String target : List.of("/../secret", "/%2e%2e/secret", "/%2E%2E/secret", "/..%2fsecret",
                "/sub%20dir/..%2f..%2fsecret", "/%2e%2e%2fsecret", "/..%5csecret", "/sub%20dir%5c..%5c..%5csecret",
                "/.%2e/secret", "/./big.txt", "/big.txt%00", "/%252e%252e/secret", "/link-out", "/nope", "/%zz")) {
            String wire = send("GET", target);
            assertTrue(wire.startsWith("HTTP/1.1 404 ") || wire.startsWith("HTTP/1.1 400 "), target + ": " + wire);
            assertTrue(!wire.contains("top secret"), target);
        }
        assertTrue(send("GET", "/a\\b").startsWith("HTTP/1.1 40"), "a raw backslash");
        assertTrue(send("POST", "/big.txt", "Content-Length: 0").startsWith("HTTP/1.1 405 "));
    }
}
