package io.sluice.buffer;

/** Thrown on use of a reference-counted object after release, or on a release past zero. */
public class IllegalReferenceCountException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    /** Creates an exception with the given message. */
    public IllegalReferenceCountException(String message) {
        super(message);
    }

    static IllegalReferenceCountException of(int refCnt, int delta, String note) {
        return new IllegalReferenceCountException(
                "refCnt: " + refCnt + (delta >= 0 ? ", increment: " + delta : ", decrement: " + -delta) + note);
    }
}
