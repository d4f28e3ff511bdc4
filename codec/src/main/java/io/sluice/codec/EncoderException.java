package io.sluice.codec;

/** An encoder could not turn a message into bytes; the write's promise fails with it. */
public class EncoderException extends CodecException {
    private static final long serialVersionUID = 1L;

    /** Creates an exception with {@code message}. */
    public EncoderException(String message) {
        super(message);
    }

    /** Creates an exception with {@code message} and {@code cause}. */
    public EncoderException(String message, Throwable cause) {
        super(message, cause);
    }
}
