package io.sluice.channel;

import io.sluice.buffer.BufferAllocator;
import io.sluice.concurrent.EventExecutor;

/**
 * A handler's place in a pipeline: fires events to the next handler and starts operations at the
 * next handler towards the head. Safe to keep and use from other threads (calls are handed to the
 * right executor).
 */
public interface ChannelHandlerContext extends ChannelInboundInvoker, ChannelOutboundInvoker {

    /** Returns the channel. */
    Channel channel();

    /** Returns the executor this handler's methods run on. */
    EventExecutor executor();

    /** Returns the handler's name in the pipeline. */
    String name();

    /** Returns the handler. */
    ChannelHandler handler();

    /** Returns whether the handler has been removed from the pipeline. */
    boolean isRemoved();

    /** Returns the pipeline. */
    ChannelPipeline pipeline();

    /** Returns the channel's allocator. */
    BufferAllocator alloc();

    @Override
    ChannelHandlerContext fireChannelRegistered();

    @Override
    ChannelHandlerContext fireChannelUnregistered();

    @Override
    ChannelHandlerContext fireChannelActive();

    @Override
    ChannelHandlerContext fireChannelInactive();

    @Override
    ChannelHandlerContext fireChannelRead(Object msg);

    @Override
    ChannelHandlerContext fireChannelReadComplete();

    @Override
    ChannelHandlerContext fireUserEventTriggered(Object event);

    @Override
    ChannelHandlerContext fireChannelWritabilityChanged();

    @Override
    ChannelHandlerContext fireExceptionCaught(Throwable cause);

    @Override
    ChannelHandlerContext read();

    @Override
    ChannelHandlerContext flush();
}
