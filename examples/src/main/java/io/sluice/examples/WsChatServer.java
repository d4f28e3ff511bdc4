package io.sluice.examples;

import io.sluice.buffer.Buffers;
import io.sluice.channel.AttributeKey;
import io.sluice.channel.Channel;
import io.sluice.channel.ChannelGroup;
import io.sluice.channel.ChannelHandler;
import io.sluice.channel.ChannelHandlerContext;
import io.sluice.codec.http.FullHttpResponse;
import io.sluice.codec.http.HttpHeaderNames;
import io.sluice.codec.http.HttpHeaderValues;
import io.sluice.codec.http.HttpObjectAggregator;
import io.sluice.codec.http.HttpRequestDecoder;
import io.sluice.codec.http.HttpResponseEncoder;
import io.sluice.codec.http.HttpRouter;
import io.sluice.codec.http.HttpServerKeepAliveHandler;
import io.sluice.codec.http.HttpStatus;
import io.sluice.codec.http.websocket.PerMessageDeflateOptions;
import io.sluice.codec.http.websocket.WebSocketFrame;
import io.sluice.codec.http.websocket.WebSocketHandshakeCompleted;
import io.sluice.codec.http.websocket.WebSocketKeepAliveHandler;
import io.sluice.codec.http.websocket.WebSocketOpcode;
import io.sluice.codec.http.websocket.WebSocketServerHandshakeHandler;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * A chat room in the browser: {@code GET /} serves one HTML page with a small plain-JavaScript
 * client; {@code /ws} is the WebSocket endpoint. A client's first text message is its name; every
 * later one goes to everybody in the room as {@code name: text}; joins and leaves are announced as
 * {@code * name joined} and {@code * name left}. Open two browser tabs at http://127.0.0.1:8088/.
 *
 * <p>The pipeline is the HTTP/1.1 codec, {@link WebSocketServerHandshakeHandler} for {@code /ws}
 * (which swaps the HTTP handlers for the frame codec once a client upgrades, compressing messages
 * with permessage-deflate when the client offers it, as browsers do), a router for the page, and
 * the room: a {@link ChannelGroup} of upgraded channels. An upgraded connection silent for
 * {@code --ping-seconds} (30 unless given) is pinged ({@link WebSocketKeepAliveHandler}), which
 * keeps proxies and NATs from dropping an idle chat and drops a client that answers nothing within
 * 10 s.
 */
public final class WsChatServer {
    /** Largest request (the page needs none) and largest chat message, in bytes. */
    private static final int MAX_BYTES = 8192;
    /** Silence before a keep-alive ping unless {@code --ping-seconds} says, in seconds. */
    private static final int DEFAULT_PING_SECONDS = 30;
    /** Time a client has to answer a keep-alive ping, in seconds. */
    private static final long PING_TIMEOUT_SECONDS = 10;
    private static final AttributeKey<String> NAME = AttributeKey.valueOf("ws-chat.name");
    private static final byte[] PAGE = ("""
            <!doctype html>
            <html><head><meta charset="utf-8"><title>Sluice chat</title>
            <style>body{font-family:sans-serif;max-width:40em;margin:2em auto}#log{border:1px solid #ccc;
            height:20em;overflow-y:auto;padding:.5em;white-space:pre-wrap}input{width:80%}</style></head>
            <body><h1>Sluice chat</h1><div id="log"></div>
            <form id="f"><input id="msg" autocomplete="off" placeholder="your name first"><button>Send</button></form>
            <script>
            const log = document.getElementById('log'), msg = document.getElementById('msg');
            const ws = new WebSocket((location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + '/ws');
            function show(text) { const d = document.createElement('div'); d.textContent = text;
              log.appendChild(d); log.scrollTop = log.scrollHeight; }
            ws.onopen = () => show('* connected: type your name');
            ws.onmessage = e => show(e.data);
            ws.onclose = e => show('* disconnected (' + e.code + ')');
            document.getElementById('f').onsubmit = e => { e.preventDefault();
              if (msg.value) { ws.send(msg.value); msg.value = ''; msg.placeholder = 'message'; } };
            </script></body></html>
            """).getBytes(StandardCharsets.UTF_8);

    /** One per server: the room of upgraded channels, each named by its first message. */
    @ChannelHandler.Sharable
    static final class RoomHandler implements ChannelHandler {
        private final ChannelGroup room = ChannelGroup.create("ws-chat");
        /** Silence before a keep-alive ping, in seconds. */
        private final long pingSeconds;

        RoomHandler(long pingSeconds) {
            this.pingSeconds = pingSeconds;
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
            if (event instanceof WebSocketHandshakeCompleted) {
                WebSocketKeepAliveHandler.addTo(ctx.pipeline(), pingSeconds, PING_TIMEOUT_SECONDS, TimeUnit.SECONDS);
                ctx.writeAndFlush(WebSocketFrame.text("* welcome; " + room.size() + " other(s) here; your name?"));
            } else {
                ctx.fireUserEventTriggered(event);
            }
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (!(msg instanceof WebSocketFrame frame)) {
                ctx.fireChannelRead(msg);
                return;
            }
            String text;
            try {
                if (frame.opcode() != WebSocketOpcode.TEXT) {
                    return; // binary messages mean nothing here
                }
                text = frame.text();
            } finally {
                frame.release();
            }
            Channel ch = ctx.channel();
            String name = ch.attr(NAME).get();
            if (name == null) {
                name = text.strip().isEmpty() ? "anonymous" : text.strip();
                ch.attr(NAME).set(name);
                room.add(ch); // removed by the group itself when the channel closes
                room.writeAndFlush(WebSocketFrame.text("* " + name + " joined"));
            } else {
                room.writeAndFlush(WebSocketFrame.text(name + ": " + text));
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            String name = ctx.channel().attr(NAME).get();
            if (name != null) {
                room.writeAndFlush(WebSocketFrame.text("* " + name + " left"));
            }
            ctx.fireChannelInactive();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            // bad frames: the decoder has sent the close frame; a graceful close lets it leave first
            System.out.println("closing " + ctx.channel().remoteAddress() + ": " + cause.getMessage());
            ctx.channel().closeGracefully();
        }
    }

    private WsChatServer() {}

    /** Starts the server as the options say (port 8088 unless given) and returns once it listens. */
    public static ExampleServer start(ExampleOptions options) throws InterruptedException {
        WebSocketServerHandshakeHandler upgrade = WebSocketServerHandshakeHandler.builder("/ws")
                .maxMessageBytes(MAX_BYTES).perMessageDeflate(PerMessageDeflateOptions.defaults()).build();
        HttpRouter pages = HttpRouter.builder().get("/", (request, params) -> {
            FullHttpResponse page = FullHttpResponse.of(HttpStatus.OK, Buffers.wrap(PAGE));
            page.headers().add(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.TEXT_HTML_UTF_8);
            return page;
        }).build();
        RoomHandler room = new RoomHandler(options.intValue("ping-seconds", DEFAULT_PING_SECONDS, 1));
        return RunningServer.start(options, 8088, (pipeline, workers) -> pipeline
                .addLast("decoder", new HttpRequestDecoder())
                .addLast("encoder", new HttpResponseEncoder())
                .addLast("keep-alive", new HttpServerKeepAliveHandler())
                .addLast("aggregator", new HttpObjectAggregator(MAX_BYTES))
                .addLast("upgrade", upgrade)
                .addLast("pages", pages)
                .addLast("room", room));
    }
}
