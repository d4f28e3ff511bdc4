package io.sluice.channel;

import static io.sluice.channel.LoopbackTestChannel.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.buffer.Buffer;
import io.sluice.buffer.BufferAllocator;
import io.sluice.buffer.Buffers;
import io.sluice.channel.embedded.EmbeddedChannel;
import io.sluice.concurrent.Ticker;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** What happens to messages nobody consumed, SimpleChannelInboundHandler and ChannelInitializer. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class TailHandlingTest {
    private final List<String> log = RecordingHandler.newLog();

    private static Buffer bytes(String text) {
        return Buffers.copyOf(text, StandardCharsets.US_ASCII);
    }

    /** Consumes Buffers (recording their text and reference count while handled). */
    static final class BufferConsumer extends SimpleChannelInboundHandler<Buffer> {
        final List<String> texts = new ArrayList<>();
        final List<Integer> refCnts = new ArrayList<>();
        RuntimeException toThrow;

        BufferConsumer(boolean autoRelease) {
            super(Buffer.class, autoRelease);
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, Buffer msg) {
            texts.add(msg.toString(StandardCharsets.US_ASCII));
            refCnts.add(msg.refCnt());
            if (toThrow != null) {
                throw toThrow;
            }
        }
    }

    /** A real channel on a real loop: its tail releases what nobody consumed. */
    private static void onLoop(LoopTest test) throws Exception {
        TestIoEventLoop loop = new TestIoEventLoop(new TestIoHandler(), Ticker.system(), 50);
        LoopbackTestChannel channel = new LoopbackTestChannel();
        try {
            test.run(channel, loop);
        } finally {
            if (channel.isRegistered()) {
                await(channel.close());
                loop.barrier();
            }
            loop.shutdownAndAwait();
        }
    }

    interface LoopTest {
        void run(LoopbackTestChannel channel, TestIoEventLoop loop) throws Exception;
    }

    @Test
    void aMessageReachingTheTailOfARealChannelIsReleased() throws Exception {
        onLoop((channel, loop) -> {
            channel.pipeline().addLast("passing", new RecordingHandler("passing", log));
            await(loop.register(channel));
            Buffer heap = bytes("unhandled");
            Buffer pooled = BufferAllocator.pooled().directBuffer(16).writeInt(42);
            channel.pipeline().fireChannelRead(heap); // from the test thread: handed to the loop
            await(loop.submit(() -> channel.pipeline().fireChannelRead(pooled)));
            loop.barrier();
            assertEquals(0, heap.refCnt());
            assertEquals(0, pooled.refCnt());
            assertEquals(2, RecordingHandler.whoGot(log, "channelRead").size());
            channel.pipeline().fireChannelRead("not reference-counted"); // released quietly: nothing to do
            loop.barrier();
        });
    }

    @Test
    void aReferenceCountedUserEventReachingTheTailIsReleased() throws Exception {
        onLoop((channel, loop) -> {
            await(loop.register(channel));
            Buffer event = bytes("event");
            channel.pipeline().fireUserEventTriggered(event);
            loop.barrier();
            assertEquals(0, event.refCnt());
        });
    }

    @Test
    void anEmbeddedChannelCollectsWhatReachesTheTailInstead() {
        EmbeddedChannel ch = new EmbeddedChannel(new RecordingHandler("r", log));
        Buffer buf = bytes("kept");
        assertTrue(ch.writeInbound(buf));
        assertEquals(1, buf.refCnt(), "not released: the test reads it");
        assertSame(buf, ch.inboundMessages().peek());
        Buffer read = ch.readInbound();
        assertSame(buf, read);
        read.release();
        assertNull(ch.readInbound());
        assertFalse(ch.finish());
    }

    // ---- SimpleChannelInboundHandler -------------------------------------------------------------

    @Test
    void simpleHandlerReleasesWhatItConsumed() {
        BufferConsumer consumer = new BufferConsumer(true);
        EmbeddedChannel ch = new EmbeddedChannel(consumer);
        Buffer buf = bytes("hello");
        assertFalse(ch.writeInbound(buf));
        assertEquals(List.of("hello"), consumer.texts);
        assertEquals(List.of(1), consumer.refCnts, "alive while handled");
        assertEquals(0, buf.refCnt());
        assertFalse(ch.finish());
    }

    @Test
    void simpleHandlerPassesOtherTypesOnUnreleased() {
        BufferConsumer consumer = new BufferConsumer(true);
        SimpleChannelInboundHandler<String> strings = new SimpleChannelInboundHandler<>(String.class) {
            @Override
            protected void channelRead0(ChannelHandlerContext ctx, String msg) {
                log.add("string:" + msg);
            }
        };
        EmbeddedChannel ch = new EmbeddedChannel(strings, new RecordingHandler("r", log));
        ch.pipeline().addLast("buffers", consumer);
        Buffer buf = bytes("bytes");
        ch.writeInbound(buf, "text", 42);
        assertEquals(List.of("bytes"), consumer.texts, "the Buffer passed the String handler");
        assertEquals(List.of(1), consumer.refCnts, "unreleased by the handler that did not take it");
        assertEquals(0, buf.refCnt());
        assertTrue(log.contains("string:text"));
        assertEquals(42, (Integer) ch.readInbound(), "neither handler takes an Integer");
        assertNull(ch.readInbound(), "the String was consumed");
        assertFalse(ch.finish());
    }

    @Test
    void simpleHandlerWithoutAutoReleaseLeavesTheMessageAlive() {
        BufferConsumer consumer = new BufferConsumer(false);
        EmbeddedChannel ch = new EmbeddedChannel(consumer);
        Buffer buf = bytes("keep");
        ch.writeInbound(buf);
        assertEquals(1, buf.refCnt());
        buf.release();
        assertFalse(ch.finish());
    }

    @Test
    void simpleHandlerReleasesEvenWhenItThrows() {
        BufferConsumer consumer = new BufferConsumer(true);
        consumer.toThrow = new IllegalStateException("handler failed");
        EmbeddedChannel ch = new EmbeddedChannel(consumer);
        Buffer buf = bytes("x");
        assertSame(consumer.toThrow, assertThrows(IllegalStateException.class, () -> ch.writeInbound(buf)));
        assertEquals(0, buf.refCnt());
        assertFalse(ch.finish());
    }

    // ---- ChannelInitializer ------------------------------------------------------------------------

    /** Adds two recording handlers and records the channels it initialised and on which thread. */
    final class Init extends ChannelInitializer<Channel> {
        final List<Channel> channels = new CopyOnWriteArrayList<>();
        final List<Thread> threads = new CopyOnWriteArrayList<>();

        @Override
        protected void initChannel(Channel channel) {
            channels.add(channel);
            threads.add(Thread.currentThread());
            channel.pipeline().addLast("a", new RecordingHandler("a", log)).addLast("b", new RecordingHandler("b", log));
        }
    }

    @Test
    void initializerInstallsHandlersAndRemovesItself() {
        Init init = new Init();
        EmbeddedChannel ch = new EmbeddedChannel(init);
        assertEquals(List.of(ch), init.channels);
        assertEquals(List.of("a", "b"), ch.pipeline().names());
        assertNull(ch.pipeline().get(Init.class));
        assertEquals(List.of("a:handlerAdded", "b:handlerAdded", "a:channelRegistered", "b:channelRegistered",
                "a:channelActive", "b:channelActive", "b:read", "a:read"), log,
                "the installed handlers see the whole lifecycle");
        ch.writeInbound("m");
        assertEquals("m", ch.readInbound());
        assertFalse(ch.finish());
    }

    @Test
    void oneInitializerServesManyChannels() {
        Init init = new Init();
        EmbeddedChannel first = new EmbeddedChannel(init);
        EmbeddedChannel second = new EmbeddedChannel(init);
        assertEquals(List.of(first, second), init.channels);
        assertEquals(List.of("a", "b"), second.pipeline().names());
        assertFalse(first.finish());
        assertFalse(second.finish());
    }

    @Test
    void initializerRunsOnTheLoopOnceRegistered() throws Exception {
        onLoop((channel, loop) -> {
            Init init = new Init();
            channel.pipeline().addLast("init", init);
            assertEquals(List.of(), init.channels, "waits for registration");
            await(loop.register(channel));
            loop.barrier();
            Thread loopThread = await(loop.submit(Thread::currentThread));
            assertEquals(List.of(loopThread), init.threads);
            assertEquals(List.of("a", "b"), channel.pipeline().names());
        });
    }

    @Test
    void aThrowingInitChannelClosesTheChannel() {
        IllegalStateException boom = new IllegalStateException("init failed");
        ChannelInitializer<Channel> failing = new ChannelInitializer<>() {
            @Override
            protected void initChannel(Channel channel) {
                channel.pipeline().addLast("half", new RecordingHandler("half", log));
                throw boom;
            }
        };
        EmbeddedChannel ch = new EmbeddedChannel(failing);
        assertFalse(ch.isOpen());
        assertSame(boom, assertThrows(IllegalStateException.class, ch::checkException));
        assertNull(ch.pipeline().context(failing), "the initializer removed itself");
        assertFalse(ch.finish());
    }
}
