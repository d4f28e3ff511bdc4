package io.sluice.channel.local;

import io.sluice.channel.spi.IoEventLoopGroup;

/**
 * Event loops for local channels when no socket transport runs: loops that only run tasks. Local
 * channels run on any event loop (an NIO loop too), so a server that also listens on sockets needs
 * no group of its own for them.
 */
public final class LocalEventLoopGroup {
    private LocalEventLoopGroup() {}

    /** Returns a group of {@code threads} loops named {@code sluice-local-N}. */
    public static IoEventLoopGroup create(int threads) {
        return IoEventLoopGroup.create(threads, "sluice-local", LocalIoHandler::new);
    }
}
