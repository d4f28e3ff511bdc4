package io.sluice.codec.frame;

import io.sluice.buffer.Buffer;
import io.sluice.channel.ChannelHandlerContext;
import io.sluice.codec.ByteToMessageDecoder;
import java.util.List;
import java.util.Objects;

/**
 * Splits input into frames ending in any of several delimiters, emitted as retained slices of the
 * input (no copy), with the delimiter stripped unless told to keep it. Where two delimiters match,
 * the one giving the shorter frame wins, and of two starting at the same byte the longer (with
 * {@code "\r\n"} and {@code "\r"}, a frame ending in {@code "\r\n"} loses both bytes, whichever is
 * listed first). The frames never depend on how the input was split into reads: a possible
 * longer delimiter cut off at the end of a read waits for the next. For plain lines,
 * {@link LineFrameDecoder} is faster.
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
    private boolean inputEnded;

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
        super(Frames.checkPositive(maxFrameLength, "maxFrameLength"));
        this.maxFrameLength = maxFrameLength;
        this.stripDelimiter = stripDelimiter;
        this.tooLongFrameAction = Objects.requireNonNull(tooLongFrameAction, "tooLongFrameAction");
        if (Objects.requireNonNull(delimiters, "delimiters").length == 0) {
            throw new IllegalArgumentException("delimiters: none (expected: at least one)");
        }
        this.delimiters = new byte[delimiters.length][];
        int longest = 0;
        for (int i = 0; i < delimiters.length; i++) {
            byte[] d = Objects.requireNonNull(delimiters[i], "delimiters[" + i + "]");
            if (d.length == 0) {
                throw new IllegalArgumentException("delimiters[" + i + "]: empty (expected: at least one byte)");
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
            if (at >= 0 && (frameEnd < 0 || at < frameEnd || (at == frameEnd && d.length > found.length))) {
                frameEnd = at;
                found = d;
            }
        }
        if (found != null && !inputEnded && longerMayFollow(in, frameEnd, found, end)) {
            // e.g. "\r" of "\r\n" at the end of this read: the next read decides where the frame
            // ends, but not whether it is too long
            int certain = Math.min(frameEnd, firstPossibleStart(in, start, end)) - start;
            if (!discarding && certain > maxFrameLength) {
                Frames.tooLong(ctx, tooLongFrameAction, this, "frame length", -1, "maxFrameLength", maxFrameLength);
                discarding = true;
            }
            if (discarding) {
                in.skipBytes(certain); // keep only what may be the start of the delimiter
                searched = 0;
            }
            return;
        }
        if (found == null) {
            // bytes before the first place a delimiter may still begin belong to the frame for sure
            int unfinished = firstPossibleStart(in, start, end) - start;
            searched = unfinished;
            if (discarding) {
                in.skipBytes(unfinished);
                searched = 0;
            } else if (unfinished > maxFrameLength) {
                Frames.tooLong(ctx, tooLongFrameAction, this, "frame length", -1, "maxFrameLength", maxFrameLength);
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
            Frames.tooLong(ctx, tooLongFrameAction, this, "frame length", length, "maxFrameLength", maxFrameLength);
            in.readerIndex(next);
            return;
        }
        if (stripDelimiter) {
            out.add(readFrame(in, length));
            in.readerIndex(next);
        } else {
            out.add(readFrame(in, length + found.length));
        }
    }

    /**
     * Returns whether a delimiter that would beat {@code found} at {@code frameEnd} (one starting
     * earlier, or as early and longer) is cut off by the end of the input so far.
     */
    private boolean longerMayFollow(Buffer in, int frameEnd, byte[] found, int end) {
        if (frameEnd + longestDelimiter <= end) {
            return false; // every delimiter that could beat it fits in what we have
        }
        for (byte[] d : delimiters) {
            for (int q = Math.max(in.readerIndex(), end - d.length + 1); q <= frameEnd; q++) {
                if ((q < frameEnd || d.length > found.length) && isPrefixAt(in, q, end, d)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Returns the first index in the last (longest - 1) bytes where a delimiter may begin, or {@code end}. */
    private int firstPossibleStart(Buffer in, int start, int end) {
        for (int q = Math.max(start, end - longestDelimiter + 1); q < end; q++) {
            for (byte[] d : delimiters) {
                if (d.length > end - q && isPrefixAt(in, q, end, d)) {
                    return q;
                }
            }
        }
        return end;
    }

    /** Returns whether the bytes from {@code q} to {@code end} are the start of {@code d}. */
    private static boolean isPrefixAt(Buffer in, int q, int end, byte[] d) {
        for (int i = 0; q + i < end; i++) {
            if (in.getByte(q + i) != d[i]) {
                return false;
            }
        }
        return true;
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
        inputEnded = true; // no more bytes can complete a longer delimiter
        while (in.isReadable()) {
            int before = in.readableBytes();
            int frames = out.size();
            decode(ctx, in, out);
            if (in.readableBytes() == before && out.size() == frames) {
                break;
            }
        }
        if (in.isReadable() && !discarding) {
            throw Frames.truncated(this, in.readableBytes());
        }
    }
}
