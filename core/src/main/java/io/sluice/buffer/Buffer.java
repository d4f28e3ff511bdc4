package io.sluice.buffer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.GatheringByteChannel;
import java.nio.channels.ScatteringByteChannel;
import java.nio.charset.Charset;

/**
 * A reference-counted sequence of bytes with separate reader and writer indexes.
 *
 * <pre>
 *  +-------------------+------------------+------------------+
 *  | discardable bytes |  readable bytes  |  writable bytes  |
 *  +-------------------+------------------+------------------+
 *  0      &lt;=      readerIndex   &lt;=   writerIndex    &lt;=    capacity
 * </pre>
 *
 * <p><b>Access.</b> {@code get*}/{@code set*} take an absolute index and leave the indexes alone;
 * {@code read*}/{@code write*} work at the reader or writer index and advance it. Multi-byte values
 * are big-endian; the {@code *LE} variants are little-endian. An index or length outside the buffer
 * throws {@link IndexOutOfBoundsException} naming the index, the length and the bounds; nothing
 * reads or writes outside the buffer's own memory.
 *
 * <p><b>Growth.</b> {@code write*} grows the capacity as needed up to {@link #maxCapacity()} (see
 * {@link #ensureWritable(int)}); {@code set*} never grows.
 *
 * <p><b>Ownership.</b> A new buffer has reference count 1; see {@link ReferenceCounted}. Derived
 * buffers ({@link #slice()}, {@link #duplicate()}, {@link #asReadOnly()}) share memory and the
 * reference count with their source but keep their own indexes; the {@code retained*} variants
 * retain the shared count first, so the caller owns one release. Any access after the count
 * reached 0 throws {@link IllegalReferenceCountException}.
 *
 * <p><b>Threads.</b> A buffer is not safe for concurrent use, except for reference counting.
 * Hand it from thread to thread with a happens-before edge (an event loop's task queue is one).
 *
 * <p>Only this package implements buffers; get them from a {@link BufferAllocator} or
 * {@link Buffers}.
 */
public abstract class Buffer implements ReferenceCounted, Comparable<Buffer> {

    Buffer() {}

    // ---- capacity and kind -------------------------------------------------------------------

    /** Returns the number of bytes this buffer can hold now. */
    public abstract int capacity();

    /**
     * Sets the capacity, reallocating if needed. Shrinking truncates content and clamps the indexes.
     *
     * @throws IllegalArgumentException if negative or above {@link #maxCapacity()}
     */
    public abstract Buffer capacity(int newCapacity);

    /** Returns the capacity this buffer may grow to. */
    public abstract int maxCapacity();

    /** Returns the allocator that created this buffer. */
    public abstract BufferAllocator alloc();

    /** Returns whether the bytes live outside the Java heap (good for socket I/O). */
    public abstract boolean isDirect();

    /** Returns whether this buffer rejects modification. */
    public abstract boolean isReadOnly();

    /** Returns a read-only view sharing memory and reference count, with its own indexes. */
    public abstract Buffer asReadOnly();

    /** Returns whether {@link #array()} is available. */
    public abstract boolean hasArray();

    /**
     * Returns the backing array. Byte {@code i} of this buffer is {@code array()[arrayOffset() + i]}.
     *
     * @throws UnsupportedOperationException if {@link #hasArray()} is false
     */
    public abstract byte[] array();

    /** Returns the offset of byte 0 of this buffer in {@link #array()}. */
    public abstract int arrayOffset();

    /** Returns the buffer this one derives from, or {@code null} for a root buffer. */
    public abstract Buffer unwrap();

    // ---- indexes -----------------------------------------------------------------------------

    /** Returns the reader index. */
    public abstract int readerIndex();

    /** Sets the reader index: {@code 0 <= readerIndex <= writerIndex}. @return this buffer */
    public abstract Buffer readerIndex(int readerIndex);

    /** Returns the writer index. */
    public abstract int writerIndex();

    /** Sets the writer index: {@code readerIndex <= writerIndex <= capacity}. @return this buffer */
    public abstract Buffer writerIndex(int writerIndex);

    /** Sets both indexes at once. @return this buffer */
    public abstract Buffer setIndex(int readerIndex, int writerIndex);

    /** Returns {@code writerIndex - readerIndex}. */
    public abstract int readableBytes();

    /** Returns {@code capacity - writerIndex}. */
    public abstract int writableBytes();

    /** Returns {@code maxCapacity - writerIndex}. */
    public abstract int maxWritableBytes();

    /** Returns whether at least one byte is readable. */
    public abstract boolean isReadable();

    /** Returns whether at least {@code size} bytes are readable. */
    public abstract boolean isReadable(int size);

    /** Returns whether at least one byte is writable without growing. */
    public abstract boolean isWritable();

    /** Returns whether at least {@code size} bytes are writable without growing. */
    public abstract boolean isWritable(int size);

    /** Sets both indexes to 0; content is kept. @return this buffer */
    public abstract Buffer clear();

    /** Remembers the reader index for {@link #resetReaderIndex()}. @return this buffer */
    public abstract Buffer markReaderIndex();

    /** Moves the reader index back to its mark (0 if never marked). @return this buffer */
    public abstract Buffer resetReaderIndex();

    /** Remembers the writer index for {@link #resetWriterIndex()}. @return this buffer */
    public abstract Buffer markWriterIndex();

    /** Moves the writer index back to its mark (0 if never marked). @return this buffer */
    public abstract Buffer resetWriterIndex();

    /**
     * Moves the readable bytes to index 0, making the read bytes writable again. Marks move with
     * the content.
     *
     * @return this buffer
     * @throws IllegalReferenceCountException if this buffer was released, even when nothing was read
     */
    public abstract Buffer discardReadBytes();

    /**
     * Makes sure at least {@code minWritableBytes} can be written, growing the capacity if needed.
     * Growth policy: within the memory region already reserved for this buffer growth is free;
     * otherwise the capacity doubles (from 64 bytes) up to 4 MiB and then grows in 4 MiB steps,
     * never beyond {@link #maxCapacity()}.
     *
     * @throws IndexOutOfBoundsException if {@code writerIndex + minWritableBytes > maxCapacity}
     * @return this buffer
     */
    public abstract Buffer ensureWritable(int minWritableBytes);

    // ---- absolute get ------------------------------------------------------------------------

    /** Returns the byte at {@code index} as a boolean (non-zero is true). */
    public abstract boolean getBoolean(int index);

    /** Returns the byte at {@code index}. */
    public abstract byte getByte(int index);

    /** Returns the byte at {@code index} as an unsigned value. */
    public abstract short getUnsignedByte(int index);

    /** Returns the 16-bit big-endian value at {@code index}. */
    public abstract short getShort(int index);

    /** Returns the 16-bit little-endian value at {@code index}. */
    public abstract short getShortLE(int index);

    /** Returns the unsigned 16-bit big-endian value at {@code index}. */
    public abstract int getUnsignedShort(int index);

    /** Returns the unsigned 16-bit little-endian value at {@code index}. */
    public abstract int getUnsignedShortLE(int index);

    /** Returns the signed 24-bit big-endian value at {@code index}. */
    public abstract int getMedium(int index);

    /** Returns the signed 24-bit little-endian value at {@code index}. */
    public abstract int getMediumLE(int index);

    /** Returns the unsigned 24-bit big-endian value at {@code index}. */
    public abstract int getUnsignedMedium(int index);

    /** Returns the unsigned 24-bit little-endian value at {@code index}. */
    public abstract int getUnsignedMediumLE(int index);

    /** Returns the 32-bit big-endian value at {@code index}. */
    public abstract int getInt(int index);

    /** Returns the 32-bit little-endian value at {@code index}. */
    public abstract int getIntLE(int index);

    /** Returns the unsigned 32-bit big-endian value at {@code index}. */
    public abstract long getUnsignedInt(int index);

    /** Returns the unsigned 32-bit little-endian value at {@code index}. */
    public abstract long getUnsignedIntLE(int index);

    /** Returns the 64-bit big-endian value at {@code index}. */
    public abstract long getLong(int index);

    /** Returns the 64-bit little-endian value at {@code index}. */
    public abstract long getLongLE(int index);

    /** Returns the 2-byte big-endian UTF-16 char at {@code index}. */
    public abstract char getChar(int index);

    /** Returns the big-endian IEEE 754 float at {@code index}. */
    public abstract float getFloat(int index);

    /** Returns the little-endian IEEE 754 float at {@code index}. */
    public abstract float getFloatLE(int index);

    /** Returns the big-endian IEEE 754 double at {@code index}. */
    public abstract double getDouble(int index);

    /** Returns the little-endian IEEE 754 double at {@code index}. */
    public abstract double getDoubleLE(int index);

    /** Copies {@code dst.length} bytes at {@code index} into {@code dst}. @return this buffer */
    public abstract Buffer getBytes(int index, byte[] dst);

    /** Copies {@code length} bytes at {@code index} into {@code dst[dstIndex..]}. @return this buffer */
    public abstract Buffer getBytes(int index, byte[] dst, int dstIndex, int length);

    /**
     * Copies {@code dst.remaining()} bytes at {@code index} into {@code dst}, advancing its position.
     *
     * @return this buffer
     */
    public abstract Buffer getBytes(int index, ByteBuffer dst);

    /**
     * Copies {@code length} bytes at {@code index} into {@code dst} at {@code dstIndex}; neither
     * buffer's indexes move.
     *
     * @return this buffer
     */
    public abstract Buffer getBytes(int index, Buffer dst, int dstIndex, int length);

    /** Writes {@code length} bytes at {@code index} to {@code out}. @return this buffer */
    public abstract Buffer getBytes(int index, OutputStream out, int length) throws IOException;

    /**
     * Writes up to {@code length} bytes at {@code index} to {@code out} (one write call).
     *
     * @return the number of bytes written
     */
    public abstract int getBytes(int index, GatheringByteChannel out, int length) throws IOException;

    /** Decodes {@code length} bytes at {@code index} with {@code charset}. */
    public abstract String toString(int index, int length, Charset charset);

    /** Decodes the readable bytes with {@code charset}; indexes do not move. */
    public abstract String toString(Charset charset);

    // ---- absolute set ------------------------------------------------------------------------

    /** Sets the byte at {@code index} to 1 or 0. @return this buffer */
    public abstract Buffer setBoolean(int index, boolean value);

    /** Sets the byte at {@code index} to the low 8 bits of {@code value}. @return this buffer */
    public abstract Buffer setByte(int index, int value);

    /** Sets the 16-bit big-endian value at {@code index} (low 16 bits of value). @return this buffer */
    public abstract Buffer setShort(int index, int value);

    /** Sets the 16-bit little-endian value at {@code index}. @return this buffer */
    public abstract Buffer setShortLE(int index, int value);

    /** Sets the 24-bit big-endian value at {@code index} (low 24 bits of value). @return this buffer */
    public abstract Buffer setMedium(int index, int value);

    /** Sets the 24-bit little-endian value at {@code index}. @return this buffer */
    public abstract Buffer setMediumLE(int index, int value);

    /** Sets the 32-bit big-endian value at {@code index}. @return this buffer */
    public abstract Buffer setInt(int index, int value);

    /** Sets the 32-bit little-endian value at {@code index}. @return this buffer */
    public abstract Buffer setIntLE(int index, int value);

    /** Sets the 64-bit big-endian value at {@code index}. @return this buffer */
    public abstract Buffer setLong(int index, long value);

    /** Sets the 64-bit little-endian value at {@code index}. @return this buffer */
    public abstract Buffer setLongLE(int index, long value);

    /** Sets the 2-byte big-endian UTF-16 char at {@code index}. @return this buffer */
    public abstract Buffer setChar(int index, int value);

    /** Sets the big-endian float at {@code index}. @return this buffer */
    public abstract Buffer setFloat(int index, float value);

    /** Sets the little-endian float at {@code index}. @return this buffer */
    public abstract Buffer setFloatLE(int index, float value);

    /** Sets the big-endian double at {@code index}. @return this buffer */
    public abstract Buffer setDouble(int index, double value);

    /** Sets the little-endian double at {@code index}. @return this buffer */
    public abstract Buffer setDoubleLE(int index, double value);

    /** Copies all of {@code src} to {@code index}. @return this buffer */
    public abstract Buffer setBytes(int index, byte[] src);

    /** Copies {@code src[srcIndex..srcIndex+length)} to {@code index}. @return this buffer */
    public abstract Buffer setBytes(int index, byte[] src, int srcIndex, int length);

    /** Copies {@code src.remaining()} bytes to {@code index}, advancing its position. @return this buffer */
    public abstract Buffer setBytes(int index, ByteBuffer src);

    /**
     * Copies {@code length} bytes of {@code src} at {@code srcIndex} to {@code index}; neither
     * buffer's indexes move.
     *
     * @return this buffer
     */
    public abstract Buffer setBytes(int index, Buffer src, int srcIndex, int length);

    /**
     * Reads up to {@code length} bytes from {@code in} into {@code index}.
     *
     * @return the number of bytes read, or -1 at end of stream
     */
    public abstract int setBytes(int index, InputStream in, int length) throws IOException;

    /**
     * Reads up to {@code length} bytes from {@code in} into {@code index} (one read call).
     *
     * @return the number of bytes read, or -1 at end of stream
     */
    public abstract int setBytes(int index, ScatteringByteChannel in, int length) throws IOException;

    /** Fills {@code length} bytes at {@code index} with zeros. @return this buffer */
    public abstract Buffer setZero(int index, int length);

    /**
     * Encodes {@code seq} with {@code charset} at {@code index}, without growing.
     *
     * @return the number of bytes written
     * @throws IndexOutOfBoundsException if the encoded bytes do not fit
     */
    public abstract int setCharSequence(int index, CharSequence seq, Charset charset);

    // ---- relative read -----------------------------------------------------------------------

    /** Reads a boolean and advances the reader index by 1. */
    public abstract boolean readBoolean();

    /** Reads a byte and advances the reader index by 1. */
    public abstract byte readByte();

    /** Reads an unsigned byte and advances the reader index by 1. */
    public abstract short readUnsignedByte();

    /** Reads a big-endian 16-bit value and advances the reader index by 2. */
    public abstract short readShort();

    /** Reads a little-endian 16-bit value and advances the reader index by 2. */
    public abstract short readShortLE();

    /** Reads an unsigned big-endian 16-bit value and advances the reader index by 2. */
    public abstract int readUnsignedShort();

    /** Reads an unsigned little-endian 16-bit value and advances the reader index by 2. */
    public abstract int readUnsignedShortLE();

    /** Reads a signed big-endian 24-bit value and advances the reader index by 3. */
    public abstract int readMedium();

    /** Reads a signed little-endian 24-bit value and advances the reader index by 3. */
    public abstract int readMediumLE();

    /** Reads an unsigned big-endian 24-bit value and advances the reader index by 3. */
    public abstract int readUnsignedMedium();

    /** Reads an unsigned little-endian 24-bit value and advances the reader index by 3. */
    public abstract int readUnsignedMediumLE();

    /** Reads a big-endian 32-bit value and advances the reader index by 4. */
    public abstract int readInt();

    /** Reads a little-endian 32-bit value and advances the reader index by 4. */
    public abstract int readIntLE();

    /** Reads an unsigned big-endian 32-bit value and advances the reader index by 4. */
    public abstract long readUnsignedInt();

    /** Reads an unsigned little-endian 32-bit value and advances the reader index by 4. */
    public abstract long readUnsignedIntLE();

    /** Reads a big-endian 64-bit value and advances the reader index by 8. */
    public abstract long readLong();

    /** Reads a little-endian 64-bit value and advances the reader index by 8. */
    public abstract long readLongLE();

    /** Reads a big-endian char and advances the reader index by 2. */
    public abstract char readChar();

    /** Reads a big-endian float and advances the reader index by 4. */
    public abstract float readFloat();

    /** Reads a little-endian float and advances the reader index by 4. */
    public abstract float readFloatLE();

    /** Reads a big-endian double and advances the reader index by 8. */
    public abstract double readDouble();

    /** Reads a little-endian double and advances the reader index by 8. */
    public abstract double readDoubleLE();

    /** Fills {@code dst} from the readable bytes. @return this buffer */
    public abstract Buffer readBytes(byte[] dst);

    /** Reads {@code length} bytes into {@code dst[dstIndex..]}. @return this buffer */
    public abstract Buffer readBytes(byte[] dst, int dstIndex, int length);

    /** Reads {@code dst.remaining()} bytes into {@code dst}. @return this buffer */
    public abstract Buffer readBytes(ByteBuffer dst);

    /**
     * Reads {@code length} bytes into {@code dst} at its writer index, advancing both buffers.
     *
     * @return this buffer
     */
    public abstract Buffer readBytes(Buffer dst, int length);

    /** Reads {@code length} bytes to {@code out}. @return this buffer */
    public abstract Buffer readBytes(OutputStream out, int length) throws IOException;

    /**
     * Writes up to {@code length} readable bytes to {@code out} (one write call).
     *
     * @return the number of bytes written
     */
    public abstract int readBytes(GatheringByteChannel out, int length) throws IOException;

    /**
     * Reads {@code length} bytes into a new buffer from this buffer's allocator; the caller owns it.
     */
    public abstract Buffer readBytes(int length);

    /** Returns a slice of the next {@code length} readable bytes and advances past them. */
    public abstract Buffer readSlice(int length);

    /** Like {@link #readSlice(int)}, retaining the shared count; the caller owns one release. */
    public abstract Buffer readRetainedSlice(int length);

    /** Decodes the next {@code length} bytes with {@code charset} and advances past them. */
    public abstract String readCharSequence(int length, Charset charset);

    /** Advances the reader index by {@code length}. @return this buffer */
    public abstract Buffer skipBytes(int length);

    // ---- relative write ----------------------------------------------------------------------

    /** Writes a boolean as one byte. @return this buffer */
    public abstract Buffer writeBoolean(boolean value);

    /** Writes the low 8 bits of {@code value}. @return this buffer */
    public abstract Buffer writeByte(int value);

    /** Writes a big-endian 16-bit value. @return this buffer */
    public abstract Buffer writeShort(int value);

    /** Writes a little-endian 16-bit value. @return this buffer */
    public abstract Buffer writeShortLE(int value);

    /** Writes a big-endian 24-bit value. @return this buffer */
    public abstract Buffer writeMedium(int value);

    /** Writes a little-endian 24-bit value. @return this buffer */
    public abstract Buffer writeMediumLE(int value);

    /** Writes a big-endian 32-bit value. @return this buffer */
    public abstract Buffer writeInt(int value);

    /** Writes a little-endian 32-bit value. @return this buffer */
    public abstract Buffer writeIntLE(int value);

    /** Writes a big-endian 64-bit value. @return this buffer */
    public abstract Buffer writeLong(long value);

    /** Writes a little-endian 64-bit value. @return this buffer */
    public abstract Buffer writeLongLE(long value);

    /** Writes a big-endian char. @return this buffer */
    public abstract Buffer writeChar(int value);

    /** Writes a big-endian float. @return this buffer */
    public abstract Buffer writeFloat(float value);

    /** Writes a little-endian float. @return this buffer */
    public abstract Buffer writeFloatLE(float value);

    /** Writes a big-endian double. @return this buffer */
    public abstract Buffer writeDouble(double value);

    /** Writes a little-endian double. @return this buffer */
    public abstract Buffer writeDoubleLE(double value);

    /** Writes all of {@code src}. @return this buffer */
    public abstract Buffer writeBytes(byte[] src);

    /** Writes {@code src[srcIndex..srcIndex+length)}. @return this buffer */
    public abstract Buffer writeBytes(byte[] src, int srcIndex, int length);

    /** Writes {@code src.remaining()} bytes, advancing its position. @return this buffer */
    public abstract Buffer writeBytes(ByteBuffer src);

    /** Writes all readable bytes of {@code src}, advancing its reader index. @return this buffer */
    public abstract Buffer writeBytes(Buffer src);

    /** Writes {@code length} readable bytes of {@code src}, advancing its reader index. @return this buffer */
    public abstract Buffer writeBytes(Buffer src, int length);

    /** Writes {@code length} bytes of {@code src} at {@code srcIndex}; src's indexes stay. @return this buffer */
    public abstract Buffer writeBytes(Buffer src, int srcIndex, int length);

    /**
     * Reads up to {@code length} bytes from {@code in} and appends them.
     *
     * @return the number of bytes read, or -1 at end of stream
     */
    public abstract int writeBytes(InputStream in, int length) throws IOException;

    /**
     * Reads up to {@code length} bytes from {@code in} (one read call) and appends them.
     *
     * @return the number of bytes read, or -1 at end of stream
     */
    public abstract int writeBytes(ScatteringByteChannel in, int length) throws IOException;

    /** Appends {@code length} zero bytes. @return this buffer */
    public abstract Buffer writeZero(int length);

    /**
     * Encodes {@code seq} with {@code charset} and appends it, growing as needed.
     *
     * @return the number of bytes written
     */
    public abstract int writeCharSequence(CharSequence seq, Charset charset);

    // ---- search ------------------------------------------------------------------------------

    /**
     * Finds {@code value} between two absolute indexes, as Netty's {@code ByteBuf.indexOf} does:
     * when {@code fromIndex <= toIndex}, the first match in {@code [fromIndex, toIndex)}; when
     * {@code fromIndex > toIndex}, the last match in {@code [toIndex, fromIndex)}, searching
     * backwards from {@code fromIndex} (exclusive) down to {@code toIndex} (inclusive). Indexes
     * outside the buffer are clamped to it.
     *
     * @return the absolute index, or -1 if not found
     */
    public abstract int indexOf(int fromIndex, int toIndex, byte value);

    /** Returns the number of readable bytes before the first {@code value}, or -1. */
    public abstract int bytesBefore(byte value);

    /** Visits the readable bytes in order. @return the index where it stopped, or -1 */
    public abstract int forEachByte(ByteProcessor processor);

    /** Visits {@code length} bytes from {@code index} in order. @return the stop index, or -1 */
    public abstract int forEachByte(int index, int length, ByteProcessor processor);

    /** Visits the readable bytes in reverse order. @return the stop index, or -1 */
    public abstract int forEachByteDesc(ByteProcessor processor);

    /** Visits {@code length} bytes from {@code index} in reverse. @return the stop index, or -1 */
    public abstract int forEachByteDesc(int index, int length, ByteProcessor processor);

    // ---- derived buffers and copies ----------------------------------------------------------

    /** Returns a view of the readable bytes sharing memory and count, with its own indexes. */
    public abstract Buffer slice();

    /** Returns a view of {@code length} bytes at {@code index}, sharing memory and count. */
    public abstract Buffer slice(int index, int length);

    /** Like {@link #slice()}, retaining the shared count; the caller owns one release. */
    public abstract Buffer retainedSlice();

    /** Like {@link #slice(int, int)}, retaining the shared count; the caller owns one release. */
    public abstract Buffer retainedSlice(int index, int length);

    /** Returns a view of the whole buffer sharing memory and count, with copied indexes. */
    public abstract Buffer duplicate();

    /** Like {@link #duplicate()}, retaining the shared count; the caller owns one release. */
    public abstract Buffer retainedDuplicate();

    /** Returns a copy of the readable bytes in a new buffer from the same allocator. */
    public abstract Buffer copy();

    /** Returns a copy of {@code length} bytes at {@code index} in a new buffer. */
    public abstract Buffer copy(int index, int length);

    // ---- NIO views ---------------------------------------------------------------------------

    /** Returns how many {@link ByteBuffer}s {@link #nioBuffers()} returns. */
    public abstract int nioBufferCount();

    /** Returns the readable bytes as one NIO buffer sharing content (copied if not contiguous). */
    public abstract ByteBuffer nioBuffer();

    /** Returns {@code length} bytes at {@code index} as one NIO buffer sharing content where possible. */
    public abstract ByteBuffer nioBuffer(int index, int length);

    /** Returns the readable bytes as NIO buffers sharing content, for gathering I/O. */
    public abstract ByteBuffer[] nioBuffers();

    /** Returns {@code length} bytes at {@code index} as NIO buffers sharing content. */
    public abstract ByteBuffer[] nioBuffers(int index, int length);

    // ---- reference counting (covariant) --------------------------------------------------------

    @Override
    public abstract Buffer retain();

    @Override
    public abstract Buffer retain(int increment);

    @Override
    public abstract Buffer touch();

    @Override
    public abstract Buffer touch(Object hint);

    /** Returns a hash of the readable bytes. */
    @Override
    public abstract int hashCode();

    /** Returns whether {@code o} is a buffer with the same readable bytes. */
    @Override
    public abstract boolean equals(Object o);

    /** Compares the readable bytes lexicographically as unsigned values. */
    @Override
    public abstract int compareTo(Buffer other);

    /** Returns a short description: class, indexes and capacity (not the content). */
    @Override
    public abstract String toString();
}
