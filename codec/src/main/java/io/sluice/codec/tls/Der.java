package io.sluice.codec.tls;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/**
 * The few DER (ITU-T X.690) encodings an X.509 certificate and a PKCS#8 key wrapper need. Every
 * method returns one complete element: identifier byte, definite length, contents. Lengths use
 * the short form below 128 and the long form (0x80 | number of length bytes, big-endian) above.
 * Not a general ASN.1 library: only what {@link SelfSignedCertificate} and {@link PemFiles} use.
 */
final class Der {
    static final int INTEGER = 0x02;
    static final int BIT_STRING = 0x03;
    static final int OCTET_STRING = 0x04;
    static final int NULL = 0x05;
    static final int OID = 0x06;
    static final int UTF8_STRING = 0x0c;
    static final int UTC_TIME = 0x17;
    static final int GENERALIZED_TIME = 0x18;
    static final int SEQUENCE = 0x30;
    static final int SET = 0x31;

    private static final DateTimeFormatter UTC_TIME_FORMAT = DateTimeFormatter.ofPattern("yyMMddHHmmss'Z'");
    private static final DateTimeFormatter GENERALIZED_TIME_FORMAT = DateTimeFormatter.ofPattern("yyyyMMddHHmmss'Z'");

    private Der() {}

    /** Returns the element {@code tag, length, contents}. */
    static byte[] element(int tag, byte[] contents) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(contents.length + 6);
        out.write(tag);
        int length = contents.length;
        if (length < 0x80) {
            out.write(length);
        } else {
            int lengthBytes = (32 - Integer.numberOfLeadingZeros(length) + 7) / 8;
            out.write(0x80 | lengthBytes);
            for (int shift = (lengthBytes - 1) * 8; shift >= 0; shift -= 8) {
                out.write(length >>> shift);
            }
        }
        out.writeBytes(contents);
        return out.toByteArray();
    }

    /** Returns a SEQUENCE of the given complete elements. */
    static byte[] sequence(byte[]... elements) {
        return element(SEQUENCE, concat(elements));
    }

    /** Returns a SET of the given complete elements (callers pass one element, so no sorting is needed). */
    static byte[] set(byte[]... elements) {
        return element(SET, concat(elements));
    }

    /** Returns an INTEGER in two's complement, minimal length. */
    static byte[] integer(BigInteger value) {
        return element(INTEGER, value.toByteArray());
    }

    /** Returns an OBJECT IDENTIFIER from its dotted form, e.g. {@code 2.5.4.3}. */
    static byte[] oid(String dotted) {
        String[] arcs = dotted.split("\\.");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writeBase128(out, Long.parseLong(arcs[0]) * 40 + Long.parseLong(arcs[1]));
        for (int i = 2; i < arcs.length; i++) {
            writeBase128(out, Long.parseLong(arcs[i]));
        }
        return element(OID, out.toByteArray());
    }

    private static void writeBase128(ByteArrayOutputStream out, long value) {
        int groups = Math.max(1, (64 - Long.numberOfLeadingZeros(value) + 6) / 7);
        for (int i = groups - 1; i >= 0; i--) {
            int group = (int) (value >>> (7 * i)) & 0x7f;
            out.write(i == 0 ? group : group | 0x80);
        }
    }

    /** Returns a UTF8String. */
    static byte[] utf8(String text) {
        return element(UTF8_STRING, text.getBytes(StandardCharsets.UTF_8));
    }

    /** Returns a NULL. */
    static byte[] nul() {
        return new byte[] {NULL, 0};
    }

    /** Returns a BIT STRING holding whole bytes (no unused bits). */
    static byte[] bitString(byte[] bytes) {
        byte[] contents = new byte[bytes.length + 1];
        System.arraycopy(bytes, 0, contents, 1, bytes.length);
        return element(BIT_STRING, contents);
    }

    /** Returns an OCTET STRING. */
    static byte[] octetString(byte[] bytes) {
        return element(OCTET_STRING, bytes);
    }

    /**
     * Returns an X.509 {@code Time}: UTCTime for years 1950-2049, GeneralizedTime otherwise
     * (RFC 5280 section 4.1.2.5), at whole seconds in UTC.
     */
    static byte[] time(ZonedDateTime when) {
        ZonedDateTime utc = when.withZoneSameInstant(ZoneOffset.UTC);
        boolean utcTime = utc.getYear() >= 1950 && utc.getYear() < 2050;
        String text = (utcTime ? UTC_TIME_FORMAT : GENERALIZED_TIME_FORMAT).format(utc);
        return element(utcTime ? UTC_TIME : GENERALIZED_TIME, text.getBytes(StandardCharsets.US_ASCII));
    }

    /** Returns {@code [number] EXPLICIT}: a constructed context-specific tag around one element. */
    static byte[] explicit(int number, byte[] element) {
        return element(0xa0 | number, element);
    }

    /** Returns {@code [number] IMPLICIT} for a primitive type: the contents under a context-specific tag. */
    static byte[] implicit(int number, byte[] contents) {
        return element(0x80 | number, contents);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
