package io.sluice.resolver;

import io.sluice.concurrent.EventExecutor;
import io.sluice.concurrent.Future;
import java.net.InetSocketAddress;
import java.util.List;

/**
 * Turns a host name into the socket addresses to try, without blocking the caller: an event loop
 * that connects onward never waits for DNS. {@code Bootstrap.connect(host, port)} resolves through
 * one (see {@code Bootstrap.resolver}).
 *
 * <p>Implementations must be thread-safe.
 */
@FunctionalInterface
public interface AddressResolver {

    /**
     * Starts resolving {@code host} and returns at once. The future succeeds with every address of
     * the host, in the order to try them (never empty), each with {@code port}; or fails with an
     * {@link java.net.UnknownHostException} naming the host. Its listeners run on {@code executor}.
     *
     * @param host a host name or an IP literal
     * @param port the port of every returned address, 0-65535
     * @param executor the executor that runs the future's listeners (the caller's event loop)
     */
    Future<List<InetSocketAddress>> resolve(String host, int port, EventExecutor executor);

    /**
     * Returns the resolver shared by every bootstrap that sets none: the system's lookup on a small
     * shared pool of daemon threads, cached for the JDK's TTLs (see {@link CachingAddressResolver}).
     */
    static AddressResolver system() {
        return CachingAddressResolver.SYSTEM;
    }
}
