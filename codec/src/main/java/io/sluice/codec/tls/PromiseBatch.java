package io.sluice.codec.tls;

import io.sluice.channel.ChannelHandlerContext;
import io.sluice.channel.ChannelPromise;
import io.sluice.concurrent.Future;
import io.sluice.concurrent.FutureListener;
import java.util.Arrays;

/**
 * The promises of the plaintext writes finished inside one encrypted buffer: they complete when
 * that buffer's write does. Reused for every buffer; event loop only. One promise is passed to the
 * write as it is and void promises are dropped, so the common case allocates nothing.
 */
final class PromiseBatch {
    private ChannelPromise[] promises = new ChannelPromise[8];
    private int size;

    /** Adds a finished write's promise. */
    void add(ChannelPromise promise) {
        if (promise.isVoid()) {
            return;
        }
        if (size == promises.length) {
            promises = Arrays.copyOf(promises, size * 2);
        }
        promises[size++] = promise;
    }

    /** Returns the promise to write the encrypted buffer with, and empties the batch. */
    ChannelPromise take(ChannelHandlerContext ctx) {
        int count = size;
        size = 0;
        if (count == 0) {
            return ctx.voidPromise();
        }
        if (count == 1) {
            ChannelPromise only = promises[0];
            promises[0] = null;
            return only;
        }
        ChannelPromise[] parts = Arrays.copyOf(promises, count);
        Arrays.fill(promises, 0, count, null);
        ChannelPromise whole = ctx.newPromise();
        whole.addListener(new FanOut(parts));
        return whole;
    }

    /** Fails every promise in the batch and empties it. */
    void failAll(Throwable cause) {
        for (int i = 0; i < size; i++) {
            promises[i].tryFailure(cause);
            promises[i] = null;
        }
        size = 0;
    }

    private record FanOut(ChannelPromise[] parts) implements FutureListener<Void> {
        @Override
        public void operationComplete(Future<? extends Void> future) {
            for (ChannelPromise part : parts) {
                if (future.isSuccess()) {
                    part.trySuccess();
                } else {
                    part.tryFailure(future.cause());
                }
            }
        }
    }
}
