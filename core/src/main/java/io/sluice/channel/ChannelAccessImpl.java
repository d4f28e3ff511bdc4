package io.sluice.channel;

import io.sluice.channel.spi.AbstractChannel;
import io.sluice.internal.ChannelAccess;

/** Hands this package's package-private operations to the transport SPI; see {@link ChannelAccess}. */
final class ChannelAccessImpl extends ChannelAccess {
    static {
        install(new ChannelAccessImpl());
    }

    private ChannelAccessImpl() {}

    @Override
    public <T> Attribute<T> newAttribute(AttributeKey<T> key) {
        return new Attribute<>(key);
    }

    @Override
    public ChannelPipeline newPipeline(AbstractChannel channel, ChannelHandler head) {
        return new DefaultChannelPipeline(channel, head);
    }

    @Override
    public void registeredFirstTime(ChannelPipeline pipeline) {
        ((DefaultChannelPipeline) pipeline).registeredFirstTime();
    }

    @Override
    public void destroy(ChannelPipeline pipeline) {
        ((DefaultChannelPipeline) pipeline).destroy();
    }

    @Override
    public void reportUnhandledMessage(ChannelPipeline pipeline, Object msg) {
        ((DefaultChannelPipeline) pipeline).onUnhandledMessage(msg);
    }

    @Override
    public void reportUnhandledException(ChannelPipeline pipeline, Throwable cause) {
        ((DefaultChannelPipeline) pipeline).onUnhandledException(cause);
    }

    @Override
    public boolean reportConnectionError(Channel channel, Throwable cause) {
        return ConnectionErrors.report(channel, cause);
    }
}
