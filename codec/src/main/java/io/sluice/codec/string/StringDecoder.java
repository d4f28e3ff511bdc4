package io.sluice.codec.string;

import io.sluice.buffer.Buffer;
import io.sluice.channel.ChannelHandler;
import io.sluice.channel.ChannelHandlerContext;
import io.sluice.codec.MessageToMessageDecoder;
import java.nio.charset.Charset;
import java.util.List;
import java.util.Objects;

/**
 * Decodes each inbound buffer into a {@link String} in a charset. Put it after a frame decoder:
 * a buffer is not a message boundary, and a multi-byte character split across two reads would be
 * garbled. Malformed input becomes the charset's replacement character. Sharable.
 */
@ChannelHandler.Sharable
public class StringDecoder extends MessageToMessageDecoder<Buffer> {
    private final Charset charset;

    /** A decoder for {@code charset}. */
    public StringDecoder(Charset charset) {
        super(Buffer.class);
        this.charset = Objects.requireNonNull(charset, "charset");
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, Buffer msg, List<Object> out) {
        out.add(msg.toString(charset));
    }
}
