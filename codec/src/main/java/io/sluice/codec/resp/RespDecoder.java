package io.sluice.codec.resp;

import io.sluice.buffer.Buffer;
import io.sluice.buffer.ReferenceCounting;
import io.sluice.channel.ChannelHandlerContext;
import io.sluice.codec.ByteToMessageDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Decodes RESP2 and RESP3 into {@link RespMessage}s, one per top-level value, aggregates whole
 * (top-level bulk strings may be streamed instead: see below).
 *
 * <p>Two modes. {@link #forRequests()} reads what clients send a Redis server, with Redis' rules:
 * an array of bulk strings, or an inline command (any line not starting with {@code *}, e.g.
 * {@code PING\r\n} typed in telnet; a lone {@code \n} ends it too); blank inline lines and empty
 * arrays are skipped; it emits a {@link RespAggregate} array of {@link BulkString}s.
 * {@link #forReplies()} reads every RESP2 and RESP3 type, nested up to
 * {@link RespLimits#maxDepth()}; a RESP3 attribute is emitted as its own message, before the value
 * it describes.
 *
 * <p>How: a state machine with an explicit stack of the aggregates being filled, never recursion,
 * so nesting costs no thread stack. Values complete as their bytes arrive and are never parsed
 * twice: a value split over many reads costs the same as one read whole (the bytes searched for a
 * line end are remembered too). Bulk strings are retained slices of the input, never copies.
 *
 * <p>Streaming (opt-in, {@link RespLimits#streamBulkAbove()}): a reply decoder emits a top-level
 * bulk string longer than the threshold as a {@link BulkStringHeader} (as soon as its header is
 * read and checked against {@link RespLimits#maxBulkLength()}), then a {@link BulkStringChunk} per
 * read holding the content bytes that arrived (a retained slice of the input, no copy), the last
 * one marked once the terminating CRLF is checked; a large value is then never held whole. Only
 * top-level bulk strings stream: one inside an aggregate is aggregated with it (the aggregate is
 * one message, so its parts cannot leave before it completes), as are blob errors and verbatim
 * strings, which are text. A request decoder therefore never streams (requests are arrays).
 *
 * <p>Bad input throws a {@link RespProtocolException} naming the rule and value (its
 * {@link RespProtocolException#reason() reason} is Redis' phrase for a {@code -ERR Protocol error}
 * reply); as for every {@link ByteToMessageDecoder}, the stream then ends, the channel is closed
 * gracefully (after what was already written) and every partly decoded value is released. Limits
 * ({@link RespLimits}) are checked on headers before anything is allocated: a length or count past
 * its limit or past 64 bits, a line longer than its limit without an end. Input that ends inside a
 * value is a {@link RespProtocolException} too.
 *
 * <p>Thread: the channel's event loop, like every handler. One instance per connection.
 */
public final class RespDecoder extends ByteToMessageDecoder {
    /** Returned by {@link #next} for progress without a completed value. */
    private static final Object PROGRESS = new Object();

    private final boolean requests;
    private final RespLimits limits;
    /** The aggregates being filled, outermost first; {@code depth} of them are in use. */
    private final Level[] levels;
    private int depth;
    /** The declared length of the blob whose header was read but not all its content; -1: none. */
    private int blobLength = -1;
    private RespType blobType;
    /** Content bytes of the streamed blob already emitted as chunks; -1: the blob is aggregated. */
    private int streamedBytes = -1;
    /** Bytes after the reader index known to hold no {@code \n}. */
    private int searched;

    /** An aggregate being filled. */
    private static final class Level {
        RespType type;
        int remaining;
        List<RespMessage> children;
    }

    private RespDecoder(boolean requests, RespLimits limits) {
        this.requests = requests;
        this.limits = Objects.requireNonNull(limits, "limits");
        this.levels = new Level[requests ? 1 : limits.maxDepth()];
        coverFrameLimit((long) limits.maxBulkLength() + limits.maxLineLength()); // a bulk string is kept whole
    }

    /** A server's decoder with {@link RespLimits#DEFAULT}: arrays of bulk strings and inline commands. */
    public static RespDecoder forRequests() {
        return forRequests(RespLimits.DEFAULT);
    }

    /** A server's decoder with {@code limits} (nesting is 1 whatever {@code maxDepth} says). */
    public static RespDecoder forRequests(RespLimits limits) {
        return new RespDecoder(true, limits);
    }

    /** A client's decoder with {@link RespLimits#DEFAULT}: every RESP2 and RESP3 type. */
    public static RespDecoder forReplies() {
        return forReplies(RespLimits.DEFAULT);
    }

    /** A client's decoder with {@code limits}. */
    public static RespDecoder forReplies(RespLimits limits) {
        return new RespDecoder(false, limits);
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, Buffer in, List<Object> out) {
        try {
            Object next;
            while ((next = next(ctx, in)) != null) {
                if (next instanceof RespMessage value) {
                    RespMessage done = complete(value);
                    if (done != null) {
                        out.add(done);
                    }
                } else if (next != PROGRESS) {
                    out.add(next); // a streamed bulk string's header or chunk: top level only
                }
            }
        } catch (RuntimeException e) {
            releasePartial();
            throw e;
        }
    }

    @Override
    protected void decodeLast(ChannelHandlerContext ctx, Buffer in, List<Object> out) {
        decode(ctx, in, out);
        if (depth > 0 || blobLength >= 0 || in.isReadable()) {
            int left = in.readableBytes();
            releasePartial();
            in.skipBytes(left);
            throw new RespProtocolException("unexpected end of input", "input ended inside a value: " + left
                    + " bytes left undecoded (expected: complete values only)");
        }
    }

    @Override
    protected void handlerRemoved0(ChannelHandlerContext ctx) {
        releasePartial();
    }

    /** Adds a completed value to the innermost aggregate; returns the top-level value it completes, if any. */
    private RespMessage complete(RespMessage value) {
        while (depth > 0) {
            Level level = levels[depth - 1];
            level.children.add(value);
            if (--level.remaining > 0) {
                return null;
            }
            depth--;
            value = RespAggregate.of(level.type, level.children);
            level.children = null;
        }
        return value;
    }

    /** Releases the values of unfinished aggregates and forgets a pending blob. */
    private void releasePartial() {
        while (depth > 0) {
            Level level = levels[--depth];
            for (RespMessage child : level.children) {
                ReferenceCounting.release(child);
            }
            level.children = null;
        }
        blobLength = -1;
        streamedBytes = -1;
        searched = 0;
    }

    /** Reads one value or header: a value, {@link #PROGRESS}, or null when more input is needed. */
    private Object next(ChannelHandlerContext ctx, Buffer in) {
        if (blobLength >= 0) {
            return streamedBytes >= 0 ? blobChunk(in) : blobContent(in);
        }
        if (!in.isReadable()) {
            return null;
        }
        int start = in.readerIndex();
        byte first = in.getByte(start);
        RespType type;
        if (requests) {
            if (depth == 0 && first != '*') {
                return inline(ctx, in, start);
            }
            if (depth > 0 && first != '$') {
                throw new RespProtocolException("expected '$', got '" + (char) first + "'", "request element type: '"
                        + (char) first + "' (expected: '$', requests are arrays of bulk strings)");
            }
            type = depth == 0 ? RespType.ARRAY : RespType.BULK_STRING;
        } else {
            type = RespType.of(first);
            if (type == null) {
                throw new RespProtocolException("invalid type byte", "type byte: 0x" + Integer.toHexString(first & 0xff)
                        + " (expected: one of + - : $ * _ , # ! = ( % ~ | >)");
            }
        }
        int cr = lineEnd(in, start, type);
        if (cr < 0) {
            return null;
        }
        in.readerIndex(cr + 2);
        searched = 0;
        int from = start + 1;
        return switch (type) {
            case SIMPLE_STRING -> new SimpleString(in.toString(from, cr - from, StandardCharsets.UTF_8));
            case ERROR -> new RespError(in.toString(from, cr - from, StandardCharsets.UTF_8));
            case INTEGER -> RespInteger.of(RespNumbers.parseLong(in, from, cr, type, "invalid integer"));
            case NULL -> {
                if (cr != from) {
                    throw new RespProtocolException("invalid null", "null: " + (cr - from) + " bytes after '_' (expected: none)");
                }
                yield RespNull.NULL;
            }
            case BOOLEAN -> {
                byte b = cr == from + 1 ? in.getByte(from) : 0;
                if (b != 't' && b != 'f') {
                    throw new RespProtocolException("invalid boolean", "boolean: '" + in.toString(from, cr - from,
                            StandardCharsets.ISO_8859_1) + "' (expected: t or f)");
                }
                yield RespBoolean.of(b == 't');
            }
            case DOUBLE -> RespDouble.of(RespNumbers.parseDouble(in, from, cr));
            case BIG_NUMBER -> RespBigNumber.of(RespNumbers.parseBigNumber(in, from, cr));
            case BULK_STRING, BLOB_ERROR, VERBATIM_STRING -> blobHeader(in, type, from, cr);
            case ARRAY, MAP, SET, ATTRIBUTE, PUSH -> aggregateHeader(type, RespNumbers.parseLong(in, from, cr, type,
                    "invalid multibulk length"));
        };
    }

    /**
     * Returns the index of the CR of the line starting at {@code start}, or -1 if its end has not
     * arrived; fails if the line is longer than allowed or ends in a lone LF.
     */
    private int lineEnd(Buffer in, int start, RespType type) {
        int max = limits.maxLineLength();
        int end = in.writerIndex();
        int limit = (int) Math.min(end, start + (long) max + 2); // the line, its CR and its LF
        int lf = in.indexOf(start + searched, limit, (byte) '\n');
        if (lf < 0) {
            if (limit - start >= max + 2) {
                throw new RespProtocolException(tooBig(type), "line length: more than " + max
                        + " bytes without CRLF (expected: at most " + max + ")");
            }
            searched = limit - start;
            return -1;
        }
        if (lf == start || in.getByte(lf - 1) != '\r') {
            throw new RespProtocolException("missing CR before LF", "line ending: LF without CR at offset " + (lf - start)
                    + " (expected: CRLF)");
        }
        return lf - 1;
    }

    private String tooBig(RespType type) {
        if (!requests) {
            return "too big line";
        }
        return type == RespType.ARRAY ? "too big mbulk count string" : "too big bulk count string";
    }

    private Object blobHeader(Buffer in, RespType type, int from, int cr) {
        long length = RespNumbers.parseLong(in, from, cr, type, "invalid bulk length");
        if (length == -1 && type == RespType.BULK_STRING && !requests) {
            return RespNull.BULK_STRING;
        }
        if (length < 0 || length > limits.maxBulkLength()) {
            throw new RespProtocolException("invalid bulk length", type.label() + " length: " + length
                    + " (expected: " + (requests || type != RespType.BULK_STRING ? "0" : "-1") + " to "
                    + limits.maxBulkLength() + ")");
        }
        blobType = type;
        blobLength = (int) length;
        if (depth == 0 && type == RespType.BULK_STRING && length > limits.streamBulkAbove()) {
            streamedBytes = 0;
            return new BulkStringHeader(type, blobLength);
        }
        return blobContent(in);
    }

    private Object blobContent(Buffer in) {
        int length = blobLength;
        if (in.readableBytes() < length + 2) {
            return null;
        }
        checkTerminator(in, in.readerIndex() + length);
        if (blobType == RespType.VERBATIM_STRING && (length < 4 || in.getByte(in.readerIndex() + 3) != ':')) {
            throw new RespProtocolException("invalid verbatim string", "verbatim string format: length " + length
                    + " (expected: three format bytes and ':' first)");
        }
        blobLength = -1;
        Buffer content = readFrame(in, length);
        in.skipBytes(2);
        return new BulkString(blobType, content);
    }

    /**
     * Emits the streamed blob's content that has arrived: all but its last byte until the CRLF
     * after it is here too, so the last chunk is never empty and follows the terminator check.
     */
    private Object blobChunk(Buffer in) {
        int remaining = blobLength - streamedBytes;
        int readable = in.readableBytes();
        if (readable >= remaining + 2) {
            checkTerminator(in, in.readerIndex() + remaining);
            blobLength = -1;
            streamedBytes = -1;
            Buffer content = readFrame(in, remaining);
            in.skipBytes(2);
            return new BulkStringChunk(content, true);
        }
        int n = Math.min(readable, remaining - 1);
        if (n == 0) {
            return null;
        }
        streamedBytes += n;
        return new BulkStringChunk(readFrame(in, n), false);
    }

    private void checkTerminator(Buffer in, int end) {
        if (in.getByte(end) != '\r' || in.getByte(end + 1) != '\n') {
            throw new RespProtocolException("invalid bulk terminator", blobType.label() + " terminator: 0x"
                    + Integer.toHexString(in.getByte(end) & 0xff) + " after " + blobLength + " bytes (expected: CRLF)");
        }
    }

    private Object aggregateHeader(RespType type, long count) {
        boolean pairs = type == RespType.MAP || type == RespType.ATTRIBUTE;
        long elements = pairs ? count * 2 : count;
        if (count == -1 && type == RespType.ARRAY) {
            return requests ? PROGRESS : RespNull.ARRAY; // Redis skips an empty request
        }
        if (count < 0 || elements > limits.maxElements()) {
            throw new RespProtocolException("invalid multibulk length", type.label() + " length: " + count
                    + " (expected: " + (type == RespType.ARRAY ? "-1" : "0") + " to "
                    + (pairs ? limits.maxElements() / 2 : limits.maxElements()) + ")");
        }
        if (count == 0) {
            return requests ? PROGRESS : RespAggregate.of(type, new ArrayList<>(0));
        }
        if (depth == levels.length) {
            throw new RespProtocolException("too deep nesting", "nesting depth: " + (depth + 1) + " (expected: at most "
                    + levels.length + ")");
        }
        Level level = levels[depth];
        if (level == null) {
            level = levels[depth] = new Level();
        }
        level.type = type;
        level.remaining = (int) elements;
        level.children = new ArrayList<>((int) Math.min(elements, 16));
        depth++;
        return PROGRESS;
    }

    private Object inline(ChannelHandlerContext ctx, Buffer in, int start) {
        int max = limits.maxLineLength();
        int limit = (int) Math.min(in.writerIndex(), start + (long) max + 2);
        int lf = in.indexOf(start + searched, limit, (byte) '\n');
        if (lf < 0) {
            if (limit - start >= max + 2) {
                throw new RespProtocolException("too big inline request", "inline command length: more than " + max
                        + " bytes without a line end (expected: at most " + max + ")");
            }
            searched = limit - start;
            return null;
        }
        int end = lf > start && in.getByte(lf - 1) == '\r' ? lf - 1 : lf;
        searched = 0;
        List<RespMessage> args = InlineCommand.split(in, start, end, ctx.alloc());
        in.readerIndex(lf + 1);
        return args.isEmpty() ? PROGRESS : RespAggregate.array(args);
    }
}
