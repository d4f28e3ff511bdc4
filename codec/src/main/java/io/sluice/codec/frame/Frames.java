package io.sluice.codec.frame;

import io.sluice.codec.CorruptedFrameException;
import io.sluice.codec.TooLongFrameException;
import io.sluice.channel.ChannelHandlerContext;

/** What the frame decoders share: reporting oversized and truncated frames, checking arguments. */
final class Frames {
    private Frames() {}

    /**
     * Throws (CLOSE) or fires (SKIP) the exception for an oversized frame:
     * {@code Decoder: what: N bytes (expected: at most limitName max); the frame is discarded}.
     *
     * @param length the frame's length, or -1 when only "more than {@code max}" is known yet
     */
    static void tooLong(ChannelHandlerContext ctx, TooLongFrameAction action, Object decoder, String what,
            long length, String limitName, int max) {
        TooLongFrameException e = new TooLongFrameException(name(decoder) + ": " + what + ": "
                + (length < 0 ? "more than " + max : String.valueOf(length)) + " bytes (expected: at most "
                + limitName + " " + max + ")"
                + (action == TooLongFrameAction.SKIP ? "; the frame is discarded" : "; the stream is closed"));
        if (action == TooLongFrameAction.CLOSE) {
            throw e;
        }
        ctx.fireExceptionCaught(e);
    }

    /** The exception for input that ended inside a frame. */
    static CorruptedFrameException truncated(Object decoder, int bytes) {
        return new CorruptedFrameException(name(decoder) + ": incomplete frame at the end of input: " + bytes
                + " bytes (expected: none; discarded)");
    }

    /** The decoder's simple class name, or its full name for an anonymous class. */
    static String name(Object decoder) {
        Class<?> type = decoder.getClass();
        return type.isAnonymousClass() ? type.getName() : type.getSimpleName();
    }

    static int checkPositive(int value, String name) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + ": " + value + " (expected: > 0)");
        }
        return value;
    }

    static void checkLengthFieldLength(int lengthFieldLength) {
        if (lengthFieldLength != 1 && lengthFieldLength != 2 && lengthFieldLength != 3 && lengthFieldLength != 4
                && lengthFieldLength != 8) {
            throw new IllegalArgumentException("lengthFieldLength: " + lengthFieldLength + " (expected: 1, 2, 3, 4 or 8)");
        }
    }
}
