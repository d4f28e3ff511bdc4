package io.sluice.codec.http;

import java.nio.charset.StandardCharsets;

/**
 * The HTTP versions this codec speaks: 1.0 and 1.1. A request naming another version is answered
 * with {@link HttpStatus#HTTP_VERSION_NOT_SUPPORTED} by the server.
 */
public enum HttpVersion {
    /** HTTP/1.0: connections close after each exchange unless {@code Connection: keep-alive}. */
    HTTP_1_0("HTTP/1.0", false),
    /** HTTP/1.1: connections stay open unless {@code Connection: close}. */
    HTTP_1_1("HTTP/1.1", true);

    private final String text;
    private final boolean keepAliveByDefault;
    /** The ASCII bytes of {@link #text()}, for encoders (never handed out). */
    final byte[] bytes;

    HttpVersion(String text, boolean keepAliveByDefault) {
        this.text = text;
        this.keepAliveByDefault = keepAliveByDefault;
        this.bytes = text.getBytes(StandardCharsets.US_ASCII);
    }

    /** Returns the version as it appears on the wire, e.g. {@code HTTP/1.1}. */
    public String text() {
        return text;
    }

    /** Returns whether a connection stays open after an exchange that says nothing about it. */
    public boolean keepAliveByDefault() {
        return keepAliveByDefault;
    }

    @Override
    public String toString() {
        return text;
    }
}
