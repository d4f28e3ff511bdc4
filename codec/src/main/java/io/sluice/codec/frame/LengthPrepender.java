package io.sluice.codec.frame;

import io.sluice.buffer.Buffer;
import io.sluice.buffer.CompositeBuffer;
import io.sluice.channel.ChannelHandler;
import io.sluice.channel.ChannelHandlerContext;
import io.sluice.channel.ChannelPromise;
import io.sluice.codec.EncoderException;

/**
 * Writes a length header in front of each outbound buffer. A small body is copied behind the
 * header into one buffer (one write, one gathering-array entry); a larger one is not copied: header
 * and body become the two components of one composite buffer. Either way a frame is one message
 * with the caller's promise, so it is written, failed or cancelled whole. Other messages pass through.
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
            ctx.write(frame(ctx, head, body), promise);
        }
    }

    /**
     * Joins header and body into one composite message without copying: one write with one
     * promise, so a promise cancelled before the flush drops the whole frame, never the body alone
     * (which would leave the peer reading the next frame as this one's body). Owns both; on failure
     * releases both.
     */
    private static Buffer frame(ChannelHandlerContext ctx, Buffer head, Buffer body) {
        CompositeBuffer frame;
        try {
            frame = ctx.alloc().compositeBuffer(2);
        } catch (Throwable t) {
            head.release();
            body.release();
            throw t;
        }
        boolean bodyHandedOver = false;
        try {
            frame.addComponent(head); // owns head from here, also when it throws
            bodyHandedOver = true;
            frame.addComponent(body);
            return frame;
        } catch (Throwable t) {
            if (!bodyHandedOver) {
                body.release();
            }
            frame.release();
            throw t;
        }
    }

    static EncoderException tooLong(Object prepender, long length, String limit) {
        return new EncoderException(Frames.name(prepender) + ": frame length: " + length
                + " (expected: " + limit + ")");
    }
}
