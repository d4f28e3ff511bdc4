package io.sluice.benchmarks.transport;

import java.util.concurrent.CompletableFuture;

/** The bytes a client expects back and has received; completes a round trip when they meet. Client loop only. */
final class EchoCount {
    private long expected;
    private long received;
    private CompletableFuture<Void> done;

    /** Expects {@code bytes} more; {@code roundTrip} completes once they are back. */
    void expect(long bytes, CompletableFuture<Void> roundTrip) {
        expected += bytes;
        done = roundTrip;
    }

    /** Counts {@code bytes} received. */
    void received(int bytes) {
        received += bytes;
        if (received >= expected && done != null) {
            CompletableFuture<Void> d = done;
            done = null;
            d.complete(null);
        }
    }
}
