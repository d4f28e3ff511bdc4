package io.sluice.buffer;

import io.sluice.internal.LoopLocal;
import java.nio.ByteBuffer;

/**
 * One reusable view per thread of the memory a socket read or write is working on, so a channel
 * read or a single-buffer write allocates no {@link ByteBuffer} object (a slice per call would).
 * The view is valid only during the call that asked for it; the last memory seen is remembered, so
 * a thread working from one pooled chunk keeps reusing the same view.
 */
final class ThreadIoView {
    private static final LoopLocal<ThreadIoView> VIEWS = LoopLocal.withInitial(ThreadIoView::new);

    private ByteBuffer source;
    private ByteBuffer view;

    private ThreadIoView() {}

    /** Returns a view of {@code memory[offset, offset + length)}, valid until this thread's next call. */
    static ByteBuffer of(ByteBuffer memory, int offset, int length) {
        ThreadIoView cache = VIEWS.get();
        ByteBuffer v = cache.view;
        if (cache.source != memory) {
            v = memory.duplicate();
            cache.source = memory;
            cache.view = v;
        }
        v.clear();
        v.position(offset).limit(offset + length);
        return v;
    }
}
