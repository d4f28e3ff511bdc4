package io.sluice.codec.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.buffer.Buffer;
import io.sluice.buffer.Buffers;
import io.sluice.channel.ChannelFuture;
import io.sluice.channel.embedded.EmbeddedChannel;
import io.sluice.codec.DecoderHarness;
import io.sluice.codec.tls.TlsPair.Sink;
import io.sluice.codec.tls.TlsPair.Split;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Each bad input closes the connection with a clear exception and releases every buffer (checked by the leak extension). */
@Timeout(30)
class TlsBadInputTest {

    /** A server handler in an embedded channel, with a sink after it. */
    private static final class Server {
        final TlsHandler tls;
        final Sink sink = new Sink();
        final EmbeddedChannel channel;

        Server(TlsContext context) {
            tls = context.newHandler();
            channel = new EmbeddedChannel(tls, sink);
        }

        Throwable onlyException() {
            assertEquals(1, sink.exceptions.size(), () -> "exceptions: " + sink.exceptions);
            return sink.exceptions.get(0);
        }

        void assertClosedWith(Class<? extends Throwable> type, String messagePart) {
            Throwable cause = onlyException();
            assertInstanceOf(type, cause);
            assertTrue(cause.getMessage().contains(messagePart), cause::getMessage);
            assertFalse(channel.isOpen(), "the connection is closed");
            assertFalse(tls.handshakeFuture().isSuccess());
            assertTrue(sink.events.contains(new TlsHandshakeCompletionEvent(tls.handshakeFuture().cause())));
            channel.finishAndReleaseAll();
        }
    }

    @Test
    void plainTextInsteadOfAClientHello() throws Exception {
        Server server = new Server(TlsTestContexts.server("TLSv1.3", "TLSv1.2"));
        server.channel.writeInbound(Buffers.copyOf(DecoderHarness.ascii("GET / HTTP/1.1\r\nHost: x\r\n\r\n")));
        server.assertClosedWith(NotSslRecordException.class, "TLS record content type: 71 (expected: 20-24");
    }

    @Test
    void garbageFedByteByByteIsRefusedAtTheFifthByte() throws Exception {
        Server server = new Server(TlsTestContexts.server("TLSv1.3", "TLSv1.2"));
        byte[] garbage = {22, 9, 9, 0, 1, 2, 3};
        for (int i = 0; i < 4; i++) {
            server.channel.writeInbound(Buffers.copyOf(new byte[] {garbage[i]}));
            assertTrue(server.channel.isOpen(), "a header is judged once whole");
        }
        server.channel.writeInbound(Buffers.copyOf(new byte[] {garbage[4]}));
        server.assertClosedWith(NotSslRecordException.class, "TLS record version: 9.9 (expected: 3.x)");
    }

    @Test
    void oversizedRecord() throws Exception {
        Server server = new Server(TlsTestContexts.server("TLSv1.3", "TLSv1.2"));
        server.channel.writeInbound(Buffers.copyOf(new byte[] {22, 3, 3, 0x48, 0x01}));
        server.assertClosedWith(NotSslRecordException.class, "TLS record length: 18433 (expected: at most 18432)");
    }

    @Test
    void clientOfferingOnlyTls11IsRefusedWithAnAlert() throws Exception {
        Server server = new Server(TlsTestContexts.server("TLSv1.3", "TLSv1.2"));
        server.channel.writeInbound(Buffers.copyOf(tls11ClientHello()));
        Buffer alert = server.channel.readOutbound();
        assertNotNull(alert, "the engine's alert is sent before closing");
        assertEquals(21, alert.getUnsignedByte(alert.readerIndex()), "an alert record");
        alert.release();
        server.assertClosedWith(SSLHandshakeException.class, "TLSv1.1");
    }

    /** A ClientHello (RFC 5246 7.4.1.2) with client_version 3.2, two RSA suites, no extensions. */
    private static byte[] tls11ClientHello() {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(new byte[] {3, 2});
        body.writeBytes(new byte[32]); // random
        body.write(0); // session id
        body.writeBytes(new byte[] {0, 4, 0, 0x2f, 0, 0x35}); // TLS_RSA_WITH_AES_128_CBC_SHA, ..._256_...
        body.writeBytes(new byte[] {1, 0}); // compression: null
        byte[] hello = body.toByteArray();
        ByteArrayOutputStream record = new ByteArrayOutputStream();
        record.writeBytes(new byte[] {22, 3, 1, 0, (byte) (hello.length + 4)});
        record.writeBytes(new byte[] {1, 0, 0, (byte) hello.length});
        record.writeBytes(hello);
        return record.toByteArray();
    }

    @Test
    void handshakeThatNeverCompletesTimesOutAfterTenSeconds() throws Exception {
        Server server = new Server(TlsTestContexts.server("TLSv1.3", "TLSv1.2"));
        server.channel.advanceTimeBy(9_999, TimeUnit.MILLISECONDS);
        assertTrue(server.channel.isOpen());
        server.channel.advanceTimeBy(1, TimeUnit.MILLISECONDS);
        server.assertClosedWith(SslHandshakeTimeoutException.class,
                "TLS handshake: not complete after 10000 ms (expected: complete within the handshake timeout");
    }

    @Test
    void shortConfiguredTimeoutWithAPartialClientHelloHeld() throws Exception {
        Server server = new Server(TlsTestContexts.server().handshakeTimeout(Duration.ofMillis(250)).build());
        server.channel.writeInbound(Buffers.copyOf(new byte[] {22, 3, 1, 1, 0, 1, 0}));
        server.channel.advanceTimeBy(250, TimeUnit.MILLISECONDS);
        server.assertClosedWith(SslHandshakeTimeoutException.class, "after 250 ms");
    }

    @Test
    void peerGoneMidHandshakeFailsTheHandshakeOnBothSides() throws Exception {
        TlsPair pair = new TlsPair(TlsTestContexts.client("TLSv1.3"), TlsTestContexts.server("TLSv1.3"), Split.WHOLE);
        Buffer clientHello = pair.client.readOutbound();
        pair.server.writeOneInbound(clientHello.readRetainedSlice(clientHello.readableBytes() / 2));
        clientHello.release();
        pair.server.pipeline().fireChannelInactive(); // the client vanished halfway through its hello
        pair.client.pipeline().fireChannelInactive();
        for (TlsHandler tls : new TlsHandler[] {pair.serverTls, pair.clientTls}) {
            assertInstanceOf(SSLHandshakeException.class, tls.handshakeFuture().cause());
            assertTrue(tls.handshakeFuture().cause().getMessage().contains("connection closed before it completed"));
        }
        assertTrue(pair.serverSink.exceptions.isEmpty(), "a handshake cut short is reported by its future and event");
        pair.finish();
    }

    @Test
    void recordTruncatedAtCloseIsReported() throws Exception {
        TlsPair.run("TLSv1.2", Split.WHOLE, pair -> {
            pair.handshake();
            pair.client.writeOutbound(Buffers.copyOf(new byte[1000]));
            Buffer record = pair.client.readOutbound();
            pair.server.writeOneInbound(record.readRetainedSlice(100));
            record.release();
            pair.server.pipeline().fireChannelInactive();
            Throwable cause = pair.serverSink.exceptions.get(0);
            assertInstanceOf(SSLException.class, cause);
            assertTrue(cause.getMessage().startsWith("TLS record at close: truncated, 100 bytes"), cause::getMessage);
            assertEquals(0, pair.serverSink.received.size());
        });
    }

    @Test
    void wrongHostNameFailsVerificationOnTheClient() throws Exception {
        TlsPair pair = new TlsPair(TlsTestContexts.client("TLSv1.3").newHandler("wrong.example", 443),
                TlsTestContexts.server("TLSv1.3").newHandler(), Split.WHOLE);
        pair.pump();
        assertInstanceOf(SSLHandshakeException.class, pair.clientTls.handshakeFuture().cause());
        assertTrue(pair.clientSink.exceptions.get(0).getMessage().contains("wrong.example"),
                () -> pair.clientSink.exceptions.get(0).getMessage());
        assertFalse(pair.client.isOpen());
        assertFalse(pair.server.isOpen(), "the server got the client's alert and closed too");
        assertFalse(pair.serverTls.handshakeFuture().isSuccess());
        pair.finish();
    }

    @Test
    void clientWithTheJdkDefaultTrustRefusesASelfSignedServer() throws Exception {
        TlsContext client = TlsContextBuilder.forClient().delegatedTaskExecutor(Runnable::run).build();
        TlsPair pair = new TlsPair(client, TlsTestContexts.server("TLSv1.3", "TLSv1.2"), Split.WHOLE);
        pair.pump();
        assertInstanceOf(SSLHandshakeException.class, pair.clientTls.handshakeFuture().cause());
        assertFalse(pair.client.isOpen());
        pair.finish();
    }

    @Test
    void renegotiationIsRefused() throws Exception {
        TlsPair.run("TLSv1.2", Split.WHOLE, pair -> {
            pair.handshake();
            pair.clientTls.engine().beginHandshake(); // what a client asking for renegotiation does
            // writeOneOutbound, not writeOutbound: this write fails with the client's handshake, and
            // writeOutbound would rethrow that failure at the next call on the channel
            ChannelFuture write = pair.client.writeOneOutbound(Buffers.copyOf(new byte[] {1}));
            pair.client.flush();
            pair.pump();
            assertTrue(write.isDone() && !write.isSuccess(), "the write waiting for the refused handshake fails");
            assertInstanceOf(SSLHandshakeException.class, pair.serverSink.exceptions.get(0));
            assertTrue(pair.serverSink.exceptions.get(0).getMessage().startsWith("TLS renegotiation: started by the peer"));
            assertFalse(pair.server.isOpen());
        });
    }

    @Test
    void onlyBuffersCanBeWritten() throws Exception {
        TlsPair.run("TLSv1.3", Split.WHOLE, pair -> {
            pair.handshake();
            ChannelFuture write = pair.client.writeOneOutbound("text");
            assertInstanceOf(IllegalArgumentException.class, write.cause());
            assertTrue(write.cause().getMessage().startsWith("message type: java.lang.String (expected: Buffer"));
        });
    }
}
