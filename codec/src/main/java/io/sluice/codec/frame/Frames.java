package io.sluice.codec.frame;

import io.sluice.codec.CorruptedFrameException;
import io.sluice.codec.TooLongFrameException;
import io.sluice.channel.ChannelHandlerContext;

/** What the frame decoders share: reporting oversized and truncated frames, checking arguments. */
final class Frames {
    private Frames() {}

    /** Throws (CLOSE) or fires (SKIP) the exception for an oversized frame. */
    static void tooLong(ChannelHandlerContext ctx, TooLongFrameAction action, Object decoder, String what,
            long length, int maxFrameLength) {
        TooLongFrameException e = new TooLongFrameException(name(decoder) + ": " + what + " "
                + (length < 0 ? "" : length + " bytes ") + "exceeds maxFrameLength " + maxFrameLength
                + (action == TooLongFrameAction.SKIP ? "; the frame is discarded" : "; the stream is closed"));
        if (action == TooLongFrameAction.CLOSE) {
            throw e;
        }
        ctx.fireExceptionCaught(e);
    }

    /** The exception for input that ended inside a frame. */
    static CorruptedFrameException truncated(Object decoder, int bytes) {
        return new CorruptedFrameException(name(decoder) + ": input ended inside a frame ("
                + bytes + " bytes of an incomplete frame discarded)");
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
            throw new IllegalArgumentException("lengthFieldLength must be 1, 2, 3, 4 or 8: " + lengthFieldLength);
        }
    }
}
