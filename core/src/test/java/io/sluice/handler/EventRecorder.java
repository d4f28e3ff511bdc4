package io.sluice.handler;

import io.sluice.channel.ChannelHandler;
import io.sluice.channel.ChannelHandlerContext;
import java.util.ArrayList;
import java.util.List;

/** The last handler of a test pipeline: keeps user events and exceptions, passes everything else on. */
public final class EventRecorder implements ChannelHandler {
    /** User events seen, in order. */
    public final List<Object> events = new ArrayList<>();
    /** Exceptions seen, in order. */
    public final List<Throwable> exceptions = new ArrayList<>();
    /** How many times {@code channelInactive} was seen. */
    public int inactive;

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        events.add(event);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        exceptions.add(cause);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        inactive++;
        ctx.fireChannelInactive();
    }
}
