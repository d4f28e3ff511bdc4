package io.sluice.codec.http;

import io.sluice.codec.DecoderException;
import java.util.Objects;

/**
 * Input that breaks HTTP/1.1 framing or a limit, with the status a server answers it with
 * (400, 414, 431, 501 or 505). The message names the rule: {@code what: value (expected: ...)}.
 */
public class HttpDecoderException extends DecoderException {
    private static final long serialVersionUID = 1L;

    /** The status to answer with (not serialised: statuses are constants or rebuilt from the code). */
    private final transient HttpStatus status;

    /** Creates an exception answered with {@code status}. */
    public HttpDecoderException(HttpStatus status, String message) {
        super(message);
        this.status = Objects.requireNonNull(status, "status");
    }

    /** Returns the status a server answers this input with. */
    public HttpStatus status() {
        return status;
    }
}
