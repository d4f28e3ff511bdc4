package io.sluice.benchmarks.codec;

/**
 * One framework's embedded channel whose pipeline is [frame decoder, consumer], fed the reads of a
 * {@link FrameStream} in order, round and round.
 */
interface FrameDriver {
    /**
     * Copies the next {@link FrameStream#READ_SIZE} bytes of the stream into a new pooled direct
     * buffer from the channel's allocator, fires it as {@code channelRead} and then fires
     * {@code channelReadComplete}, as a transport does after a socket read.
     *
     * @return the number of frames the consumer received from this read
     */
    int read();

    /** Frames the consumer received so far. */
    long frames();

    /** Body bytes the consumer received so far. */
    long bytes();

    /** Reads fed so far. */
    long reads();

    /**
     * While on, the consumer copies every frame out and compares it with the expected body (frame
     * {@code n} of the stream, counted from the first frame of the first read); off for measuring.
     */
    void checkContent(boolean on);

    /** Rethrows an exception that reached the end of the pipeline (e.g. from the decoder). */
    void checkException();

    /** Fires the channel's end: inactive, so the decoder runs {@code decodeLast}; releases what is left. */
    void close();
}
