package io.sluice.buffer;

/**
 * Helpers for messages that may or may not be {@link ReferenceCounted}. Pipelines carry any
 * object; these let generic code release or retain a message without checking its type.
 */
public final class ReferenceCounting {
    private ReferenceCounting() {}

    /** Releases {@code msg} if it is reference-counted. @return whether it was deallocated */
    public static boolean release(Object msg) {
        return msg instanceof ReferenceCounted && ((ReferenceCounted) msg).release();
    }

    /** Retains {@code msg} if it is reference-counted. @return {@code msg} */
    public static <T> T retain(T msg) {
        if (msg instanceof ReferenceCounted) {
            ((ReferenceCounted) msg).retain();
        }
        return msg;
    }

    /** Touches {@code msg} with {@code hint} if it is reference-counted. @return {@code msg} */
    public static <T> T touch(T msg, Object hint) {
        if (msg instanceof ReferenceCounted) {
            ((ReferenceCounted) msg).touch(hint);
        }
        return msg;
    }

    /**
     * Releases {@code msg} if it is reference-counted, swallowing an
     * {@link IllegalReferenceCountException} (for clean-up paths that must not throw).
     *
     * @return whether it was deallocated
     */
    public static boolean safeRelease(Object msg) {
        try {
            return release(msg);
        } catch (IllegalReferenceCountException e) {
            return false;
        }
    }
}
