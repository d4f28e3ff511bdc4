package io.sluice.codec.http;

import io.sluice.codec.EncoderException;
import java.util.Arrays;

/**
 * Renders a message head (start line, fields, empty line) into a per-thread scratch array, checking
 * as it copies that no name, value, reason phrase or target holds CR, LF, NUL or a char beyond
 * Latin-1, and that names are tokens. The encoder then writes the scratch into its buffer in one go.
 * Used on one thread at a time (the scratch is per thread).
 */
final class HeadWriter {
    private static final ThreadLocal<HeadWriter> WRITERS = ThreadLocal.withInitial(HeadWriter::new);
    /** Status lines of HTTP/1.1 responses by code, built on first use (a benign race: immutable values). */
    private static final StatusLine[] STATUS_LINES = new StatusLine[1000];

    private record StatusLine(HttpStatus status, byte[] bytes) {}

    private byte[] bytes = new byte[512];
    private int length;

    private HeadWriter() {}

    /** Returns this thread's writer, emptied. */
    static HeadWriter get() {
        HeadWriter w = WRITERS.get();
        w.length = 0;
        return w;
    }

    byte[] bytes() {
        return bytes;
    }

    int length() {
        return length;
    }

    /** Appends the status line of a response. */
    HeadWriter statusLine(HttpVersion version, HttpStatus status) {
        if (version == HttpVersion.HTTP_1_1) {
            StatusLine cached = STATUS_LINES[status.code()];
            if (cached == null || !cached.status.equals(status)) {
                int start = length;
                ascii(version.text()).by(' ').number(status.code()).by(' ').text(status.reasonPhrase(), "reason phrase")
                        .crlf();
                cached = new StatusLine(status, Arrays.copyOfRange(bytes, start, length));
                STATUS_LINES[status.code()] = cached;
                return this;
            }
            return raw(cached.bytes);
        }
        return ascii(version.text()).by(' ').number(status.code()).by(' ').text(status.reasonPhrase(), "reason phrase")
                .crlf();
    }

    /** Appends a request line. */
    HeadWriter requestLine(HttpMethod method, String target, HttpVersion version) {
        ascii(method.name()).by(' ');
        if (target.isEmpty() || target.indexOf(' ') >= 0) {
            throw new EncoderException("request target: \"" + target + "\" (expected: non-empty, no space)");
        }
        return text(target, "request target").by(' ').ascii(version.text()).crlf();
    }

    /** Appends every field of {@code headers}. */
    HeadWriter fields(HttpHeaders headers) {
        for (int i = 0, n = headers.size(); i < n; i++) {
            field(headers.nameAt(i), headers.valueAt(i));
        }
        return this;
    }

    /** Appends one field. */
    HeadWriter field(String name, String value) {
        if (!HttpChars.isToken(name)) {
            throw new EncoderException("header name: \"" + name + "\" (expected: a token)");
        }
        return ascii(name).by(':').by(' ').text(value, "header value of " + name).crlf();
    }

    /** Appends a field with a numeric value. */
    HeadWriter field(String name, long value) {
        return ascii(name).by(':').by(' ').number(value).crlf();
    }

    HeadWriter crlf() {
        return by('\r').by('\n');
    }

    /** Appends {@code s}, refusing what cannot sit inside a line. */
    private HeadWriter text(String s, String what) {
        int n = s.length();
        ensure(n);
        byte[] b = bytes;
        int at = length;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c > 0xff || c == '\r' || c == '\n' || c == 0) {
                throw new EncoderException(what + ": " + String.format("U+%04X", (int) c) + " at " + i
                        + " (expected: no CR, LF, NUL or char beyond Latin-1)");
            }
            b[at++] = (byte) c;
        }
        length = at;
        return this;
    }

    /** Appends a string already known to be a token or plain ASCII. */
    private HeadWriter ascii(String s) {
        int n = s.length();
        ensure(n);
        byte[] b = bytes;
        int at = length;
        for (int i = 0; i < n; i++) {
            b[at++] = (byte) s.charAt(i);
        }
        length = at;
        return this;
    }

    HeadWriter raw(byte[] src) {
        ensure(src.length);
        System.arraycopy(src, 0, bytes, length, src.length);
        length += src.length;
        return this;
    }

    HeadWriter by(int c) {
        ensure(1);
        bytes[length++] = (byte) c;
        return this;
    }

    HeadWriter number(long value) {
        if (value < 0) {
            throw new EncoderException("number: " + value + " (expected: >= 0)");
        }
        ensure(20);
        int digits = 1;
        for (long v = value / 10; v != 0; v /= 10) {
            digits++;
        }
        int at = length + digits;
        length = at;
        long v = value;
        do {
            bytes[--at] = (byte) ('0' + (int) (v % 10));
            v /= 10;
        } while (v != 0);
        return this;
    }

    /** Appends {@code value} in lower-case hex (a chunk size). */
    HeadWriter hex(long value) {
        ensure(16);
        int digits = Math.max(1, (67 - Long.numberOfLeadingZeros(value)) >> 2);
        int at = length + digits;
        length = at;
        long v = value;
        for (int i = 0; i < digits; i++) {
            bytes[--at] = (byte) Character.forDigit((int) (v & 15), 16);
            v >>>= 4;
        }
        return this;
    }

    private void ensure(int more) {
        if (length + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
        }
    }
}
