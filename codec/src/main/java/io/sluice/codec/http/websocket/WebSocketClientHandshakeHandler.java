package io.sluice.codec.http.websocket;

import io.sluice.buffer.Buffers;
import io.sluice.buffer.ReferenceCounting;
import io.sluice.channel.ChannelHandler;
import io.sluice.channel.ChannelHandlerContext;
import io.sluice.channel.ChannelPipeline;
import io.sluice.codec.http.FullHttpRequest;
import io.sluice.codec.http.FullHttpResponse;
import io.sluice.codec.http.HttpHeaderNames;
import io.sluice.codec.http.HttpHeaderValues;
import io.sluice.codec.http.HttpHeaders;
import io.sluice.codec.http.HttpMethod;
import io.sluice.codec.http.HttpObject;
import io.sluice.codec.http.HttpRequest;
import io.sluice.codec.http.HttpRequestEncoder;
import io.sluice.codec.http.HttpResponseDecoder;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Objects;

/**
 * The client side of the opening handshake (RFC 6455, section 4.1). Place after
 * {@link io.sluice.codec.http.HttpClientCodec}. When the channel is active it sends
 * {@code GET path} with a fresh random {@code Sec-WebSocket-Key}, version 13 and the offered
 * subprotocols; the answer must be 101 with {@code Upgrade: websocket}, {@code Connection: upgrade},
 * the matching {@code Sec-WebSocket-Accept} and, if any, one of the offered subprotocols. Then the
 * HTTP codec leaves, a masking {@link WebSocketFrameEncoder}, an unmasked-only
 * {@link WebSocketFrameDecoder} (with a compressor and a decompressor when permessage-deflate was
 * offered and agreed), optionally a {@link WebSocketMessageAggregator}, and a
 * {@link WebSocketControlHandler} take over, and a {@link WebSocketHandshakeCompleted} event is
 * fired to the handlers after this one.
 *
 * <p>Any other answer fires a {@link WebSocketProtocolException} naming what was wrong (status 1002;
 * no close frame is sent since no WebSocket was opened) and closes the channel. Runs on the
 * channel's event loop; one instance per connection; releases the response it reads.
 */
public final class WebSocketClientHandshakeHandler implements ChannelHandler {
    private static final SecureRandom KEYS = new SecureRandom();

    private final String host;
    private final String path;
    private final List<String> subprotocols;
    private final int maxFramePayloadBytes;
    private final int maxMessageBytes;
    /** What this client offers of permessage-deflate, or null to offer nothing. */
    private final PerMessageDeflateOptions deflate;
    private String expectedAccept;

    private WebSocketClientHandshakeHandler(String host, String path, List<String> subprotocols,
            int maxFramePayloadBytes, int maxMessageBytes, PerMessageDeflateOptions deflate) {
        this.host = Objects.requireNonNull(host, "host");
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("path: \"" + path + "\" (expected: starting with /)");
        }
        this.path = path;
        this.subprotocols = List.copyOf(subprotocols);
        WebSocketFrameDecoder.forClient(maxFramePayloadBytes); // checks the limit now
        if (maxMessageBytes < 0) {
            throw new IllegalArgumentException("maxMessageBytes: " + maxMessageBytes + " (expected: >= 0)");
        }
        this.maxFramePayloadBytes = maxFramePayloadBytes;
        this.maxMessageBytes = maxMessageBytes;
        this.deflate = deflate;
    }

    /**
     * A client handshake for {@code path} on {@code host} (the {@code Host} header), offering
     * {@code subprotocols}, with the default limits (64 KiB frames, 1 MiB aggregated messages).
     */
    public static WebSocketClientHandshakeHandler create(String host, String path, String... subprotocols) {
        return create(host, path, List.of(subprotocols), WebSocketFrameDecoder.DEFAULT_MAX_FRAME_PAYLOAD,
                WebSocketMessageAggregator.DEFAULT_MAX_MESSAGE_BYTES);
    }

    /** A client handshake with explicit limits; {@code maxMessageBytes} 0 leaves fragments unaggregated. */
    public static WebSocketClientHandshakeHandler create(String host, String path, List<String> subprotocols,
            int maxFramePayloadBytes, int maxMessageBytes) {
        return new WebSocketClientHandshakeHandler(host, path, subprotocols, maxFramePayloadBytes, maxMessageBytes,
                null);
    }

    /** Returns a builder for a handshake for {@code path} on {@code host} (the {@code Host} header). */
    public static Builder builder(String host, String path) {
        return new Builder(host, path);
    }

    /** Configures a client handshake; not thread-safe. */
    public static final class Builder {
        private final String host;
        private final String path;
        private List<String> subprotocols = List.of();
        private int maxFramePayloadBytes = WebSocketFrameDecoder.DEFAULT_MAX_FRAME_PAYLOAD;
        private int maxMessageBytes = WebSocketMessageAggregator.DEFAULT_MAX_MESSAGE_BYTES;
        private PerMessageDeflateOptions deflate;

        private Builder(String host, String path) {
            this.host = Objects.requireNonNull(host, "host");
            this.path = Objects.requireNonNull(path, "path");
        }

        /** The subprotocols to offer, in order of preference (none unless set). */
        public Builder subprotocols(String... subprotocols) {
            this.subprotocols = List.of(subprotocols);
            return this;
        }

        /** The largest frame payload accepted, in bytes (64 KiB unless set). */
        public Builder maxFramePayloadBytes(int maxFramePayloadBytes) {
            this.maxFramePayloadBytes = maxFramePayloadBytes;
            return this;
        }

        /** The largest aggregated (and inflated) message, in bytes (1 MiB unless set); 0 leaves fragments as they come. */
        public Builder maxMessageBytes(int maxMessageBytes) {
            this.maxMessageBytes = maxMessageBytes;
            return this;
        }

        /**
         * Offers permessage-deflate (RFC 7692) with {@code options}, or nothing when null (the
         * default). The server may decline (the connection then runs uncompressed); an answer that
         * names another extension, a parameter not offered or allowed, or an invalid value fails the
         * handshake.
         */
        public Builder perMessageDeflate(PerMessageDeflateOptions options) {
            this.deflate = options;
            return this;
        }

        /** Returns the handler (one per connection). */
        public WebSocketClientHandshakeHandler build() {
            return new WebSocketClientHandshakeHandler(host, path, subprotocols, maxFramePayloadBytes, maxMessageBytes,
                    deflate);
        }
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        if (ctx.channel().isActive()) {
            sendRequest(ctx);
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        if (expectedAccept == null) {
            sendRequest(ctx);
        }
        ctx.fireChannelActive();
    }

    private void sendRequest(ChannelHandlerContext ctx) {
        byte[] nonce = new byte[16];
        KEYS.nextBytes(nonce);
        String key = Base64.getEncoder().encodeToString(nonce);
        expectedAccept = WebSocketHandshake.accept(key);
        HttpRequest head = HttpRequest.of(HttpMethod.GET, path);
        head.headers().add(HttpHeaderNames.HOST, host)
                .add(HttpHeaderNames.UPGRADE, WebSocketHandshake.WEBSOCKET)
                .add(HttpHeaderNames.CONNECTION, HttpHeaderValues.UPGRADE)
                .add(HttpHeaderNames.SEC_WEBSOCKET_KEY, key)
                .add(HttpHeaderNames.SEC_WEBSOCKET_VERSION, WebSocketHandshake.VERSION);
        if (!subprotocols.isEmpty()) {
            head.headers().add(WebSocketHandshake.SEC_WEBSOCKET_PROTOCOL, String.join(", ", subprotocols));
        }
        if (deflate != null) {
            head.headers().add(WebSocketHandshake.SEC_WEBSOCKET_EXTENSIONS, PerMessageDeflateNegotiation.offer(deflate));
        }
        ctx.writeAndFlush(FullHttpRequest.of(head, Buffers.wrap(new byte[0])), ctx.voidPromise());
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof HttpObject)) {
            ctx.fireChannelRead(msg);
            return;
        }
        String problem;
        HttpHeaders headers = null;
        PerMessageDeflateNegotiation.Agreement compression = null;
        try {
            if (msg instanceof FullHttpResponse response) {
                headers = response.headers();
                problem = check(response);
                if (problem == null) {
                    compression = agreeCompression(headers);
                }
            } else {
                problem = "response: " + msg.getClass().getSimpleName() + " (expected: 101 without content)";
            }
        } catch (IllegalArgumentException badExtensions) {
            problem = badExtensions.getMessage();
        } finally {
            ReferenceCounting.release(msg);
        }
        if (problem != null) {
            ctx.fireExceptionCaught(Violations.protocolError("handshake " + problem));
            ctx.close();
            return;
        }
        switchToFrames(ctx, new WebSocketHandshakeCompleted(path,
                headers.get(WebSocketHandshake.SEC_WEBSOCKET_PROTOCOL), headers), compression);
    }

    /**
     * What the answer's extensions agree, null for none.
     *
     * @throws IllegalArgumentException for an answer that breaks the grammar, names an extension when
     *     none was offered, or answers the offer wrongly
     */
    private PerMessageDeflateNegotiation.Agreement agreeCompression(HttpHeaders headers) {
        List<WebSocketExtension> answer = WebSocketExtension.parse(
                headers.getAll(WebSocketHandshake.SEC_WEBSOCKET_EXTENSIONS));
        if (deflate == null) {
            if (!answer.isEmpty()) {
                throw new IllegalArgumentException("Sec-WebSocket-Extensions: " + answer
                        + " (expected: none, as none was offered)");
            }
            return null;
        }
        return PerMessageDeflateNegotiation.check(answer, deflate);
    }

    /** What is wrong with {@code response}, or null when it accepts the upgrade. */
    private String check(FullHttpResponse response) {
        HttpHeaders headers = response.headers();
        if (response.status().code() != 101) {
            return "status: " + response.status() + " (expected: 101 Switching Protocols)";
        }
        if (!headers.containsToken(HttpHeaderNames.UPGRADE, WebSocketHandshake.WEBSOCKET)) {
            return "Upgrade: " + headers.get(HttpHeaderNames.UPGRADE) + " (expected: websocket)";
        }
        if (!headers.containsToken(HttpHeaderNames.CONNECTION, HttpHeaderValues.UPGRADE)) {
            return "Connection: " + headers.get(HttpHeaderNames.CONNECTION) + " (expected: upgrade)";
        }
        String accept = headers.get(WebSocketHandshake.SEC_WEBSOCKET_ACCEPT);
        if (!expectedAccept.equals(accept)) {
            return "Sec-WebSocket-Accept: " + accept + " (expected: " + expectedAccept + ")";
        }
        String agreed = headers.get(WebSocketHandshake.SEC_WEBSOCKET_PROTOCOL);
        if (agreed != null && !subprotocols.contains(agreed)) {
            return "Sec-WebSocket-Protocol: " + agreed + " (expected: one of " + subprotocols + ")";
        }
        return null;
    }

    private void switchToFrames(ChannelHandlerContext ctx, WebSocketHandshakeCompleted event,
            PerMessageDeflateNegotiation.Agreement compression) {
        ChannelPipeline p = ctx.pipeline();
        ChannelHandlerContext http = p.context(HttpResponseDecoder.class);
        String at = http == null ? ctx.name() : http.name();
        p.addBefore(at, "ws-encoder", WebSocketFrameEncoder.forClient());
        p.addAfter(at, "ws-decoder", WebSocketFrameDecoder.create(false, maxFramePayloadBytes,
                compression == null ? 0 : WebSocketHandshake.RSV1));
        String last = "ws-decoder";
        if (compression != null) {
            p.addAfter("ws-encoder", "ws-deflater", compression.encoder(false, deflate));
            p.addAfter("ws-decoder", "ws-inflater", compression.decoder(false, maxMessageBytes));
            last = "ws-inflater";
        }
        if (maxMessageBytes > 0) {
            p.addAfter(last, "ws-aggregator", new WebSocketMessageAggregator(maxMessageBytes));
        }
        p.replace(this, "ws-control", WebSocketControlHandler.create(WebSocketControlHandler.DEFAULT_CLOSE_TIMEOUT_MILLIS));
        if (p.get(HttpRequestEncoder.class) != null) {
            p.remove(HttpRequestEncoder.class);
        }
        if (http != null) {
            p.remove(HttpResponseDecoder.class); // last: its leftover bytes go to the frame decoder
        }
        p.context("ws-control").fireUserEventTriggered(event);
    }
}
