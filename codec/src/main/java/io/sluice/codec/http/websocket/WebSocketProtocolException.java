package io.sluice.codec.http.websocket;

import io.sluice.codec.CorruptedFrameException;
import java.util.Objects;

/**
 * The peer broke a rule of RFC 6455, or a limit of this endpoint: the connection is closed with
 * {@link #closeStatus()} (1002 protocol error, 1007 invalid UTF-8, 1009 too big).
 */
public class WebSocketProtocolException extends CorruptedFrameException {
    private static final long serialVersionUID = 1L;

    /** The status the connection is closed with. */
    private final transient WebSocketCloseStatus closeStatus;

    /** Creates an exception; the message follows the shape {@code what: value (expected: ...)}. */
    public WebSocketProtocolException(WebSocketCloseStatus closeStatus, String message) {
        super(message);
        this.closeStatus = Objects.requireNonNull(closeStatus, "closeStatus");
    }

    /** Returns the status the connection is closed with. */
    public WebSocketCloseStatus closeStatus() {
        return closeStatus;
    }
}
