package io.sluice.buffer;

/**
 * An object whose memory is returned explicitly when its reference count drops to zero.
 *
 * <p>Every reference-counted object starts with a count of 1. Whoever holds the last reference
 * releases it: a handler that consumes a message releases it, one that forwards it passes
 * ownership on. Counting is thread-safe. Using an object after its count reached zero throws
 * {@link IllegalReferenceCountException}; so does releasing it once too often.
 */
public interface ReferenceCounted {

    /** Returns the current reference count; 0 means the object has been deallocated. */
    int refCnt();

    /** Increments the count by 1. @return this object */
    ReferenceCounted retain();

    /** Increments the count by {@code increment}, which must be positive. @return this object */
    ReferenceCounted retain(int increment);

    /**
     * Decrements the count by 1 and deallocates the object when it reaches 0.
     *
     * @return {@code true} if this call deallocated the object
     * @throws IllegalReferenceCountException if the count was already 0
     */
    boolean release();

    /**
     * Decrements the count by {@code decrement} and deallocates the object when it reaches 0.
     *
     * @return {@code true} if this call deallocated the object
     * @throws IllegalReferenceCountException if the count is smaller than {@code decrement}
     */
    boolean release(int decrement);

    /** Records the current access location for leak reports. @return this object */
    ReferenceCounted touch();

    /**
     * Records the current access location with a hint (usually the name of the handler holding the
     * object) for leak reports. Costs nothing unless the object is tracked by the leak detector.
     *
     * @return this object
     */
    ReferenceCounted touch(Object hint);
}
