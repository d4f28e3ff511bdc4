package io.sluice.codec.http.websocket;

import io.sluice.buffer.Buffer;

/**
 * Checks UTF-8 (RFC 3629: shortest form, no surrogates, at most U+10FFFF) incrementally: a
 * sequence may be cut between any two fragments of a message. ASCII runs are checked eight bytes at
 * a time. Not thread-safe; one per connection; allocation-free.
 *
 * <p>Encoding of the state: {@code needed} continuation bytes remain, and the next one must lie in
 * {@code [lower, upper]} (the first continuation byte of E0, ED, F0 and F4 is narrower than 80..BF,
 * which is what rules out overlong forms, surrogates and code points past U+10FFFF).
 */
final class Utf8Validator {
    private static final long HIGH_BITS = 0x8080808080808080L;

    private int needed;
    private int lower = 0x80;
    private int upper = 0xBF;

    /** Returns whether the readable bytes of {@code buf} (not consumed) continue valid UTF-8. */
    boolean feed(Buffer buf) {
        int i = buf.readerIndex();
        int end = buf.writerIndex();
        while (i < end) {
            if (needed == 0) {
                while (end - i >= 8 && (buf.getLong(i) & HIGH_BITS) == 0) {
                    i += 8;
                }
                if (i == end) {
                    break;
                }
            }
            if (!step(buf.getByte(i++) & 0xFF)) {
                return false;
            }
        }
        return true;
    }

    /** Returns whether the bytes fed so far end on a whole character; resets for the next message. */
    boolean finish() {
        boolean complete = needed == 0;
        reset();
        return complete;
    }

    /** Forgets what was fed. */
    void reset() {
        needed = 0;
        lower = 0x80;
        upper = 0xBF;
    }

    private boolean step(int b) {
        if (needed > 0) {
            if (b < lower || b > upper) {
                return false;
            }
            needed--;
            lower = 0x80;
            upper = 0xBF;
            return true;
        }
        if (b < 0x80) {
            return true;
        }
        if (b >= 0xC2 && b <= 0xDF) {
            needed = 1;
        } else if (b >= 0xE0 && b <= 0xEF) {
            needed = 2;
            if (b == 0xE0) {
                lower = 0xA0;
            } else if (b == 0xED) {
                upper = 0x9F;
            }
        } else if (b >= 0xF0 && b <= 0xF4) {
            needed = 3;
            if (b == 0xF0) {
                lower = 0x90;
            } else if (b == 0xF4) {
                upper = 0x8F;
            }
        } else {
            return false;
        }
        return true;
    }
}
