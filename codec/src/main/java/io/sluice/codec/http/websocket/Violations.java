package io.sluice.codec.http.websocket;

import io.sluice.channel.ChannelHandlerContext;

/** What every handler of this package does on bad input before the connection closes. */
final class Violations {
    private Violations() {}

    /**
     * Sends a close frame with the status of {@code e} (through the handlers before {@code ctx},
     * so the frame encoder must sit nearer the head than the handler that calls this) and returns
     * {@code e} for the caller to throw or fire.
     */
    static WebSocketProtocolException sendClose(ChannelHandlerContext ctx, WebSocketProtocolException e) {
        if (ctx.channel().isActive()) {
            ctx.writeAndFlush(WebSocketFrame.close(e.closeStatus()), ctx.voidPromise());
        }
        return e;
    }

    static WebSocketProtocolException protocolError(String message) {
        return new WebSocketProtocolException(WebSocketCloseStatus.PROTOCOL_ERROR, message);
    }
}
