package io.sluice.codec.http.websocket;

import java.util.Objects;

/**
 * A close status (RFC 6455, section 7.4): a code and a reason of at most 123 UTF-8 bytes.
 *
 * @param code the status code
 * @param reason the reason, possibly empty
 */
public record WebSocketCloseStatus(int code, String reason) {
    /** 1000: the purpose of the connection was fulfilled. */
    public static final WebSocketCloseStatus NORMAL = new WebSocketCloseStatus(1000, "");
    /** 1001: the endpoint is going away (server shutdown, page closed). */
    public static final WebSocketCloseStatus GOING_AWAY = new WebSocketCloseStatus(1001, "");
    /** 1002: the peer broke the protocol. */
    public static final WebSocketCloseStatus PROTOCOL_ERROR = new WebSocketCloseStatus(1002, "");
    /** 1003: a kind of data this endpoint does not accept. */
    public static final WebSocketCloseStatus UNSUPPORTED_DATA = new WebSocketCloseStatus(1003, "");
    /** 1007: a text message that is not UTF-8. */
    public static final WebSocketCloseStatus INVALID_PAYLOAD = new WebSocketCloseStatus(1007, "");
    /** 1008: a message that breaks the endpoint's policy. */
    public static final WebSocketCloseStatus POLICY_VIOLATION = new WebSocketCloseStatus(1008, "");
    /** 1009: a frame or message too big to process. */
    public static final WebSocketCloseStatus MESSAGE_TOO_BIG = new WebSocketCloseStatus(1009, "");
    /** 1011: the server met an unexpected condition. */
    public static final WebSocketCloseStatus INTERNAL_ERROR = new WebSocketCloseStatus(1011, "");

    /**
     * Creates a status.
     *
     * @throws IllegalArgumentException if {@code code} may not be sent on the wire
     */
    public WebSocketCloseStatus {
        Objects.requireNonNull(reason, "reason");
        if (!isSendable(code)) {
            throw new IllegalArgumentException("close code: " + code
                    + " (expected: 1000-1003, 1007-1014 or 3000-4999)");
        }
    }

    /** Returns this status's code with {@code reason}. */
    public WebSocketCloseStatus withReason(String reason) {
        return new WebSocketCloseStatus(code, reason);
    }

    /**
     * Returns whether {@code code} may appear in a close frame: the defined codes other than those
     * reserved for local use (1004, 1005, 1006, 1015), and the registered and private ranges.
     */
    public static boolean isSendable(int code) {
        return code >= 1000 && code <= 1003 || code >= 1007 && code <= 1014 || code >= 3000 && code <= 4999;
    }

    @Override
    public String toString() {
        return reason.isEmpty() ? Integer.toString(code) : code + " " + reason;
    }
}
