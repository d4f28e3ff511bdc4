package io.sluice.codec.resp;

import io.sluice.buffer.Buffer;
import io.sluice.buffer.BufferAllocator;
import io.sluice.buffer.ReferenceCounting;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits an inline command (what a telnet user types: {@code SET key "hello world"}) into
 * arguments, as Redis does: runs of spaces or tabs separate them; an argument may be quoted with
 * {@code "..."} (escapes {@code \" \\ \n \r \t \b \a \xHH}) or {@code '...'} (escape {@code \'}),
 * and a closing quote must be followed by a separator or the end of the line.
 *
 * <p>Unquoted arguments are retained slices of the line (no copy); quoted ones are copied into
 * new heap buffers, since their escapes change the bytes.
 */
final class InlineCommand {
    private InlineCommand() {}

    /**
     * Returns the arguments of {@code line[from, to)} as bulk strings the caller owns (an empty
     * list for a blank line).
     *
     * @throws RespProtocolException on unbalanced quotes; nothing is left retained then
     */
    static List<RespMessage> split(Buffer line, int from, int to, BufferAllocator alloc) {
        List<RespMessage> args = new ArrayList<>();
        try {
            int i = from;
            for (;;) {
                while (i < to && isBlank(line.getByte(i))) {
                    i++;
                }
                if (i == to) {
                    return args;
                }
                byte first = line.getByte(i);
                if (first == '"' || first == '\'') {
                    Buffer arg = alloc.heapBuffer(Math.min(64, to - i));
                    args.add(BulkString.of(arg));
                    i = unquote(line, i + 1, to, first, arg);
                } else {
                    int start = i;
                    while (i < to && !isBlank(line.getByte(i))) {
                        i++;
                    }
                    args.add(BulkString.of(line.retainedSlice(start, i - start)));
                }
            }
        } catch (RuntimeException e) {
            for (RespMessage arg : args) {
                ReferenceCounting.release(arg);
            }
            throw e;
        }
    }

    /** Copies a quoted argument's bytes into {@code arg}; returns the index after the closing quote. */
    private static int unquote(Buffer line, int i, int to, byte quote, Buffer arg) {
        while (i < to) {
            byte b = line.getByte(i);
            if (b == quote) {
                if (i + 1 < to && !isBlank(line.getByte(i + 1))) {
                    throw unbalanced("a closing quote followed by '" + (char) line.getByte(i + 1) + "'");
                }
                return i + 1;
            }
            if (b == '\\' && i + 1 < to) {
                byte next = line.getByte(i + 1);
                if (quote == '\'') {
                    if (next == '\'') {
                        arg.writeByte('\'');
                        i += 2;
                        continue;
                    }
                } else if (next == 'x' && i + 3 < to && hex(line.getByte(i + 2)) >= 0 && hex(line.getByte(i + 3)) >= 0) {
                    arg.writeByte(hex(line.getByte(i + 2)) << 4 | hex(line.getByte(i + 3)));
                    i += 4;
                    continue;
                } else {
                    arg.writeByte(switch (next) {
                        case 'n' -> '\n';
                        case 'r' -> '\r';
                        case 't' -> '\t';
                        case 'b' -> '\b';
                        case 'a' -> 7;
                        default -> next;
                    });
                    i += 2;
                    continue;
                }
            }
            arg.writeByte(b);
            i++;
        }
        throw unbalanced("no closing " + (char) quote);
    }

    private static RespProtocolException unbalanced(String found) {
        return new RespProtocolException("unbalanced quotes in request",
                "inline command quotes: " + found + " (expected: a closing quote, then a space or the end of the line)");
    }

    private static boolean isBlank(byte b) {
        return b == ' ' || b == '\t';
    }

    private static int hex(byte b) {
        return Character.digit(b, 16);
    }
}
