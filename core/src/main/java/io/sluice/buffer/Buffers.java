package io.sluice.buffer;

import java.nio.ByteBuffer;
import java.nio.charset.Charset;

/**
 * Static helpers: wrapping and copying into unpooled buffers, and hex dumps for logs and tests.
 * Every buffer returned here is owned by the caller (release it, or let a pipeline do so).
 */
public final class Buffers {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private Buffers() {}

    /**
     * Returns a heap buffer over {@code array} without copying; all of it is readable. The buffer
     * shares the caller's array: whoever receives it may write to it (a decoder compacts its
     * accumulated input in place, which can rewrite the array), and later writes to the array show
     * through the buffer. Use {@link #copyOf(byte[])} for input the caller still needs, such as
     * pieces of one array fed to a decoder in turn.
     */
    public static Buffer wrap(byte[] array) {
        return wrap(array, 0, array.length);
    }

    /**
     * Returns a heap buffer over {@code array[offset, offset + length)} without copying; it shares
     * the caller's array as {@link #wrap(byte[])} does (use {@link #copyOf(byte[], int, int)} for a
     * copy).
     */
    public static Buffer wrap(byte[] array, int offset, int length) {
        AbstractBuffer.checkArrayRange("array", offset, length, array.length);
        UnpooledBufferAllocator alloc = UnpooledBufferAllocator.HEAP;
        return wrapRegion(alloc.wrap(new HeapBuffer(alloc, length), array, offset, length), length);
    }

    /**
     * Returns a buffer over the remaining bytes of {@code buffer} without copying (direct if it is
     * direct, read-only if it is read-only); all of them are readable. The ByteBuffer's position
     * and limit are not changed.
     */
    public static Buffer wrap(ByteBuffer buffer) {
        if (buffer.hasArray()) {
            return wrap(buffer.array(), buffer.arrayOffset() + buffer.position(), buffer.remaining());
        }
        int length = buffer.remaining();
        UnpooledBufferAllocator alloc = buffer.isDirect() ? UnpooledBufferAllocator.DIRECT : UnpooledBufferAllocator.HEAP;
        AbstractBuffer wrapped = wrapRegion(alloc.wrap(new NioMemoryBuffer(alloc, length, buffer.isDirect()), buffer.slice(), 0, length), length);
        return buffer.isReadOnly() ? readOnlyView(wrapped) : wrapped;
    }

    private static AbstractBuffer readOnlyView(AbstractBuffer buffer) {
        return new DerivedBuffer(buffer, 0, buffer.capacity(), true).setIndexUnchecked(0, buffer.capacity());
    }

    private static RootBuffer wrapRegion(RootBuffer buf, int length) {
        buf.capacity = length;
        buf.writerIndex = length;
        buf.leak = LeakDetector.track(buf);
        return buf;
    }

    /** Returns a new heap buffer holding a copy of {@code array}. */
    public static Buffer copyOf(byte[] array) {
        return BufferAllocator.unpooled().heapBuffer(array.length).writeBytes(array);
    }

    /**
     * Returns a new heap buffer holding a copy of {@code array[offset, offset + length)}.
     *
     * @throws IndexOutOfBoundsException if the range is not inside {@code array}
     */
    public static Buffer copyOf(byte[] array, int offset, int length) {
        AbstractBuffer.checkArrayRange("array", offset, length, array.length);
        return BufferAllocator.unpooled().heapBuffer(length).writeBytes(array, offset, length);
    }

    /** Returns a new heap buffer holding {@code text} encoded with {@code charset}. */
    public static Buffer copyOf(CharSequence text, Charset charset) {
        return copyOf(text.toString().getBytes(charset));
    }

    /** Returns a new heap buffer holding a copy of the remaining bytes; the position is kept. */
    public static Buffer copyOf(ByteBuffer buffer) {
        return BufferAllocator.unpooled().heapBuffer(buffer.remaining()).writeBytes(buffer.duplicate());
    }

    /** Returns a copy of the readable bytes. */
    public static byte[] toByteArray(Buffer buffer) {
        byte[] bytes = new byte[buffer.readableBytes()];
        buffer.getBytes(buffer.readerIndex(), bytes);
        return bytes;
    }

    /** Returns the readable bytes as lowercase hex without separators. */
    public static String hexDump(Buffer buffer) {
        return hexDump(buffer, buffer.readerIndex(), buffer.readableBytes());
    }

    /** Returns {@code length} bytes at {@code index} as lowercase hex without separators. */
    public static String hexDump(Buffer buffer, int index, int length) {
        char[] out = new char[length * 2];
        for (int i = 0; i < length; i++) {
            int b = buffer.getByte(index + i) & 0xff;
            out[2 * i] = HEX[b >>> 4];
            out[2 * i + 1] = HEX[b & 15];
        }
        return new String(out);
    }

    /**
     * Returns the readable bytes as rows of 16: an 8-digit hex offset (from the reader index), the
     * bytes in hex, and their printable ASCII with {@code '.'} for other bytes. Each row ends with
     * a line feed.
     */
    public static String prettyHexDump(Buffer buffer) {
        int start = buffer.readerIndex();
        int length = buffer.readableBytes();
        StringBuilder sb = new StringBuilder((length / 16 + 1) * 78);
        for (int row = 0; row < length; row += 16) {
            String offset = Integer.toHexString(row);
            sb.append("00000000", offset.length(), 8).append(offset).append(' ');
            int n = Math.min(16, length - row);
            for (int i = 0; i < 16; i++) {
                if (i < n) {
                    int b = buffer.getByte(start + row + i) & 0xff;
                    sb.append(' ').append(HEX[b >>> 4]).append(HEX[b & 15]);
                } else {
                    sb.append("   ");
                }
            }
            sb.append("  |");
            for (int i = 0; i < n; i++) {
                int b = buffer.getByte(start + row + i) & 0xff;
                sb.append(b >= 0x20 && b < 0x7f ? (char) b : '.');
            }
            sb.append("|\n");
        }
        return sb.toString();
    }
}
