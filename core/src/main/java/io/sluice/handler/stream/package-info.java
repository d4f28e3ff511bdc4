/**
 * Chunked writes: {@link io.sluice.handler.stream.ChunkedWriteHandler} streams a
 * {@link io.sluice.handler.stream.ChunkedSource} (a file, a {@link java.nio.channels.ReadableByteChannel}
 * or an {@link java.io.InputStream}) as buffers, reading ahead only while the channel is writable.
 */
package io.sluice.handler.stream;
