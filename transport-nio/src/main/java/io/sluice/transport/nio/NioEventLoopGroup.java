package io.sluice.transport.nio;

import io.sluice.channel.spi.IoEventLoopGroup;

/** Event loop groups for the NIO transport: each loop owns one selector. */
public final class NioEventLoopGroup {
    private NioEventLoopGroup() {}

    /** Returns a group of {@code threads} NIO loops named {@code sluice-nio-N}. */
    public static IoEventLoopGroup create(int threads) {
        return create(threads, "sluice-nio");
    }

    /** Returns a group of {@code threads} NIO loops named {@code threadNamePrefix-N}. */
    public static IoEventLoopGroup create(int threads, String threadNamePrefix) {
        return IoEventLoopGroup.create(threads, threadNamePrefix, NioIoHandler::new);
    }
}
