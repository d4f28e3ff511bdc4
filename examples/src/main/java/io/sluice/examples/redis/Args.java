package io.sluice.examples.redis;

import io.sluice.codec.resp.BulkString;
import io.sluice.codec.resp.RespAggregate;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The arguments of one command: the bulk strings of a request, read without moving their indexes.
 * Values are copied out only when kept ({@link #bytes}, {@link #key}); the request stays owned by
 * the handler.
 */
final class Args {
    private final RespAggregate request;

    Args(RespAggregate request) {
        this.request = request;
    }

    int size() {
        return request.size();
    }

    private BulkString arg(int i) {
        return (BulkString) request.get(i);
    }

    /** The command's name in lower case. */
    String name() {
        return string(0).toLowerCase(Locale.ROOT);
    }

    /** A copy of argument {@code i}'s bytes. */
    byte[] bytes(int i) {
        return arg(i).toByteArray();
    }

    Bytes key(int i) {
        return new Bytes(bytes(i));
    }

    String string(int i) {
        return arg(i).toString(StandardCharsets.UTF_8);
    }

    /** Whether argument {@code i} is {@code keyword}, ignoring case (ASCII). */
    boolean is(int i, String keyword) {
        BulkString a = arg(i);
        if (a.length() != keyword.length()) {
            return false;
        }
        int at = a.content().readerIndex();
        for (int k = 0; k < keyword.length(); k++) {
            int c = a.content().getByte(at + k);
            if (Character.toLowerCase(c) != Character.toLowerCase(keyword.charAt(k))) {
                return false;
            }
        }
        return true;
    }

    /** Argument {@code i} as a 64-bit integer, or Redis' "not an integer" error. */
    long integer(int i) {
        return parseLong(arg(i).toString(StandardCharsets.US_ASCII));
    }

    /** Argument {@code i} as an int in {@code [min, max]}, or {@code error}. */
    int integer(int i, long min, long max, String error) {
        long v = integer(i);
        if (v < min || v > max) {
            throw new RedisException(error);
        }
        return (int) v;
    }

    /** Argument {@code i} as a double (also {@code inf}, {@code -inf}), or Redis' "not a valid float" error. */
    double number(int i) {
        return parseDouble(arg(i).toString(StandardCharsets.US_ASCII), RedisException.NOT_FLOAT);
    }

    static long parseLong(String text) {
        boolean ok = !text.isEmpty() && text.length() <= 20 && (text.charAt(0) != '0' || text.length() == 1)
                && !text.startsWith("+") && !text.startsWith("-0");
        try {
            if (ok) {
                return Long.parseLong(text);
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new RedisException(RedisException.NOT_INTEGER);
    }

    static double parseDouble(String text, String error) {
        switch (text.toLowerCase(Locale.ROOT)) {
            case "inf", "+inf", "infinity", "+infinity" -> {
                return Double.POSITIVE_INFINITY;
            }
            case "-inf", "-infinity" -> {
                return Double.NEGATIVE_INFINITY;
            }
            default -> {
                // below
            }
        }
        boolean ok = !text.isEmpty() && !Character.isWhitespace(text.charAt(0))
                && !Character.isWhitespace(text.charAt(text.length() - 1));
        for (int k = 0; k < text.length() && ok; k++) {
            char c = text.charAt(k);
            ok = c >= '0' && c <= '9' || c == '.' || c == '-' || c == '+' || c == 'e' || c == 'E';
        }
        try {
            if (ok) {
                double d = Double.parseDouble(text);
                if (!Double.isNaN(d)) {
                    return d;
                }
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new RedisException(error);
    }
}
