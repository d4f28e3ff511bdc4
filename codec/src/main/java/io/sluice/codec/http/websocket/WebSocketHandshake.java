package io.sluice.codec.http.websocket;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/** The key/accept computation of the opening handshake (RFC 6455, section 4) and its header names. */
final class WebSocketHandshake {
    /** The only version RFC 6455 defines. */
    static final String VERSION = "13";
    static final String SEC_WEBSOCKET_ACCEPT = "sec-websocket-accept";
    static final String SEC_WEBSOCKET_PROTOCOL = "sec-websocket-protocol";
    static final String SEC_WEBSOCKET_EXTENSIONS = "sec-websocket-extensions";
    /** The RSV bit permessage-deflate uses: RSV1 ("Per-Message Compressed", RFC 7692 section 6). */
    static final int RSV1 = 4;
    static final String WEBSOCKET = "websocket";
    /** Appended to the client's key before hashing (RFC 6455, section 1.3). */
    private static final byte[] GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11".getBytes(StandardCharsets.US_ASCII);

    private WebSocketHandshake() {}

    /** Returns the {@code Sec-WebSocket-Accept} value for a client's {@code key}: base64(SHA-1(key + GUID)). */
    static String accept(String key) {
        MessageDigest sha1;
        try {
            sha1 = MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1: missing (expected: in every JDK)", e);
        }
        sha1.update(key.getBytes(StandardCharsets.US_ASCII));
        return Base64.getEncoder().encodeToString(sha1.digest(GUID));
    }

    /** Returns whether {@code key} is the base64 of 16 bytes, as a client must send. */
    static boolean isValidKey(String key) {
        if (key == null || key.length() != 24) {
            return false;
        }
        try {
            return Base64.getDecoder().decode(key).length == 16;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
