package io.sluice.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.sluice.bootstrap.Bootstrap;
import io.sluice.channel.Channel;
import io.sluice.channel.ChannelFuture;
import io.sluice.channel.ChannelHandler;
import io.sluice.channel.ChannelHandlerContext;
import io.sluice.channel.ChannelInitializer;
import io.sluice.channel.EventLoopGroup;
import io.sluice.codec.http.HttpClientCodec;
import io.sluice.codec.http.websocket.WebSocketClientHandshakeHandler;
import io.sluice.codec.http.websocket.WebSocketCloseStatus;
import io.sluice.codec.http.websocket.WebSocketFrame;
import io.sluice.transport.nio.NioEventLoopGroup;
import io.sluice.transport.nio.NioSocketChannel;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The ws-chat example over loopback: the page, raw WebSocket clients, and Python's websockets where installed. */
@Timeout(60)
class WsChatServerTest {
    private static final String PYTHON = "/usr/bin/python3";
    private ExampleServer server;
    private int port;

    @BeforeEach
    void start() throws Exception {
        server = WsChatServer.start(ExampleOptions.parse(new String[] {"--port", "0", "--io-threads", "1"}, 0));
        port = server.address().getPort();
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    @Test
    void servesThePage() throws Exception {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(20_000);
            s.getOutputStream().write("GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            s.getInputStream().transferTo(all);
            String wire = all.toString(StandardCharsets.UTF_8);
            assertTrue(wire.startsWith("HTTP/1.1 200 OK\r\n"), wire);
            assertTrue(wire.contains("text/html") && wire.contains("new WebSocket("), wire);
        }
    }

    /** A minimal client: the upgrade request, masked text frames out, unmasked frames in. */
    private static final class RawClient implements AutoCloseable {
        final Socket socket;
        final DataInputStream in;
        final OutputStream out;

        RawClient(int port) throws IOException {
            socket = new Socket("127.0.0.1", port);
            socket.setSoTimeout(20_000);
            in = new DataInputStream(socket.getInputStream());
            out = socket.getOutputStream();
            out.write(("GET /ws HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            StringBuilder head = new StringBuilder();
            while (!head.toString().endsWith("\r\n\r\n")) {
                head.append((char) in.readUnsignedByte());
            }
            assertTrue(head.toString().startsWith("HTTP/1.1 101 "), head.toString());
            assertTrue(head.toString().contains("s3pPLMBiTxaQ9kYGzzhZRbK+xOo="), head.toString());
        }

        void send(String text) throws IOException {
            send(0x81, text.getBytes(StandardCharsets.UTF_8));
        }

        /** Sends a masked frame with first byte {@code b0} and payload {@code p} (under 126 bytes in these tests). */
        void send(int b0, byte[] p) throws IOException {
            byte[] key = {1, 2, 3, 4};
            byte[] frame = new byte[6 + p.length];
            frame[0] = (byte) b0;
            frame[1] = (byte) (0x80 | p.length);
            System.arraycopy(key, 0, frame, 2, 4);
            for (int i = 0; i < p.length; i++) {
                frame[6 + i] = (byte) (p[i] ^ key[i & 3]);
            }
            out.write(frame);
        }

        /** The next text message (frames from this server are short and unfragmented). */
        String receive() throws IOException {
            int b0 = in.readUnsignedByte();
            int length = in.readUnsignedByte();
            assertEquals(0x81, b0);
            byte[] p = new byte[length];
            in.readFully(p);
            return new String(p, StandardCharsets.UTF_8);
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    @Test
    void twoRawClientsChatWithJoinAndLeaveNotices() throws Exception {
        try (RawClient alice = new RawClient(port); RawClient bob = new RawClient(port)) {
            assertTrue(alice.receive().startsWith("* welcome"));
            assertTrue(bob.receive().startsWith("* welcome"));
            alice.send("alice");
            assertEquals("* alice joined", alice.receive());
            bob.send("bob");
            assertEquals("* bob joined", alice.receive());
            assertEquals("* bob joined", bob.receive());
            alice.send("hello, bob");
            assertEquals("alice: hello, bob", alice.receive());
            assertEquals("alice: hello, bob", bob.receive());
            bob.socket.close();
            assertEquals("* bob left", alice.receive());
        }
    }

    @Test
    void aSilentClientIsPingedAndStaysWhenItAnswers() throws Exception {
        ExampleServer pinging = WsChatServer.start(ExampleOptions.parse(
                new String[] {"--port", "0", "--io-threads", "1", "--ping-seconds", "1"}, 0));
        try (RawClient carol = new RawClient(pinging.address().getPort())) {
            assertTrue(carol.receive().startsWith("* welcome"));
            // silent for a second: the keep-alive ping comes (the read waits for it)
            assertEquals(0x89, carol.in.readUnsignedByte(), "a ping");
            assertEquals(0, carol.in.readUnsignedByte(), "unmasked, empty");
            carol.send(0x8A, new byte[0]);
            carol.send("carol");
            assertEquals("* carol joined", carol.receive());
        } finally {
            pinging.stop();
        }
    }

    @Test
    void sluiceClientsUpgradeChatAndCloseCleanly() throws Exception {
        EventLoopGroup loops = NioEventLoopGroup.create(1);
        try {
            BlockingQueue<String> aliceGot = new LinkedBlockingQueue<>();
            BlockingQueue<String> bobGot = new LinkedBlockingQueue<>();
            Channel alice = connect(loops, aliceGot);
            Channel bob = connect(loops, bobGot);
            assertTrue(poll(aliceGot).startsWith("* welcome"));
            assertTrue(poll(bobGot).startsWith("* welcome"));
            alice.writeAndFlush(WebSocketFrame.text("alice"));
            assertEquals("* alice joined", poll(aliceGot));
            bob.writeAndFlush(WebSocketFrame.text("bob"));
            assertEquals("* bob joined", poll(bobGot));
            String long7k = "é".repeat(3500); // 7000 bytes: the 16-bit length form, under the 8 KiB limit
            bob.writeAndFlush(WebSocketFrame.text(long7k));
            assertEquals("* bob joined", poll(aliceGot));
            assertEquals("bob: " + long7k, poll(aliceGot));
            assertEquals("bob: " + long7k, poll(bobGot));
            bob.writeAndFlush(WebSocketFrame.close(WebSocketCloseStatus.NORMAL)); // the client starts the close
            assertTrue(bob.closeFuture().await(20, TimeUnit.SECONDS), "the server echoed the close and closed");
            assertEquals("* bob left", poll(aliceGot));
            alice.close().sync();
        } finally {
            loops.shutdownGracefully(0, 5, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    private static String poll(BlockingQueue<String> q) throws InterruptedException {
        String s = q.poll(20, TimeUnit.SECONDS);
        assertNotNull(s, "no message within 20 s");
        return s;
    }

    private Channel connect(EventLoopGroup loops, BlockingQueue<String> got) throws InterruptedException {
        ChannelFuture f = Bootstrap.create().group(loops).channel(NioSocketChannel::new)
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        HttpClientCodec.addTo(ch.pipeline());
                        ch.pipeline().addLast(WebSocketClientHandshakeHandler.create("127.0.0.1", "/ws"));
                        ch.pipeline().addLast(new ChannelHandler() {
                            @Override
                            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                                WebSocketFrame frame = (WebSocketFrame) msg;
                                got.add(frame.text());
                                frame.release();
                            }
                        });
                    }
                }).connect("127.0.0.1", port);
        assertTrue(f.await(20, TimeUnit.SECONDS) && f.isSuccess(), "connected");
        return f.channel();
    }

    @Test
    void pythonWebsocketsClientsInteroperate() throws Exception {
        assumeTrue(pythonHasWebsockets(), PYTHON + " cannot import websockets (Debian package python3-websockets):"
                + " the interop check is skipped");
        Path script = Files.createTempFile("ws-chat", ".py");
        Files.writeString(script, """
                import asyncio, sys, websockets
                async def until(ws, wanted):
                    while True:
                        m = await asyncio.wait_for(ws.recv(), 20)
                        if m == wanted:
                            return
                async def main(port):
                    uri = "ws://127.0.0.1:%d/ws" % port
                    async with websockets.connect(uri) as a, websockets.connect(uri) as b:
                        await a.send("ann")
                        await until(a, "* ann joined")
                        await b.send("ben")
                        await until(a, "* ben joined")
                        await until(b, "* ben joined")
                        await a.send("héllo from ann")
                        await until(a, "ann: héllo from ann")
                        await until(b, "ann: héllo from ann")
                        big = "x" * 5000
                        await b.send(big)
                        await until(a, "ben: " + big)
                        pong = await a.ping(b"hb")
                        await asyncio.wait_for(pong, 20)
                    print("OK")
                asyncio.run(main(int(sys.argv[1])))
                """);
        try {
            Process p = new ProcessBuilder(PYTHON, script.toString(), Integer.toString(port))
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(40, TimeUnit.SECONDS), "python did not finish: " + out);
            assertEquals(0, p.exitValue(), out);
            assertEquals("OK", out.strip());
        } finally {
            Files.deleteIfExists(script);
        }
    }

    private static boolean pythonHasWebsockets() {
        try {
            Process p = new ProcessBuilder(PYTHON, "-c", "import websockets").redirectErrorStream(true).start();
            p.getInputStream().transferTo(OutputStream.nullOutputStream());
            return p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }
}
