package io.sluice.channel;

/**
 * A channel that accepts connections: each accepted connection arrives as a new {@link Channel}
 * through {@code channelRead} of the server channel's pipeline (where the server bootstrap
 * registers it with a worker loop and installs its handlers).
 */
public interface ServerChannel extends Channel {
}
