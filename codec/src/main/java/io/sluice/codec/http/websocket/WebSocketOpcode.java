package io.sluice.codec.http.websocket;

/** The frame opcodes RFC 6455 defines (section 5.2); the others are reserved and refused. */
public enum WebSocketOpcode {
    /** A later fragment of a text or binary message. */
    CONTINUATION(0x0),
    /** The first (or only) fragment of a UTF-8 text message. */
    TEXT(0x1),
    /** The first (or only) fragment of a binary message. */
    BINARY(0x2),
    /** Starts or answers the closing handshake; carries a status code and a reason. */
    CLOSE(0x8),
    /** Asks for a pong with the same payload. */
    PING(0x9),
    /** Answers a ping, or serves as an unsolicited heartbeat. */
    PONG(0xA);

    private static final WebSocketOpcode[] BY_CODE = new WebSocketOpcode[16];

    static {
        for (WebSocketOpcode op : values()) {
            BY_CODE[op.code] = op;
        }
    }

    /** The 4-bit value on the wire. */
    private final int code;

    WebSocketOpcode(int code) {
        this.code = code;
    }

    /** Returns the 4-bit value on the wire. */
    public int code() {
        return code;
    }

    /** Returns whether this is a control opcode (close, ping, pong): at most 125 bytes, never fragmented. */
    public boolean isControl() {
        return code >= 0x8;
    }

    /** Returns the opcode for the 4-bit {@code code}, or null when it is reserved. */
    public static WebSocketOpcode of(int code) {
        return code >= 0 && code < 16 ? BY_CODE[code] : null;
    }
}
