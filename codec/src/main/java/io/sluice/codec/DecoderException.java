package io.sluice.codec;

/**
 * A decoder could not turn its input into messages. Thrown from a decoder, it reaches the
 * pipeline through {@code exceptionCaught}; the message names the decoder and the rule broken.
 */
public class DecoderException extends CodecException {
    private static final long serialVersionUID = 1L;

    /** Creates an exception with {@code message}. */
    public DecoderException(String message) {
        super(message);
    }

    /** Creates an exception with {@code message} and {@code cause}. */
    public DecoderException(String message, Throwable cause) {
        super(message, cause);
    }
}
