package io.sluice.buffer;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;

/** Parameter sources for the buffer contract tests. */
final class BufferTestData {
    private BufferTestData() {}

    interface Setter {
        void set(Buffer buf, int index, long bits);
    }

    interface Getter {
        long get(Buffer buf, int index);
    }

    interface Writer {
        void write(Buffer buf, long bits);
    }

    interface Reader {
        long read(Buffer buf);
    }

    /** Any operation on a buffer, for the "throws after release" and "read-only" tables. */
    interface BufferOp {
        void apply(Buffer buf) throws Exception;
    }

    /**
     * One primitive accessor family: the value travels as raw bits in a long; {@link #expected}
     * is what the getter must return for those bits, {@link #layout} the bytes in memory.
     */
    record Accessor(String name, int width, boolean littleEndian, boolean signed, boolean floating,
                    Setter set, Getter get, Writer write, Reader read) {

        long mask() {
            return width == 8 ? -1L : (1L << (8 * width)) - 1;
        }

        long expected(long bits) {
            long v = bits & mask();
            if (signed && width < 8 && (v & (1L << (8 * width - 1))) != 0) {
                v |= ~mask();
            }
            return v;
        }

        byte[] layout(long bits) {
            byte[] bytes = new byte[width];
            for (int k = 0; k < width; k++) {
                int shift = littleEndian ? 8 * k : 8 * (width - 1 - k);
                bytes[k] = (byte) (bits >>> shift);
            }
            return bytes;
        }

        /** Random raw bits; floating values are kept away from NaN so raw bits round-trip. */
        long random(Random rnd) {
            return sanitize(rnd.nextLong());
        }

        /** Edge values: zero, one, all ones, sign bit alone, largest positive, distinct bytes. */
        long[] edges() {
            long top = 1L << (8 * width - 1);
            long[] raw = {0, 1, -1L, top, top - 1, 0x0102030405060708L, 0x8070605040302010L};
            long[] out = new long[raw.length];
            for (int i = 0; i < raw.length; i++) {
                out[i] = sanitize(raw[i]);
            }
            return out;
        }

        private long sanitize(long bits) {
            if (floating && width == 4 && Float.isNaN(Float.intBitsToFloat((int) bits))) {
                return bits ^ 0x4000_0000L;
            }
            if (floating && width == 8 && Double.isNaN(Double.longBitsToDouble(bits))) {
                return bits ^ 0x4000_0000_0000_0000L;
            }
            return bits;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private static Accessor integral(String name, int width, boolean le, boolean signed,
                                     Setter set, Getter get, Writer write, Reader read) {
        return new Accessor(name, width, le, signed, false, set, get, write, read);
    }

    private static Accessor floating(String name, int width, boolean le,
                                     Setter set, Getter get, Writer write, Reader read) {
        return new Accessor(name, width, le, false, true, set, get, write, read);
    }

    private static float f(long bits) {
        return Float.intBitsToFloat((int) bits);
    }

    private static long bits(float value) {
        return Float.floatToRawIntBits(value) & 0xFFFF_FFFFL;
    }

    private static double d(long bits) {
        return Double.longBitsToDouble(bits);
    }

    private static long bits(double value) {
        return Double.doubleToRawLongBits(value);
    }

    /** Every primitive accessor family of {@link Buffer}. */
    static Stream<Accessor> accessors() {
        return Stream.of(
                integral("byte", 1, false, true, (b, i, v) -> b.setByte(i, (int) v), Buffer::getByte,
                        (b, v) -> b.writeByte((int) v), Buffer::readByte),
                integral("unsignedByte", 1, false, false, (b, i, v) -> b.setByte(i, (int) v), Buffer::getUnsignedByte,
                        (b, v) -> b.writeByte((int) v), Buffer::readUnsignedByte),
                integral("short", 2, false, true, (b, i, v) -> b.setShort(i, (int) v), Buffer::getShort,
                        (b, v) -> b.writeShort((int) v), Buffer::readShort),
                integral("shortLE", 2, true, true, (b, i, v) -> b.setShortLE(i, (int) v), Buffer::getShortLE,
                        (b, v) -> b.writeShortLE((int) v), Buffer::readShortLE),
                integral("unsignedShort", 2, false, false, (b, i, v) -> b.setShort(i, (int) v),
                        Buffer::getUnsignedShort, (b, v) -> b.writeShort((int) v), Buffer::readUnsignedShort),
                integral("unsignedShortLE", 2, true, false, (b, i, v) -> b.setShortLE(i, (int) v),
                        Buffer::getUnsignedShortLE, (b, v) -> b.writeShortLE((int) v), Buffer::readUnsignedShortLE),
                integral("medium", 3, false, true, (b, i, v) -> b.setMedium(i, (int) v), Buffer::getMedium,
                        (b, v) -> b.writeMedium((int) v), Buffer::readMedium),
                integral("mediumLE", 3, true, true, (b, i, v) -> b.setMediumLE(i, (int) v), Buffer::getMediumLE,
                        (b, v) -> b.writeMediumLE((int) v), Buffer::readMediumLE),
                integral("unsignedMedium", 3, false, false, (b, i, v) -> b.setMedium(i, (int) v),
                        Buffer::getUnsignedMedium, (b, v) -> b.writeMedium((int) v), Buffer::readUnsignedMedium),
                integral("unsignedMediumLE", 3, true, false, (b, i, v) -> b.setMediumLE(i, (int) v),
                        Buffer::getUnsignedMediumLE, (b, v) -> b.writeMediumLE((int) v), Buffer::readUnsignedMediumLE),
                integral("int", 4, false, true, (b, i, v) -> b.setInt(i, (int) v), Buffer::getInt,
                        (b, v) -> b.writeInt((int) v), Buffer::readInt),
                integral("intLE", 4, true, true, (b, i, v) -> b.setIntLE(i, (int) v), Buffer::getIntLE,
                        (b, v) -> b.writeIntLE((int) v), Buffer::readIntLE),
                integral("unsignedInt", 4, false, false, (b, i, v) -> b.setInt(i, (int) v), Buffer::getUnsignedInt,
                        (b, v) -> b.writeInt((int) v), Buffer::readUnsignedInt),
                integral("unsignedIntLE", 4, true, false, (b, i, v) -> b.setIntLE(i, (int) v),
                        Buffer::getUnsignedIntLE, (b, v) -> b.writeIntLE((int) v), Buffer::readUnsignedIntLE),
                integral("long", 8, false, true, Buffer::setLong, Buffer::getLong, Buffer::writeLong, Buffer::readLong),
                integral("longLE", 8, true, true, Buffer::setLongLE, Buffer::getLongLE, Buffer::writeLongLE,
                        Buffer::readLongLE),
                integral("char", 2, false, false, (b, i, v) -> b.setChar(i, (int) v), Buffer::getChar,
                        (b, v) -> b.writeChar((int) v), Buffer::readChar),
                floating("float", 4, false, (b, i, v) -> b.setFloat(i, f(v)), (b, i) -> bits(b.getFloat(i)),
                        (b, v) -> b.writeFloat(f(v)), b -> bits(b.readFloat())),
                floating("floatLE", 4, true, (b, i, v) -> b.setFloatLE(i, f(v)), (b, i) -> bits(b.getFloatLE(i)),
                        (b, v) -> b.writeFloatLE(f(v)), b -> bits(b.readFloatLE())),
                floating("double", 8, false, (b, i, v) -> b.setDouble(i, d(v)), (b, i) -> bits(b.getDouble(i)),
                        (b, v) -> b.writeDouble(d(v)), b -> bits(b.readDouble())),
                floating("doubleLE", 8, true, (b, i, v) -> b.setDoubleLE(i, d(v)), (b, i) -> bits(b.getDoubleLE(i)),
                        (b, v) -> b.writeDoubleLE(d(v)), b -> bits(b.readDoubleLE())));
    }

    private static Named<BufferOp> op(String name, BufferOp op) {
        return Named.of(name, op);
    }

    /**
     * One representative of every group of operations; each must throw
     * {@link IllegalReferenceCountException} on a released buffer that had 16 readable bytes.
     */
    static Stream<Named<BufferOp>> operationsAfterRelease() {
        return Stream.of(
                op("getByte", b -> b.getByte(0)),
                op("getIntLE", b -> b.getIntLE(0)),
                op("getLong", b -> b.getLong(8)),
                op("getBytes(byte[])", b -> b.getBytes(0, new byte[4])),
                op("getBytes(ByteBuffer)", b -> b.getBytes(0, ByteBuffer.allocate(4))),
                op("getBytes(OutputStream)", b -> b.getBytes(0, new ByteArrayOutputStream(), 4)),
                op("toString(Charset)", b -> b.toString(StandardCharsets.UTF_8)),
                op("setByte", b -> b.setByte(0, 1)),
                op("setInt", b -> b.setInt(0, 1)),
                op("setBytes(byte[])", b -> b.setBytes(0, new byte[4])),
                op("setBytes(InputStream)", b -> b.setBytes(0, new ByteArrayInputStream(new byte[4]), 4)),
                op("setZero", b -> b.setZero(0, 4)),
                op("readByte", Buffer::readByte),
                op("readLong", Buffer::readLong),
                op("readBytes(byte[])", b -> b.readBytes(new byte[4])),
                op("readBytes(int)", b -> b.readBytes(4)),
                op("skipBytes", b -> b.skipBytes(1)),
                op("writeByte", b -> b.writeByte(1)),
                op("writeInt", b -> b.writeInt(1)),
                op("writeBytes(byte[])", b -> b.writeBytes(new byte[4])),
                op("writeZero", b -> b.writeZero(4)),
                op("writeCharSequence", b -> b.writeCharSequence("abc", StandardCharsets.US_ASCII)),
                op("ensureWritable", b -> b.ensureWritable(4)),
                op("discardReadBytes (reader index 0)", Buffer::discardReadBytes),
                op("slice()", Buffer::slice),
                op("slice(int,int)", b -> b.slice(0, 4)),
                op("retainedSlice", Buffer::retainedSlice),
                op("readSlice", b -> b.readSlice(4)),
                op("duplicate", Buffer::duplicate),
                op("retainedDuplicate", Buffer::retainedDuplicate),
                op("nioBuffer()", Buffer::nioBuffer),
                op("nioBuffer(int,int)", b -> b.nioBuffer(0, 4)),
                op("nioBuffers()", Buffer::nioBuffers),
                op("copy()", Buffer::copy),
                op("copy(int,int)", b -> b.copy(0, 4)),
                op("indexOf", b -> b.indexOf(0, 8, (byte) 1)),
                op("forEachByte", b -> b.forEachByte(v -> true)),
                op("retain", Buffer::retain),
                op("release", Buffer::release));
    }

    /** Every kind of modification; each must throw ReadOnlyBufferException on a read-only view. */
    static Stream<Named<BufferOp>> modifications() {
        return Stream.of(
                op("setBoolean", b -> b.setBoolean(0, true)),
                op("setByte", b -> b.setByte(0, 1)),
                op("setShort", b -> b.setShort(0, 1)),
                op("setShortLE", b -> b.setShortLE(0, 1)),
                op("setMedium", b -> b.setMedium(0, 1)),
                op("setInt", b -> b.setInt(0, 1)),
                op("setLongLE", b -> b.setLongLE(0, 1)),
                op("setChar", b -> b.setChar(0, 'x')),
                op("setFloat", b -> b.setFloat(0, 1f)),
                op("setDoubleLE", b -> b.setDoubleLE(0, 1d)),
                op("setBytes(byte[])", b -> b.setBytes(0, new byte[] {1, 2})),
                op("setBytes(ByteBuffer)", b -> b.setBytes(0, ByteBuffer.wrap(new byte[] {1, 2}))),
                op("setBytes(Buffer)", b -> {
                    Buffer src = TestBuffers.Other.HEAP.of(new byte[] {1, 2});
                    try {
                        b.setBytes(0, src, 0, 2);
                    } finally {
                        src.release();
                    }
                }),
                op("setBytes(InputStream)", b -> b.setBytes(0, new ByteArrayInputStream(new byte[] {1, 2}), 2)),
                op("setZero", b -> b.setZero(0, 2)),
                op("setCharSequence", b -> b.setCharSequence(0, "ab", StandardCharsets.US_ASCII)),
                op("writeBoolean", b -> b.writeBoolean(true)),
                op("writeByte", b -> b.writeByte(1)),
                op("writeMedium", b -> b.writeMedium(1)),
                op("writeInt", b -> b.writeInt(1)),
                op("writeLongLE", b -> b.writeLongLE(1)),
                op("writeBytes(byte[])", b -> b.writeBytes(new byte[] {1, 2})),
                op("writeBytes(ByteBuffer)", b -> b.writeBytes(ByteBuffer.wrap(new byte[] {1, 2}))),
                op("writeBytes(Buffer)", b -> {
                    Buffer src = TestBuffers.Other.DIRECT.of(new byte[] {1, 2});
                    try {
                        b.writeBytes(src);
                    } finally {
                        src.release();
                    }
                }),
                op("writeBytes(InputStream)", b -> b.writeBytes(new ByteArrayInputStream(new byte[] {1, 2}), 2)),
                op("writeZero", b -> b.writeZero(2)),
                op("writeCharSequence", b -> b.writeCharSequence("ab", StandardCharsets.UTF_8)));
    }
}
