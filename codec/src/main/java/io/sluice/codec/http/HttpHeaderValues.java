package io.sluice.codec.http;

/** Common header field values. Tokens compare case-insensitively (use {@link HttpHeaders#containsToken}). */
public final class HttpHeaderValues {
    /** {@code close} (Connection). */
    public static final String CLOSE = "close";
    /** {@code keep-alive} (Connection). */
    public static final String KEEP_ALIVE = "keep-alive";
    /** {@code upgrade} (Connection). */
    public static final String UPGRADE = "upgrade";
    /** {@code chunked} (Transfer-Encoding). */
    public static final String CHUNKED = "chunked";
    /** {@code 100-continue} (Expect). */
    public static final String CONTINUE = "100-continue";
    /** {@code gzip} (Content-Encoding, Accept-Encoding). */
    public static final String GZIP = "gzip";
    /** {@code deflate} (Content-Encoding, Accept-Encoding). */
    public static final String DEFLATE = "deflate";
    /** {@code identity} (Content-Encoding, Accept-Encoding). */
    public static final String IDENTITY = "identity";
    /** {@code bytes} (Accept-Ranges). */
    public static final String BYTES = "bytes";
    /** {@code text/plain}. */
    public static final String TEXT_PLAIN = "text/plain";
    /** {@code text/plain; charset=utf-8}. */
    public static final String TEXT_PLAIN_UTF_8 = "text/plain; charset=utf-8";
    /** {@code text/html; charset=utf-8}. */
    public static final String TEXT_HTML_UTF_8 = "text/html; charset=utf-8";
    /** {@code application/json}. */
    public static final String APPLICATION_JSON = "application/json";
    /** {@code application/octet-stream}. */
    public static final String APPLICATION_OCTET_STREAM = "application/octet-stream";

    private HttpHeaderValues() {}
}
