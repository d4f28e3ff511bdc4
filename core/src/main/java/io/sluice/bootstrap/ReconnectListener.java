package io.sluice.bootstrap;

import io.sluice.channel.Channel;

/**
 * What a {@link ReconnectingClient} tells about its connection. Every method runs on the client's
 * event loop and must not block; each has an empty default. Causes name the address they concern
 * (a {@link java.net.ConnectException} names the address refused, an
 * {@link java.net.UnknownHostException} the name).
 */
public interface ReconnectListener {

    /** Attempt number {@code attempt} (1 for the first of a run of failures) to reach {@code target} starts. */
    default void attempting(int attempt, String target) {}

    /** Connected: {@code channel} is active, its pipeline built afresh by the bootstrap. */
    default void connected(Channel channel) {}

    /** Attempt {@code attempt} failed with {@code cause}; the next one starts in {@code nextDelayNanos}. */
    default void attemptFailed(int attempt, Throwable cause, long nextDelayNanos) {}

    /** {@code channel} closed without the client being closed; reconnecting in {@code nextDelayNanos}. */
    default void disconnected(Channel channel, long nextDelayNanos) {}

    /** The client stopped trying after {@code attempts} consecutive failures, the last with {@code cause}. */
    default void gaveUp(int attempts, Throwable cause) {}
}
