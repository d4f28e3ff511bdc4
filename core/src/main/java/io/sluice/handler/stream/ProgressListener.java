package io.sluice.handler.stream;

/** Told how much of a {@link ChunkedSource} has been sent; called on the channel's executor. */
@FunctionalInterface
public interface ProgressListener {

    /**
     * Called after each chunk is written to the transport.
     *
     * @param sentBytes bytes sent so far
     * @param totalBytes the source's length, or -1 if unknown
     */
    void progress(long sentBytes, long totalBytes);
}
