package io.sluice.codec.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.buffer.Buffers;
import io.sluice.channel.embedded.EmbeddedChannel;
import io.sluice.codec.DecoderHarness;
import io.sluice.codec.tls.TlsPair.Sink;
import io.sluice.codec.tls.TlsPair.Split;
import java.security.GeneralSecurityException;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The server picks its certificate by the name the client asks for; client and server agree on ALPN. */
@Timeout(30)
class SniAndAlpnTest {
    private static final SelfSignedCertificate A = SelfSignedCertificate.create("a.test");
    private static final SelfSignedCertificate WILD = SelfSignedCertificate.create("*.b.test");

    private static TlsContext serverFor(SelfSignedCertificate cert) throws GeneralSecurityException {
        return TlsContextBuilder.forServer(cert.privateKey(), cert.certificate()).delegatedTaskExecutor(Runnable::run).build();
    }

    private static Function<String, TlsContext> mapping() throws GeneralSecurityException {
        return SniHandler.mapping(TlsTestContexts.server("TLSv1.3", "TLSv1.2"),
                Map.of("A.test", serverFor(A), "*.b.test", serverFor(WILD)));
    }

    /** Connects a client verifying {@code host} to an SNI server; returns the server side's sink. */
    private static Sink connect(String host, Split split, boolean expectSuccess) throws Exception {
        TlsContext client = TlsContextBuilder.forClient()
                .trustCertificates(A.certificate(), WILD.certificate(), TlsTestContexts.CERT.certificate())
                .delegatedTaskExecutor(Runnable::run).build();
        TlsHandler clientTls = client.newHandler(host, 443);
        Sink clientSink = new Sink();
        Sink serverSink = new Sink();
        EmbeddedChannel server = new EmbeddedChannel(SniHandler.create(mapping()), serverSink);
        EmbeddedChannel clientChannel = new EmbeddedChannel(clientTls, clientSink);
        TlsPair wire = new TlsPair(clientChannel, server, split);
        try {
            wire.pump();
            assertEquals(expectSuccess, clientTls.handshakeFuture().isSuccess(), () -> "" + clientTls.handshakeFuture().cause());
            if (expectSuccess) {
                clientChannel.writeOutbound(Buffers.copyOf(DecoderHarness.ascii("hello")));
                wire.pump();
                assertEquals("hello", serverSink.received.toString(java.nio.charset.StandardCharsets.US_ASCII));
                assertTrue(server.pipeline().get(TlsHandler.class).handshakeFuture().isSuccess());
            }
            return serverSink;
        } finally {
            wire.finish();
        }
    }

    @ParameterizedTest
    @EnumSource(value = Split.class, names = {"WHOLE", "BYTE_BY_BYTE"})
    void exactNameChoosesItsCertificate(Split split) throws Exception {
        Sink server = connect("a.test", split, true); // the client verifies a.test: only A's certificate passes
        assertTrue(server.events.contains(new SniCompletionEvent("a.test")));
    }

    @Test
    void wildcardChoosesItsCertificate() throws Exception {
        Sink server = connect("x.b.test", Split.WHOLE, true);
        assertTrue(server.events.contains(new SniCompletionEvent("x.b.test")));
    }

    @Test
    void unknownNameGetsTheDefaultAndFailsVerification() throws Exception {
        Sink server = connect("c.test", Split.WHOLE, false);
        assertTrue(server.events.contains(new SniCompletionEvent("c.test")));
    }

    @Test
    void noNameGetsTheDefault() throws Exception {
        Sink server = connect("127.0.0.1", Split.WHOLE, true); // an IP literal is never sent as SNI
        assertTrue(server.events.contains(new SniCompletionEvent(null)));
    }

    @Test
    void sniHandlerRefusesPlainTextAndTimesOut() throws Exception {
        Sink sink = new Sink();
        EmbeddedChannel plain = new EmbeddedChannel(SniHandler.create(mapping()), sink);
        plain.writeInbound(Buffers.copyOf(DecoderHarness.ascii("hello")));
        assertInstanceOf(NotSslRecordException.class, sink.exceptions.get(0));
        assertFalse(plain.isOpen());
        plain.finishAndReleaseAll();

        Sink quietSink = new Sink();
        EmbeddedChannel quiet = new EmbeddedChannel(SniHandler.create(mapping()), quietSink);
        quiet.writeInbound(Buffers.copyOf(new byte[] {22, 3, 1, 0, 100, 1}));
        quiet.advanceTimeBy(10, TimeUnit.SECONDS);
        assertInstanceOf(SslHandshakeTimeoutException.class, quietSink.exceptions.get(0));
        assertFalse(quiet.isOpen());
        quiet.finishAndReleaseAll();
    }

    @Test
    void alpnPicksTheServersFirstChoiceTheClientOffers() throws Exception {
        TlsContext server = TlsTestContexts.server().applicationProtocols("h2", "http/1.1").build();
        TlsContext client = TlsTestContexts.client().applicationProtocols("http/1.1", "h2").build();
        TlsPair pair = new TlsPair(client, server, Split.WHOLE).handshake();
        try {
            assertEquals("h2", pair.clientTls.applicationProtocol());
            assertEquals("h2", pair.serverTls.applicationProtocol());
        } finally {
            pair.finish();
        }
    }

    @Test
    void alpnWithoutACommonProtocolFailsTheHandshake() throws Exception {
        TlsContext server = TlsTestContexts.server().applicationProtocols("h2").build();
        TlsContext client = TlsTestContexts.client().applicationProtocols("spdy/3").build();
        TlsPair pair = new TlsPair(client, server, Split.WHOLE).handshake();
        try {
            assertInstanceOf(SSLHandshakeException.class, pair.serverTls.handshakeFuture().cause());
            assertFalse(pair.clientTls.handshakeFuture().isSuccess());
            assertFalse(pair.server.isOpen());
        } finally {
            pair.finish();
        }
    }

    @Test
    void withoutAlpnNoProtocolIsAgreed() throws Exception {
        TlsPair pair = new TlsPair(TlsTestContexts.client("TLSv1.3"), TlsTestContexts.server("TLSv1.3"), Split.WHOLE)
                .handshake();
        try {
            assertEquals("", pair.clientTls.applicationProtocol());
        } finally {
            pair.finish();
        }
    }
}
