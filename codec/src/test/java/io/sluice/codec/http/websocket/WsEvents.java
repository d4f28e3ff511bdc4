package io.sluice.codec.http.websocket;

import io.sluice.channel.ChannelHandler;
import io.sluice.channel.ChannelHandlerContext;
import java.util.ArrayList;
import java.util.List;

/**
 * The application end of a test pipeline: keeps the user events and marks {@code channelInactive}
 * with {@link #INACTIVE} in the same list, so a test sees their order.
 */
final class WsEvents implements ChannelHandler {
    static final String INACTIVE = "inactive";
    /** User events and {@link #INACTIVE}, in the order they came. */
    final List<Object> seen = new ArrayList<>();

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        seen.add(event);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        seen.add(INACTIVE);
        ctx.fireChannelInactive();
    }
}
