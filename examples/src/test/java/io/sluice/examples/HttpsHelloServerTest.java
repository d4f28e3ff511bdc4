package io.sluice.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.sluice.codec.tls.SelfSignedCertificate;
import io.sluice.codec.tls.TlsContextBuilder;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The https-hello example over loopback: the JDK's TLS socket with keep-alive, and curl where installed. */
@Timeout(60)
class HttpsHelloServerTest {
    @TempDir
    static Path dir;
    static SelfSignedCertificate cert;
    static Path certFile;
    static ExampleServer server;

    @BeforeAll
    static void start() throws Exception {
        cert = SelfSignedCertificate.create();
        certFile = Files.writeString(dir.resolve("cert.pem"), cert.certificatePem());
        Path keyFile = Files.writeString(dir.resolve("key.pem"), cert.privateKeyPem());
        server = HttpsHelloServer.start(ExampleOptions.parse(new String[] {"--port", "0", "--cert", certFile.toString(),
                "--key", keyFile.toString()}, 0));
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    /** Reads one response whose body is {@code bodyLength} bytes long. */
    private static String readResponse(InputStream in, int bodyLength) throws Exception {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
            int b = in.read();
            assertTrue(b >= 0, "connection closed inside a response head: " + head);
            head.write(b);
        }
        return head.toString(StandardCharsets.US_ASCII) + new String(in.readNBytes(bodyLength), StandardCharsets.US_ASCII);
    }

    @Test
    void answersTwoRequestsOnOneTlsConnection() throws Exception {
        SSLContext context = TlsContextBuilder.forClient().trustCertificates(cert.certificate()).build().sslContext();
        try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", server.address().getPort())) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET /plaintext HTTP/1.1\r\nHost: localhost\r\n\r\n"
                    + "GET /json HTTP/1.1\r\nHost: localhost\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String first = readResponse(socket.getInputStream(), "Hello, World!".length());
            assertTrue(first.startsWith("HTTP/1.1 200 OK\r\n"), first);
            assertTrue(first.endsWith("\r\n\r\nHello, World!"), first);
            String second = readResponse(socket.getInputStream(), "{\"message\":\"Hello, World!\"}".length());
            assertTrue(second.endsWith("{\"message\":\"Hello, World!\"}"), second);
            assertTrue(socket.getSession().getProtocol().startsWith("TLSv1."), socket.getSession().getProtocol());
        }
    }

    @Test
    void curlGetsHelloOverTls() throws Exception {
        assumeTrue(Tools.installed("curl", "--version"), "curl is not installed: the curl interop check is skipped");
        Process curl = new ProcessBuilder("curl", "-sS", "--max-time", "20", "--cacert", certFile.toString(),
                "--resolve", "localhost:" + server.address().getPort() + ":127.0.0.1",
                "https://localhost:" + server.address().getPort() + "/plaintext").redirectErrorStream(true).start();
        String out = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(curl.waitFor(30, TimeUnit.SECONDS), "curl did not finish");
        assertEquals(0, curl.exitValue(), "curl failed: " + out);
        assertEquals("Hello, World!", out);
    }
}
