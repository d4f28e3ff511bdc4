package io.sluice.codec.tls;

/**
 * Fired as a user event by {@link TlsHandler} once per connection when the handshake ends:
 * {@code cause} is null on success, or the reason it failed (the connection is then closed).
 *
 * @param cause why the handshake failed, or null if it succeeded
 */
public record TlsHandshakeCompletionEvent(Throwable cause) {
    /** The event for a successful handshake. */
    public static final TlsHandshakeCompletionEvent SUCCESS = new TlsHandshakeCompletionEvent(null);

    /** Returns whether the handshake succeeded. */
    public boolean isSuccess() {
        return cause == null;
    }
}
