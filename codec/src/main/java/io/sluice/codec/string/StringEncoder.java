package io.sluice.codec.string;

import io.sluice.buffer.Buffer;
import io.sluice.channel.ChannelHandler;
import io.sluice.channel.ChannelHandlerContext;
import io.sluice.codec.MessageToByteEncoder;
import java.nio.charset.Charset;
import java.util.Objects;

/**
 * Encodes each outbound {@link CharSequence} into bytes in a charset; other messages pass through.
 * It adds no framing: follow it with a prepender, or use {@link LineEncoder}. Sharable.
 */
@ChannelHandler.Sharable
public class StringEncoder extends MessageToByteEncoder<CharSequence> {
    private final Charset charset;
    private final float bytesPerChar;

    /** An encoder for {@code charset}. */
    public StringEncoder(Charset charset) {
        super(CharSequence.class);
        this.charset = Objects.requireNonNull(charset, "charset");
        this.bytesPerChar = charset.newEncoder().averageBytesPerChar();
    }

    @Override
    protected int sizeHint(CharSequence msg) {
        return (int) Math.min(Integer.MAX_VALUE - 8, (long) Math.ceil(msg.length() * (double) bytesPerChar));
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, CharSequence msg, Buffer out) {
        out.writeCharSequence(msg, charset);
    }
}
