package io.sluice.codec.http.websocket;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sluice.buffer.Buffer;
import io.sluice.buffer.Buffers;
import io.sluice.channel.embedded.EmbeddedChannel;
import io.sluice.codec.DecoderHarness;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;

/** Hand-made wire frames and a feeder that decodes them in every split (after DecoderHarness). */
final class WsWire {
    static final int MASK = 0x37FA213D;

    private WsWire() {}

    /** A frame with first byte {@code b0}, {@code payload}, masked with {@link #MASK} when {@code masked}. */
    static byte[] frame(int b0, byte[] payload, boolean masked) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(b0);
        int m = masked ? 0x80 : 0;
        int n = payload.length;
        if (n <= 125) {
            out.write(m | n);
        } else if (n <= 0xFFFF) {
            out.write(m | 126);
            out.write(n >>> 8);
            out.write(n);
        } else {
            out.write(m | 127);
            for (int s = 56; s >= 0; s -= 8) {
                out.write((int) ((long) n >>> s));
            }
        }
        byte[] key = {(byte) (MASK >>> 24), (byte) (MASK >>> 16), (byte) (MASK >>> 8), (byte) MASK};
        if (masked) {
            out.write(key, 0, 4);
        }
        for (int i = 0; i < n; i++) {
            out.write(masked ? payload[i] ^ key[i & 3] : payload[i]);
        }
        return out.toByteArray();
    }

    /** Everything written so far, as ISO-8859-1 text, releasing it. */
    static String written(EmbeddedChannel ch) {
        StringBuilder sb = new StringBuilder();
        Object msg;
        while ((msg = ch.readOutbound()) != null) {
            Buffer b = (Buffer) msg;
            sb.append(b.toString(StandardCharsets.ISO_8859_1));
            b.release();
        }
        return sb.toString();
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] close(int code, String reason) {
        byte[] r = utf8(reason);
        byte[] p = new byte[2 + r.length];
        p[0] = (byte) (code >>> 8);
        p[1] = (byte) code;
        System.arraycopy(r, 0, p, 2, r.length);
        return p;
    }

    /** "OPCODE fin rsv hex" for a frame, releasing it. */
    static String describe(Object msg) {
        WebSocketFrame f = (WebSocketFrame) msg;
        try {
            return f.opcode() + (f.fin() ? " fin" : " more") + " rsv" + f.rsv() + " "
                    + DecoderHarness.hex(Buffers.toByteArray(f.content()));
        } finally {
            f.release();
        }
    }

    /** What one feed produced: the frames described, the exceptions and the close frames sent back. */
    record Result(List<String> frames, List<Throwable> exceptions, List<Integer> closeCodesSent, boolean open) {}

    /** Feeds {@code input} to a fresh channel (server encoder, decoder) in {@code chunks}. */
    static Result feed(Supplier<WebSocketFrameDecoder> decoder, byte[] input, int[] chunks, Random rnd,
            io.sluice.channel.ChannelHandler... more) {
        List<Throwable> exceptions = new ArrayList<>();
        EmbeddedChannel ch = new EmbeddedChannel(WebSocketFrameEncoder.forServer(), decoder.get());
        for (io.sluice.channel.ChannelHandler h : more) {
            ch.pipeline().addLast(h);
        }
        ch.pipeline().addLast(new io.sluice.channel.ChannelHandler() {
            @Override
            public void exceptionCaught(io.sluice.channel.ChannelHandlerContext ctx, Throwable cause) {
                exceptions.add(cause);
            }
        });
        DecoderHarness.ChunkKind[] kinds = DecoderHarness.ChunkKind.values();
        int at = 0;
        for (int size : chunks) {
            if (!ch.isOpen()) {
                break;
            }
            ch.writeInbound(DecoderHarness.chunk(input, at, size, kinds[rnd.nextInt(kinds.length)], rnd));
            at += size;
        }
        boolean open = ch.isOpen();
        List<String> frames = new ArrayList<>();
        Object msg;
        while ((msg = ch.readInbound()) != null) {
            frames.add(describe(msg));
        }
        List<Integer> codes = new ArrayList<>();
        while ((msg = ch.readOutbound()) != null) {
            Buffer b = (Buffer) msg;
            try {
                if ((b.getByte(b.readerIndex()) & 0x0F) == 0x8 && b.readableBytes() >= 4) {
                    codes.add(b.getUnsignedShort(b.readerIndex() + 2));
                }
            } finally {
                b.release();
            }
        }
        ch.finishAndReleaseAll();
        return new Result(frames, exceptions, codes, open);
    }

    /** Feeds {@code input} whole, byte by byte and in random splits; asserts every run gives the same. */
    static Result feedEverywhere(Supplier<WebSocketFrameDecoder> decoder, byte[] input, long seed,
            Supplier<io.sluice.channel.ChannelHandler[]> more) {
        Random rnd = new Random(seed);
        Result whole = feed(decoder, input, DecoderHarness.whole(input.length), rnd, more.get());
        List<int[]> splits = List.of(input.length <= 4096 ? DecoderHarness.byteByByte(input.length)
                        : DecoderHarness.randomSplits(input.length, rnd, 3),
                DecoderHarness.randomSplits(input.length, rnd, 64),
                DecoderHarness.randomSplits(input.length, rnd, Math.max(1, input.length / 3)));
        for (int[] split : splits) {
            Result r = feed(decoder, input, split, rnd, more.get());
            assertEquals(whole.frames(), r.frames(), "frames, split into " + split.length);
            assertEquals(whole.closeCodesSent(), r.closeCodesSent(), "close codes, split into " + split.length);
            assertEquals(whole.exceptions().size(), r.exceptions().size(), "exceptions, split into " + split.length);
            assertEquals(whole.open(), r.open(), "open, split into " + split.length);
        }
        return whole;
    }

    static Result feedEverywhere(Supplier<WebSocketFrameDecoder> decoder, byte[] input) {
        return feedEverywhere(decoder, input, 42, () -> new io.sluice.channel.ChannelHandler[0]);
    }
}
