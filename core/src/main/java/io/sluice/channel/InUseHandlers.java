package io.sluice.channel;

import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The non-{@link ChannelHandler.Sharable} handlers that are in some pipeline now, by identity: two
 * equal handlers (records with the same components, say) are two handlers, and each may be added once.
 *
 * <p>Threads: any. A claim or release is one update of a {@link ConcurrentHashMap} keyed by the handler's
 * identity hash (a compare-and-set into an empty bin, a bin lock only on a collision): no lock shared
 * by every event loop. Handlers are held weakly, so a pipeline dropped without being torn down (a channel
 * never registered) does not keep its handlers alive; their entries are purged on later claims.
 */
final class InUseHandlers {
    private static final ConcurrentHashMap<Claim, Claim> CLAIMED = new ConcurrentHashMap<>();
    private static final ReferenceQueue<ChannelHandler> COLLECTED = new ReferenceQueue<>();

    private InUseHandlers() {}

    /**
     * Marks {@code handler} as in a pipeline.
     *
     * @return the claim, which {@link #release} gives back
     * @throws IllegalArgumentException if it already is in a pipeline (this one or another)
     */
    static Claim claim(ChannelHandler handler) {
        purgeCollected();
        Claim claim = new Claim(handler, COLLECTED);
        if (CLAIMED.putIfAbsent(claim, claim) != null) {
            throw new IllegalArgumentException("non-@Sharable handler already in a pipeline: " + handler.getClass().getName()
                    + "@" + Integer.toHexString(claim.hash)
                    + " (expected: a new instance for each pipeline and each position, or a class marked @Sharable)");
        }
        return claim;
    }

    /** Gives {@code claim} back, so its handler may be added again; a second release does nothing. */
    static void release(Claim claim) {
        if (claim.get() != null) {
            CLAIMED.remove(claim);
            claim.clear(); // a cleared claim equals no other, so a late second release cannot free a new claim
        }
    }

    /** Whether {@code handler} is in a pipeline now (for tests). */
    static boolean isClaimed(ChannelHandler handler) {
        return CLAIMED.containsKey(new Claim(handler, null));
    }

    private static void purgeCollected() {
        for (Object gone; (gone = COLLECTED.poll()) != null; ) {
            CLAIMED.remove(gone); // found by identity: a cleared claim equals only itself
        }
    }

    /** A handler held weakly, equal to another claim on the same instance while it is alive. */
    static final class Claim extends WeakReference<ChannelHandler> {
        private final int hash;

        Claim(ChannelHandler handler, ReferenceQueue<ChannelHandler> queue) {
            super(handler, queue);
            this.hash = System.identityHashCode(handler);
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public boolean equals(Object o) {
            if (this == o) {
                return true;
            }
            if (!(o instanceof Claim other) || other.hash != hash) {
                return false;
            }
            ChannelHandler mine = get();
            return mine != null && mine == other.get();
        }
    }
}
