package io.sluice.buffer;

/** Visits bytes of a {@link Buffer} in order; see {@link Buffer#forEachByte(ByteProcessor)}. */
@FunctionalInterface
public interface ByteProcessor {

    /** Stops at the first {@code '\n'}. */
    ByteProcessor FIND_LF = value -> value != '\n';
    /** Stops at the first {@code '\r'} or {@code '\n'}. */
    ByteProcessor FIND_CRLF = value -> value != '\r' && value != '\n';
    /** Stops at the first {@code 0} byte. */
    ByteProcessor FIND_NUL = value -> value != 0;

    /**
     * Visits one byte.
     *
     * @return {@code true} to continue with the next byte, {@code false} to stop here
     */
    boolean process(byte value);
}
