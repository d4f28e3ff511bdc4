package io.sluice.handler.timeout;

/** What a channel has not done for a while. */
public enum IdleState {
    /** No read for the reader-idle time. */
    READER_IDLE,
    /** No write for the writer-idle time. */
    WRITER_IDLE,
    /** Neither a read nor a write for the all-idle time. */
    ALL_IDLE
}
