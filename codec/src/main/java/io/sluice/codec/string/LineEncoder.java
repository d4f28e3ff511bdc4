package io.sluice.codec.string;

import io.sluice.buffer.Buffer;
import io.sluice.channel.ChannelHandler;
import io.sluice.channel.ChannelHandlerContext;
import io.sluice.codec.MessageToByteEncoder;
import java.nio.charset.Charset;
import java.util.Arrays;
import java.util.Objects;

/**
 * Encodes each outbound {@link CharSequence} as one line: its bytes in a charset, then a line
 * separator ({@code "\n"} unless told otherwise). The encoder for
 * {@link io.sluice.codec.frame.LineFrameDecoder}. Other messages pass through. Sharable.
 */
@ChannelHandler.Sharable
public class LineEncoder extends MessageToByteEncoder<CharSequence> {
    private final Charset charset;
    private final byte[] separator;
    private final float bytesPerChar;

    /** An encoder ending each line with {@code "\n"}. */
    public LineEncoder(Charset charset) {
        this("\n", charset);
    }

    /** An encoder ending each line with {@code separator} (such as {@code "\r\n"}). */
    public LineEncoder(String separator, Charset charset) {
        super(CharSequence.class);
        Objects.requireNonNull(charset, "charset");
        Objects.requireNonNull(separator, "separator");
        if (separator.isEmpty()) {
            throw new IllegalArgumentException("separator: \"\" (expected: at least one character)");
        }
        this.charset = charset;
        this.separator = continuationBytes(separator, charset);
        this.bytesPerChar = charset.newEncoder().averageBytesPerChar();
    }

    /**
     * Returns the bytes of {@code text} as they follow other text: without the byte-order mark or
     * shift state a charset such as UTF-16 puts at the start of every separate encoding.
     */
    private static byte[] continuationBytes(String text, Charset charset) {
        byte[] prefix = "x".getBytes(charset);
        byte[] both = ("x" + text).getBytes(charset);
        for (int i = 0; i < prefix.length; i++) {
            if (both[i] != prefix[i]) {
                return text.getBytes(charset); // not prefix-stable: fall back to a separate encoding
            }
        }
        return Arrays.copyOfRange(both, prefix.length, both.length);
    }

    @Override
    protected int sizeHint(CharSequence msg) {
        return (int) Math.min(Integer.MAX_VALUE - 8,
                (long) Math.ceil(msg.length() * (double) bytesPerChar) + separator.length);
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, CharSequence msg, Buffer out) {
        out.writeCharSequence(msg, charset);
        out.writeBytes(separator);
    }
}
