/**
 * Rate limits in bytes per second (libevent's {@code bufferevent_rate_limit_group}, Netty's traffic
 * shaping): {@link io.sluice.handler.traffic.TrafficShapingHandler} per channel,
 * {@link io.sluice.handler.traffic.TrafficShapingGroup} for a set of channels or a whole server,
 * both on {@link io.sluice.handler.traffic.TokenBucket}s with a configurable burst.
 *
 * <p>Design notes. Reads are slowed by suspending reading (auto-read off for the time the bucket
 * is in debt), never by holding bytes: what was read is passed on at once and paid for by the
 * pause that follows. Writes over the rate are queued and released at the rate; queued bytes
 * count against writability through a user-defined writability bit, so {@code isWritable()}
 * tells the truth and well-behaved writers stop. A write within the bucket's burst passes
 * straight through: a limit that does not bind costs one compare-and-set per message.
 */
package io.sluice.handler.traffic;
