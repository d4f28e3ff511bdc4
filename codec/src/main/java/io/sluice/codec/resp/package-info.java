/**
 * RESP, the Redis serialization protocol, versions 2 and 3: {@link io.sluice.codec.resp.RespDecoder}
 * (for requests, with inline commands, or for replies, every RESP3 type), {@link io.sluice.codec.resp.RespEncoder},
 * and the message types ({@link io.sluice.codec.resp.RespMessage} and its implementations).
 *
 * <p>Decisions: aggregates are decoded whole (a bulk string is held until all its bytes have
 * arrived, up to {@link io.sluice.codec.resp.RespLimits#maxBulkLength()}), unless streaming is
 * asked for ({@link io.sluice.codec.resp.RespLimits#streamBulkAbove()}): then a top-level bulk string
 * past the threshold arrives as a {@link io.sluice.codec.resp.BulkStringHeader} and
 * {@link io.sluice.codec.resp.BulkStringChunk}s, while one inside an aggregate is still aggregated
 * with it (see {@link io.sluice.codec.resp.RespDecoder}); bulk strings are slices
 * of the input; limits default to Redis' own (512 MiB bulk strings, 64 KiB inline lines) and
 * DESIGN.md's (1,000,000 elements, nesting depth 64). A RESP3 attribute is a message of its own,
 * emitted before the value it describes.
 */
package io.sluice.codec.resp;
