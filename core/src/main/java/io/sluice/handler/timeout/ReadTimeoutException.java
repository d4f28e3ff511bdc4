package io.sluice.handler.timeout;

import java.util.concurrent.TimeoutException;

/** Fired by {@link ReadTimeoutHandler} before it closes a channel that read nothing for too long. */
public final class ReadTimeoutException extends TimeoutException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception for a channel silent for {@code timeoutMillis}. */
    public ReadTimeoutException(long timeoutMillis) {
        super("read timeout: no data for " + timeoutMillis + " ms (expected: a read at least every "
                + timeoutMillis + " ms)");
    }
}
