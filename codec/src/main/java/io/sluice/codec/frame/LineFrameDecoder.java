package io.sluice.codec.frame;

import io.sluice.buffer.Buffer;
import io.sluice.channel.ChannelHandlerContext;
import io.sluice.codec.ByteToMessageDecoder;
import java.util.List;
import java.util.Objects;

/**
 * Splits input into lines ending in {@code \n} or {@code \r\n}, emitted as retained slices of the
 * input (no copy), with the line ending stripped unless told to keep it.
 *
 * <p>A line longer than {@code maxLength} (not counting its ending) is refused as soon as
 * {@code maxLength + 1} bytes arrive without an ending: a
 * {@link io.sluice.codec.TooLongFrameException}, then per {@link TooLongFrameAction} the stream
 * ends or everything up to the next line ending is skipped. Input that ends in the middle of a
 * line is a {@link io.sluice.codec.CorruptedFrameException}. Bytes already searched are not
 * searched again when more arrive.
 */
public class LineFrameDecoder extends ByteToMessageDecoder {
    private final int maxLength;
    private final boolean stripDelimiter;
    private final TooLongFrameAction tooLongFrameAction;
    /** Bytes after the reader index already known to hold no {@code \n}. */
    private int searched;
    private boolean discarding;

    /** A decoder for lines of at most {@code maxLength} bytes that strips endings and closes on a longer line. */
    public LineFrameDecoder(int maxLength) {
        this(maxLength, true, TooLongFrameAction.CLOSE);
    }

    /**
     * A decoder with every setting.
     *
     * @param maxLength the longest line accepted, not counting its ending
     * @param stripDelimiter whether emitted lines leave out their ending
     * @param tooLongFrameAction what to do with a longer line
     */
    public LineFrameDecoder(int maxLength, boolean stripDelimiter, TooLongFrameAction tooLongFrameAction) {
        super(Frames.checkPositive(maxLength, "maxLength"));
        this.maxLength = maxLength;
        this.stripDelimiter = stripDelimiter;
        this.tooLongFrameAction = Objects.requireNonNull(tooLongFrameAction, "tooLongFrameAction");
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, Buffer in, List<Object> out) throws Exception {
        int start = in.readerIndex();
        int end = in.writerIndex();
        int lf = in.indexOf(start + searched, end, (byte) '\n');
        if (lf < 0) {
            searched = end - start;
            if (discarding) {
                in.skipBytes(searched);
                searched = 0;
            } else if (pendingLength(in, start, end) > maxLength) {
                Frames.tooLong(ctx, tooLongFrameAction, this, "line length", -1, "maxLength", maxLength);
                in.skipBytes(end - start);
                searched = 0;
                discarding = true;
            }
            return;
        }
        searched = 0;
        int next = lf + 1;
        if (discarding) {
            discarding = false;
            in.readerIndex(next);
            return;
        }
        int delimiter = lf > start && in.getByte(lf - 1) == '\r' ? 2 : 1;
        int length = next - delimiter - start;
        if (length > maxLength) {
            Frames.tooLong(ctx, tooLongFrameAction, this, "line length", length, "maxLength", maxLength);
            in.readerIndex(next);
            return;
        }
        if (stripDelimiter) {
            out.add(readFrame(in, length));
            in.readerIndex(next);
        } else {
            out.add(readFrame(in, length + delimiter));
        }
    }

    /** The length of an unfinished line: a trailing {@code \r} may be the start of its ending. */
    private static int pendingLength(Buffer in, int start, int end) {
        int length = end - start;
        return length > 0 && in.getByte(end - 1) == '\r' ? length - 1 : length;
    }

    @Override
    protected void decodeLast(ChannelHandlerContext ctx, Buffer in, List<Object> out) throws Exception {
        super.decodeLast(ctx, in, out);
        if (in.isReadable() && !discarding) {
            throw Frames.truncated(this, in.readableBytes());
        }
    }
}
