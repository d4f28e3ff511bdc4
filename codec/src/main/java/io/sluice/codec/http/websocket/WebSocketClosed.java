package io.sluice.codec.http.websocket;

import java.util.Objects;

/**
 * Fired as a user event by {@link WebSocketControlHandler} once the connection of an open WebSocket
 * has closed, just before {@code channelInactive}: what RFC 6455 (sections 7.1.5 and 7.1.6) calls
 * the connection close code and reason, as a browser's {@code CloseEvent} reports them.
 *
 * @param code the status code of the first close frame received; {@link #NO_STATUS_RECEIVED} when
 *     that frame carried none; {@link #ABNORMAL_CLOSURE} when none was received (the connection was
 *     lost, or closed without the closing handshake)
 * @param reason the reason in that frame, empty when it had none
 * @param clean whether close frames were both sent and received before the connection closed
 */
public record WebSocketClosed(int code, String reason, boolean clean) {
    /** 1005: the peer's close frame carried no status code (never sent on the wire). */
    public static final int NO_STATUS_RECEIVED = 1005;
    /** 1006: no close frame was received before the connection closed (never sent on the wire). */
    public static final int ABNORMAL_CLOSURE = 1006;

    /** Checks the reason. */
    public WebSocketClosed {
        Objects.requireNonNull(reason, "reason");
    }
}
