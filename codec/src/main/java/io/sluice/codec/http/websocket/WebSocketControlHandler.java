package io.sluice.codec.http.websocket;

import io.sluice.channel.ChannelHandler;
import io.sluice.channel.ChannelHandlerContext;
import io.sluice.channel.ChannelPromise;
import io.sluice.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The control-frame rules of an open WebSocket (RFC 6455, sections 5.5 and 7):
 * <ul>
 * <li>A ping is answered at once with a pong carrying its payload; pings and pongs are not passed
 *     on.</li>
 * <li>A close frame from the peer is answered with a close frame echoing its status code and
 *     reason, then the connection is closed once that is sent (the server closes TCP first). It is
 *     not passed on: once the connection has closed the application gets a {@link WebSocketClosed}
 *     event with the code and reason received (1006 when none was), then {@code channelInactive}.</li>
 * <li>A close frame the application writes starts the closing handshake: data frames written after
 *     it fail and are released; the peer's close frame ends the connection, and if it does not come
 *     within {@code closeTimeoutMillis} the connection is closed anyway.</li>
 * </ul>
 * Place after the frame decoder (and aggregator). Runs on the channel's event loop; one instance
 * per connection.
 */
public final class WebSocketControlHandler implements ChannelHandler {
    private static final Logger log = LoggerFactory.getLogger(WebSocketControlHandler.class);
    /** Default wait for the peer's close frame after ours, in milliseconds: 10 s. */
    public static final long DEFAULT_CLOSE_TIMEOUT_MILLIS = 10_000;

    /** How long to wait for the peer's close frame after sending ours, in milliseconds. */
    private final long closeTimeoutMillis;
    /** Our close frame was written: no more data frames go out. */
    private boolean closeSent;
    /** What the peer's close frame said ({@code clean} not yet known), or null before it came. */
    private WebSocketClosed received;
    private ScheduledFuture<?> closeTimeout;

    private WebSocketControlHandler(long closeTimeoutMillis) {
        if (closeTimeoutMillis <= 0) {
            throw new IllegalArgumentException("closeTimeoutMillis: " + closeTimeoutMillis + " (expected: > 0)");
        }
        this.closeTimeoutMillis = closeTimeoutMillis;
    }

    /** A handler waiting at most {@code closeTimeoutMillis} for the peer's close frame. */
    public static WebSocketControlHandler create(long closeTimeoutMillis) {
        return new WebSocketControlHandler(closeTimeoutMillis);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof WebSocketFrame frame) || frame.isData()) {
            ctx.fireChannelRead(msg);
            return;
        }
        switch (frame.opcode()) {
            case PING -> {
                if (closeSent) {
                    frame.release();
                } else {
                    ctx.writeAndFlush(WebSocketFrame.pong(frame.content()), ctx.voidPromise()); // payload moves on
                }
            }
            case CLOSE -> peerClosed(ctx, frame);
            default -> frame.release(); // a pong
        }
    }

    private void peerClosed(ChannelHandlerContext ctx, WebSocketFrame frame) {
        WebSocketCloseStatus status;
        try {
            status = frame.closeStatus();
        } finally {
            frame.release();
        }
        log.debug("{}: peer closed with {}", ctx.channel(), status);
        if (received != null) {
            return; // a second close frame: the connection is closing already
        }
        received = status == null ? new WebSocketClosed(WebSocketClosed.NO_STATUS_RECEIVED, "", false)
                : new WebSocketClosed(status.code(), status.reason(), false);
        if (closeSent) {
            ctx.close(); // the handshake is complete
            return;
        }
        closeSent = true;
        // echoes the reason too (as Netty's protocol handler does): the side that started sees it came back
        WebSocketFrame echo = status == null ? WebSocketFrame.closeWithoutStatus() : WebSocketFrame.close(status);
        ctx.writeAndFlush(echo).addListener(f -> ctx.close());
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof WebSocketFrame frame) {
            if (closeSent) {
                frame.release();
                promise.tryFailure(new IllegalStateException("write: " + frame.opcode()
                        + " after the close frame (expected: nothing after close)"));
                return;
            }
            if (frame.opcode() == WebSocketOpcode.CLOSE) {
                closeSent = true;
                closeTimeout = ctx.executor().schedule(() -> {
                    log.debug("{}: no close frame from the peer within {} ms: closing", ctx.channel(),
                            closeTimeoutMillis);
                    ctx.close();
                }, closeTimeoutMillis, TimeUnit.MILLISECONDS);
            }
        }
        ctx.write(msg, promise);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        cancelTimeout();
        ctx.fireUserEventTriggered(received == null
                ? new WebSocketClosed(WebSocketClosed.ABNORMAL_CLOSURE, "", false)
                : new WebSocketClosed(received.code(), received.reason(), closeSent));
        ctx.fireChannelInactive();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        cancelTimeout();
    }

    private void cancelTimeout() {
        if (closeTimeout != null) {
            closeTimeout.cancel(false);
            closeTimeout = null;
        }
    }
}
