package io.sluice.handler.stream;

import io.sluice.buffer.Buffer;
import io.sluice.buffer.BufferAllocator;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.ScatteringByteChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;

/**
 * Bytes to be written in chunks by a {@link ChunkedWriteHandler}: a file (or a range of one), a
 * {@link ReadableByteChannel} or an {@link InputStream}. The handler owns it once written: it
 * closes the source when the last chunk is sent, when reading fails, or when the channel closes.
 *
 * <p>Reading happens on the handler's executor. A blocking source (a stream, a blocking channel)
 * blocks that thread while it reads: give the handler its own executor group when the source may
 * be slow. A non-blocking channel that has no bytes yet makes the handler wait for
 * {@link ChunkedWriteHandler#resumeTransfer()}.
 *
 * <p>A source of known length that ends early fails with an {@link EOFException}
 * ({@code source: N bytes (expected: L)}); the write's promise fails with it.
 */
public final class ChunkedSource implements Closeable {
    /** Chunk size used when none is given. */
    public static final int DEFAULT_CHUNK_SIZE = 8192;

    /** Reads up to {@code max} bytes into {@code buf}: the count, 0 if none now, -1 at the end. */
    @FunctionalInterface
    private interface Reader {
        int read(Buffer buf, int max) throws IOException;
    }

    private final Reader reader;
    private final Closeable closeable;
    /** The number of bytes, or -1 if unknown. */
    private final long length;
    /** Bytes per chunk at most. */
    private final int chunkSize;
    /** Bytes read so far. */
    private long readBytes;
    private boolean ended;
    private ProgressListener progressListener;

    private ChunkedSource(Reader reader, Closeable closeable, long length, int chunkSize) {
        if (chunkSize <= 0) {
            throw new IllegalArgumentException("chunkSize: " + chunkSize + " (expected: > 0)");
        }
        this.reader = reader;
        this.closeable = closeable;
        this.length = length;
        this.chunkSize = chunkSize;
        this.ended = length == 0;
    }

    /** Returns the whole file at {@code path} in chunks of {@code chunkSize}. @throws IOException if it cannot be opened */
    public static ChunkedSource of(Path path, int chunkSize) throws IOException {
        FileChannel file = FileChannel.open(Objects.requireNonNull(path, "path"), StandardOpenOption.READ);
        try {
            return of(file, 0, file.size(), chunkSize);
        } catch (RuntimeException | IOException e) {
            file.close();
            throw e;
        }
    }

    /**
     * Returns {@code length} bytes of {@code file} from {@code offset}.
     *
     * @throws IllegalArgumentException if the range is negative
     * @throws IOException if the file cannot be positioned
     */
    public static ChunkedSource of(FileChannel file, long offset, long length, int chunkSize) throws IOException {
        Objects.requireNonNull(file, "file");
        if (offset < 0 || length < 0) {
            throw new IllegalArgumentException("range: " + offset + "+" + length + " (expected: both >= 0)");
        }
        file.position(offset);
        return new ChunkedSource((buf, max) -> buf.writeBytes(file, max), file, length, chunkSize);
    }

    /** Returns the bytes of {@code channel} up to its end, length unknown. */
    public static ChunkedSource of(ReadableByteChannel channel, int chunkSize) {
        Objects.requireNonNull(channel, "channel");
        ScatteringByteChannel scattering = channel instanceof ScatteringByteChannel s ? s : new ScatteringView(channel);
        return new ChunkedSource((buf, max) -> buf.writeBytes(scattering, max), channel, -1, chunkSize);
    }

    /** Lets a buffer read from a plain channel through the scattering read it supports. */
    private static final class ScatteringView implements ScatteringByteChannel {
        private final ReadableByteChannel channel;

        ScatteringView(ReadableByteChannel channel) {
            this.channel = channel;
        }

        @Override
        public int read(ByteBuffer dst) throws IOException {
            return channel.read(dst);
        }

        @Override
        public long read(ByteBuffer[] dsts, int offset, int count) throws IOException {
            long total = 0;
            for (int i = offset; i < offset + count; i++) {
                int n = channel.read(dsts[i]);
                if (n < 0) {
                    return total == 0 ? -1 : total;
                }
                total += n;
                if (dsts[i].hasRemaining()) {
                    break;
                }
            }
            return total;
        }

        @Override
        public long read(ByteBuffer[] dsts) throws IOException {
            return read(dsts, 0, dsts.length);
        }

        @Override
        public boolean isOpen() {
            return channel.isOpen();
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }

    /** Returns the bytes of {@code stream} up to its end, length unknown. */
    public static ChunkedSource of(InputStream stream, int chunkSize) {
        Objects.requireNonNull(stream, "stream");
        return new ChunkedSource((buf, max) -> buf.writeBytes(stream, max), stream, -1, chunkSize);
    }

    /** Reports progress to {@code listener} as chunks are sent. @return this source */
    public ChunkedSource onProgress(ProgressListener listener) {
        this.progressListener = Objects.requireNonNull(listener, "listener");
        return this;
    }

    ProgressListener progressListener() {
        return progressListener;
    }

    /** Returns the length in bytes, or -1 if unknown. */
    public long length() {
        return length;
    }

    /** Returns the bytes read from the source so far. */
    public long readBytes() {
        return readBytes;
    }

    /** Returns whether every byte has been read. */
    public boolean isEndOfInput() {
        return ended;
    }

    /**
     * Reads the next chunk, up to the chunk size, into a buffer from {@code alloc}; the caller owns it.
     *
     * @return the chunk, or {@code null} if no byte is available now or the input has ended
     * @throws IOException if reading fails or a source of known length ends early
     */
    public Buffer readChunk(BufferAllocator alloc) throws IOException {
        if (ended) {
            return null;
        }
        int max = length < 0 ? chunkSize : (int) Math.min(chunkSize, length - readBytes);
        Buffer buf = alloc.buffer(max);
        try {
            while (buf.readableBytes() < max) {
                int n = reader.read(buf, max - buf.readableBytes());
                if (n < 0) {
                    if (length >= 0) {
                        throw new EOFException("source: " + (readBytes + buf.readableBytes()) + " bytes (expected: "
                                + length + ")");
                    }
                    ended = true;
                    break;
                }
                if (n == 0) {
                    break;
                }
            }
        } catch (IOException | RuntimeException e) {
            buf.release();
            throw e;
        }
        readBytes += buf.readableBytes();
        if (length >= 0 && readBytes == length) {
            ended = true;
        }
        if (!buf.isReadable()) {
            buf.release();
            return null;
        }
        return buf;
    }

    /** Closes the underlying file, channel or stream. */
    @Override
    public void close() throws IOException {
        closeable.close();
    }
}
