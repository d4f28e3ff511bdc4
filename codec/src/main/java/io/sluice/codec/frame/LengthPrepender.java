package io.sluice.codec.frame;

import io.sluice.buffer.Buffer;
import io.sluice.channel.ChannelHandler;
import io.sluice.channel.ChannelHandlerContext;
import io.sluice.channel.ChannelPromise;
import io.sluice.codec.EncoderException;

/**
 * Writes a length header in front of each outbound buffer. A small body is copied behind the
 * header into one buffer (one write, one gathering-array entry); a larger one is written as it is
 * after a separate header buffer, so it is never copied. Other messages pass through.
 */
abstract class LengthPrepender implements ChannelHandler {
    /** Bodies up to this size are copied next to their header. */
    static final int COPY_THRESHOLD = 1024;

    /** Returns the header's size for a body of {@code bodyLength} bytes, or throws if it cannot be framed. */
    abstract int headerLength(int bodyLength);

    /** Writes the header for a body of {@code bodyLength} bytes. */
    abstract void writeHeader(Buffer out, int bodyLength);

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
        if (!(msg instanceof Buffer)) {
            ctx.write(msg, promise);
            return;
        }
        Buffer body = (Buffer) msg;
        int bodyLength = body.readableBytes();
        boolean copy = bodyLength <= COPY_THRESHOLD;
        Buffer head;
        try {
            int headerLength = headerLength(bodyLength);
            head = ctx.alloc().buffer(copy ? headerLength + bodyLength : headerLength);
            writeHeader(head, bodyLength);
        } catch (Throwable t) {
            body.release();
            throw t;
        }
        if (copy) {
            head.writeBytes(body);
            body.release();
            ctx.write(head, promise);
        } else {
            // both go to the same outbound buffer in order: if the header fails, so does the body
            ctx.write(head, ctx.voidPromise());
            ctx.write(body, promise);
        }
    }

    static EncoderException tooLong(Object prepender, long length, String limit) {
        return new EncoderException(Frames.name(prepender) + ": frame length " + length
                + " does not fit " + limit);
    }
}
