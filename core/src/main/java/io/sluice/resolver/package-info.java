/**
 * Name resolution off the event loop: the {@link io.sluice.resolver.AddressResolver} SPI that
 * {@code Bootstrap.connect(host, port)} uses, and its default, a
 * {@link io.sluice.resolver.CachingAddressResolver} over the JDK's lookup on a small shared pool.
 *
 * <p>Design notes: the cache follows the JDK's own TTL settings
 * ({@code networkaddress.cache.ttl}, {@code networkaddress.cache.negative.ttl}), so a
 * deployment's DNS tuning applies to Sluice too. Addresses are returned families interleaved (RFC
 * 8305 section 4) and tried one after the other by the bootstrap; the parallel race of happy
 * eyeballs is not implemented.
 */
package io.sluice.resolver;
