package io.sluice.codec.tls;

import javax.net.ssl.SSLHandshakeException;

/** The TLS handshake did not complete in the configured time; the connection is closed. */
public class SslHandshakeTimeoutException extends SSLHandshakeException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception with a message naming the timeout. */
    public SslHandshakeTimeoutException(String message) {
        super(message);
    }
}
