package io.sluice.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

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
import io.sluice.codec.http.websocket.PerMessageDeflateOptions;
import io.sluice.codec.http.websocket.WebSocketClientHandshakeHandler;
import io.sluice.codec.http.websocket.WebSocketFrame;
import io.sluice.codec.http.websocket.WebSocketHandshakeCompleted;
import io.sluice.codec.http.websocket.WebSocketOpcode;
import io.sluice.codec.http.websocket.WebSocketServerHandshakeHandler;
import io.sluice.transport.nio.NioEventLoopGroup;
import io.sluice.transport.nio.NioServerSocketChannel;
import io.sluice.transport.nio.NioSocketChannel;
import java.io.BufferedReader;
import java.io.DataInputStream;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * permessage-deflate over loopback: a Sluice server and a Sluice client compressing both ways, and
 * Python's websockets (which offers and accepts compression by default) on either side where it is
 * installed. The server counts the bytes it reads, which shows that compression happened.
 */
@Timeout(60)
class WebSocketDeflateLoopbackTest {
    private static final String PYTHON = "/usr/bin/python3";
    private static final int MAX_MESSAGE = 2 << 20;
    private EventLoopGroup loops;
    private Channel server;
    private int port;
    /** Bytes the server has read off its sockets. */
    private final AtomicLong serverReadBytes = new AtomicLong();

    /** Echoes every data message as it came (text or binary); closes on bad input. */
    @ChannelHandler.Sharable
    static final class Echo implements ChannelHandler {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ctx.writeAndFlush(msg);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.channel().closeGracefully(); // bad input: the codec has sent the close frame
        }
    }

    /** Counts the bytes of each buffer read, then passes it on. */
    @ChannelHandler.Sharable
    final class ReadCounter implements ChannelHandler {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof Buffer b) {
                serverReadBytes.addAndGet(b.readableBytes());
            }
            ctx.fireChannelRead(msg);
        }
    }

    @BeforeEach
    void start() throws Exception {
        loops = NioEventLoopGroup.create(2);
        WebSocketServerHandshakeHandler upgrade = WebSocketServerHandshakeHandler.builder("/echo")
                .maxMessageBytes(MAX_MESSAGE).perMessageDeflate(PerMessageDeflateOptions.defaults()).build();
        Echo echo = new Echo();
        ReadCounter counter = new ReadCounter();
        server = ServerBootstrap.create().group(loops).channel(NioServerSocketChannel::new)
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast("count", counter)
                                .addLast("decoder", new HttpRequestDecoder())
                                .addLast("encoder", new HttpResponseEncoder())
                                .addLast("keep-alive", new HttpServerKeepAliveHandler())
                                .addLast("aggregator", new HttpObjectAggregator())
                                .addLast("upgrade", upgrade)
                                .addLast("echo", echo);
                    }
                })
                .bind("127.0.0.1", 0).sync().channel();
        port = ((InetSocketAddress) server.localAddress()).getPort();
    }

    @AfterEach
    void stop() {
        server.close().syncUninterruptibly();
        loops.shutdownGracefully(0, 5, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /** A Sluice client offering {@code deflate}; its messages (as "OPCODE text") go to {@code got}. */
    private Channel connect(int port, String path, PerMessageDeflateOptions deflate, BlockingQueue<String> got,
            CompletableFuture<Boolean> compressed) throws InterruptedException {
        ChannelFuture f = Bootstrap.create().group(loops).channel(NioSocketChannel::new)
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        HttpClientCodec.addTo(ch.pipeline());
                        ch.pipeline().addLast(WebSocketClientHandshakeHandler.builder("127.0.0.1", path)
                                .maxMessageBytes(MAX_MESSAGE).perMessageDeflate(deflate).build());
                        ch.pipeline().addLast(new ChannelHandler() {
                            @Override
                            public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
                                if (event instanceof WebSocketHandshakeCompleted) {
                                    compressed.complete(ctx.pipeline().get("ws-deflater") != null);
                                }
                            }

                            @Override
                            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                                WebSocketFrame frame = (WebSocketFrame) msg;
                                got.add(frame.opcode() + " " + frame.text());
                                frame.release();
                            }
                        });
                    }
                }).connect("127.0.0.1", port);
        assertTrue(f.await(20, TimeUnit.SECONDS) && f.isSuccess(), "connected");
        return f.channel();
    }

    private static String poll(BlockingQueue<String> q) throws InterruptedException {
        String s = q.poll(20, TimeUnit.SECONDS);
        assertNotNull(s, "no message within 20 s");
        return s;
    }

    /** About {@code bytes} of text that compresses well but is not one repeated byte. */
    private static String compressible(int bytes, int seed) {
        StringBuilder sb = new StringBuilder(bytes + 64);
        for (int i = 0; sb.length() < bytes; i++) {
            sb.append("line ").append((i * 7 + seed) % 100).append(": the quick brown fox jumps over the lazy dog\n");
        }
        return sb.toString();
    }

    @Test
    void sluiceClientAndServerCompressALargeMessageAndManySmallOnesBothWays() throws Exception {
        for (PerMessageDeflateOptions options : new PerMessageDeflateOptions[] {PerMessageDeflateOptions.defaults(),
                PerMessageDeflateOptions.defaults().withServerNoContextTakeover(true).withClientNoContextTakeover(true)
                        .withMinMessageBytes(0).withCompressionLevel(1)}) {
            BlockingQueue<String> got = new LinkedBlockingQueue<>();
            CompletableFuture<Boolean> compressed = new CompletableFuture<>();
            Channel client = connect(port, "/echo", options, got, compressed);
            assertTrue(compressed.get(20, TimeUnit.SECONDS), "permessage-deflate agreed");
            long before = serverReadBytes.get();
            String large = compressible(1 << 20, 1); // 1 MiB in one frame: it is far under 64 KiB compressed
            client.writeAndFlush(WebSocketFrame.text(large));
            assertEquals("TEXT " + large, poll(got));
            String fragmented = compressible(300_000, 2); // and in fragments of 64 KiB
            byte[] bytes = fragmented.getBytes(StandardCharsets.UTF_8);
            for (int at = 0; at < bytes.length; at += 65536) {
                int n = Math.min(65536, bytes.length - at);
                client.write(new WebSocketFrame(at == 0 ? WebSocketOpcode.TEXT : WebSocketOpcode.CONTINUATION,
                        at + n == bytes.length, 0, Buffers.wrap(bytes, at, n)));
            }
            client.flush();
            assertEquals("TEXT " + fragmented, poll(got));
            long smallBytes = 0;
            for (int i = 0; i < 500; i++) {
                String small = "message " + i + " of the many small ones, with some repeated words in it";
                smallBytes += small.length();
                client.writeAndFlush(WebSocketFrame.text(small));
                if (i % 50 == 49) { // a window of 50 in flight
                    for (int j = i - 49; j <= i; j++) {
                        assertEquals("TEXT message " + j + " of the many small ones, with some repeated words in it",
                                poll(got));
                    }
                }
            }
            long wire = serverReadBytes.get() - before;
            long plain = large.length() + bytes.length + smallBytes;
            assertTrue(wire * 4 < plain, "the server read " + wire + " bytes for " + plain + " bytes of messages");
            client.close().sync();
        }
    }

    @Test
    void aClientThatDoesNotOfferCompressionIsServedUncompressed() throws Exception {
        BlockingQueue<String> got = new LinkedBlockingQueue<>();
        CompletableFuture<Boolean> compressed = new CompletableFuture<>();
        Channel client = connect(port, "/echo", null, got, compressed);
        assertEquals(false, compressed.get(20, TimeUnit.SECONDS));
        String text = compressible(10_000, 3);
        client.writeAndFlush(WebSocketFrame.text(text));
        assertEquals("TEXT " + text, poll(got));
        client.close().sync();
    }

    @Test
    void corruptCompressedDataClosesWith1007AndOthersAreStillServed() throws Exception {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(20_000);
            DataInputStream in = new DataInputStream(s.getInputStream());
            s.getOutputStream().write(("GET /echo HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                    + "Sec-WebSocket-Extensions: permessage-deflate\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            StringBuilder head = new StringBuilder();
            while (!head.toString().endsWith("\r\n\r\n")) {
                head.append((char) in.readUnsignedByte());
            }
            assertTrue(head.toString().toLowerCase(java.util.Locale.ROOT)
                    .contains("sec-websocket-extensions: permessage-deflate\r\n"), head.toString());
            // a compressed text frame, mask 0, payload ff ff ff: BTYPE 11 is reserved in RFC 1951
            s.getOutputStream().write(new byte[] {(byte) 0xC1, (byte) 0x83, 0, 0, 0, 0, -1, -1, -1});
            assertEquals(0x88, in.readUnsignedByte(), "a close frame");
            assertEquals(2, in.readUnsignedByte());
            assertEquals(1007, in.readUnsignedShort());
            assertEquals(-1, in.read(), "then the server closes the connection");
        }
        BlockingQueue<String> got = new LinkedBlockingQueue<>();
        CompletableFuture<Boolean> compressed = new CompletableFuture<>();
        Channel client = connect(port, "/echo", PerMessageDeflateOptions.defaults(), got, compressed);
        assertTrue(compressed.get(20, TimeUnit.SECONDS));
        client.writeAndFlush(WebSocketFrame.text("still here, still compressing"));
        assertEquals("TEXT still here, still compressing", poll(got));
        client.close().sync();
    }

    @Test
    void theWsChatExampleCompressesForClientsThatOfferIt() throws Exception {
        ExampleServer chat = WsChatServer.start(ExampleOptions.parse(new String[] {"--port", "0", "--io-threads", "1"},
                0));
        try {
            BlockingQueue<String> got = new LinkedBlockingQueue<>();
            CompletableFuture<Boolean> compressed = new CompletableFuture<>();
            Channel client = connect(chat.address().getPort(), "/ws", PerMessageDeflateOptions.defaults(), got,
                    compressed);
            assertTrue(compressed.get(20, TimeUnit.SECONDS), "permessage-deflate agreed by ws-chat");
            assertTrue(poll(got).startsWith("TEXT * welcome"));
            client.writeAndFlush(WebSocketFrame.text("zoe"));
            assertEquals("TEXT * zoe joined", poll(got));
            String line = "hello ".repeat(500);
            client.writeAndFlush(WebSocketFrame.text(line));
            assertEquals("TEXT zoe: " + line, poll(got));
            client.close().sync();
        } finally {
            chat.stop();
        }
    }

    // ---- Python websockets -----------------------------------------------------------------------

    private static boolean pythonHasWebsockets() {
        return Tools.installed(PYTHON, "-c", "import websockets");
    }

    private static Process python(String script, String... args) throws Exception {
        Path file = Files.createTempFile("ws-deflate", ".py");
        Files.writeString(file, script);
        file.toFile().deleteOnExit();
        String[] command = new String[args.length + 2];
        command[0] = PYTHON;
        command[1] = file.toString();
        System.arraycopy(args, 0, command, 2, args.length);
        return new ProcessBuilder(command).redirectErrorStream(true).start();
    }

    @Test
    void pythonWebsocketsClientNegotiatesCompressionWithTheSluiceServer() throws Exception {
        assumeTrue(pythonHasWebsockets(), PYTHON + " cannot import websockets (Debian package python3-websockets):"
                + " the interop check is skipped");
        Process p = python("""
                import asyncio, sys, websockets
                async def main(port):
                    async with websockets.connect("ws://127.0.0.1:%d/echo" % port, max_size=2**21) as ws:
                        print("extensions:", ws.response_headers.get("Sec-WebSocket-Extensions"))
                        big = "".join("line %d: the quick brown fox\\n" % (i % 100) for i in range(40000))
                        await ws.send(big)
                        assert await asyncio.wait_for(ws.recv(), 20) == big
                        for i in range(200):
                            await ws.send("small %d héllo" % i)
                        for i in range(200):
                            assert await asyncio.wait_for(ws.recv(), 20) == "small %d héllo" % i
                        await ws.send(bytes(range(256)) * 10)
                        assert await asyncio.wait_for(ws.recv(), 20) == bytes(range(256)) * 10
                    print("OK")
                asyncio.run(main(int(sys.argv[1])))
                """, Integer.toString(port));
        long before = serverReadBytes.get();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(40, TimeUnit.SECONDS), "python did not finish: " + out);
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.contains("extensions: permessage-deflate"), out);
        assertTrue(out.strip().endsWith("OK"), out);
        long wire = serverReadBytes.get() - before;
        assertTrue(wire < 200_000, "the server read " + wire + " bytes for about 1.2 MB of messages");
    }

    @Test
    void sluiceClientNegotiatesCompressionWithAPythonWebsocketsServer() throws Exception {
        assumeTrue(pythonHasWebsockets(), PYTHON + " cannot import websockets (Debian package python3-websockets):"
                + " the interop check is skipped");
        Process p = python("""
                import asyncio, sys, websockets
                async def echo(ws, path=None):
                    async for m in ws:
                        await ws.send(m)
                async def main():
                    async with websockets.serve(echo, "127.0.0.1", 0, max_size=2**21) as server:
                        print("port", server.sockets[0].getsockname()[1], flush=True)
                        await asyncio.wait_for(asyncio.get_running_loop().run_in_executor(None, sys.stdin.readline), 50)
                asyncio.run(main())
                """);
        try {
            BufferedReader lines = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            String first = CompletableFuture.supplyAsync(() -> {
                try {
                    return lines.readLine();
                } catch (java.io.IOException e) {
                    throw new IllegalStateException(e);
                }
            }).get(20, TimeUnit.SECONDS);
            assertTrue(first != null && first.startsWith("port "), "python said: " + first);
            int pythonPort = Integer.parseInt(first.substring(5).strip());
            BlockingQueue<String> got = new LinkedBlockingQueue<>();
            CompletableFuture<Boolean> compressed = new CompletableFuture<>();
            Channel client = connect(pythonPort, "/", PerMessageDeflateOptions.defaults(), got, compressed);
            assertTrue(compressed.get(20, TimeUnit.SECONDS), "permessage-deflate agreed with Python");
            String large = compressible(500_000, 4);
            client.writeAndFlush(WebSocketFrame.text(large));
            assertEquals("TEXT " + large, poll(got));
            for (int i = 0; i < 100; i++) {
                client.writeAndFlush(WebSocketFrame.text("small " + i + " of many, compressed with context takeover"));
            }
            for (int i = 0; i < 100; i++) {
                assertEquals("TEXT small " + i + " of many, compressed with context takeover", poll(got));
            }
            client.close().sync();
        } finally {
            p.getOutputStream().close(); // the script ends on end of input
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
    }
}
