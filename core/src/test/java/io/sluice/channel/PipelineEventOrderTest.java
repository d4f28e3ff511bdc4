package io.sluice.channel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.channel.embedded.EmbeddedChannel;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Direction and starting point of events and operations, skipping, and the channel lifecycle. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class PipelineEventOrderTest {
    private static final SocketAddress ADDRESS = new InetSocketAddress(InetAddress.getLoopbackAddress(), 1);
    private static final List<String> ABC = List.of("A", "B", "C");

    private final List<String> log = RecordingHandler.newLog();

    /** Every inbound event, keyed by the handler method that receives it. */
    private static Map<String, Consumer<ChannelInboundInvoker>> inboundEvents() {
        Map<String, Consumer<ChannelInboundInvoker>> events = new LinkedHashMap<>();
        events.put("channelRegistered", ChannelInboundInvoker::fireChannelRegistered);
        events.put("channelActive", ChannelInboundInvoker::fireChannelActive);
        events.put("channelRead", i -> i.fireChannelRead("message"));
        events.put("channelReadComplete", ChannelInboundInvoker::fireChannelReadComplete);
        events.put("userEventTriggered", i -> i.fireUserEventTriggered("event"));
        events.put("channelWritabilityChanged", ChannelInboundInvoker::fireChannelWritabilityChanged);
        events.put("exceptionCaught", i -> i.fireExceptionCaught(new IOException("test")));
        events.put("channelInactive", ChannelInboundInvoker::fireChannelInactive);
        events.put("channelUnregistered", ChannelInboundInvoker::fireChannelUnregistered);
        return events;
    }

    /** Every outbound operation, keyed by the handler method that receives it. */
    private static Map<String, Consumer<ChannelOutboundInvoker>> outboundOps() {
        Map<String, Consumer<ChannelOutboundInvoker>> ops = new LinkedHashMap<>();
        ops.put("bind", o -> o.bind(ADDRESS));
        ops.put("connect", o -> o.connect(ADDRESS));
        ops.put("disconnect", ChannelOutboundInvoker::disconnect);
        ops.put("close", ChannelOutboundInvoker::close);
        ops.put("deregister", ChannelOutboundInvoker::deregister);
        ops.put("read", ChannelOutboundInvoker::read);
        ops.put("write", o -> o.write("message"));
        ops.put("flush", ChannelOutboundInvoker::flush);
        ops.put("shutdownOutput", ChannelOutboundInvoker::shutdownOutput);
        return ops;
    }

    private EmbeddedChannel newChannel() {
        EmbeddedChannel ch = new EmbeddedChannel();
        ch.pipeline().addLast("A", new RecordingHandler("A", log)).addLast("B", new RecordingHandler("B", log))
                .addLast("C", new RecordingHandler("C", log));
        ch.config().autoRead(false); // keep the head's read requests out of the inbound logs
        log.clear();
        return ch;
    }

    /** Fires {@code event} through {@code invoker}; returns who got it, in order, and cleans up. */
    private List<String> fireInbound(EmbeddedChannel ch, String name, Consumer<ChannelInboundInvoker> event,
            ChannelInboundInvoker invoker) {
        log.clear();
        event.accept(invoker);
        List<String> got = RecordingHandler.whoGot(log, name);
        assertEquals(got.size(), log.size(), () -> name + ": unexpected other events " + log);
        if (name.equals("channelRead")) {
            assertEquals("message", ch.readInbound(), "the message reaches the tail");
        }
        if (name.equals("exceptionCaught")) {
            assertThrows(IOException.class, ch::checkException, "the exception reaches the tail");
        }
        return got;
    }

    @Test
    void inboundEventsTravelHeadToTailFromThePipeline() {
        EmbeddedChannel ch = newChannel();
        inboundEvents().forEach((name, event) ->
                assertEquals(ABC, fireInbound(ch, name, event, ch.pipeline()), name));
        assertFalse(ch.finish());
    }

    @Test
    void ctxFireStartsAtTheNextHandler() {
        EmbeddedChannel ch = newChannel();
        ChannelHandlerContext a = ch.pipeline().context("A");
        ChannelHandlerContext b = ch.pipeline().context("B");
        ChannelHandlerContext c = ch.pipeline().context("C");
        inboundEvents().forEach((name, event) -> {
            assertEquals(List.of("B", "C"), fireInbound(ch, name, event, a), name);
            assertEquals(List.of("C"), fireInbound(ch, name, event, b), name);
            assertEquals(List.of(), fireInbound(ch, name, event, c), name);
        });
        assertFalse(ch.finish());
    }

    @Test
    void outboundOperationsTravelTailToHead() {
        for (Map.Entry<String, Consumer<ChannelOutboundInvoker>> op : outboundOps().entrySet()) {
            String name = op.getKey();
            // a fresh channel per operation and invoker: disconnect and close end the channel
            for (int start = 0; start < 5; start++) {
                EmbeddedChannel ch = newChannel();
                ChannelOutboundInvoker invoker = switch (start) {
                    case 0 -> ch;
                    case 1 -> ch.pipeline();
                    case 2 -> ch.pipeline().context("C");
                    case 3 -> ch.pipeline().context("B");
                    default -> ch.pipeline().context("A");
                };
                List<String> expected = switch (start) {
                    case 0, 1 -> List.of("C", "B", "A");
                    case 2 -> List.of("B", "A");
                    case 3 -> List.of("A");
                    default -> List.of();
                };
                op.getValue().accept(invoker);
                ch.runPendingTasks();
                assertEquals(expected, RecordingHandler.whoGot(log, name), name + " from invoker #" + start);
                ch.finishAndReleaseAll();
            }
        }
    }

    @Test
    void outboundOperationsCompleteTheirFuturesAtTheHead() {
        for (String name : List.of("bind", "connect", "shutdownOutput", "deregister", "disconnect", "close")) {
            EmbeddedChannel ch = newChannel();
            ChannelFuture f = switch (name) {
                case "bind" -> ch.bind(ADDRESS);
                case "connect" -> ch.connect(ADDRESS);
                case "shutdownOutput" -> ch.shutdownOutput();
                case "deregister" -> ch.deregister();
                case "disconnect" -> ch.disconnect();
                default -> ch.close();
            };
            ch.runPendingTasks();
            assertTrue(f.isSuccess(), () -> name + ": " + f.cause());
            assertSame(ch, f.channel());
            ch.finishAndReleaseAll();
        }
        EmbeddedChannel ch = newChannel();
        ChannelFuture write = ch.write("m");
        assertFalse(write.isDone(), "a write completes when it is flushed and sent");
        ch.flush();
        assertTrue(write.isSuccess());
        assertEquals("m", ch.readOutbound());
        assertFalse(ch.finish());
    }

    // ---- skipping handlers that do not override a method ----------------------------------------

    /** Overrides only channelRead. */
    static final class ReadOnlyHandler implements ChannelHandler {
        final List<Object> reads = new ArrayList<>();

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            reads.add(msg);
            ctx.fireChannelRead(msg);
        }
    }

    /** Inherits an override from its superclass and adds none. */
    static final class InheritsRead extends SimpleChannelInboundHandler<String> {
        InheritsRead() {
            super(String.class);
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, String msg) {}
    }

    /**
     * A recording handler that also checks, on every event, that no interface default method ran
     * between the previous recording handler and this one: a skipped handler's defaults would.
     */
    static final class GuardHandler extends RecordingHandler {
        private static final StackWalker WALKER = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);
        final List<String> violations = new CopyOnWriteArrayList<>();

        GuardHandler(String id, List<String> log) {
            super(id, log);
        }

        @Override
        void record(String method) {
            super.record(method);
            List<StackWalker.StackFrame> frames = WALKER.walk(s -> s.collect(Collectors.toList()));
            int first = -1;
            for (int i = 0; i < frames.size(); i++) {
                if (frames.get(i).getDeclaringClass() != RecordingHandler.class) {
                    continue;
                }
                if (first < 0) {
                    first = i;
                    continue;
                }
                for (int k = first + 1; k < i; k++) {
                    if (frames.get(k).getDeclaringClass() == ChannelHandler.class) {
                        violations.add(method + " ran through ChannelHandler." + frames.get(k).getMethodName());
                    }
                }
                return;
            }
        }
    }

    @Test
    void handlerMaskHasABitPerOverriddenMethodOnly() {
        int all = (1 << 18) - 1;
        assertEquals(HandlerMask.CHANNEL_READ, HandlerMask.of(ReadOnlyHandler.class));
        assertEquals(HandlerMask.CHANNEL_READ, HandlerMask.of(InheritsRead.class), "inherited overrides count");
        assertEquals(all, HandlerMask.of(RecordingHandler.class));
        assertEquals(all, HandlerMask.of(GuardHandler.class));
        assertEquals(0, HandlerMask.of(ChannelHandler.class));
        ChannelHandler lifecycleOnly = new ChannelHandler() {
            @Override
            public void handlerAdded(ChannelHandlerContext ctx) {}
        };
        assertEquals(0, HandlerMask.of(lifecycleOnly.getClass()), "handlerAdded/Removed are not events");
    }

    @Test
    void aHandlerThatDoesNotOverrideAMethodIsSkippedWithoutACall() {
        GuardHandler first = new GuardHandler("first", log);
        ReadOnlyHandler skipped = new ReadOnlyHandler();
        GuardHandler last = new GuardHandler("last", log);
        EmbeddedChannel ch = new EmbeddedChannel(first, skipped, last);
        ch.config().autoRead(false);
        log.clear();
        inboundEvents().forEach((name, event) -> fireInbound(ch, name, event, ch.pipeline()));
        for (Map.Entry<String, Consumer<ChannelOutboundInvoker>> op : outboundOps().entrySet()) {
            if (!op.getKey().equals("disconnect") && !op.getKey().equals("close")) {
                op.getValue().accept(ch);
                ch.runPendingTasks();
            }
        }
        assertEquals(List.of("message"), skipped.reads, "the overridden method is called");
        assertEquals("message", ch.readOutbound());
        assertFalse(ch.finish());
        assertEquals(List.of(), first.violations);
        assertEquals(List.of(), last.violations);
        assertEquals(List.of("last", "first"), RecordingHandler.whoGot(log, "write"), "passed across the skipped one");
    }

    // ---- lifecycle ---------------------------------------------------------------------------

    @Test
    void constructionRegistersAndActivatesAndFinishTearsDown() {
        RecordingHandler a = new RecordingHandler("A", log);
        RecordingHandler b = new RecordingHandler("B", log);
        EmbeddedChannel ch = new EmbeddedChannel(a, b);
        assertTrue(ch.isRegistered());
        assertTrue(ch.isActive());
        assertEquals(List.of("A:handlerAdded", "B:handlerAdded", "A:channelRegistered", "B:channelRegistered",
                "A:channelActive", "B:channelActive", "B:read", "A:read"), log,
                "auto-read asks for a read once active");
        assertEquals(1, ch.readRequests());
        log.clear();

        assertFalse(ch.finish());
        assertEquals(List.of("B:close", "A:close", "A:channelInactive", "B:channelInactive", "A:channelUnregistered",
                "B:channelUnregistered", "B:handlerRemoved", "A:handlerRemoved"), log);
        assertFalse(ch.isOpen());
        assertFalse(ch.isActive());
        assertFalse(ch.isRegistered());
        assertTrue(ch.closeFuture().isSuccess());
        assertEquals(List.of(), ch.pipeline().names(), "every handler left the pipeline");
        assertEquals(1, a.count("handlerRemoved"));
        assertEquals(1, b.count("handlerRemoved"));
    }

    @Test
    void readCompleteAtTheHeadRequestsTheNextReadWhenAutoReadIsOn() {
        EmbeddedChannel ch = new EmbeddedChannel(new RecordingHandler("A", log), new RecordingHandler("B", log));
        log.clear();
        int before = ch.readRequests();
        ch.pipeline().fireChannelReadComplete();
        assertEquals(List.of("A:channelReadComplete", "B:channelReadComplete", "B:read", "A:read"), log);
        assertEquals(before + 1, ch.readRequests());
        assertFalse(ch.finish());
    }
}
