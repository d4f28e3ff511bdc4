package io.sluice.codec.tls;

import io.sluice.buffer.Buffer;

/**
 * TLS record framing (RFC 8446 section 5.1, RFC 5246 section 6.2): a 5-byte header (content
 * type, protocol version, length) and up to {@link #MAX_RECORD_LENGTH} bytes. Checks a header as
 * soon as its five bytes are there, so garbage is refused before anything more is buffered.
 */
final class TlsRecords {
    /** Bytes in a record header. */
    static final int HEADER_LENGTH = 5;
    /** The largest record body allowed: 2^14 plus the 2048 bytes of expansion TLS 1.2 permits. */
    static final int MAX_RECORD_LENGTH = 16384 + 2048;
    /** Plaintext bytes in a full record. */
    static final int MAX_PLAINTEXT_LENGTH = 16384;

    private static final int CHANGE_CIPHER_SPEC = 20;
    private static final int HEARTBEAT = 24;

    private TlsRecords() {}

    /**
     * Returns the length (header included) of the record starting at {@code index}, or -1 if fewer
     * than {@link #HEADER_LENGTH} bytes are available there.
     *
     * @throws NotSslRecordException if the header is not a TLS record header or its length breaks the limit
     */
    static int recordLength(Buffer buffer, int index) {
        if (buffer.writerIndex() - index < HEADER_LENGTH) {
            return -1;
        }
        int type = buffer.getUnsignedByte(index);
        if (type < CHANGE_CIPHER_SPEC || type > HEARTBEAT) {
            throw new NotSslRecordException("TLS record content type: " + type + " (expected: 20-24; not a TLS"
                    + " record: plain text sent to a TLS port?)");
        }
        int major = buffer.getUnsignedByte(index + 1);
        if (major != 3) {
            throw new NotSslRecordException("TLS record version: " + major + "." + buffer.getUnsignedByte(index + 2)
                    + " (expected: 3.x)");
        }
        int length = buffer.getUnsignedShort(index + 3);
        if (length > MAX_RECORD_LENGTH) {
            throw new NotSslRecordException("TLS record length: " + length + " (expected: at most "
                    + MAX_RECORD_LENGTH + ")");
        }
        return HEADER_LENGTH + length;
    }

    /**
     * Returns how many readable bytes of {@code buffer}, from its reader index, form whole records
     * (0 if not even the first is complete). Checks every complete header on the way.
     */
    static int wholeRecordsLength(Buffer buffer) {
        int start = buffer.readerIndex();
        int index = start;
        for (;;) {
            int length = recordLength(buffer, index);
            if (length < 0 || buffer.writerIndex() - index < length) {
                return index - start;
            }
            index += length;
        }
    }
}
