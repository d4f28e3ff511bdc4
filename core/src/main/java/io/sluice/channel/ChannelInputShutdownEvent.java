package io.sluice.channel;

/**
 * User event fired when the peer shut its output down (end of stream) on a channel that allows
 * half-closure ({@link ChannelOption#ALLOW_HALF_CLOSURE}); the channel can still write.
 */
public final class ChannelInputShutdownEvent {
    /** The single instance. */
    public static final ChannelInputShutdownEvent INSTANCE = new ChannelInputShutdownEvent();

    private ChannelInputShutdownEvent() {}

    @Override
    public String toString() {
        return "ChannelInputShutdownEvent";
    }
}
