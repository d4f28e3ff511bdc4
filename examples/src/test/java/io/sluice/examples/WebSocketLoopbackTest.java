package io.sluice.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.bootstrap.Bootstrap;
import io.sluice.bootstrap.ServerBootstrap;
import io.sluice.buffer.Buffer;
import io.sluice.buffer.Buffers;
import io.sluice.channel.Channel;
import io.sluice.channel.ChannelFuture;
import io.sluice.channel.ChannelHandler;
import io.sluice.channel.ChannelHandlerContext;
import io.sluice.channel.ChannelInitializer;
import io.sluice.channel.EventLoopGroup;
import io.sluice.codec.http.HttpClientCodec;
import io.sluice.codec.http.HttpObjectAggregator;
import io.sluice.codec.http.HttpRequestDecoder;
import io.sluice.codec.http.HttpResponseEncoder;
import io.sluice.codec.http.HttpServerKeepAliveHandler;
import io.sluice.codec.http.websocket.WebSocketClientHandshakeHandler;
import io.sluice.codec.http.websocket.WebSocketCloseStatus;
import io.sluice.codec.http.websocket.WebSocketClosed;
import io.sluice.codec.http.websocket.WebSocketFrame;
import io.sluice.codec.http.websocket.WebSocketFrameDecoder;
import io.sluice.codec.http.websocket.WebSocketHandshakeCompleted;
import io.sluice.codec.http.websocket.WebSocketKeepAliveHandler;
import io.sluice.codec.http.websocket.WebSocketOpcode;
import io.sluice.codec.http.websocket.WebSocketServerHandshakeHandler;
import io.sluice.transport.nio.NioEventLoopGroup;
import io.sluice.transport.nio.NioServerSocketChannel;
import io.sluice.transport.nio.NioSocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A Sluice WebSocket server and a Sluice WebSocket client over real loopback sockets: messages of
 * several MiB in many fragments both ways through the aggregators, byte-exact; the closing handshake
 * started by either side; the close timeout when the peer never answers; keep-alive pings that a
 * peer leaves unanswered.
 */
@Timeout(60)
class WebSocketLoopbackTest {
    /** The aggregators' limit on both sides: room for the several-MiB messages. */
    private static final int MAX_MESSAGE_BYTES = 8 << 20;
    private static final int WAIT_SECONDS = 20;
    private final EventLoopGroup loops = NioEventLoopGroup.create(2);
    /** The server's side of each upgraded connection, in order. */
    private final BlockingQueue<Channel> serverChannels = new LinkedBlockingQueue<>();
    /** What the server's application saw: echoes it made are not listed, closes are. */
    private final BlockingQueue<WebSocketClosed> serverClosed = new LinkedBlockingQueue<>();

    @AfterEach
    void stop() {
        loops.shutdownGracefully(0, 5, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /** The server's application: echoes each message in fragments of 60,000 bytes; reports closes. */
    private final class EchoInFragments implements ChannelHandler {
        /** Keep-alive ping after this much silence, and as long to answer, in milliseconds; 0: none. */
        private final long keepAliveMillis;

        EchoInFragments(long keepAliveMillis) {
            this.keepAliveMillis = keepAliveMillis;
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
            if (event instanceof WebSocketHandshakeCompleted) {
                if (keepAliveMillis > 0) {
                    WebSocketKeepAliveHandler.addTo(ctx.pipeline(), keepAliveMillis, keepAliveMillis,
                            TimeUnit.MILLISECONDS);
                }
                serverChannels.add(ctx.channel());
            } else if (event instanceof WebSocketClosed closed) {
                serverClosed.add(closed);
            }
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            WebSocketFrame message = (WebSocketFrame) msg;
            writeFragments(ctx.channel(), message.opcode(), message.content(), 60_000);
            message.release();
        }
    }

    /** Writes {@code content} (not consumed, not released) as one message in fragments of {@code fragmentBytes}. */
    private static void writeFragments(Channel ch, WebSocketOpcode opcode, Buffer content, int fragmentBytes) {
        WebSocketOpcode op = opcode;
        Buffer rest = content.duplicate();
        do {
            int n = Math.min(fragmentBytes, rest.readableBytes());
            ch.write(new WebSocketFrame(op, n == rest.readableBytes(), 0, rest.readRetainedSlice(n)));
            op = WebSocketOpcode.CONTINUATION;
        } while (rest.isReadable());
        ch.flush();
    }

    /** The client's application: keeps whole messages and the close; taps (and optionally drops) one control opcode. */
    private static final class ClientApp implements ChannelHandler {
        final BlockingQueue<WebSocketFrame> messages = new LinkedBlockingQueue<>();
        final BlockingQueue<WebSocketClosed> closed = new LinkedBlockingQueue<>();
        final BlockingQueue<Channel> upgraded = new LinkedBlockingQueue<>();
        /** One entry per frame of the tapped opcode that arrived. */
        final BlockingQueue<WebSocketOpcode> tapped = new LinkedBlockingQueue<>();
        /** A control opcode to watch before the control handler sees it, or null. */
        private final WebSocketOpcode tap;
        /** Whether frames of {@link #tap} are dropped (never answered) rather than passed on. */
        private final boolean drop;

        ClientApp(WebSocketOpcode tap, boolean drop) {
            this.tap = tap;
            this.drop = drop;
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
            if (event instanceof WebSocketHandshakeCompleted) {
                if (tap != null) {
                    ctx.pipeline().addBefore("ws-control", "tap", new ChannelHandler() {
                        @Override
                        public void channelRead(ChannelHandlerContext c, Object msg) {
                            if (msg instanceof WebSocketFrame f && f.opcode() == tap) {
                                tapped.add(tap);
                                if (drop) {
                                    f.release();
                                    return;
                                }
                            }
                            c.fireChannelRead(msg);
                        }
                    });
                }
                upgraded.add(ctx.channel());
            } else if (event instanceof WebSocketClosed c) {
                closed.add(c);
            }
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            messages.add((WebSocketFrame) msg);
        }
    }

    private int startServer(long closeTimeoutMillis, long keepAliveMillis) throws Exception {
        WebSocketServerHandshakeHandler upgrade = WebSocketServerHandshakeHandler.builder("/ws")
                .maxMessageBytes(MAX_MESSAGE_BYTES).closeTimeoutMillis(closeTimeoutMillis).build();
        Channel server = ServerBootstrap.create().group(loops).channel(NioServerSocketChannel::new)
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast(new HttpRequestDecoder(), new HttpResponseEncoder(),
                                new HttpServerKeepAliveHandler(), new HttpObjectAggregator(), upgrade,
                                new EchoInFragments(keepAliveMillis));
                    }
                }).bind("127.0.0.1", 0).sync().channel();
        return ((java.net.InetSocketAddress) server.localAddress()).getPort();
    }

    private Channel connect(int port, ClientApp app) throws Exception {
        ChannelFuture f = Bootstrap.create().group(loops).channel(NioSocketChannel::new)
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        HttpClientCodec.addTo(ch.pipeline());
                        ch.pipeline().addLast(WebSocketClientHandshakeHandler.create("127.0.0.1", "/ws", List.of(),
                                WebSocketFrameDecoder.DEFAULT_MAX_FRAME_PAYLOAD, MAX_MESSAGE_BYTES), app);
                    }
                }).connect("127.0.0.1", port);
        assertTrue(f.await(WAIT_SECONDS, TimeUnit.SECONDS) && f.isSuccess(), "connected");
        Channel upgraded = poll(app.upgraded);
        assertEquals(f.channel(), upgraded);
        return upgraded;
    }

    private static <T> T poll(BlockingQueue<T> q) throws InterruptedException {
        T t = q.poll(WAIT_SECONDS, TimeUnit.SECONDS);
        assertNotNull(t, "nothing within " + WAIT_SECONDS + " s");
        return t;
    }

    private static void awaitClosed(Channel ch, String who) throws InterruptedException {
        assertTrue(ch.closeFuture().await(WAIT_SECONDS, TimeUnit.SECONDS), who + " closed its TCP connection");
        assertTrue(!ch.isOpen(), who);
    }

    /** Sends {@code data} in fragments of {@code fragmentBytes}; the echo (other fragment sizes) must come back whole and exact. */
    private static void roundTrip(Channel client, ClientApp app, WebSocketOpcode opcode, byte[] data, int fragmentBytes)
            throws Exception {
        Buffer content = Buffers.wrap(data);
        client.eventLoop().execute(() -> {
            writeFragments(client, opcode, content, fragmentBytes);
            content.release();
        });
        WebSocketFrame echo = poll(app.messages);
        try {
            assertEquals(opcode, echo.opcode());
            assertTrue(echo.fin());
            assertEquals(data.length, echo.content().readableBytes());
            assertArrayEquals(data, Buffers.toByteArray(echo.content()));
        } finally {
            echo.release();
        }
    }

    @Test
    void severalMibInManyFragmentsBothWaysByteExact() throws Exception {
        int port = startServer(10_000, 0);
        ClientApp app = new ClientApp(null, false);
        Channel client = connect(port, app);
        byte[] binary = new byte[(4 << 20) + 123]; // 4 MiB and a bit: 257 fragments up, 70 down
        new Random(16).nextBytes(binary);
        roundTrip(client, app, WebSocketOpcode.BINARY, binary, 16 << 10);
        // 3 MiB of text whose 10,000-byte fragments cut characters of 2, 3 and 4 bytes: UTF-8 checked across fragments
        StringBuilder text = new StringBuilder();
        while (text.length() < 3 << 20) {
            text.append("héllo wörld ✓ 𝄞 ").append(text.length()).append('\n');
        }
        byte[] utf8 = text.toString().getBytes(StandardCharsets.UTF_8);
        assertTrue(utf8.length > 3 << 20, "several MiB: " + utf8.length);
        roundTrip(client, app, WebSocketOpcode.TEXT, utf8, 10_000);
        client.writeAndFlush(WebSocketFrame.close(WebSocketCloseStatus.NORMAL));
        awaitClosed(client, "the client");
        assertEquals(new WebSocketClosed(1000, "", true), poll(app.closed));
    }

    /** Either side starts; both see the code and reason (the echo carries them back) and both TCP ends close. */
    @ParameterizedTest(name = "the server starts: {0}")
    @ValueSource(booleans = {true, false})
    void theClosingHandshakeFromEitherSide(boolean serverStarts) throws Exception {
        int port = startServer(10_000, 0);
        ClientApp app = new ClientApp(null, false);
        Channel client = connect(port, app);
        Channel server = poll(serverChannels);
        WebSocketCloseStatus status = serverStarts ? new WebSocketCloseStatus(4000, "server says bye")
                : new WebSocketCloseStatus(4001, "client done");
        (serverStarts ? server : client).writeAndFlush(WebSocketFrame.close(status));
        awaitClosed(server, "the server");
        awaitClosed(client, "the client");
        WebSocketClosed expected = new WebSocketClosed(status.code(), status.reason(), true);
        assertEquals(expected, poll(app.closed), "at the client");
        assertEquals(expected, poll(serverClosed), "at the server");
    }

    @Test
    void aPeerThatNeverAnswersTheCloseIsCutOffAfterTheCloseTimeout() throws Exception {
        long timeoutMillis = 300;
        int port = startServer(timeoutMillis, 0);
        ClientApp app = new ClientApp(WebSocketOpcode.CLOSE, true);
        Channel client = connect(port, app);
        Channel server = poll(serverChannels);
        long start = System.nanoTime();
        server.writeAndFlush(WebSocketFrame.close(new WebSocketCloseStatus(4002, "anyone there?")));
        awaitClosed(server, "the server");
        long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertTrue(tookMillis >= timeoutMillis, "closed by the timeout, not before: " + tookMillis + " ms");
        awaitClosed(client, "the client");
        WebSocketClosed dropped = new WebSocketClosed(WebSocketClosed.ABNORMAL_CLOSURE, "", false);
        assertEquals(dropped, poll(serverClosed), "no close frame came back");
        assertEquals(dropped, poll(app.closed), "the client never took in the close frame");
    }

    @Test
    void keepAlivePingsLeftUnansweredEndTheConnection() throws Exception {
        int port = startServer(10_000, 200); // ping after 200 ms of silence, 200 ms to answer
        ClientApp app = new ClientApp(WebSocketOpcode.PING, true);
        Channel client = connect(port, app);
        Channel server = poll(serverChannels);
        awaitClosed(server, "the server");
        awaitClosed(client, "the client");
        assertEquals(new WebSocketClosed(WebSocketClosed.ABNORMAL_CLOSURE, "", false), poll(serverClosed));
        WebSocketClosed atClient = poll(app.closed);
        assertEquals(1001, atClient.code(), atClient.toString());
        assertEquals("keep-alive timeout", atClient.reason());
    }

    @Test
    void keepAlivePingsAnsweredKeepTheConnectionOpen() throws Exception {
        int port = startServer(10_000, 100); // pings after 100 ms of silence, answered by the client
        ClientApp app = new ClientApp(WebSocketOpcode.PING, false);
        Channel client = connect(port, app);
        Channel server = poll(serverChannels);
        // a ping goes out only after the last one was answered (a new silent stretch): five in a row
        // mean the pongs came back in time, with the connection otherwise silent
        for (int i = 0; i < 5; i++) {
            poll(app.tapped);
        }
        assertTrue(server.isOpen() && client.isOpen());
        roundTrip(client, app, WebSocketOpcode.TEXT, "still here".getBytes(StandardCharsets.UTF_8), 100);
        client.writeAndFlush(WebSocketFrame.close(WebSocketCloseStatus.NORMAL));
        awaitClosed(client, "the client");
        assertEquals(new WebSocketClosed(1000, "", true), poll(serverClosed));
    }
}
