package io.sluice.benchmarks.codec;

import io.netty.buffer.AdaptiveByteBufAllocator;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import io.sluice.buffer.Buffer;
import io.sluice.buffer.BufferAllocator;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.Queue;
import java.util.concurrent.TimeUnit;
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
 * Framing one small outbound message with a 4-byte length field: Sluice's {@code LengthFieldPrepender}
 * against Netty 4.2's, each alone in its framework's {@code EmbeddedChannel}.
 *
 * <p>One operation: allocate a direct buffer of {@link #bodySize} bytes from the channel's allocator
 * and fill it from an array (the message an application would write), {@code write} it with the void
 * promise, {@code flush}, then take everything the channel "sent" off its outbound queue, hand it to
 * a {@link Blackhole} and release it. The two prependers do different work by design: Netty's writes
 * a 4-byte header buffer and the body as two messages; Sluice's copies a body of up to 1 KiB behind
 * the header into one buffer (one gathering-write entry instead of two). Both send the same bytes,
 * which the setup checks.
 *
 * <p>Allocators, leak detection (disabled) and threads as in {@link FrameDecoderBenchmark}.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar LengthFieldPrependerBenchmark -prof gc}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {
    "-Dio.sluice.leakDetection.level=disabled",
    "-Dio.netty.leakDetection.level=disabled",
    "-Djmh.executor=CUSTOM",
    "-Djmh.executor.class=io.sluice.benchmarks.pipeline.FastThreadLocalThreadExecutor"})
public class LengthFieldPrependerBenchmark {

    /** Bytes of the message written. */
    @Param({"32", "128"})
    public int bodySize;

    /** {@code sluice}; {@code netty} (adaptive allocator, Netty 4.2's default); {@code nettyPooled}. */
    @Param({"sluice", "netty", "nettyPooled"})
    public String impl;

    private byte[] body;
    private Encoder encoder;

    @Setup(Level.Trial)
    public void setup() {
        body = new byte[bodySize];
        for (int i = 0; i < bodySize; i++) {
            body[i] = (byte) (i * 13 + 7);
        }
        switch (impl) {
            case "sluice":
                encoder = new SluiceEncoder(body);
                break;
            case "netty":
                check(ByteBufAllocator.DEFAULT instanceof AdaptiveByteBufAllocator,
                        "Netty's default allocator is not the adaptive one");
                encoder = new NettyEncoder(body, ByteBufAllocator.DEFAULT);
                break;
            case "nettyPooled":
                encoder = new NettyEncoder(body, PooledByteBufAllocator.DEFAULT);
                break;
            default:
                throw new IllegalArgumentException("unknown impl: " + impl);
        }
        byte[] expected = new byte[4 + bodySize];
        expected[3] = (byte) bodySize; // bodySize < 256: big-endian 0, 0, 0, bodySize
        check(bodySize < 256, "bodySize < 256");
        System.arraycopy(body, 0, expected, 4, bodySize);
        for (int i = 0; i < 3; i++) {
            byte[] sent = encoder.writeAndCollect();
            check(Arrays.equals(sent, expected), "sent " + Arrays.toString(sent) + ", expected "
                    + Arrays.toString(expected));
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        encoder.close();
    }

    /** @return the bytes sent, so nothing is eliminated */
    @Benchmark
    public int encode(Blackhole bh) {
        return encoder.writeFlushDrain(bh);
    }

    private void check(boolean ok, String what) {
        if (!ok) {
            throw new IllegalStateException("LengthFieldPrependerBenchmark " + impl + "/" + bodySize
                    + " setup check failed: " + what);
        }
    }

    /** One framework's channel with [prepender]. */
    interface Encoder {
        /** Writes one message, flushes, drains and releases the output. @return bytes sent */
        int writeFlushDrain(Blackhole bh);

        /** Writes one message, flushes, drains. @return the bytes sent, in order */
        byte[] writeAndCollect();

        void close();
    }

    static final class SluiceEncoder implements Encoder {
        private final byte[] body;
        private final io.sluice.channel.embedded.EmbeddedChannel channel =
                new io.sluice.channel.embedded.EmbeddedChannel(new io.sluice.codec.frame.LengthFieldPrepender(4));
        private final BufferAllocator alloc = channel.alloc();
        private final io.sluice.channel.ChannelPromise voidPromise = channel.voidPromise();
        private final Queue<Object> sent = channel.outboundMessages();

        SluiceEncoder(byte[] body) {
            this.body = body;
        }

        private void writeFlush() {
            Buffer msg = alloc.directBuffer(body.length);
            msg.writeBytes(body);
            channel.write(msg, voidPromise);
            channel.flush();
        }

        @Override
        public int writeFlushDrain(Blackhole bh) {
            writeFlush();
            int bytes = 0;
            Buffer out;
            while ((out = (Buffer) sent.poll()) != null) {
                bytes += out.readableBytes();
                bh.consume(out);
                out.release();
            }
            return bytes;
        }

        @Override
        public byte[] writeAndCollect() {
            writeFlush();
            channel.checkException();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            Buffer out;
            while ((out = (Buffer) sent.poll()) != null) {
                byte[] b = new byte[out.readableBytes()];
                out.getBytes(out.readerIndex(), b);
                all.writeBytes(b);
                out.release();
            }
            return all.toByteArray();
        }

        @Override
        public void close() {
            channel.finishAndReleaseAll();
        }
    }

    static final class NettyEncoder implements Encoder {
        private final byte[] body;
        private final io.netty.channel.embedded.EmbeddedChannel channel;
        private final ByteBufAllocator alloc;
        private final io.netty.channel.ChannelPromise voidPromise;
        private final Queue<Object> sent;

        NettyEncoder(byte[] body, ByteBufAllocator allocator) {
            this.body = body;
            channel = new io.netty.channel.embedded.EmbeddedChannel();
            channel.config().setAllocator(allocator);
            channel.pipeline().addLast(new io.netty.handler.codec.LengthFieldPrepender(4));
            alloc = channel.alloc();
            voidPromise = channel.voidPromise();
            sent = channel.outboundMessages();
        }

        private void writeFlush() {
            ByteBuf msg = alloc.directBuffer(body.length);
            msg.writeBytes(body);
            channel.write(msg, voidPromise);
            channel.flush();
        }

        @Override
        public int writeFlushDrain(Blackhole bh) {
            writeFlush();
            int bytes = 0;
            ByteBuf out;
            while ((out = (ByteBuf) sent.poll()) != null) {
                bytes += out.readableBytes();
                bh.consume(out);
                out.release();
            }
            return bytes;
        }

        @Override
        public byte[] writeAndCollect() {
            writeFlush();
            channel.checkException();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            ByteBuf out;
            while ((out = (ByteBuf) sent.poll()) != null) {
                byte[] b = new byte[out.readableBytes()];
                out.getBytes(out.readerIndex(), b);
                all.writeBytes(b);
                out.release();
            }
            return all.toByteArray();
        }

        @Override
        public void close() {
            channel.finishAndReleaseAll();
        }
    }
}
