/**
 * TLS over the JDK's {@link javax.net.ssl.SSLEngine}: {@link io.sluice.codec.tls.TlsHandler} for one
 * connection (server or client), {@link io.sluice.codec.tls.TlsContextBuilder} for the shared
 * settings (keys from PKCS#12 or PEM, trust, protocols, ALPN, timeouts),
 * {@link io.sluice.codec.tls.SniHandler} to pick a server context by the name the client asks for,
 * and {@link io.sluice.codec.tls.SelfSignedCertificate} for tests and examples.
 *
 * <p>Decisions: TLS 1.3 and 1.2 only, forward-secret AEAD suites only, hostname verification on for
 * clients; the engine's delegated tasks never run on an event loop; renegotiation is refused; a
 * close waits (bounded, 3 s) for the peer's close_notify. Limits: a record body of at most
 * 2^14 + 2048 bytes; a 10 s handshake.
 */
package io.sluice.codec.tls;
