package io.sluice.codec;

/** The input breaks the framing rules (a negative or overflowing length, a malformed header). */
public class CorruptedFrameException extends DecoderException {
    private static final long serialVersionUID = 1L;

    /** Creates an exception with {@code message}, which should name the rule and the decoder. */
    public CorruptedFrameException(String message) {
        super(message);
    }
}
