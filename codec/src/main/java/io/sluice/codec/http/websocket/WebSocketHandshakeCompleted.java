package io.sluice.codec.http.websocket;

import io.sluice.codec.http.HttpHeaders;
import java.util.Objects;

/**
 * Fired as a user event (by the handler that took over the channel) once the 101 response was
 * written and the pipeline carries frames: the application learns the path and what was agreed.
 *
 * @param path the request path
 * @param subprotocol the subprotocol agreed, or null when none was
 * @param requestHeaders the upgrade request's headers (cookies, origin, ...)
 */
public record WebSocketHandshakeCompleted(String path, String subprotocol, HttpHeaders requestHeaders) {
    /** Checks that the path and headers are present. */
    public WebSocketHandshakeCompleted {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(requestHeaders, "requestHeaders");
    }
}
