package io.sluice.codec.tls;

/**
 * Fired as a user event by {@link SniHandler} once it has chosen a context for the connection.
 *
 * @param hostName the lower-case name the client asked for, or null if it sent none
 */
public record SniCompletionEvent(String hostName) {}
