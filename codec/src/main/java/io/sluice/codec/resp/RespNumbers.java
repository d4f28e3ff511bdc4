package io.sluice.codec.resp;

import io.sluice.buffer.Buffer;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;

/** Parses and writes the ASCII numbers of RESP lines, straight from and into buffers. */
final class RespNumbers {
    private static final byte[] LONG_MIN = Long.toString(Long.MIN_VALUE).getBytes(StandardCharsets.US_ASCII);

    private RespNumbers() {}

    /**
     * Parses {@code in[from, to)} as a signed decimal long ({@code -} or {@code +} then at least one
     * digit), refusing anything else and values past 64 bits.
     *
     * @throws RespProtocolException with {@code reason} and a message naming {@code type}'s number
     */
    static long parseLong(Buffer in, int from, int to, RespType type, String reason) {
        int i = from;
        boolean negative = false;
        if (i < to) {
            byte sign = in.getByte(i);
            if (sign == '-' || sign == '+') {
                negative = sign == '-';
                i++;
            }
        }
        if (i == to || to - i > 19) {
            throw notANumber(in, from, to, type, reason);
        }
        long value = 0; // accumulated negatively: Long.MIN_VALUE has no positive counterpart
        for (; i < to; i++) {
            int digit = in.getByte(i) - '0';
            if (digit < 0 || digit > 9 || value < (Long.MIN_VALUE + digit) / 10) {
                throw notANumber(in, from, to, type, reason);
            }
            value = value * 10 - digit;
        }
        if (!negative && value == Long.MIN_VALUE) {
            throw notANumber(in, from, to, type, reason);
        }
        return negative ? value : -value;
    }

    /** Parses a RESP3 double: {@code inf}, {@code -inf}, {@code nan} or a decimal with optional exponent. */
    static double parseDouble(Buffer in, int from, int to) {
        String text = in.toString(from, to - from, StandardCharsets.US_ASCII);
        switch (text) {
            case "inf":
            case "+inf":
                return Double.POSITIVE_INFINITY;
            case "-inf":
                return Double.NEGATIVE_INFINITY;
            case "nan":
                return Double.NaN;
            default:
                break;
        }
        boolean digit = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                digit = true;
            } else if (c != '-' && c != '+' && c != '.' && c != 'e' && c != 'E') {
                digit = false;
                break;
            }
        }
        try {
            if (digit) {
                return Double.parseDouble(text);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new RespProtocolException("invalid double", "double: '" + text + "' (expected: a decimal, inf, -inf or nan)");
    }

    /** Parses a RESP3 big number: an optional sign and decimal digits. */
    static BigInteger parseBigNumber(Buffer in, int from, int to) {
        String text = in.toString(from, to - from, StandardCharsets.US_ASCII);
        int start = !text.isEmpty() && (text.charAt(0) == '-' || text.charAt(0) == '+') ? 1 : 0;
        boolean ok = text.length() > start;
        for (int i = start; i < text.length() && ok; i++) {
            ok = text.charAt(i) >= '0' && text.charAt(i) <= '9';
        }
        if (!ok) {
            throw new RespProtocolException("invalid big number", "big number: '" + text + "' (expected: decimal digits)");
        }
        return new BigInteger(text);
    }

    private static RespProtocolException notANumber(Buffer in, int from, int to, RespType type, String reason) {
        String what = type == RespType.INTEGER ? "integer" : type.label() + " length";
        String text = in.toString(from, Math.min(to - from, 32), StandardCharsets.ISO_8859_1);
        return new RespProtocolException(reason, what + ": '" + text + (to - from > 32 ? "...'" : "'")
                + " (expected: a decimal integer of at most 64 bits)");
    }

    /** Writes {@code value} in decimal ASCII, without allocating. */
    static void writeLong(Buffer out, long value) {
        if (value == Long.MIN_VALUE) {
            out.writeBytes(LONG_MIN);
            return;
        }
        if (value < 0) {
            out.writeByte('-');
            value = -value;
        }
        int digits = digits(value);
        out.ensureWritable(digits);
        int at = out.writerIndex();
        for (int i = at + digits - 1; i >= at; i--) {
            out.setByte(i, (int) ('0' + value % 10));
            value /= 10;
        }
        out.writerIndex(at + digits);
    }

    /** The number of decimal digits of a non-negative {@code value}. */
    static int digits(long value) {
        int n = 1;
        while (value >= 10) {
            value /= 10;
            n++;
        }
        return n;
    }
}
