package io.sluice.codec.frame;

import io.sluice.buffer.Buffer;
import io.sluice.channel.ChannelHandlerContext;
import io.sluice.codec.ByteToMessageDecoder;
import java.util.List;

/**
 * Splits input into frames ending in any of several delimiters, emitted as retained slices of the
 * input (no copy), with the delimiter stripped unless told to keep it. Where two delimiters match,
 * the one giving the shorter frame wins (with {@code "\r\n"} and {@code "\n"}, a line ending in
 * {@code "\r\n"} loses both bytes). For plain lines, {@link LineFrameDecoder} is faster.
 *
 * <p>A frame longer than {@code maxFrameLength} (not counting its delimiter) is refused as soon as
 * enough bytes arrive without a delimiter: a {@link io.sluice.codec.TooLongFrameException}, then
 * per {@link TooLongFrameAction} the stream ends or everything up to the next delimiter is
 * skipped. Input that ends inside a frame is a {@link io.sluice.codec.CorruptedFrameException}.
 */
public class DelimiterFrameDecoder extends ByteToMessageDecoder {
    private final byte[][] delimiters;
    private final int longestDelimiter;
    private final int maxFrameLength;
    private final boolean stripDelimiter;
    private final TooLongFrameAction tooLongFrameAction;
    /** Bytes after the reader index known to start no delimiter. */
    private int searched;
    private boolean discarding;

    /** A decoder that strips delimiters and closes the stream on a frame longer than {@code maxFrameLength}. */
    public DelimiterFrameDecoder(int maxFrameLength, byte[]... delimiters) {
        this(maxFrameLength, true, TooLongFrameAction.CLOSE, delimiters);
    }

    /**
     * A decoder with every setting.
     *
     * @param maxFrameLength the longest frame accepted, not counting its delimiter
     * @param stripDelimiter whether emitted frames leave out their delimiter
     * @param tooLongFrameAction what to do with a longer frame
     * @param delimiters the delimiters, at least one, none empty (copied)
     */
    public DelimiterFrameDecoder(int maxFrameLength, boolean stripDelimiter, TooLongFrameAction tooLongFrameAction,
            byte[]... delimiters) {
        this.maxFrameLength = Frames.checkPositive(maxFrameLength, "maxFrameLength");
        this.stripDelimiter = stripDelimiter;
        this.tooLongFrameAction = Frames.checkNotNull(tooLongFrameAction, "tooLongFrameAction");
        if (delimiters == null || delimiters.length == 0) {
            throw new IllegalArgumentException("at least one delimiter is required");
        }
        this.delimiters = new byte[delimiters.length][];
        int longest = 0;
        for (int i = 0; i < delimiters.length; i++) {
            byte[] d = Frames.checkNotNull(delimiters[i], "delimiters[" + i + "]");
            if (d.length == 0) {
                throw new IllegalArgumentException("delimiters[" + i + "] is empty");
            }
            this.delimiters[i] = d.clone();
            longest = Math.max(longest, d.length);
        }
        this.longestDelimiter = longest;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, Buffer in, List<Object> out) throws Exception {
        int start = in.readerIndex();
        int end = in.writerIndex();
        int frameEnd = -1;
        byte[] found = null;
        for (byte[] d : delimiters) {
            int at = indexOf(in, start + searched, end, d);
            if (at >= 0 && (frameEnd < 0 || at < frameEnd)) {
                frameEnd = at;
                found = d;
            }
        }
        if (found == null) {
            // a delimiter may begin in the last (longest - 1) bytes: search those again next time
            int unfinished = Math.max(0, end - start - (longestDelimiter - 1));
            searched = unfinished;
            if (discarding) {
                in.skipBytes(unfinished);
                searched = 0;
            } else if (unfinished > maxFrameLength) {
                Frames.tooLong(ctx, tooLongFrameAction, this, "frame of more than " + maxFrameLength + " bytes", -1,
                        maxFrameLength);
                in.skipBytes(unfinished);
                searched = 0;
                discarding = true;
            }
            return;
        }
        searched = 0;
        int next = frameEnd + found.length;
        if (discarding) {
            discarding = false;
            in.readerIndex(next);
            return;
        }
        int length = frameEnd - start;
        if (length > maxFrameLength) {
            Frames.tooLong(ctx, tooLongFrameAction, this, "frame", length, maxFrameLength);
            in.readerIndex(next);
            return;
        }
        if (stripDelimiter) {
            out.add(in.readRetainedSlice(length));
            in.readerIndex(next);
        } else {
            out.add(in.readRetainedSlice(length + found.length));
        }
    }

    /** Returns the index of the first {@code delimiter} starting in [from, end), or -1. */
    private static int indexOf(Buffer in, int from, int end, byte[] delimiter) {
        byte first = delimiter[0];
        int last = end - delimiter.length;
        for (int i = from; i <= last; i++) {
            i = in.indexOf(i, last + 1, first);
            if (i < 0) {
                return -1;
            }
            int j = 1;
            while (j < delimiter.length && in.getByte(i + j) == delimiter[j]) {
                j++;
            }
            if (j == delimiter.length) {
                return i;
            }
        }
        return -1;
    }

    @Override
    protected void decodeLast(ChannelHandlerContext ctx, Buffer in, List<Object> out) throws Exception {
        super.decodeLast(ctx, in, out);
        if (in.isReadable() && !discarding) {
            throw Frames.truncated(this, in.readableBytes());
        }
    }
}
