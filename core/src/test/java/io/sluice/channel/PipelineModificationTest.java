package io.sluice.channel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Adding, removing and replacing handlers on an embedded channel (see also {@link PipelineModificationOnLoopTest}). */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class PipelineModificationTest {
    private final List<String> log = RecordingHandler.newLog();
    private final EmbeddedChannel ch = new EmbeddedChannel();
    private final ChannelPipeline p = ch.pipeline();

    /** Overrides nothing; not sharable. */
    static final class Plain implements ChannelHandler {}

    /** Overrides nothing; sharable. */
    @ChannelHandler.Sharable
    static final class Shared implements ChannelHandler {}

    /** Upper-cases String messages. */
    static final class Upper implements ChannelHandler {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ctx.fireChannelRead(((String) msg).toUpperCase(Locale.ROOT));
        }
    }

    private RecordingHandler rec(String id) {
        return new RecordingHandler(id, log);
    }

    private void finish() {
        ch.finishAndReleaseAll();
    }

    @Test
    void addFirstLastBeforeAfterPlaceHandlers() {
        RecordingHandler a = rec("a");
        RecordingHandler b = rec("b");
        RecordingHandler c = rec("c");
        RecordingHandler d = rec("d");
        RecordingHandler e = rec("e");
        assertSame(p, p.addLast("b", b));
        assertSame(p, p.addFirst("a", a));
        p.addLast("d", d);
        assertSame(p, p.addBefore("d", "c", c));
        assertSame(p, p.addAfter("d", "e", e));
        assertEquals(List.of("a", "b", "c", "d", "e"), p.names());
        assertSame(a, p.first());
        assertSame(e, p.last());
        assertSame(c, p.get("c"));
        assertSame(a, p.get(RecordingHandler.class), "get(type) finds the first of that type");
        assertEquals("d", p.context(d).name());
        assertSame(b, p.context("b").handler());
        assertEquals("a", p.context(RecordingHandler.class).name());
        List<String> iterated = new ArrayList<>();
        for (Map.Entry<String, ChannelHandler> entry : p) {
            iterated.add(entry.getKey());
            assertSame(p.get(entry.getKey()), entry.getValue());
        }
        assertEquals(p.names(), iterated);
        assertNull(p.get("nope"));
        assertNull(p.get(Plain.class));
        assertNull(p.context("nope"));
        assertEquals(List.of("b:handlerAdded", "a:handlerAdded", "d:handlerAdded", "c:handlerAdded", "e:handlerAdded"),
                log.stream().filter(s -> s.endsWith(":handlerAdded")).toList(), "once each, as added");
        finish();
    }

    @Test
    void emptyPipeline() {
        assertNull(p.first());
        assertNull(p.last());
        assertEquals(List.of(), p.names());
        assertSame(ch, p.channel());
        finish();
    }

    @Test
    void generatedNamesAreUniquePerClass() {
        Plain first = new Plain();
        p.addLast(first, new Plain());
        p.addLast(null, new Plain());
        p.addFirst(null, new Shared());
        assertEquals(List.of("Shared#0", "Plain#0", "Plain#1", "Plain#2"), p.names());
        p.remove(first);
        p.addLast(null, new Plain());
        assertEquals(List.of("Shared#0", "Plain#1", "Plain#2", "Plain#0"), p.names(), "a freed name is reused");
        ChannelHandler anonymous = new ChannelHandler() {};
        p.addLast(anonymous);
        String name = p.context(anonymous).name();
        assertTrue(name.startsWith(anonymous.getClass().getName() + "#"), name);
        finish();
    }

    @Test
    void aDuplicateNameIsRejectedAndChangesNothing() {
        p.addLast("x", new Plain());
        Plain rejected = new Plain();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> p.addLast("x", rejected));
        assertTrue(e.getMessage().contains("x"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> p.addFirst("x", new Plain()));
        assertThrows(IllegalArgumentException.class, () -> p.addBefore("x", "x", new Plain()));
        p.addLast("y", new Plain());
        assertThrows(IllegalArgumentException.class, () -> p.replace("y", "x", new Plain()));
        assertEquals(List.of("x", "y"), p.names());
        p.addLast("z", rejected); // the rejected handler was not left marked as in use
        assertEquals(List.of("x", "y", "z"), p.names());
        finish();
    }

    @Test
    void removeByNameTypeAndInstance() {
        RecordingHandler a = rec("a");
        Plain b = new Plain();
        Upper c = new Upper();
        p.addLast("a", a).addLast("b", b).addLast("c", c);
        ChannelHandlerContext ctxA = p.context(a);
        assertSame(b, p.remove("b"));
        assertSame(c, p.remove(Upper.class));
        assertSame(p, p.remove(a));
        assertEquals(List.of(), p.names());
        assertTrue(ctxA.isRemoved());
        assertEquals(1, a.count("handlerAdded"));
        assertEquals(1, a.count("handlerRemoved"));
        assertSame(Thread.currentThread(), a.addedThread, "embedded: the loop is the test thread");
        assertSame(Thread.currentThread(), a.removedThread);
        finish();
        assertEquals(1, a.count("handlerRemoved"), "not removed again when the channel closes");
    }

    @Test
    void removingOrReplacingWhatIsNotThereThrowsNoSuchElement() {
        Plain absent = new Plain();
        p.addLast("a", new Plain());
        assertThrows(NoSuchElementException.class, () -> p.remove("nope"));
        assertThrows(NoSuchElementException.class, () -> p.remove(absent));
        assertThrows(NoSuchElementException.class, () -> p.remove(Upper.class));
        assertThrows(NoSuchElementException.class, () -> p.replace("nope", "n", new Plain()));
        assertThrows(NoSuchElementException.class, () -> p.replace(absent, "n", new Plain()));
        assertThrows(NoSuchElementException.class, () -> p.addBefore("nope", "n", new Plain()));
        assertThrows(NoSuchElementException.class, () -> p.addAfter("nope", "n", new Plain()));
        p.remove("a");
        assertThrows(NoSuchElementException.class, () -> p.remove("a"), "removed twice");
        assertThrows(NullPointerException.class, () -> p.addLast("n", null));
        assertEquals(List.of(), p.names());
        finish();
    }

    @Test
    void replaceByNameAndInstanceKeepsThePlace() {
        RecordingHandler a = rec("a");
        RecordingHandler b = rec("b");
        RecordingHandler b2 = rec("b2");
        RecordingHandler b3 = rec("b3");
        p.addLast("a", a).addLast("b", b).addLast("c", new Plain());
        log.clear();
        assertSame(b, p.replace("b", "b2", b2));
        assertEquals(List.of("a", "b2", "c"), p.names());
        assertEquals(List.of("b2:handlerAdded", "b:handlerRemoved"), log, "the new handler is added first");
        assertSame(p, p.replace(b2, "b2", b3)); // the same name may be reused
        assertEquals(List.of("a", "b2", "c"), p.names());
        assertSame(b3, p.get("b2"));
        assertSame(b3, p.replace("b2", null, new Plain()));
        assertEquals(List.of("a", "Plain#0", "c"), p.names());
        assertEquals(1, b2.count("handlerAdded"));
        assertEquals(1, b2.count("handlerRemoved"));
        assertEquals(1, b3.count("handlerRemoved"));
        ch.writeInbound("m");
        assertEquals("m", ch.readInbound());
        assertEquals(0, b.count("channelRead") + b2.count("channelRead") + b3.count("channelRead"));
        finish();
    }

    @Test
    void aNonSharableHandlerCannotBeInTwoPipelines() {
        Plain plain = new Plain();
        p.addLast("p", plain);
        EmbeddedChannel other = new EmbeddedChannel();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> other.pipeline().addLast("p", plain));
        assertTrue(e.getMessage().contains(Plain.class.getName()), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> p.addLast("again", plain), "nor twice in one");
        assertEquals(List.of(), other.pipeline().names());
        p.remove(plain);
        other.pipeline().addLast("p", plain); // free again once removed
        assertSame(plain, other.pipeline().get("p"));
        other.finishAndReleaseAll();
        finish();
    }

    @Test
    void aSharableHandlerCanBeInManyPipelines() {
        Shared shared = new Shared();
        EmbeddedChannel other = new EmbeddedChannel(shared);
        p.addLast("s1", shared).addLast("s2", shared);
        assertEquals(List.of("s1", "s2"), p.names());
        assertSame(shared, other.pipeline().first());
        other.finishAndReleaseAll();
        finish();
    }

    @Test
    void aHandlerThatRemovesItselfMidReadSeesOnlyTheFirstMessage() {
        List<Object> seen = new ArrayList<>();
        RecordingHandler rec = rec("r");
        ChannelHandler once = new ChannelHandler() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                seen.add(msg);
                ctx.pipeline().remove(this);
                assertTrue(ctx.isRemoved());
                ctx.fireChannelRead(msg); // a removed context still forwards to the next handler
            }
        };
        p.addLast("once", once).addLast("r", rec);
        assertTrue(ch.writeInbound("a", "b", "c"));
        assertEquals(List.of("a"), seen);
        assertEquals(List.of("r"), p.names());
        assertEquals(List.of("a", "b", "c"), List.of(ch.readInbound(), ch.readInbound(), ch.readInbound()));
        assertEquals(3, rec.count("channelRead"));
        finish();
    }

    @Test
    void aHandlerAddedMidReadGetsTheFollowingMessages() {
        ChannelHandler adder = new ChannelHandler() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                if (msg.equals("upgrade")) {
                    ctx.pipeline().addAfter(ctx.name(), "upper", new Upper());
                    return;
                }
                ctx.fireChannelRead(msg);
            }
        };
        p.addLast("adder", adder);
        ch.writeInbound("before", "upgrade", "after");
        assertEquals("before", ch.readInbound());
        assertEquals("AFTER", ch.readInbound());
        assertNull(ch.readInbound());
        assertEquals(List.of("adder", "upper"), p.names());
        finish();
    }

    @Test
    void aHandlerThatReplacesItselfMidReadForwardsToItsReplacement() {
        // Netty: the replaced context's links point at the replacement, so what the old handler
        // forwards after replace() (e.g. a decoder's leftover bytes) goes through the new one
        ChannelHandler switcher = new ChannelHandler() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                ctx.pipeline().replace(this, "upper", new Upper());
                ctx.fireChannelRead(msg);
            }
        };
        p.addLast("switch", switcher);
        ch.writeInbound("first", "second");
        assertEquals("FIRST", ch.readInbound(), "forwarded by the replaced handler after replace()");
        assertEquals("SECOND", ch.readInbound());
        finish();
    }

    @Test
    void aThrowingHandlerRemovedIsReportedAndTheHandlerStillLeaves() {
        RecordingHandler rec = rec("r");
        IllegalStateException boom = new IllegalStateException("boom");
        p.addLast("bad", new ChannelHandler() {
            @Override
            public void handlerRemoved(ChannelHandlerContext ctx) {
                throw boom;
            }
        }).addLast("r", rec);
        p.remove("bad");
        assertEquals(List.of("r"), p.names());
        ChannelPipelineException reported = assertInstanceOf(ChannelPipelineException.class, rec.exceptions.get(0));
        assertSame(boom, reported.getCause());
        assertSame(reported, assertThrows(ChannelPipelineException.class, ch::checkException));
        finish();
    }

    @Test
    void aThrowingHandlerAddedIsRemovedAndReported() {
        RecordingHandler rec = rec("r");
        p.addLast("r", rec);
        List<String> calls = new ArrayList<>();
        IllegalStateException boom = new IllegalStateException("boom");
        ChannelHandler bad = new ChannelHandler() {
            @Override
            public void handlerAdded(ChannelHandlerContext ctx) {
                calls.add("added");
                throw boom;
            }

            @Override
            public void handlerRemoved(ChannelHandlerContext ctx) {
                calls.add("removed");
            }
        };
        p.addFirst("bad", bad);
        assertNull(p.get("bad"));
        assertEquals(List.of("r"), p.names());
        assertEquals(List.of("added", "removed"), calls);
        assertEquals(1, rec.exceptions.size());
        ChannelPipelineException reported = assertInstanceOf(ChannelPipelineException.class, rec.exceptions.get(0));
        assertSame(boom, reported.getCause());
        assertTrue(reported.getMessage().contains("bad"), reported.getMessage());
        ChannelPipelineException atTail = assertThrows(ChannelPipelineException.class, ch::checkException);
        assertSame(reported, atTail);
        assertTrue(ch.isOpen(), "a failed handlerAdded does not close the channel");
        finish();
        assertFalse(calls.size() > 2, () -> "handlerRemoved ran again: " + calls);
    }
}
