package io.sluice.codec.frame;

/**
 * What a frame decoder does when a frame is longer than its maximum. Either way it finds out on
 * the header (or on the first byte past the limit) and never buffers the oversized frame.
 */
public enum TooLongFrameAction {
    /**
     * Fire a {@link io.sluice.codec.TooLongFrameException} and end the stream: held bytes are
     * released and the channel is closed gracefully. The default: after an oversized frame a
     * peer's input is rarely worth reading on.
     */
    CLOSE,
    /**
     * Fire a {@link io.sluice.codec.TooLongFrameException}, discard the oversized frame's bytes as
     * they arrive, and go on with the next frame.
     */
    SKIP
}
