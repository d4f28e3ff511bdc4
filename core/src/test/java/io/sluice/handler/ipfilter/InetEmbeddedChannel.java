package io.sluice.handler.ipfilter;

import io.sluice.channel.embedded.EmbeddedChannel;
import java.net.InetSocketAddress;
import java.net.SocketAddress;

/** An embedded channel that reports an IP remote address; add handlers after creating it. */
final class InetEmbeddedChannel extends EmbeddedChannel {
    private final InetSocketAddress remote;

    InetEmbeddedChannel(String ip, int port) {
        remote = new InetSocketAddress(ip, port);
    }

    @Override
    protected SocketAddress remoteAddress0() {
        return isActive() ? remote : null;
    }
}
