package io.sluice.codec.resp;

import io.sluice.codec.CorruptedFrameException;
import java.util.Objects;

/**
 * Input that breaks RESP or one of {@link RespLimits}. The message names the rule and the
 * offending value ({@code bulk length: 600000000 (expected: -1 to 536870912)}); {@link #reason()}
 * is the short phrase Redis puts after {@code -ERR Protocol error: } for the same input, so a
 * server can answer as Redis does before it closes the connection.
 */
public final class RespProtocolException extends CorruptedFrameException {
    private static final long serialVersionUID = 1L;

    /** The Redis phrase for this error, e.g. {@code invalid bulk length}. */
    private final String reason;

    /**
     * Creates an exception.
     *
     * @param reason the Redis phrase, e.g. {@code invalid multibulk length}
     * @param message what was wrong, in the shape {@code what: value (expected: ...)}
     */
    public RespProtocolException(String reason, String message) {
        super(message);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /** Returns the Redis phrase for this error, e.g. {@code invalid bulk length}. */
    public String reason() {
        return reason;
    }
}
