package io.sluice.benchmarks.e2e;

import io.sluice.codec.http.HttpObjectAggregator;
import io.sluice.codec.http.HttpRequestDecoder;
import io.sluice.codec.http.HttpResponseEncoder;
import io.sluice.codec.http.HttpServerKeepAliveHandler;
import io.sluice.codec.http.websocket.WebSocketServerHandshakeHandler;

/**
 * The Sluice WebSocket echo server of the end-to-end benchmark ({@code run-e2e.sh ws}): one NIO event
 * loop; the HTTP/1.1 pipeline (decoder, encoder, keep-alive, aggregator) with a
 * {@link WebSocketServerHandshakeHandler} for {@link #PATH}, which swaps it for the frame codec, a
 * message aggregator ({@link #MAX_MESSAGE_BYTES}) and the control handler (pongs, closing handshake),
 * then the plain echo server's handler: each data message is written back as received (same frame,
 * same payload buffer: no copy) and flushed once per read batch. No extension (no
 * permessage-deflate); frames up to {@link #MAX_FRAME_PAYLOAD} bytes. {@link NettyWsEchoServer} is
 * configured alike. Meant for WebSocket clients of {@link #PATH} only: the echo handler would send
 * an HTTP request to another path back as it is, which fails the connection.
 *
 * <pre>java -cp benchmarks.jar io.sluice.benchmarks.e2e.SluiceWsEchoServer --port 0 [--seconds 600]</pre>
 */
public final class SluiceWsEchoServer {
    /** The WebSocket endpoint of both servers. */
    static final String PATH = "/ws";
    /** Largest frame payload both servers accept, in bytes (each framework's default: 64 KiB). */
    static final int MAX_FRAME_PAYLOAD = 64 * 1024;
    /** Largest aggregated message both servers accept, in bytes (Sluice's default: 1 MiB). */
    static final int MAX_MESSAGE_BYTES = 1 << 20;

    private SluiceWsEchoServer() {}

    public static void main(String[] argv) throws Exception {
        WebSocketServerHandshakeHandler upgrade = WebSocketServerHandshakeHandler.builder(PATH)
                .maxFramePayloadBytes(MAX_FRAME_PAYLOAD)
                .maxMessageBytes(MAX_MESSAGE_BYTES)
                .build();
        SluiceEchoServer.EchoHandler echo = new SluiceEchoServer.EchoHandler();
        SluiceServers.serve(argv, p -> p.addLast("decoder", new HttpRequestDecoder())
                .addLast("encoder", new HttpResponseEncoder())
                .addLast("keep-alive", new HttpServerKeepAliveHandler())
                .addLast("aggregator", new HttpObjectAggregator())
                .addLast("upgrade", upgrade)
                .addLast("echo", echo));
    }
}
