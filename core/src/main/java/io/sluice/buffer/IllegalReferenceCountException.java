package io.sluice.buffer;

/** Thrown on use of a reference-counted object after release, or on a release past zero. */
public class IllegalReferenceCountException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    /** Creates an exception with the given message. */
    public IllegalReferenceCountException(String message) {
        super(message);
    }

    /**
     * The exception for a retain ({@code delta > 0}) or release ({@code delta < 0}) that {@code refCnt}
     * does not allow: {@code refCnt: 0 (expected: >= 1 to release 1; note)}.
     *
     * @param note more context, starting with {@code "; "}, or empty
     */
    static IllegalReferenceCountException of(int refCnt, int delta, String note) {
        String expected = delta < 0 ? ">= " + -delta + " to release " + -delta
                : refCnt <= 0 ? "> 0 to retain " + delta
                : "at most " + (Integer.MAX_VALUE - delta) + " to retain " + delta;
        return new IllegalReferenceCountException("refCnt: " + refCnt + " (expected: " + expected + note + ")");
    }

    /** The exception for a use after the last release: {@code what refCnt: 0 (expected: > 0, ...; note)}. */
    static IllegalReferenceCountException usedAfterRelease(String what, String note) {
        return new IllegalReferenceCountException(what + " refCnt: 0 (expected: > 0; used after release" + note + ")");
    }
}
