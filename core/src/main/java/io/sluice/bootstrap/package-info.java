/**
 * Bootstraps: the few lines that create, configure, register and bind or connect a channel.
 *
 * <p>{@link io.sluice.bootstrap.ServerBootstrap} binds a server channel and gives every accepted
 * connection its options, attributes and pipeline, on a loop of the worker group (the same group as
 * the acceptor's, a single reactor, unless two groups are given). {@link io.sluice.bootstrap.Bootstrap}
 * connects clients (each resolved address in turn, bounded by {@code CONNECT_TIMEOUT_MILLIS}) and
 * binds connectionless channels; {@link io.sluice.bootstrap.ReconnectingClient} keeps a client
 * connected, backing off between attempts.
 *
 * <p>Design notes: a bootstrap is a mutable builder, used from one thread; the channel type is given
 * as a factory ({@code NioServerSocketChannel::new}), so no reflection is involved. Every operation
 * returns a future; a failed bind or connect closes the channel it created.
 */
package io.sluice.bootstrap;
