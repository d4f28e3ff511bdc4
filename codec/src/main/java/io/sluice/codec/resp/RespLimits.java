package io.sluice.codec.resp;

/**
 * What {@link RespDecoder} accepts at most. Every limit is checked on a header (or on the first
 * byte past a line's limit) before anything is allocated for the value, so a client cannot make
 * the decoder buffer or allocate more than these bounds.
 *
 * @param maxBulkLength the longest bulk string, blob error or verbatim string, in bytes (Redis:
 *     {@code proto-max-bulk-len}, 512 MiB)
 * @param maxElements the most children of one aggregate (a map's pairs count twice)
 * @param maxDepth the deepest nesting of aggregates; 1 allows an array of scalars
 * @param maxLineLength the longest line (simple string, error, number, header or inline command),
 *     in bytes, not counting its line ending (Redis: 64 KiB for inline commands)
 * @param streamBulkAbove the length, in bytes, above which {@link RespDecoder#forReplies(RespLimits)}
 *     streams a top-level bulk string as a {@link BulkStringHeader} and {@link BulkStringChunk}s
 *     instead of aggregating it; {@link #NO_STREAMING} (the default): never. It bounds nothing:
 *     {@code maxBulkLength} still refuses longer headers
 */
public record RespLimits(int maxBulkLength, int maxElements, int maxDepth, int maxLineLength, int streamBulkAbove) {
    /** {@link #streamBulkAbove} that streams nothing: every bulk string is aggregated. */
    public static final int NO_STREAMING = Integer.MAX_VALUE;

    /** 512 MiB bulk strings, 1,000,000 elements, nesting depth 64, 64 KiB lines, no streaming. */
    public static final RespLimits DEFAULT = new RespLimits(512 << 20, 1_000_000, 64, 64 << 10, NO_STREAMING);

    /** The largest {@link #maxBulkLength}: the content and its CRLF must fit an int index. */
    public static final int MAX_BULK_LENGTH = Integer.MAX_VALUE - 2;

    /** Checks each limit's range. */
    public RespLimits {
        check("maxBulkLength", maxBulkLength, 0, MAX_BULK_LENGTH);
        check("maxElements", maxElements, 1, Integer.MAX_VALUE);
        check("maxDepth", maxDepth, 1, 1024);
        check("maxLineLength", maxLineLength, 16, Integer.MAX_VALUE - 2);
        check("streamBulkAbove", streamBulkAbove, 0, NO_STREAMING);
    }

    private static void check(String name, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + ": " + value + " (expected: " + min + " to " + max + ")");
        }
    }

    /** Returns these limits with {@code maxBulkLength} changed. */
    public RespLimits withMaxBulkLength(int maxBulkLength) {
        return new RespLimits(maxBulkLength, maxElements, maxDepth, maxLineLength, streamBulkAbove);
    }

    /** Returns these limits with {@code maxElements} changed. */
    public RespLimits withMaxElements(int maxElements) {
        return new RespLimits(maxBulkLength, maxElements, maxDepth, maxLineLength, streamBulkAbove);
    }

    /** Returns these limits with {@code maxDepth} changed. */
    public RespLimits withMaxDepth(int maxDepth) {
        return new RespLimits(maxBulkLength, maxElements, maxDepth, maxLineLength, streamBulkAbove);
    }

    /** Returns these limits with {@code maxLineLength} changed. */
    public RespLimits withMaxLineLength(int maxLineLength) {
        return new RespLimits(maxBulkLength, maxElements, maxDepth, maxLineLength, streamBulkAbove);
    }

    /**
     * Returns these limits with {@code streamBulkAbove} changed: top-level bulk strings of more than
     * {@code bytes} bytes are then streamed in chunks by a reply decoder.
     */
    public RespLimits withStreamBulkAbove(int bytes) {
        return new RespLimits(maxBulkLength, maxElements, maxDepth, maxLineLength, bytes);
    }
}
