package io.sluice.codec.http;

import io.sluice.buffer.Buffer;

/**
 * Common header field names, lower case (names are case-insensitive; these are the forms the
 * decoder hands out for the names it recognises, so a lookup with a constant matches by identity
 * first).
 */
public final class HttpHeaderNames {
    /** {@code accept}. */
    public static final String ACCEPT = "accept";
    /** {@code accept-encoding}. */
    public static final String ACCEPT_ENCODING = "accept-encoding";
    /** {@code accept-language}. */
    public static final String ACCEPT_LANGUAGE = "accept-language";
    /** {@code accept-ranges}. */
    public static final String ACCEPT_RANGES = "accept-ranges";
    /** {@code allow}. */
    public static final String ALLOW = "allow";
    /** {@code authorization}. */
    public static final String AUTHORIZATION = "authorization";
    /** {@code cache-control}. */
    public static final String CACHE_CONTROL = "cache-control";
    /** {@code connection}. */
    public static final String CONNECTION = "connection";
    /** {@code content-encoding}. */
    public static final String CONTENT_ENCODING = "content-encoding";
    /** {@code content-length}. */
    public static final String CONTENT_LENGTH = "content-length";
    /** {@code content-range}. */
    public static final String CONTENT_RANGE = "content-range";
    /** {@code content-type}. */
    public static final String CONTENT_TYPE = "content-type";
    /** {@code cookie}. */
    public static final String COOKIE = "cookie";
    /** {@code date}. */
    public static final String DATE = "date";
    /** {@code etag}. */
    public static final String ETAG = "etag";
    /** {@code expect}. */
    public static final String EXPECT = "expect";
    /** {@code host}. */
    public static final String HOST = "host";
    /** {@code if-modified-since}. */
    public static final String IF_MODIFIED_SINCE = "if-modified-since";
    /** {@code if-none-match}. */
    public static final String IF_NONE_MATCH = "if-none-match";
    /** {@code keep-alive}. */
    public static final String KEEP_ALIVE = "keep-alive";
    /** {@code last-modified}. */
    public static final String LAST_MODIFIED = "last-modified";
    /** {@code location}. */
    public static final String LOCATION = "location";
    /** {@code origin}. */
    public static final String ORIGIN = "origin";
    /** {@code range}. */
    public static final String RANGE = "range";
    /** {@code referer}. */
    public static final String REFERER = "referer";
    /** {@code sec-websocket-key}. */
    public static final String SEC_WEBSOCKET_KEY = "sec-websocket-key";
    /** {@code sec-websocket-version}. */
    public static final String SEC_WEBSOCKET_VERSION = "sec-websocket-version";
    /** {@code server}. */
    public static final String SERVER = "server";
    /** {@code set-cookie}. */
    public static final String SET_COOKIE = "set-cookie";
    /** {@code te}. */
    public static final String TE = "te";
    /** {@code trailer}. */
    public static final String TRAILER = "trailer";
    /** {@code transfer-encoding}. */
    public static final String TRANSFER_ENCODING = "transfer-encoding";
    /** {@code upgrade}. */
    public static final String UPGRADE = "upgrade";
    /** {@code user-agent}. */
    public static final String USER_AGENT = "user-agent";
    /** {@code vary}. */
    public static final String VARY = "vary";

    private static final String[] KNOWN = {ACCEPT, ACCEPT_ENCODING, ACCEPT_LANGUAGE, ACCEPT_RANGES, ALLOW,
        AUTHORIZATION, CACHE_CONTROL, CONNECTION, CONTENT_ENCODING, CONTENT_LENGTH, CONTENT_RANGE, CONTENT_TYPE, COOKIE,
        DATE, ETAG, EXPECT, HOST, IF_MODIFIED_SINCE, IF_NONE_MATCH, KEEP_ALIVE, LAST_MODIFIED, LOCATION, ORIGIN, RANGE,
        REFERER, SEC_WEBSOCKET_KEY, SEC_WEBSOCKET_VERSION, SERVER, SET_COOKIE, TE, TRAILER, TRANSFER_ENCODING, UPGRADE,
        USER_AGENT, VARY};
    /** The known names bucketed by length, then by lower-cased first letter (a few candidates each). */
    private static final String[][] BY_LENGTH_AND_FIRST = new String[32 * 32][];

    static {
        for (String name : KNOWN) {
            int key = key(name.length(), name.charAt(0));
            String[] old = BY_LENGTH_AND_FIRST[key];
            String[] bucket = old == null ? new String[1] : java.util.Arrays.copyOf(old, old.length + 1);
            bucket[bucket.length - 1] = name;
            BY_LENGTH_AND_FIRST[key] = bucket;
        }
    }

    private HttpHeaderNames() {}

    private static int key(int length, int first) {
        return (length & 31) << 5 | (first & 31);
    }

    /**
     * Returns the constant whose name is the bytes {@code [from, from + length)} of {@code in}
     * ignoring ASCII case, or null. Allocates nothing.
     */
    static String known(Buffer in, int from, int length) {
        if (length >= 32 || length == 0) {
            return null;
        }
        String[] bucket = BY_LENGTH_AND_FIRST[key(length, HttpChars.lower(in.getByte(from)))];
        if (bucket == null) {
            return null;
        }
        outer:
        for (String name : bucket) {
            for (int i = 0; i < length; i++) {
                if (HttpChars.lower(in.getByte(from + i)) != name.charAt(i)) {
                    continue outer;
                }
            }
            return name;
        }
        return null;
    }
}
