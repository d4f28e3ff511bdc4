package io.sluice.channel.spi;

import io.sluice.channel.ChannelPromise;
import io.sluice.internal.LoopLocal;

/**
 * One emptied set of a {@link ChannelOutboundBuffer}'s ring arrays per thread, kept for the next
 * ring on that thread that needs one. Outbound buffers are used on their channel's event loop, so
 * this is, in effect, one spare set per loop: an idle channel holds no arrays, and a loop whose
 * channels each drain after their flush passes one set from channel to channel instead of
 * allocating. Arrays longer than {@link #MAX_KEPT_ENTRIES} (a burst) are left to the collector.
 *
 * <p>Thread: confined to the calling thread. The arrays handed over hold no references (a ring
 * clears each entry as it removes it).
 */
final class SpareRing {
    /** Entries of a new ring. */
    static final int INITIAL_ENTRIES = 8;
    /** Longest arrays kept for reuse. */
    static final int MAX_KEPT_ENTRIES = 256;
    private static final LoopLocal<SpareRing> SPARE = LoopLocal.withInitial(SpareRing::new);

    Object[] messages;
    ChannelPromise[] promises;
    int[] sizes;
    /** Whether the arrays above are here to take. */
    private boolean full;

    private SpareRing() {}

    /**
     * Returns this thread's spare set, or null if there is none. The caller takes its three arrays
     * and then calls {@link #taken()}.
     */
    static SpareRing take() {
        SpareRing spare = SPARE.get();
        return spare.full ? spare : null;
    }

    /** Forgets the arrays the caller took. */
    void taken() {
        messages = null;
        promises = null;
        sizes = null;
        full = false;
    }

    /** Keeps the empty arrays of a ring for the next ring on this thread, if the slot is free. */
    static void offer(Object[] messages, ChannelPromise[] promises, int[] sizes) {
        if (messages.length > MAX_KEPT_ENTRIES) {
            return;
        }
        SpareRing spare = SPARE.get();
        if (!spare.full) {
            spare.messages = messages;
            spare.promises = promises;
            spare.sizes = sizes;
            spare.full = true;
        }
    }
}
