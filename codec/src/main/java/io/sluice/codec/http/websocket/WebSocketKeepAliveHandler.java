package io.sluice.codec.http.websocket;

import io.sluice.buffer.Buffers;
import io.sluice.channel.ChannelFutureListener;
import io.sluice.channel.ChannelHandlerContext;
import io.sluice.channel.ChannelPipeline;
import io.sluice.concurrent.ScheduledFuture;
import io.sluice.handler.timeout.IdleState;
import io.sluice.handler.timeout.IdleStateEvent;
import io.sluice.handler.timeout.IdleStateHandler;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Optional keep-alive pings for an open WebSocket, through {@link IdleStateHandler}: after
 * {@code idle} without reading anything it sends a ping (empty payload); if nothing at all arrives
 * within {@code timeout} of that ping (the pong, or any other frame), the peer is taken for gone.
 *
 * <p>A peer that answers nothing will not answer a closing handshake either, so on a timeout this
 * handler does not start one: it sends a close frame with 1001 (going away, reason
 * {@code keep-alive timeout}) as a courtesy to a peer that is merely slow, and closes the connection
 * at once, dropping that frame if the socket cannot take it. No close frame was received, so the
 * application's {@link WebSocketClosed} event says 1006 (abnormal closure), as a browser reports a
 * dropped connection. Browsers answer pings but never send them; servers that keep connections
 * alive through proxies and NATs ping every 20 to 60 seconds.
 *
 * <p>Placement: {@link #addTo} puts it right after the frame encoder ({@code ws-encoder}) of an
 * upgraded pipeline, before the decoder, so it counts any bytes read as a sign of life (pongs
 * included, which the {@link WebSocketControlHandler} does not pass on) and its frames are encoded.
 * Add it when the {@link WebSocketHandshakeCompleted} event arrives. Messages pass through untouched
 * (ownership goes on with them). Thread: one instance per channel; every method runs on the channel's
 * event loop. Costs nothing per message beyond the idle handler's time stamp.
 */
public final class WebSocketKeepAliveHandler extends IdleStateHandler {
    private static final Logger log = LoggerFactory.getLogger(WebSocketKeepAliveHandler.class);
    /** The name {@link #addTo} gives the handler. */
    public static final String NAME = "ws-keepalive";
    /** The reason in the close frame sent when the peer answered nothing. */
    static final String TIMEOUT_REASON = "keep-alive timeout";

    /** How long to wait for anything after a ping, in nanoseconds. */
    private final long timeoutNanos;
    private final Runnable timedOut = this::timedOut;
    private ChannelHandlerContext ctx;
    /** The pending timeout of the last ping, or null when no ping waits for an answer. */
    private ScheduledFuture<?> answerDeadline;

    private WebSocketKeepAliveHandler(long idle, long timeout, TimeUnit unit) {
        super(idle, 0, 0, unit, false);
        this.timeoutNanos = unit.toNanos(timeout);
    }

    /**
     * Returns a handler that pings after {@code idle} without reading and closes when nothing
     * arrives within {@code timeout} of the ping.
     *
     * @throws IllegalArgumentException if {@code idle} or {@code timeout} is not positive
     */
    public static WebSocketKeepAliveHandler create(long idle, long timeout, TimeUnit unit) {
        Objects.requireNonNull(unit, "unit");
        if (idle <= 0) {
            throw new IllegalArgumentException("idle: " + idle + " " + unit + " (expected: > 0)");
        }
        if (timeout <= 0) {
            throw new IllegalArgumentException("timeout: " + timeout + " " + unit + " (expected: > 0)");
        }
        return new WebSocketKeepAliveHandler(idle, timeout, unit);
    }

    /**
     * Adds a new handler (see {@link #create}) named {@value #NAME} to {@code upgraded}, a pipeline
     * after the WebSocket handshake, right after its frame encoder, and returns it.
     *
     * @throws IllegalArgumentException if the pipeline has no {@code ws-encoder} (not upgraded yet)
     */
    public static WebSocketKeepAliveHandler addTo(ChannelPipeline upgraded, long idle, long timeout, TimeUnit unit) {
        WebSocketKeepAliveHandler handler = create(idle, timeout, unit);
        if (upgraded.get("ws-encoder") == null) {
            throw new IllegalArgumentException("pipeline: " + upgraded.names()
                    + " (expected: an upgraded WebSocket pipeline with a ws-encoder)");
        }
        upgraded.addAfter("ws-encoder", NAME, handler);
        return handler;
    }

    /** Returns how long it waits for anything after a ping, in {@code unit}. */
    public long timeout(TimeUnit unit) {
        return unit.convert(timeoutNanos, TimeUnit.NANOSECONDS);
    }

    @Override
    protected void channelIdle(ChannelHandlerContext ctx, IdleStateEvent event) {
        if (event.state() != IdleState.READER_IDLE || !event.first() || answerDeadline != null) {
            return; // one ping per silent stretch; the deadline decides the rest
        }
        this.ctx = ctx;
        ctx.writeAndFlush(WebSocketFrame.ping(Buffers.copyOf(new byte[0])), ctx.voidPromise());
        answerDeadline = ctx.executor().schedule(timedOut, timeoutNanos, TimeUnit.NANOSECONDS);
    }

    private void timedOut() {
        answerDeadline = null;
        if (!ctx.channel().isActive()) {
            return;
        }
        log.debug("{}: nothing read within {} ms of a keep-alive ping: closing", ctx.channel(),
                TimeUnit.NANOSECONDS.toMillis(timeoutNanos));
        // the listener observes the frame's likely failure (an unresponsive peer's full socket)
        ctx.writeAndFlush(WebSocketFrame.close(WebSocketCloseStatus.GOING_AWAY.withReason(TIMEOUT_REASON)))
                .addListener(ChannelFutureListener.CLOSE);
        ctx.close();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (answerDeadline != null) {
            cancelDeadline(); // anything is an answer
        }
        super.channelRead(ctx, msg);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        cancelDeadline();
        super.channelInactive(ctx);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        cancelDeadline();
        super.handlerRemoved(ctx);
    }

    private void cancelDeadline() {
        if (answerDeadline != null) {
            answerDeadline.cancel(false);
            answerDeadline = null;
        }
    }
}
