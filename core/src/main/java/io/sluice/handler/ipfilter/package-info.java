/**
 * Who may connect: {@link io.sluice.handler.ipfilter.IpFilter} accepts or refuses by CIDR rules
 * ({@link io.sluice.handler.ipfilter.IpSubnet}, IPv4 and IPv6);
 * {@link io.sluice.handler.ipfilter.ConnectionLimiter} caps concurrent connections per server and
 * per remote address. Both are sharable: add one instance to every accepted channel's pipeline,
 * first, and a refused connection is closed before the handlers after it see it become active.
 */
package io.sluice.handler.ipfilter;
