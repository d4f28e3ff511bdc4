package io.sluice.codec.tls;

/**
 * Fired as a user event by {@link TlsHandler} when the peer's close_notify arrived: the peer will
 * send nothing more. The handler answers with its own close_notify and closes the channel.
 */
public enum TlsCloseCompletionEvent {
    /** The one instance. */
    INSTANCE
}
