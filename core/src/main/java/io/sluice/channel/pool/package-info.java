/**
 * A pool of client channels per remote address: {@link io.sluice.channel.pool.ChannelPool} with
 * its {@link io.sluice.channel.pool.PoolSettings}.
 *
 * <p>Design notes: the pool's state is confined to one event loop instead of guarded by locks, so
 * a handler on that loop acquires and releases inline; waiting acquirers are bounded in number (the
 * rest fail at once rather than queue without limit) and in time. Released channels are reused most
 * recent first, so under a falling load the surplus stays idle and is closed by the idle timeout.
 */
package io.sluice.channel.pool;
