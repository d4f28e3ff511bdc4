package io.sluice.channel;

import io.sluice.buffer.Buffer;
import io.sluice.buffer.BufferHolder;

/**
 * Tells how many bytes a written message counts against a channel's write watermarks, in the
 * outbound buffer and while it waits in another thread's queue ({@link ChannelOption#MESSAGE_SIZE_ESTIMATOR}).
 * The estimate only drives writability: it never limits what is sent.
 *
 * <p>Thread: called on the channel's event loop for each write, and on the writing thread for a write
 * handed to the loop from elsewhere; it must be fast, allocation-free and must not change or release
 * the message. Bad input: a negative estimate counts as 0.
 */
@FunctionalInterface
public interface MessageSizeEstimator {

    /** Returns the bytes {@code msg} counts for writability (0 for a message with no known size). */
    int size(Object msg);

    /**
     * Returns the default estimator: a {@link Buffer}'s readable bytes, a {@link FileRegion}'s length
     * (capped at {@code Integer.MAX_VALUE}), a {@link BufferHolder}'s content's readable bytes (HTTP
     * messages, WebSocket frames, datagrams), and 0 for anything else (a message not encoded yet).
     */
    static MessageSizeEstimator defaultEstimator() {
        return DefaultMessageSizeEstimator.INSTANCE;
    }
}
