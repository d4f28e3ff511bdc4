package io.sluice.buffer;

/**
 * A message that owns a buffer of content: its reference count is the buffer's, so releasing the
 * message releases the bytes. Records and classes that carry one buffer (an HTTP body, a WebSocket
 * frame, a RESP bulk string, a datagram) implement {@link #content()} and get the rest.
 */
public interface BufferHolder extends ReferenceCounted {
    /** Returns the content (owned by this message). */
    Buffer content();

    @Override
    default int refCnt() {
        return content().refCnt();
    }

    @Override
    default BufferHolder retain() {
        content().retain();
        return this;
    }

    @Override
    default BufferHolder retain(int increment) {
        content().retain(increment);
        return this;
    }

    @Override
    default boolean release() {
        return content().release();
    }

    @Override
    default boolean release(int decrement) {
        return content().release(decrement);
    }

    @Override
    default BufferHolder touch() {
        content().touch();
        return this;
    }

    @Override
    default BufferHolder touch(Object hint) {
        content().touch(hint);
        return this;
    }
}
