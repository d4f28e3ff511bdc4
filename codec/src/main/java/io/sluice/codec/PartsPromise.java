package io.sluice.codec;

import io.sluice.channel.ChannelPromise;
import io.sluice.concurrent.Future;
import io.sluice.concurrent.FutureListener;

/** Completes one promise when all the writes of a message's parts are done; the first failure wins. */
final class PartsPromise implements FutureListener<Void> {
    private final ChannelPromise whole;
    private int remaining;

    PartsPromise(ChannelPromise whole, int parts) {
        this.whole = whole;
        this.remaining = parts;
    }

    @Override
    public void operationComplete(Future<? extends Void> part) {
        // listeners of one channel's writes run on its event loop: no race on remaining
        if (!part.isSuccess()) {
            whole.tryFailure(part.cause());
        }
        if (--remaining == 0) {
            whole.trySuccess();
        }
    }
}
