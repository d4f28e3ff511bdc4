package io.sluice.channel;

/** A handler failed while being added to or removed from a pipeline. */
public class ChannelPipelineException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Creates an exception with a message and cause. */
    public ChannelPipelineException(String message, Throwable cause) {
        super(message, cause);
    }
}
