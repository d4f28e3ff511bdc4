package io.sluice.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.sluice.bootstrap.Bootstrap;
import io.sluice.buffer.Buffer;
import io.sluice.buffer.Buffers;
import io.sluice.channel.Channel;
import io.sluice.channel.ChannelHandler;
import io.sluice.channel.ChannelHandlerContext;
import io.sluice.channel.ChannelInitializer;
import io.sluice.channel.EventLoopGroup;
import io.sluice.codec.tls.SelfSignedCertificate;
import io.sluice.codec.tls.TlsContext;
import io.sluice.codec.tls.TlsContextBuilder;
import io.sluice.codec.tls.TlsHandler;
import io.sluice.transport.nio.NioEventLoopGroup;
import io.sluice.transport.nio.NioSocketChannel;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The tls-echo example on loopback, with a certificate given as PEM files: a Sluice TLS client over
 * NIO, the JDK's SSLSocket and {@code openssl s_client} (skipped where not installed) each get
 * their bytes back; bad clients are cut off while the server keeps serving.
 */
@Timeout(60)
class TlsEchoServerTest {
    @TempDir
    static Path dir;
    static SelfSignedCertificate cert;
    static Path certFile;
    static ExampleServer server;
    static EventLoopGroup clientLoops;

    @BeforeAll
    static void start() throws Exception {
        cert = SelfSignedCertificate.create();
        certFile = Files.writeString(dir.resolve("cert.pem"), cert.certificatePem());
        Path keyFile = Files.writeString(dir.resolve("key.pem"), cert.privateKeyPem());
        server = TlsEchoServer.start(ExampleOptions.parse(new String[] {"--port", "0", "--cert", certFile.toString(),
                "--key", keyFile.toString()}, 0));
        clientLoops = NioEventLoopGroup.create(1);
    }

    @AfterAll
    static void stop() {
        server.stop();
        clientLoops.shutdownGracefully(0, 5, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private static int port() {
        return server.address().getPort();
    }

    /** Collects what the server sends back until {@code expected} bytes arrived. */
    private static final class Collector implements ChannelHandler {
        final ByteArrayOutputStream received = new ByteArrayOutputStream();
        final CompletableFuture<byte[]> done = new CompletableFuture<>();
        final int expected;

        Collector(int expected) {
            this.expected = expected;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            Buffer buffer = (Buffer) msg;
            try {
                received.writeBytes(Buffers.toByteArray(buffer));
            } finally {
                buffer.release();
            }
            if (received.size() >= expected) {
                done.complete(received.toByteArray());
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            done.completeExceptionally(cause);
            ctx.close();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
    void sluiceClientOverNioGetsALargeRandomPayloadBack(String protocol) throws Exception {
        TlsContext client = TlsContextBuilder.forClient().trustCertificates(cert.certificate()).protocols(protocol).build();
        byte[] sent = new byte[1024 * 1024 + 17];
        new Random(7).nextBytes(sent);
        Collector collector = new Collector(sent.length);
        Channel channel = Bootstrap.create().group(clientLoops).channel(NioSocketChannel::new)
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast("tls", client.newHandler("localhost", port())).addLast("collect", collector);
                    }
                })
                .connect("127.0.0.1", port()).sync().channel();
        try {
            TlsHandler tls = channel.pipeline().get(TlsHandler.class);
            tls.handshakeFuture().sync();
            assertEquals(protocol, tls.engine().getSession().getProtocol());
            for (int offset = 0; offset < sent.length; offset += 100_000) { // many writes, one flush each
                int length = Math.min(100_000, sent.length - offset);
                channel.writeAndFlush(Buffers.copyOf(java.util.Arrays.copyOfRange(sent, offset, offset + length)));
            }
            assertArrayEquals(sent, collector.done.get(30, TimeUnit.SECONDS));
        } finally {
            channel.close().sync();
        }
    }

    @Test
    void jdkSslSocketGetsItsBytesBack() throws Exception {
        SSLContext context = TlsContextBuilder.forClient().trustCertificates(cert.certificate()).build().sslContext();
        try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", port())) {
            socket.startHandshake();
            byte[] sent = "hello over TLS\n".getBytes(StandardCharsets.US_ASCII);
            socket.getOutputStream().write(sent);
            byte[] received = new byte[sent.length];
            new DataInputStream(socket.getInputStream()).readFully(received);
            assertArrayEquals(sent, received);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"-tls1_3", "-tls1_2"})
    void opensslClientVerifiesTheCertificateAndGetsItsLineBack(String version) throws Exception {
        assumeTrue(Tools.installed("openssl", "version"), "openssl is not installed");
        Process openssl = new ProcessBuilder("openssl", "s_client", "-connect", "127.0.0.1:" + port(), version,
                "-servername", "localhost", "-verify_hostname", "localhost", "-CAfile", certFile.toString(),
                "-verify_return_error", "-quiet").redirectErrorStream(false).start();
        try {
            OutputStream stdin = openssl.getOutputStream();
            stdin.write("hello from openssl\n".getBytes(StandardCharsets.US_ASCII));
            stdin.flush();
            String line = Tools.readLine(openssl.getInputStream(), 20);
            assertEquals("hello from openssl", line, () -> "stderr: " + Tools.drain(openssl.getErrorStream()));
        } finally {
            openssl.destroy();
            openssl.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void plainTextAndAHalfHandshakeAreCutOffAndOthersAreStillServed() throws Exception {
        try (Socket plain = new Socket("127.0.0.1", port())) {
            plain.getOutputStream().write("GET / HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            byte[] answer = plain.getInputStream().readAllBytes(); // returns once the server has closed
            assertTrue(answer.length == 0 || answer[0] == 21, "nothing, or a TLS alert record, then the close");
        }
        try (Socket half = new Socket("127.0.0.1", port())) {
            half.getOutputStream().write(new byte[] {22, 3, 1, 0, (byte) 200, 1, 0, 0}); // a ClientHello cut short
            half.getOutputStream().flush();
        } // and gone
        jdkSslSocketGetsItsBytesBack();
    }

    @Test
    void withoutCertAndKeyASelfSignedCertificateIsMadeAtStartUp() throws Exception {
        assumeTrue(Tools.installed("openssl", "version"), "openssl is not installed");
        ExampleServer selfSigned = TlsEchoServer.start(ExampleOptions.parse(new String[] {"--port", "0"}, 0));
        Process openssl = null;
        try {
            openssl = new ProcessBuilder("openssl", "s_client", "-connect", "127.0.0.1:" + selfSigned.address().getPort(),
                    "-quiet").start(); // no verification: nobody trusts a certificate made a moment ago
            openssl.getOutputStream().write("self-signed\n".getBytes(StandardCharsets.US_ASCII));
            openssl.getOutputStream().flush();
            assertEquals("self-signed", Tools.readLine(openssl.getInputStream(), 20));
        } finally {
            if (openssl != null) {
                openssl.destroy();
                openssl.waitFor(10, TimeUnit.SECONDS);
            }
            selfSigned.stop();
        }
    }

    @Test
    void certWithoutKeyIsAUsageError() {
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> TlsEchoServer.start(ExampleOptions.parse(new String[] {"--port", "0", "--cert", "x.pem"}, 0)));
        assertEquals("--cert and --key go together (got only --cert)", e.getMessage());
    }
}
