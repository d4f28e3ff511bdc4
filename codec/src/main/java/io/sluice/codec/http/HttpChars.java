package io.sluice.codec.http;

import io.sluice.buffer.Buffer;

/**
 * Character classes of RFC 9110 and the byte tests the decoder and encoder share. Tables indexed
 * by the unsigned byte; no allocation.
 */
final class HttpChars {
    /** tchar of RFC 9110, section 5.6.2. */
    private static final boolean[] TOKEN = new boolean[256];
    /** Bytes a field value may not hold: CTLs other than HTAB, and DEL (obs-text 0x80-0xFF is allowed). */
    private static final boolean[] NOT_IN_VALUE = new boolean[256];
    /** Bytes an encoder never writes inside a line: CR, LF and NUL. */
    private static final boolean[] LINE_BREAKING = new boolean[256];
    /** Bytes allowed in a request target: visible ASCII (RFC 3986 plus what clients send unescaped). */
    private static final boolean[] TARGET = new boolean[256];

    static {
        for (int c = '0'; c <= '9'; c++) {
            TOKEN[c] = true;
        }
        for (int c = 'a'; c <= 'z'; c++) {
            TOKEN[c] = true;
            TOKEN[c - 32] = true;
        }
        for (char c : "!#$%&'*+-.^_`|~".toCharArray()) {
            TOKEN[c] = true;
        }
        for (int c = 0; c < 32; c++) {
            NOT_IN_VALUE[c] = c != '\t';
        }
        NOT_IN_VALUE[127] = true;
        LINE_BREAKING[0] = true;
        LINE_BREAKING['\r'] = true;
        LINE_BREAKING['\n'] = true;
        for (int c = 0x21; c < 0x7f; c++) {
            TARGET[c] = true;
        }
    }

    private HttpChars() {}

    static boolean isTokenByte(int b) {
        return TOKEN[b & 0xff];
    }

    /** Returns whether {@code s} is a non-empty token. */
    static boolean isToken(CharSequence s) {
        int n = s.length();
        if (n == 0) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c > 0xff || !TOKEN[c]) {
                return false;
            }
        }
        return true;
    }

    /** Returns the index of the first byte in {@code [from, to)} that may not appear in a field value, or -1. */
    static int invalidValueByte(Buffer in, int from, int to) {
        int i = from;
        // eight bytes at a time: flag a word holding any byte below 0x20 or equal to 0x7f, then look closer
        for (; i + 8 <= to; i += 8) {
            long w = in.getLong(i);
            long below = (w - 0x2020202020202020L) & ~w & 0x8080808080808080L;
            long x = w ^ 0x7f7f7f7f7f7f7f7fL;
            long del = (x - 0x0101010101010101L) & ~x & 0x8080808080808080L;
            if ((below | del) != 0) {
                int bad = invalidValueByteSlow(in, i, i + 8);
                if (bad >= 0) {
                    return bad;
                }
            }
        }
        return invalidValueByteSlow(in, i, to);
    }

    private static int invalidValueByteSlow(Buffer in, int from, int to) {
        for (int i = from; i < to; i++) {
            if (NOT_IN_VALUE[in.getByte(i) & 0xff]) {
                return i;
            }
        }
        return -1;
    }

    /** Returns the index of the first byte in {@code [from, to)} that is not a token character, or -1. */
    static int nonTokenByte(Buffer in, int from, int to) {
        for (int i = from; i < to; i++) {
            if (!TOKEN[in.getByte(i) & 0xff]) {
                return i;
            }
        }
        return -1;
    }

    /** Returns the index of the first byte in {@code [from, to)} not allowed in a request target, or -1. */
    static int nonTargetByte(Buffer in, int from, int to) {
        for (int i = from; i < to; i++) {
            if (!TARGET[in.getByte(i) & 0xff]) {
                return i;
            }
        }
        return -1;
    }

    /** Returns whether {@code s} holds CR, LF, NUL or a char that is not one byte (what a line cannot carry). */
    static boolean breaksLine(CharSequence s) {
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            if (c > 0xff || LINE_BREAKING[c]) {
                return true;
            }
        }
        return false;
    }

    /** Returns whether byte {@code b} is optional whitespace (SP or HTAB). */
    static boolean isOws(int b) {
        return b == ' ' || b == '\t';
    }

    /** Returns the lower-case form of an ASCII byte. */
    static int lower(int b) {
        return b >= 'A' && b <= 'Z' ? b + 32 : b;
    }

    /** Returns whether {@code a} and {@code b} are equal ignoring ASCII case, without allocating. */
    static boolean equalsIgnoreCase(String a, String b) {
        return a == b || a.length() == b.length() && a.regionMatches(true, 0, b, 0, a.length());
    }

    /** Returns a printable rendering of byte {@code b} for error messages. */
    static String show(int b) {
        b &= 0xff;
        return b >= 0x20 && b < 0x7f ? "'" + (char) b + "'" : String.format("0x%02x", b);
    }
}
