package io.sluice.codec.tls;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executor;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;

/**
 * What every TLS connection of one server or client shares: the JDK {@link SSLContext} (keys,
 * trust, session cache), the protocols and cipher suites, ALPN, and the handler's timeouts. Made by
 * {@link TlsContextBuilder}; immutable and safe to share between threads and connections. Each
 * connection gets its own {@link TlsHandler} from {@link #newHandler()} (servers) or
 * {@link #newHandler(String, int)} (clients).
 */
public final class TlsContext {
    private final SSLContext sslContext;
    private final boolean client;
    private final String[] protocols;
    private final String[] cipherSuites;
    private final String[] applicationProtocols;
    private final boolean hostnameVerification;
    private final Duration handshakeTimeout;
    private final Duration closeNotifyWait;
    private final Executor delegatedTaskExecutor;

    TlsContext(SSLContext sslContext, boolean client, String[] protocols, String[] cipherSuites,
            String[] applicationProtocols, boolean hostnameVerification, Duration handshakeTimeout,
            Duration closeNotifyWait, Executor delegatedTaskExecutor) {
        this.sslContext = sslContext;
        this.client = client;
        this.protocols = protocols;
        this.cipherSuites = cipherSuites;
        this.applicationProtocols = applicationProtocols;
        this.hostnameVerification = hostnameVerification;
        this.handshakeTimeout = handshakeTimeout;
        this.closeNotifyWait = closeNotifyWait;
        this.delegatedTaskExecutor = delegatedTaskExecutor;
    }

    /** Returns whether engines from this context are in client mode. */
    public boolean isClient() {
        return client;
    }

    /** Returns the JDK context behind this one. */
    public SSLContext sslContext() {
        return sslContext;
    }

    /** Returns the enabled protocol versions, e.g. {@code [TLSv1.3, TLSv1.2]}. */
    public List<String> protocols() {
        return List.of(protocols);
    }

    /** Returns the enabled cipher suites. */
    public List<String> cipherSuites() {
        return List.of(cipherSuites);
    }

    /** Returns the ALPN protocols offered (client) or accepted (server), in preference order; empty for none. */
    public List<String> applicationProtocols() {
        return List.of(applicationProtocols);
    }

    /**
     * Returns a server engine, or a client engine that knows no peer name.
     *
     * @throws IllegalStateException for a client context that verifies host names: it needs the
     *     peer's name ({@link #newEngine(String, int)})
     */
    public SSLEngine newEngine() {
        if (client && hostnameVerification) {
            throw new IllegalStateException("peer host: none (expected: newEngine(host, port) or newHandler(host, port)"
                    + " for a client that verifies host names)");
        }
        return configure(sslContext.createSSLEngine(), null);
    }

    /**
     * Returns an engine for a connection to {@code peerHost:peerPort}. A client sends the name as
     * SNI (unless it is an IP literal) and, with hostname verification on, checks the server's
     * certificate against it; a server uses it only as a session-cache hint.
     */
    public SSLEngine newEngine(String peerHost, int peerPort) {
        return configure(sslContext.createSSLEngine(java.util.Objects.requireNonNull(peerHost, "peerHost"), peerPort),
                peerHost);
    }

    /** Returns a handler for one server connection (or a client one that knows no peer name). */
    public TlsHandler newHandler() {
        return handler(newEngine());
    }

    /** Returns a handler for one connection to {@code peerHost:peerPort} (see {@link #newEngine(String, int)}). */
    public TlsHandler newHandler(String peerHost, int peerPort) {
        return handler(newEngine(peerHost, peerPort));
    }

    private TlsHandler handler(SSLEngine engine) {
        return TlsHandler.create(engine, handshakeTimeout, closeNotifyWait, delegatedTaskExecutor);
    }

    private SSLEngine configure(SSLEngine engine, String peerHost) {
        engine.setUseClientMode(client);
        SSLParameters parameters = engine.getSSLParameters();
        parameters.setProtocols(protocols);
        parameters.setCipherSuites(cipherSuites);
        parameters.setApplicationProtocols(applicationProtocols);
        if (client) {
            if (hostnameVerification) {
                parameters.setEndpointIdentificationAlgorithm("HTTPS");
            }
            if (peerHost != null && SelfSignedCertificate.ipLiteral(peerHost) == null) {
                parameters.setServerNames(List.of(new SNIHostName(peerHost)));
            }
        }
        engine.setSSLParameters(parameters);
        return engine;
    }
}
