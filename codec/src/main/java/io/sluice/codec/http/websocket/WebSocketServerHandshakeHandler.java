package io.sluice.codec.http.websocket;

import io.sluice.buffer.Buffers;
import io.sluice.channel.ChannelHandler;
import io.sluice.channel.ChannelHandlerContext;
import io.sluice.channel.ChannelPipeline;
import io.sluice.codec.http.FullHttpRequest;
import io.sluice.codec.http.FullHttpResponse;
import io.sluice.codec.http.HttpHeaderNames;
import io.sluice.codec.http.HttpHeaderValues;
import io.sluice.codec.http.HttpHeaders;
import io.sluice.codec.http.HttpMethod;
import io.sluice.codec.http.HttpObjectAggregator;
import io.sluice.codec.http.HttpRequestDecoder;
import io.sluice.codec.http.HttpResponseEncoder;
import io.sluice.codec.http.HttpServerKeepAliveHandler;
import io.sluice.codec.http.HttpStatus;
import io.sluice.codec.http.HttpVersion;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * Upgrades an HTTP/1.1 connection to WebSocket (RFC 6455, section 4.2) for requests to one path;
 * requests to other paths pass on (to a router, say).
 *
 * <p>Place after {@link HttpObjectAggregator} in a server pipeline of {@link HttpRequestDecoder},
 * {@link HttpResponseEncoder}, {@link HttpServerKeepAliveHandler}, aggregator. For a valid upgrade
 * request it writes {@code 101 Switching Protocols} (with {@code Sec-WebSocket-Accept} and the
 * agreed subprotocol), then rebuilds the pipeline: the HTTP handlers leave, the frame encoder and
 * decoder (with, when permessage-deflate was agreed, a compressor between them and a decompressor
 * after the decoder; and, unless turned off, a {@link WebSocketMessageAggregator}) take the HTTP decoder's
 * place, a {@link WebSocketControlHandler} takes this handler's, bytes that followed the request go
 * to the frame decoder, and a {@link WebSocketHandshakeCompleted} event is fired to the handlers
 * after it.
 *
 * <p>Bad upgrades are answered and the connection closed ({@code Connection: close}): 400 when it
 * is not a WebSocket upgrade (not GET, not HTTP/1.1, no {@code Upgrade: websocket}, no
 * {@code Connection: upgrade}, a key that is not the base64 of 16 bytes), 426 with
 * {@code Sec-WebSocket-Version: 13} for another version, 403 when the origin check refuses the
 * {@code Origin} header, 400 for a {@code Sec-WebSocket-Extensions} header that breaks RFC 6455's
 * grammar (when permessage-deflate is on). The request is released in every case. Sharable: it holds configuration only.
 */
@ChannelHandler.Sharable
public final class WebSocketServerHandshakeHandler implements ChannelHandler {
    private final String path;
    private final List<String> subprotocols;
    private final Predicate<String> originCheck;
    private final int maxFramePayloadBytes;
    /** Largest aggregated message, in bytes, or 0 to pass fragments on unaggregated. */
    private final int maxMessageBytes;
    private final long closeTimeoutMillis;
    /** What this server accepts of permessage-deflate, or null when it declines every offer. */
    private final PerMessageDeflateOptions deflate;

    private WebSocketServerHandshakeHandler(Builder b) {
        this.path = b.path;
        this.subprotocols = List.copyOf(b.subprotocols);
        this.originCheck = b.originCheck;
        this.maxFramePayloadBytes = b.maxFramePayloadBytes;
        this.maxMessageBytes = b.maxMessageBytes;
        this.closeTimeoutMillis = b.closeTimeoutMillis;
        this.deflate = b.deflate;
    }

    /** Returns a builder for upgrades of requests to {@code path} (exact match, without the query). */
    public static Builder builder(String path) {
        return new Builder(path);
    }

    /** Configures a handshake handler; not thread-safe. */
    public static final class Builder {
        private final String path;
        private List<String> subprotocols = List.of();
        private Predicate<String> originCheck = origin -> true;
        private int maxFramePayloadBytes = WebSocketFrameDecoder.DEFAULT_MAX_FRAME_PAYLOAD;
        private int maxMessageBytes = WebSocketMessageAggregator.DEFAULT_MAX_MESSAGE_BYTES;
        private long closeTimeoutMillis = WebSocketControlHandler.DEFAULT_CLOSE_TIMEOUT_MILLIS;
        private PerMessageDeflateOptions deflate;

        private Builder(String path) {
            if (!path.startsWith("/")) {
                throw new IllegalArgumentException("path: \"" + path + "\" (expected: starting with /)");
            }
            this.path = path;
        }

        /** The subprotocols this server speaks; the first the client offers (in its order) is agreed. */
        public Builder subprotocols(String... subprotocols) {
            this.subprotocols = List.of(subprotocols);
            return this;
        }

        /**
         * Decides from the {@code Origin} header (null when absent: not a browser) whether to accept;
         * a refusal is answered 403. Every origin is accepted unless set.
         */
        public Builder originCheck(Predicate<String> originCheck) {
            this.originCheck = Objects.requireNonNull(originCheck, "originCheck");
            return this;
        }

        /** The largest frame payload, in bytes (64 KiB unless set). */
        public Builder maxFramePayloadBytes(int maxFramePayloadBytes) {
            this.maxFramePayloadBytes = maxFramePayloadBytes;
            return this;
        }

        /** The largest aggregated message, in bytes (1 MiB unless set); 0 passes fragments on as they come. */
        public Builder maxMessageBytes(int maxMessageBytes) {
            if (maxMessageBytes < 0) {
                throw new IllegalArgumentException("maxMessageBytes: " + maxMessageBytes + " (expected: >= 0)");
            }
            this.maxMessageBytes = maxMessageBytes;
            return this;
        }

        /** How long to wait for the peer's close frame after ours, in milliseconds (10 s unless set). */
        public Builder closeTimeoutMillis(long closeTimeoutMillis) {
            this.closeTimeoutMillis = closeTimeoutMillis;
            return this;
        }

        /**
         * Accepts permessage-deflate (RFC 7692) offers with {@code options}, or declines them all when
         * null (the default). The first offer this server can honour is agreed; one it cannot (an
         * unknown or repeated parameter, a bad value, {@code server_max_window_bits} below 15, which
         * the JDK's deflater cannot keep to) is declined and the next is tried; with none left the
         * connection runs uncompressed. A {@code Sec-WebSocket-Extensions} header that breaks the
         * grammar of RFC 6455 section 9.1 is answered 400. Offers are not parsed when this is null.
         */
        public Builder perMessageDeflate(PerMessageDeflateOptions options) {
            this.deflate = options;
            return this;
        }

        /** Returns the handler. */
        public WebSocketServerHandshakeHandler build() {
            WebSocketFrameDecoder.forServer(maxFramePayloadBytes); // checks the limit now, not at the first upgrade
            WebSocketControlHandler.create(closeTimeoutMillis);
            return new WebSocketServerHandshakeHandler(this);
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof FullHttpRequest request) || !request.path().equals(path)) {
            ctx.fireChannelRead(msg);
            return;
        }
        HttpHeaders headers = request.headers();
        FullHttpResponse refusal;
        String subprotocol = null;
        PerMessageDeflateNegotiation.Agreement compression = null;
        try {
            refusal = check(request);
            if (refusal == null) {
                subprotocol = agree(headers.get(WebSocketHandshake.SEC_WEBSOCKET_PROTOCOL));
            }
            if (refusal == null && deflate != null) {
                compression = PerMessageDeflateNegotiation.accept(
                        WebSocketExtension.parse(headers.getAll(WebSocketHandshake.SEC_WEBSOCKET_EXTENSIONS)), deflate);
            }
        } catch (IllegalArgumentException malformedExtensions) {
            refusal = refuse(HttpStatus.BAD_REQUEST, malformedExtensions.getMessage());
        } finally {
            request.release();
        }
        if (refusal != null) {
            refusal.headers().add(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            ctx.writeAndFlush(refusal, ctx.voidPromise());
            return;
        }
        FullHttpResponse response = FullHttpResponse.of(HttpStatus.SWITCHING_PROTOCOLS, Buffers.wrap(new byte[0]));
        response.headers()
                .add(HttpHeaderNames.UPGRADE, WebSocketHandshake.WEBSOCKET)
                .add(HttpHeaderNames.CONNECTION, HttpHeaderValues.UPGRADE)
                .add(WebSocketHandshake.SEC_WEBSOCKET_ACCEPT,
                        WebSocketHandshake.accept(headers.get(HttpHeaderNames.SEC_WEBSOCKET_KEY)));
        if (subprotocol != null) {
            response.headers().add(WebSocketHandshake.SEC_WEBSOCKET_PROTOCOL, subprotocol);
        }
        if (compression != null) {
            response.headers().add(WebSocketHandshake.SEC_WEBSOCKET_EXTENSIONS, compression.header());
        }
        ctx.writeAndFlush(response, ctx.voidPromise()); // encoded now, while the HTTP encoder is still here
        switchToFrames(ctx, new WebSocketHandshakeCompleted(path, subprotocol, headers), compression);
    }

    /** Returns the answer refusing {@code request}, or null when it is a valid upgrade. */
    private FullHttpResponse check(FullHttpRequest request) {
        HttpHeaders headers = request.headers();
        if (request.method() != HttpMethod.GET) {
            return refuse(HttpStatus.BAD_REQUEST, "method: " + request.method() + " (expected: GET)");
        }
        if (request.version() != HttpVersion.HTTP_1_1) {
            return refuse(HttpStatus.BAD_REQUEST, "version: " + request.version() + " (expected: HTTP/1.1)");
        }
        if (!headers.containsToken(HttpHeaderNames.UPGRADE, WebSocketHandshake.WEBSOCKET)) {
            return refuse(HttpStatus.BAD_REQUEST, "Upgrade: " + headers.get(HttpHeaderNames.UPGRADE)
                    + " (expected: websocket)");
        }
        if (!headers.containsToken(HttpHeaderNames.CONNECTION, HttpHeaderValues.UPGRADE)) {
            return refuse(HttpStatus.BAD_REQUEST, "Connection: " + headers.get(HttpHeaderNames.CONNECTION)
                    + " (expected: upgrade)");
        }
        String version = headers.get(HttpHeaderNames.SEC_WEBSOCKET_VERSION);
        if (!WebSocketHandshake.VERSION.equals(version)) {
            FullHttpResponse r = refuse(HttpStatus.of(426), "Sec-WebSocket-Version: " + version + " (expected: 13)");
            r.headers().add(HttpHeaderNames.SEC_WEBSOCKET_VERSION, WebSocketHandshake.VERSION);
            return r;
        }
        String key = headers.get(HttpHeaderNames.SEC_WEBSOCKET_KEY);
        if (!WebSocketHandshake.isValidKey(key)) {
            return refuse(HttpStatus.BAD_REQUEST, "Sec-WebSocket-Key: " + key + " (expected: base64 of 16 bytes)");
        }
        String origin = headers.get(HttpHeaderNames.ORIGIN);
        if (!originCheck.test(origin)) {
            return refuse(HttpStatus.FORBIDDEN, "Origin: " + origin + " (expected: an origin this server accepts)");
        }
        return null;
    }

    private static FullHttpResponse refuse(HttpStatus status, String why) {
        return FullHttpResponse.ofText(status, status + ": " + why + "\n");
    }

    /** The first subprotocol in the client's {@code offer} that this server speaks, or null. */
    private String agree(String offer) {
        if (offer == null || subprotocols.isEmpty()) {
            return null;
        }
        for (String token : offer.split(",")) {
            String p = token.strip();
            if (subprotocols.contains(p)) {
                return p;
            }
        }
        return null;
    }

    private void switchToFrames(ChannelHandlerContext ctx, WebSocketHandshakeCompleted event,
            PerMessageDeflateNegotiation.Agreement compression) {
        ChannelPipeline p = ctx.pipeline();
        ChannelHandlerContext http = p.context(HttpRequestDecoder.class);
        String at = http == null ? ctx.name() : http.name();
        WebSocketFrameDecoder decoder = WebSocketFrameDecoder.create(true, maxFramePayloadBytes,
                compression == null ? 0 : WebSocketHandshake.RSV1);
        if (http == null) { // no HTTP decoder to replace: the frame codec goes where this handler is
            p.addBefore(at, "ws-encoder", WebSocketFrameEncoder.forServer());
            p.addBefore(at, "ws-decoder", decoder);
        } else {
            p.addAfter(at, "ws-encoder", WebSocketFrameEncoder.forServer());
            p.addAfter("ws-encoder", "ws-decoder", decoder);
        }
        String last = "ws-decoder";
        if (compression != null) {
            p.addAfter("ws-encoder", "ws-deflater", compression.encoder(true, deflate));
            p.addAfter("ws-decoder", "ws-inflater", compression.decoder(true, maxMessageBytes));
            last = "ws-inflater";
        }
        if (maxMessageBytes > 0) {
            p.addAfter(last, "ws-aggregator", new WebSocketMessageAggregator(maxMessageBytes));
        }
        p.replace(this, "ws-control", WebSocketControlHandler.create(closeTimeoutMillis));
        removeIfPresent(p, HttpObjectAggregator.class);
        removeIfPresent(p, HttpServerKeepAliveHandler.class);
        removeIfPresent(p, HttpResponseEncoder.class);
        removeIfPresent(p, HttpRequestDecoder.class); // last: its leftover bytes go to the frame decoder
        p.context("ws-control").fireUserEventTriggered(event);
    }

    private static void removeIfPresent(ChannelPipeline p, Class<? extends ChannelHandler> type) {
        if (p.get(type) != null) {
            p.remove(type);
        }
    }
}
