package io.sluice.codec;

import java.util.ArrayList;

/**
 * The list a sharable codec collects its output in. One per thread is reused, so a message costs
 * no list; a nested use on the same thread (one codec's output entering another on the way)
 * gets a fresh list.
 */
final class CodecOutputList extends ArrayList<Object> {
    private static final long serialVersionUID = 1L;
    private static final ThreadLocal<CodecOutputList> CACHED = ThreadLocal.withInitial(CodecOutputList::new);

    private transient boolean inUse;

    private CodecOutputList() {
        super(4);
    }

    static CodecOutputList acquire() {
        CodecOutputList list = CACHED.get();
        if (list.inUse) {
            return new CodecOutputList();
        }
        list.inUse = true;
        return list;
    }

    /** Clears the list and gives it back to its thread. */
    void recycle() {
        clear();
        inUse = false;
    }
}
