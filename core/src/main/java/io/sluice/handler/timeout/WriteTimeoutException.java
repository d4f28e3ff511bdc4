package io.sluice.handler.timeout;

import java.util.concurrent.TimeoutException;

/** Fired by {@link WriteTimeoutHandler} before it closes a channel whose write did not complete in time. */
public final class WriteTimeoutException extends TimeoutException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception for a write still pending after {@code timeoutMillis}. */
    public WriteTimeoutException(long timeoutMillis) {
        super("write timeout: a write pending for " + timeoutMillis + " ms (expected: each write sent within "
                + timeoutMillis + " ms)");
    }
}
