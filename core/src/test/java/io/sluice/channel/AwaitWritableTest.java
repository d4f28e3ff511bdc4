package io.sluice.channel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.channel.embedded.EmbeddedChannel;
import io.sluice.concurrent.BlockingOperationException;
import io.sluice.concurrent.EventLoopThreads;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@link Channel#awaitWritable}: the backpressure wait for code that may block. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class AwaitWritableTest {
    private final EmbeddedChannel ch = new EmbeddedChannel();

    @AfterEach
    void tearDown() {
        ch.finishAndReleaseAll();
    }

    /** Starts a thread blocked in awaitWritable and returns once it waits. */
    private CompletableFuture<Boolean> blockedWaiter() {
        CompletableFuture<Boolean> result = new CompletableFuture<>();
        Thread waiter = new Thread(() -> {
            try {
                result.complete(ch.awaitWritable(20, TimeUnit.SECONDS));
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        }, "waiter");
        waiter.start();
        while (waiter.getState() != Thread.State.TIMED_WAITING && !result.isDone()) {
            Thread.onSpinWait(); // bounded by the class timeout
        }
        assertFalse(result.isDone(), "the waiter must block while the channel is unwritable");
        return result;
    }

    @Test
    void returnsAtOnceWhenWritable() throws Exception {
        assertTrue(ch.awaitWritable(0, TimeUnit.NANOSECONDS));
    }

    @Test
    void wakesWhenTheChannelTurnsWritableFromAnotherThread() throws Exception {
        ch.userDefinedWritability(1, false);
        CompletableFuture<Boolean> waiter = blockedWaiter();
        ch.userDefinedWritability(1, true);
        assertEquals(Boolean.TRUE, waiter.get(10, TimeUnit.SECONDS));
    }

    @Test
    void returnsFalseWhenTheTimeoutPasses() throws Exception {
        ch.userDefinedWritability(1, false);
        assertFalse(ch.awaitWritable(5, TimeUnit.MILLISECONDS));
    }

    @Test
    void returnsFalseWhenTheChannelCloses() throws Exception {
        ch.userDefinedWritability(1, false);
        CompletableFuture<Boolean> waiter = blockedWaiter();
        ch.close();
        assertEquals(Boolean.FALSE, waiter.get(10, TimeUnit.SECONDS));
        assertFalse(ch.awaitWritable(1, TimeUnit.SECONDS), "closed: no wait");
    }

    @Test
    void refusedOnAnIoEventLoopThread() throws Exception {
        ch.userDefinedWritability(1, false);
        CompletableFuture<Throwable> outcome = new CompletableFuture<>();
        Thread loop = EventLoopThreads.factory("io-loop", true).newThread(() -> {
            try {
                ch.awaitWritable(1, TimeUnit.SECONDS);
                outcome.complete(null);
            } catch (Throwable e) {
                outcome.complete(e);
            }
        });
        loop.start();
        Throwable e = outcome.get(10, TimeUnit.SECONDS);
        assertInstanceOf(BlockingOperationException.class, e);
        assertTrue(e.getMessage().contains("awaitWritable"), e.getMessage());
    }
}
