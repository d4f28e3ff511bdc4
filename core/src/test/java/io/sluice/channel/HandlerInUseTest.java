package io.sluice.channel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.channel.embedded.EmbeddedChannel;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Non-sharable handlers are tracked by identity, without a global lock ({@link InUseHandlers}): equal
 * handlers are distinct, one instance joins one pipeline at a time, and it is free again once removed.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class HandlerInUseTest {

    /** A value-like handler: two with the same id are equal, and not sharable. */
    record Tagged(String id) implements ChannelHandler {}

    /** Throws from handlerAdded. */
    static final class FailsToAdd implements ChannelHandler {
        @Override
        public void handlerAdded(ChannelHandlerContext ctx) {
            throw new IllegalStateException("no");
        }
    }

    @Test
    void twoEqualRecordHandlersAreTwoHandlers() {
        Tagged a = new Tagged("x");
        Tagged b = new Tagged("x");
        assertEquals(a, b);
        EmbeddedChannel ch = new EmbeddedChannel();
        ch.pipeline().addLast("a", a).addLast("b", b);
        assertEquals(List.of("a", "b"), ch.pipeline().names());
        EmbeddedChannel other = new EmbeddedChannel();
        Tagged c = new Tagged("x");
        other.pipeline().addLast("c", c);
        assertSame(c, other.pipeline().get("c"));
        ch.finishAndReleaseAll();
        other.finishAndReleaseAll();
    }

    @Test
    void theSameInstanceTwiceIsRefusedNamingTheRule() {
        Tagged a = new Tagged("x");
        EmbeddedChannel ch = new EmbeddedChannel(a);
        IllegalArgumentException twice = assertThrows(IllegalArgumentException.class, () -> ch.pipeline().addLast("again", a));
        assertTrue(twice.getMessage().startsWith("non-@Sharable handler already in a pipeline: " + Tagged.class.getName()),
                twice.getMessage());
        assertTrue(twice.getMessage().contains("(expected: "), twice.getMessage());
        EmbeddedChannel other = new EmbeddedChannel();
        assertThrows(IllegalArgumentException.class, () -> other.pipeline().addFirst("a", a));
        Tagged y = new Tagged("y");
        other.pipeline().addLast("y", y);
        assertThrows(IllegalArgumentException.class, () -> other.pipeline().replace(y, "b", a), "not by replace either");
        assertEquals(List.of("y"), other.pipeline().names());
        assertEquals(1, ch.pipeline().names().size(), "a refused add changes nothing");
        ch.finishAndReleaseAll();
        other.finishAndReleaseAll();
    }

    @Test
    void freeAgainAfterRemoveReplaceFailedAddAndClose() {
        EmbeddedChannel ch = new EmbeddedChannel();
        Tagged a = new Tagged("a");
        Tagged b = new Tagged("b");
        ch.pipeline().addLast("a", a);
        ch.pipeline().replace("a", "b", b);
        assertFalse(InUseHandlers.isClaimed(a), "replaced");
        ch.pipeline().addLast("a", a);
        ch.pipeline().remove(a);
        assertFalse(InUseHandlers.isClaimed(a), "removed");

        FailsToAdd failing = new FailsToAdd();
        ch.pipeline().addLast("f", failing);
        assertThrows(ChannelPipelineException.class, ch::checkException);
        assertNull(ch.pipeline().get("f"), "removed after handlerAdded threw");
        assertFalse(InUseHandlers.isClaimed(failing), "its handlerAdded threw");

        assertTrue(InUseHandlers.isClaimed(b));
        ch.finishAndReleaseAll();
        assertFalse(InUseHandlers.isClaimed(b), "the channel closed");
        EmbeddedChannel next = new EmbeddedChannel(a, b);
        assertEquals(2, next.pipeline().names().size());
        next.finishAndReleaseAll();
    }

    @Test
    void aRaceForOneInstanceHasOneWinner() throws Exception {
        int threads = 4;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            for (int round = 0; round < 50; round++) {
                Tagged shared = new Tagged("raced");
                CountDownLatch start = new CountDownLatch(1);
                List<Future<EmbeddedChannel>> tries = new ArrayList<>();
                for (int i = 0; i < threads; i++) {
                    tries.add(pool.submit(() -> {
                        EmbeddedChannel ch = new EmbeddedChannel();
                        start.await();
                        try {
                            ch.pipeline().addLast("h", shared);
                        } catch (IllegalArgumentException refused) {
                            // another thread won
                        }
                        return ch;
                    }));
                }
                start.countDown();
                List<EmbeddedChannel> channels = new ArrayList<>();
                for (Future<EmbeddedChannel> f : tries) {
                    channels.add(f.get(10, TimeUnit.SECONDS));
                }
                int winners = 0;
                for (EmbeddedChannel ch : channels) {
                    winners += ch.pipeline().get("h") == shared ? 1 : 0;
                    ch.finishAndReleaseAll();
                }
                assertEquals(1, winners, "round " + round);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aDroppedPipelineDoesNotKeepItsHandlerAlive() {
        WeakReference<Tagged> ref = addToAChannelNeverTornDown();
        for (int i = 0; i < 50 && ref.get() != null; i++) {
            System.gc(); // the set holds handlers weakly: nothing else refers to this one
        }
        assertNull(ref.get(), "the in-use set kept a handler of an unreachable pipeline alive");
        InUseHandlers.release(InUseHandlers.claim(new Tagged("later"))); // purges the collected entry on the way
    }

    private static WeakReference<Tagged> addToAChannelNeverTornDown() {
        Tagged handler = new Tagged("dropped");
        new EmbeddedChannel().pipeline().addLast("h", handler); // never closed, simply dropped
        assertTrue(InUseHandlers.isClaimed(handler));
        return new WeakReference<>(handler);
    }
}
