package io.sluice.transport.nio;

import io.sluice.channel.ChannelConfig;
import io.sluice.channel.ChannelOption;
import io.sluice.channel.spi.AbstractChannel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.SocketOption;
import java.nio.channels.NetworkChannel;

/**
 * Settings of an NIO channel: the generic ones, every JDK socket option the socket supports
 * (passed straight through), and {@link ChannelOption#SO_BACKLOG} for listeners.
 */
final class NioChannelConfig extends ChannelConfig {
    private final NetworkChannel socket;
    private volatile int backlog = 1024;

    NioChannelConfig(AbstractChannel channel, NetworkChannel socket) {
        super(channel);
        this.socket = socket;
    }

    int backlog() {
        return backlog;
    }

    @Override
    @SuppressWarnings("unchecked")
    protected <T> T transportOption(ChannelOption<T> option) {
        if (option == ChannelOption.SO_BACKLOG) {
            return (T) Integer.valueOf(backlog);
        }
        SocketOption<T> socketOption = option.socketOption();
        if (socketOption == null || !socket.supportedOptions().contains(socketOption)) {
            return null;
        }
        try {
            return socket.getOption(socketOption);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + option, e);
        }
    }

    @Override
    protected <T> boolean setTransportOption(ChannelOption<T> option, T value) {
        if (option == ChannelOption.SO_BACKLOG) {
            int v = (Integer) value;
            if (v < 1) {
                throw new IllegalArgumentException(option + ": " + v + " (expected: >= 1)");
            }
            backlog = v;
            return true;
        }
        SocketOption<T> socketOption = option.socketOption();
        if (socketOption == null || !socket.supportedOptions().contains(socketOption)) {
            return false;
        }
        try {
            socket.setOption(socketOption, value);
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot set " + option + " to " + value, e);
        }
    }
}
