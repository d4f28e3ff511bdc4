package io.sluice.benchmarks.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.string.LineSeparator;
import io.sluice.buffer.Buffer;
import io.sluice.buffer.Buffers;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
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
 * Encoding one outbound {@code String} in UTF-8: Sluice's {@code StringEncoder}/{@code LineEncoder}
 * against Netty 4.2's, each alone in its framework's {@code EmbeddedChannel}.
 *
 * <p>One operation: {@code write} the string with the void promise, {@code flush}, take the one
 * buffer the channel "sent" off its outbound queue, hand it to a {@link Blackhole} and release it.
 * Texts: {@code ascii} (63 printable ASCII chars) and {@code mixed}
 * (the same with two non-ASCII chars: both frameworks through the charset). The setup checks the
 * bytes sent are the JDK's encoding (plus {@code "\n"} for the line encoders).
 *
 * <p>Allocators (each framework's default), leak detection (disabled) and threads as in
 * {@link FrameDecoderBenchmark}.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar StringEncoderBenchmark -prof gc}.
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
public class StringEncoderBenchmark {
    private static final Charset UTF_8 = StandardCharsets.UTF_8;
    private static final String ASCII = "The quick brown fox jumps over the lazy dog; 0123456789 ABCDEFG";
    private static final String MIXED = "The quick brown f\u00f6x jumps over the lazy d\u00f6g; 0123456789 ABCDEF";

    /** {@code string} (no framing) or {@code line} (the text and {@code "\n"}). */
    @Param({"string", "line"})
    public String encoder;

    /** {@code ascii} or {@code mixed} (see the class comment). */
    @Param({"ascii", "mixed"})
    public String text;

    /** {@code sluice} or {@code netty}. */
    @Param({"sluice", "netty"})
    public String impl;

    private String message;
    private Sink sink;

    @Setup(Level.Trial)
    public void setup() {
        message = switch (text) {
            case "ascii" -> ASCII;
            case "mixed" -> MIXED;
            default -> throw new IllegalArgumentException("unknown text: " + text);
        };
        boolean line = switch (encoder) {
            case "string" -> false;
            case "line" -> true;
            default -> throw new IllegalArgumentException("unknown encoder: " + encoder);
        };
        sink = switch (impl) {
            case "sluice" -> new SluiceSink(line);
            case "netty" -> new NettySink(line);
            default -> throw new IllegalArgumentException("unknown impl: " + impl);
        };
        byte[] expected = (line ? message + "\n" : message).getBytes(UTF_8);
        for (int i = 0; i < 3; i++) {
            byte[] sent = sink.writeAndCollect(message);
            if (!Arrays.equals(sent, expected)) {
                throw new IllegalStateException("StringEncoderBenchmark " + impl + "/" + encoder + "/" + text
                        + " setup check failed: sent " + Arrays.toString(sent) + ", expected "
                        + Arrays.toString(expected));
            }
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        sink.close();
    }

    /** @return the bytes sent, so nothing is eliminated */
    @Benchmark
    public int encode(Blackhole bh) {
        return sink.writeFlushDrain(message, bh);
    }

    /** One framework's channel with [encoder]; the subclasses speak to each framework's types. */
    abstract static class Sink {
        /** Writes {@code msg} with the void promise and flushes. */
        abstract void writeFlush(String msg);

        /** @return the next buffer the channel sent, or null */
        abstract Object poll();

        abstract int readableBytes(Object buffer);

        abstract byte[] bytes(Object buffer);

        abstract void release(Object buffer);

        abstract void close();

        /** Writes one message, flushes, drains and releases the output. @return bytes sent */
        final int writeFlushDrain(String msg, Blackhole bh) {
            writeFlush(msg);
            Object out = poll();
            int bytes = readableBytes(out);
            bh.consume(out);
            release(out);
            return bytes;
        }

        /** Writes one message, flushes, drains. @return the one buffer's bytes */
        final byte[] writeAndCollect(String msg) {
            writeFlush(msg);
            Object out = poll();
            try {
                if (poll() != null) {
                    throw new IllegalStateException("more than one buffer per string");
                }
                return bytes(out);
            } finally {
                release(out);
            }
        }
    }

    static final class SluiceSink extends Sink {
        private final io.sluice.channel.embedded.EmbeddedChannel channel;
        private final io.sluice.channel.ChannelPromise voidPromise;
        private final Queue<Object> sent;

        SluiceSink(boolean line) {
            channel = new io.sluice.channel.embedded.EmbeddedChannel(line
                    ? new io.sluice.codec.string.LineEncoder(UTF_8)
                    : new io.sluice.codec.string.StringEncoder(UTF_8));
            voidPromise = channel.voidPromise();
            sent = channel.outboundMessages();
        }

        @Override
        void writeFlush(String msg) {
            channel.write(msg, voidPromise);
            channel.flush();
            channel.checkException();
        }

        @Override
        Object poll() {
            return sent.poll();
        }

        @Override
        int readableBytes(Object buffer) {
            return ((Buffer) buffer).readableBytes();
        }

        @Override
        byte[] bytes(Object buffer) {
            return Buffers.toByteArray((Buffer) buffer);
        }

        @Override
        void release(Object buffer) {
            ((Buffer) buffer).release();
        }

        @Override
        void close() {
            channel.finishAndReleaseAll();
        }
    }

    static final class NettySink extends Sink {
        private final io.netty.channel.embedded.EmbeddedChannel channel;
        private final io.netty.channel.ChannelPromise voidPromise;
        private final Queue<Object> sent;

        NettySink(boolean line) {
            channel = new io.netty.channel.embedded.EmbeddedChannel();
            channel.config().setAllocator(ByteBufAllocator.DEFAULT);
            channel.pipeline().addLast(line
                    ? new io.netty.handler.codec.string.LineEncoder(LineSeparator.UNIX, UTF_8)
                    : new io.netty.handler.codec.string.StringEncoder(UTF_8));
            voidPromise = channel.voidPromise();
            sent = channel.outboundMessages();
        }

        @Override
        void writeFlush(String msg) {
            channel.write(msg, voidPromise);
            channel.flush();
            channel.checkException();
        }

        @Override
        Object poll() {
            return sent.poll();
        }

        @Override
        int readableBytes(Object buffer) {
            return ((ByteBuf) buffer).readableBytes();
        }

        @Override
        byte[] bytes(Object buffer) {
            ByteBuf b = (ByteBuf) buffer;
            byte[] copy = new byte[b.readableBytes()];
            b.getBytes(b.readerIndex(), copy);
            return copy;
        }

        @Override
        void release(Object buffer) {
            ((ByteBuf) buffer).release();
        }

        @Override
        void close() {
            channel.finishAndReleaseAll();
        }
    }
}
