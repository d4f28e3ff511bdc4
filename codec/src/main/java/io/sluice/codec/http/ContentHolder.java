package io.sluice.codec.http;

import io.sluice.buffer.Buffer;
import io.sluice.buffer.ReferenceCounted;

/**
 * A message that owns a buffer of content: its reference count is the buffer's, so releasing the
 * message releases the bytes.
 */
public interface ContentHolder extends ReferenceCounted {
    /** Returns the content (owned by this message). */
    Buffer content();

    @Override
    default int refCnt() {
        return content().refCnt();
    }

    @Override
    default ContentHolder retain() {
        content().retain();
        return this;
    }

    @Override
    default ContentHolder retain(int increment) {
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
    default ContentHolder touch() {
        content().touch();
        return this;
    }

    @Override
    default ContentHolder touch(Object hint) {
        content().touch(hint);
        return this;
    }
}
