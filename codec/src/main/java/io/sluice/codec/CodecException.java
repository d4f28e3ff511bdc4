package io.sluice.codec;

/** A codec failed: the base of {@link DecoderException} and {@link EncoderException}. */
public class CodecException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Creates an exception with {@code message}. */
    public CodecException(String message) {
        super(message);
    }

    /** Creates an exception with {@code message} and {@code cause}. */
    public CodecException(String message, Throwable cause) {
        super(message, cause);
    }
}
