package io.sluice.codec;

/** A frame (or its header) is longer than the decoder's configured maximum. */
public class TooLongFrameException extends DecoderException {
    private static final long serialVersionUID = 1L;

    /** Creates an exception with {@code message}, which should name the limit and the decoder. */
    public TooLongFrameException(String message) {
        super(message);
    }
}
