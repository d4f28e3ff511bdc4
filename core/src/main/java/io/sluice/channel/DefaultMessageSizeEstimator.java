package io.sluice.channel;

import io.sluice.buffer.Buffer;
import io.sluice.buffer.BufferHolder;
import io.sluice.buffer.ReferenceCounted;

/** See {@link MessageSizeEstimator#defaultEstimator()}. Stateless; one instance. */
final class DefaultMessageSizeEstimator implements MessageSizeEstimator {
    static final MessageSizeEstimator INSTANCE = new DefaultMessageSizeEstimator();

    private DefaultMessageSizeEstimator() {}

    @Override
    public int size(Object msg) {
        if (msg instanceof Buffer buf) {
            return buf.readableBytes();
        }
        if (!(msg instanceof ReferenceCounted)) {
            return 0; // a plain object (not yet encoded): one failed interface check instead of two
        }
        if (msg instanceof BufferHolder holder) {
            return holder.content().readableBytes();
        }
        if (msg instanceof FileRegion region) {
            return (int) Math.min(Integer.MAX_VALUE, region.count());
        }
        return 0;
    }

    @Override
    public String toString() {
        return "MessageSizeEstimator.defaultEstimator()";
    }
}
