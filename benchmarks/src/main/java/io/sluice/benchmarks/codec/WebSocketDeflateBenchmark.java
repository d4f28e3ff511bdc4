package io.sluice.benchmarks.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.handler.codec.http.websocketx.extensions.compression.WebSocketServerCompressionHandler;
import io.sluice.buffer.Buffer;
import io.sluice.buffer.BufferAllocator;
import io.sluice.codec.http.HttpRequestDecoder;
import io.sluice.codec.http.HttpResponseEncoder;
import io.sluice.codec.http.websocket.PerMessageDeflateOptions;
import io.sluice.codec.http.websocket.WebSocketServerHandshakeHandler;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Queue;
import java.util.concurrent.TimeUnit;
import java.util.zip.Deflater;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * A WebSocket server echoing one permessage-deflate text message: Sluice's handshake handler with
 * {@link PerMessageDeflateOptions} (every message compressed, context takeover kept) against Netty
 * 4.2's {@code WebSocketServerCompressionHandler} and {@code WebSocketServerProtocolHandler}, each in
 * its framework's {@code EmbeddedChannel}, upgraded in the setup with the same request.
 *
 * <p>One operation: a masked, compressed client frame (RSV1) of a {@link #size}-byte text message,
 * compressed alone so that it reads the same against any window, is copied into a direct buffer and
 * fired in; the server unmasks, inflates, checks UTF-8, echoes, deflates and encodes; the bytes sent
 * are drained and released. Leak detection off, as in {@link FrameDecoderBenchmark}.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar WebSocketDeflateBenchmark -f 1 -wi 3 -i 5 -w 1 -r 1 -prof gc}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {
    "-Dio.sluice.leakDetection.level=disabled",
    "-Dio.netty.leakDetection.level=disabled",
    "-Djmh.executor=CUSTOM",
    "-Djmh.executor.class=io.sluice.benchmarks.pipeline.FastThreadLocalThreadExecutor"})
public class WebSocketDeflateBenchmark {
    private static final String UPGRADE = "GET /ws HTTP/1.1\r\nHost: h\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            + "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
            + "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits\r\n\r\n";

    /** Bytes of the text message. */
    @Param({"64", "16384"})
    public int size;

    /** {@code sluice} or {@code netty}. */
    @Param({"sluice", "netty"})
    public String impl;

    private byte[] frame;
    private Server server;

    @Setup(Level.Trial)
    public void setup() {
        frame = clientFrame(text(size));
        server = impl.equals("sluice") ? new SluiceServer() : new NettyServer();
        String head = server.upgrade();
        if (!head.startsWith("HTTP/1.1 101") || !head.toLowerCase().contains("permessage-deflate")) {
            throw new IllegalStateException(impl + ": no compressed upgrade: " + head);
        }
        for (int i = 0; i < 3; i++) {
            int sent = server.echo(null);
            if (sent <= 0 || sent >= size + 14) {
                throw new IllegalStateException(impl + ": echo of " + size + " bytes sent " + sent + " bytes");
            }
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        server.close();
    }

    /** @return the bytes sent back */
    @Benchmark
    public int echo(Blackhole bh) {
        return server.echo(bh);
    }

    /** Chat-like text: words that repeat, numbers that change. */
    private static byte[] text(int size) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; sb.length() < size; i++) {
            sb.append("user").append(i % 17).append(" says hello to the room ");
        }
        return sb.substring(0, size).getBytes(StandardCharsets.UTF_8);
    }

    /** A masked client frame carrying {@code message} compressed alone, RSV1 set, tail stripped. */
    private static byte[] clientFrame(byte[] message) {
        Deflater d = new Deflater(6, true);
        d.setInput(message);
        ByteArrayOutputStream z = new ByteArrayOutputStream();
        byte[] chunk = new byte[4096];
        int n;
        do {
            n = d.deflate(chunk, 0, chunk.length, Deflater.SYNC_FLUSH);
            z.write(chunk, 0, n);
        } while (n == chunk.length);
        d.end();
        byte[] payload = z.toByteArray();
        int length = payload.length - 4;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0xC1);
        if (length <= 125) {
            out.write(0x80 | length);
        } else {
            out.write(0x80 | 126);
            out.write(length >>> 8);
            out.write(length);
        }
        byte[] key = {0x12, 0x34, 0x56, 0x78};
        out.write(key, 0, 4);
        for (int i = 0; i < length; i++) {
            out.write(payload[i] ^ key[i & 3]);
        }
        return out.toByteArray();
    }

    /** One framework's upgraded server channel with an echo handler. */
    abstract class Server {
        /** Sends the upgrade request. @return the answer's head */
        abstract String upgrade();

        /** Fires one frame in and drains the echo. @return the bytes sent */
        abstract int echo(Blackhole bh);

        abstract void close();
    }

    final class SluiceServer extends Server {
        private final io.sluice.channel.embedded.EmbeddedChannel channel;
        private final BufferAllocator alloc;
        private final Queue<Object> sent;

        SluiceServer() {
            io.sluice.channel.ChannelHandler echo = new io.sluice.channel.ChannelHandler() {
                @Override
                public void channelRead(io.sluice.channel.ChannelHandlerContext ctx, Object msg) {
                    ctx.writeAndFlush(msg, ctx.voidPromise());
                }
            };
            channel = new io.sluice.channel.embedded.EmbeddedChannel(new HttpRequestDecoder(), new HttpResponseEncoder(),
                    new io.sluice.codec.http.HttpObjectAggregator(), WebSocketServerHandshakeHandler.builder("/ws")
                            .perMessageDeflate(PerMessageDeflateOptions.defaults().withMinMessageBytes(0)).build(),
                    echo);
            alloc = channel.alloc();
            sent = channel.outboundMessages();
        }

        @Override
        String upgrade() {
            channel.writeInbound(io.sluice.buffer.Buffers.copyOf(UPGRADE, StandardCharsets.ISO_8859_1));
            StringBuilder sb = new StringBuilder();
            Object o;
            while ((o = sent.poll()) != null) {
                Buffer b = (Buffer) o;
                sb.append(b.toString(StandardCharsets.ISO_8859_1));
                b.release();
            }
            return sb.toString();
        }

        @Override
        int echo(Blackhole bh) {
            Buffer in = alloc.directBuffer(frame.length).writeBytes(frame);
            channel.pipeline().fireChannelRead(in);
            channel.pipeline().fireChannelReadComplete();
            int bytes = 0;
            Object o;
            while ((o = sent.poll()) != null) {
                Buffer b = (Buffer) o;
                bytes += b.readableBytes();
                if (bh != null) {
                    bh.consume(b);
                }
                b.release();
            }
            return bytes;
        }

        @Override
        void close() {
            channel.finishAndReleaseAll();
        }
    }

    final class NettyServer extends Server {
        private final io.netty.channel.embedded.EmbeddedChannel channel;
        private final ByteBufAllocator alloc;
        private final Queue<Object> sent;

        NettyServer() {
            io.netty.channel.ChannelHandler echo = new io.netty.channel.ChannelInboundHandlerAdapter() {
                @Override
                public void channelRead(io.netty.channel.ChannelHandlerContext ctx, Object msg) {
                    ctx.writeAndFlush(msg, ctx.voidPromise());
                }
            };
            channel = new io.netty.channel.embedded.EmbeddedChannel(new HttpServerCodec(), new HttpObjectAggregator(8192),
                    new WebSocketServerCompressionHandler(1 << 20), new WebSocketServerProtocolHandler("/ws", null, true, 65536),
                    echo);
            alloc = channel.alloc();
            sent = channel.outboundMessages();
        }

        @Override
        String upgrade() {
            channel.writeInbound(io.netty.buffer.Unpooled.copiedBuffer(UPGRADE, StandardCharsets.ISO_8859_1));
            StringBuilder sb = new StringBuilder();
            Object o;
            while ((o = sent.poll()) != null) {
                ByteBuf b = (ByteBuf) o;
                sb.append(b.toString(StandardCharsets.ISO_8859_1));
                b.release();
            }
            return sb.toString();
        }

        @Override
        int echo(Blackhole bh) {
            ByteBuf in = alloc.directBuffer(frame.length).writeBytes(frame);
            channel.pipeline().fireChannelRead(in);
            channel.pipeline().fireChannelReadComplete();
            int bytes = 0;
            Object o;
            while ((o = sent.poll()) != null) {
                ByteBuf b = (ByteBuf) o;
                bytes += b.readableBytes();
                if (bh != null) {
                    bh.consume(b);
                }
                b.release();
            }
            return bytes;
        }

        @Override
        void close() {
            channel.finishAndReleaseAll();
        }
    }
}
