package io.sluice.codec.frame;

import io.sluice.buffer.Buffer;
import io.sluice.channel.ChannelHandlerContext;
import io.sluice.codec.DecoderHarness;
import java.nio.ByteOrder;
import java.util.List;

/**
 * Frame decoders that report how many bytes they hold ({@code actualReadableBytes()}) and the
 * most bytes {@code decode} was ever handed, so a test can check nothing is buffered beyond the
 * limit plus one read. They change nothing else.
 */
public final class Probed {
    private Probed() {}

    /** A probing {@link LengthFieldFrameDecoder}. */
    public static final class LengthField extends LengthFieldFrameDecoder implements DecoderHarness.Probe {
        private int peak;

        public LengthField(ByteOrder order, int max, int offset, int fieldLength, int adjustment, int strip,
                TooLongFrameAction action) {
            super(order, max, offset, fieldLength, adjustment, strip, action);
        }

        @Override
        protected void decode(ChannelHandlerContext ctx, Buffer in, List<Object> out) throws Exception {
            peak = Math.max(peak, in.readableBytes());
            super.decode(ctx, in, out);
        }

        @Override
        public int held() {
            return actualReadableBytes();
        }

        @Override
        public int peakAtDecode() {
            return peak;
        }
    }

    /** A probing {@link LineFrameDecoder}. */
    public static final class Line extends LineFrameDecoder implements DecoderHarness.Probe {
        private int peak;

        public Line(int max, boolean strip, TooLongFrameAction action) {
            super(max, strip, action);
        }

        @Override
        protected void decode(ChannelHandlerContext ctx, Buffer in, List<Object> out) throws Exception {
            peak = Math.max(peak, in.readableBytes());
            super.decode(ctx, in, out);
        }

        @Override
        public int held() {
            return actualReadableBytes();
        }

        @Override
        public int peakAtDecode() {
            return peak;
        }
    }

    /** A probing {@link DelimiterFrameDecoder}. */
    public static final class Delimiter extends DelimiterFrameDecoder implements DecoderHarness.Probe {
        private int peak;

        public Delimiter(int max, boolean strip, TooLongFrameAction action, byte[]... delimiters) {
            super(max, strip, action, delimiters);
        }

        @Override
        protected void decode(ChannelHandlerContext ctx, Buffer in, List<Object> out) throws Exception {
            peak = Math.max(peak, in.readableBytes());
            super.decode(ctx, in, out);
        }

        @Override
        public int held() {
            return actualReadableBytes();
        }

        @Override
        public int peakAtDecode() {
            return peak;
        }
    }

    /** A probing {@link FixedLengthFrameDecoder}. */
    public static final class Fixed extends FixedLengthFrameDecoder implements DecoderHarness.Probe {
        private int peak;

        public Fixed(int frameLength) {
            super(frameLength);
        }

        @Override
        protected void decode(ChannelHandlerContext ctx, Buffer in, List<Object> out) throws Exception {
            peak = Math.max(peak, in.readableBytes());
            super.decode(ctx, in, out);
        }

        @Override
        public int held() {
            return actualReadableBytes();
        }

        @Override
        public int peakAtDecode() {
            return peak;
        }
    }

    /** A probing {@link Varint32FrameDecoder}. */
    public static final class Varint32 extends Varint32FrameDecoder implements DecoderHarness.Probe {
        private int peak;

        public Varint32(int max, TooLongFrameAction action) {
            super(max, action);
        }

        @Override
        protected void decode(ChannelHandlerContext ctx, Buffer in, List<Object> out) throws Exception {
            peak = Math.max(peak, in.readableBytes());
            super.decode(ctx, in, out);
        }

        @Override
        public int held() {
            return actualReadableBytes();
        }

        @Override
        public int peakAtDecode() {
            return peak;
        }
    }
}
