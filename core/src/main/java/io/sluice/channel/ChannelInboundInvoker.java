package io.sluice.channel;

/**
 * The inbound events, shared by {@link ChannelPipeline} (which starts at the head) and
 * {@link ChannelHandlerContext} (which starts at the next handler towards the tail).
 */
public interface ChannelInboundInvoker {

    /** The channel was registered with its event loop. @return this */
    ChannelInboundInvoker fireChannelRegistered();

    /** The channel was deregistered from its event loop. @return this */
    ChannelInboundInvoker fireChannelUnregistered();

    /** The channel became active (connected, or bound for a server). @return this */
    ChannelInboundInvoker fireChannelActive();

    /** The channel is no longer active. @return this */
    ChannelInboundInvoker fireChannelInactive();

    /** A message was read; ownership passes with it. @return this */
    ChannelInboundInvoker fireChannelRead(Object msg);

    /** The current batch of reads ended. @return this */
    ChannelInboundInvoker fireChannelReadComplete();

    /** A user-defined or framework event (e.g. idle, input shutdown). @return this */
    ChannelInboundInvoker fireUserEventTriggered(Object event);

    /** The channel's writability changed. @return this */
    ChannelInboundInvoker fireChannelWritabilityChanged();

    /** An exception happened. @return this */
    ChannelInboundInvoker fireExceptionCaught(Throwable cause);
}
