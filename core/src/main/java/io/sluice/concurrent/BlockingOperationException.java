package io.sluice.concurrent;

/** Thrown when a thread that must never block (an event loop) tries to wait for a future. */
public class BlockingOperationException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    /** Creates an exception with the given message. */
    public BlockingOperationException(String message) {
        super(message);
    }
}
