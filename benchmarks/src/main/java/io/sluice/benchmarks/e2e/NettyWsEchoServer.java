package io.sluice.benchmarks.e2e;

import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;

/**
 * The same WebSocket echo server on Netty 4.2 NIO, built from Netty's own WebSocket handlers: one
 * event loop, {@code HttpServerCodec}, {@code HttpObjectAggregator} (1 MiB, as Sluice's), a
 * {@code WebSocketServerProtocolHandler} for the same path (no extensions, frames up to the same
 * 64 KiB, UTF-8 validation of text on, as Sluice always does; it answers pings and the closing
 * handshake), a {@code WebSocketFrameAggregator} bounded like Sluice's message aggregator, and the
 * plain Netty echo server's handler, which writes each message (here: each text or binary frame)
 * back as received and flushes once per read batch. The pooled allocator ({@code --allocator
 * adaptive} for 4.2's default).
 *
 * <pre>java -cp benchmarks.jar io.sluice.benchmarks.e2e.NettyWsEchoServer --port 0 [--seconds 600] [--allocator pooled|adaptive]</pre>
 */
public final class NettyWsEchoServer {
    private NettyWsEchoServer() {}

    public static void main(String[] argv) throws Exception {
        WebSocketServerProtocolConfig config = WebSocketServerProtocolConfig.newBuilder()
                .websocketPath(SluiceWsEchoServer.PATH)
                .checkStartsWith(false)
                .allowExtensions(false)
                .maxFramePayloadLength(SluiceWsEchoServer.MAX_FRAME_PAYLOAD)
                .withUTF8Validator(true)
                .build();
        NettyEchoServer.EchoHandler echo = new NettyEchoServer.EchoHandler();
        NettyServers.serve(argv, p -> p.addLast("codec", new HttpServerCodec())
                .addLast("aggregator", new HttpObjectAggregator(1 << 20))
                .addLast("upgrade", new WebSocketServerProtocolHandler(config))
                .addLast("ws-aggregator", new WebSocketFrameAggregator(SluiceWsEchoServer.MAX_MESSAGE_BYTES))
                .addLast("echo", echo));
    }
}
