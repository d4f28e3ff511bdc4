package io.sluice.codec.tls;

import io.sluice.codec.DecoderException;

/**
 * The peer sent bytes that are not a TLS record (plain text to a TLS port, say) or a record
 * header that breaks a limit. The connection is closed; the message names the rule broken.
 */
public class NotSslRecordException extends DecoderException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception with a message of the shape {@code what: value (expected: ...)}. */
    public NotSslRecordException(String message) {
        super(message);
    }
}
