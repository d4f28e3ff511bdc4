package io.sluice.codec.tls;

import io.sluice.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Finds the server_name (SNI, RFC 6066 section 3) a ClientHello asks for, inside the first TLS
 * record. Layout (RFC 8446 section 4.1.2): record header (5), handshake type 1 and 24-bit length
 * (4), legacy_version (2), random (32), session id (1 + n), cipher suites (2 + n), compression
 * methods (1 + n), extensions (2 + n), each extension type (2), length (2), data. Every length is
 * checked against the record's end; anything malformed or missing gives "no name", and the engine
 * then rejects what it must.
 */
final class ClientHelloSni {
    private static final int HANDSHAKE = 22;
    private static final int CLIENT_HELLO = 1;
    private static final int SERVER_NAME = 0;
    private static final int HOST_NAME = 0;

    private ClientHelloSni() {}

    /**
     * Returns the lower-case host name asked for by the ClientHello in the record of
     * {@code recordLength} bytes at {@code buffer}'s reader index, or null if it names none.
     */
    static String hostName(Buffer buffer, int recordLength) {
        int start = buffer.readerIndex();
        int end = start + recordLength;
        if (buffer.getUnsignedByte(start) != HANDSHAKE || recordLength < TlsRecords.HEADER_LENGTH + 4
                || buffer.getUnsignedByte(start + TlsRecords.HEADER_LENGTH) != CLIENT_HELLO) {
            return null;
        }
        int at = start + TlsRecords.HEADER_LENGTH + 4 + 2 + 32;
        at = skip(buffer, at, 1, end); // session id
        at = skip(buffer, at, 2, end); // cipher suites
        at = skip(buffer, at, 1, end); // compression methods
        if (at < 0 || at + 2 > end) {
            return null;
        }
        int extensionsEnd = Math.min(end, at + 2 + buffer.getUnsignedShort(at));
        at += 2;
        while (at + 4 <= extensionsEnd) {
            int type = buffer.getUnsignedShort(at);
            int length = buffer.getUnsignedShort(at + 2);
            at += 4;
            if (at + length > extensionsEnd) {
                return null;
            }
            if (type == SERVER_NAME) {
                return serverName(buffer, at, at + length);
            }
            at += length;
        }
        return null;
    }

    private static String serverName(Buffer buffer, int at, int end) {
        if (at + 2 > end) {
            return null;
        }
        int listEnd = Math.min(end, at + 2 + buffer.getUnsignedShort(at));
        at += 2;
        while (at + 3 <= listEnd) {
            int nameType = buffer.getUnsignedByte(at);
            int length = buffer.getUnsignedShort(at + 1);
            at += 3;
            if (at + length > listEnd) {
                return null;
            }
            if (nameType == HOST_NAME) {
                return buffer.toString(at, length, StandardCharsets.US_ASCII).toLowerCase(Locale.ROOT);
            }
            at += length;
        }
        return null;
    }

    /** Skips a vector whose length takes {@code lengthBytes} bytes at {@code at}. @return the index after it, or -1 */
    private static int skip(Buffer buffer, int at, int lengthBytes, int end) {
        if (at < 0 || at + lengthBytes > end) {
            return -1;
        }
        int length = lengthBytes == 1 ? buffer.getUnsignedByte(at) : buffer.getUnsignedShort(at);
        int next = at + lengthBytes + length;
        return next > end ? -1 : next;
    }
}
