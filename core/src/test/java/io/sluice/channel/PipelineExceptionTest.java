package io.sluice.channel;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.buffer.Buffer;
import io.sluice.buffer.Buffers;
import io.sluice.channel.embedded.EmbeddedChannel;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.channels.ClosedChannelException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Where exceptions thrown by handlers go, and the void promise. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class PipelineExceptionTest {
    private static final SocketAddress ADDRESS = new InetSocketAddress(InetAddress.getLoopbackAddress(), 1);

    private final List<String> log = RecordingHandler.newLog();
    private final RecordingHandler before = new RecordingHandler("before", log);
    private final Thrower thrower = new Thrower(log);
    private final RecordingHandler after = new RecordingHandler("after", log);
    private final IllegalStateException boom = new IllegalStateException("boom");

    /** Records like its parent, and throws {@code boom} from the method named {@link #armed}. */
    final class Thrower extends RecordingHandler {
        volatile String armed = "";

        Thrower(List<String> log) {
            super("thrower", log);
        }

        @Override
        void record(String method) {
            super.record(method);
            if (method.equals(armed)) {
                throw boom;
            }
        }
    }

    private EmbeddedChannel newChannel() {
        EmbeddedChannel ch = new EmbeddedChannel(before, thrower, after);
        ch.config().autoRead(false);
        log.clear();
        return ch;
    }

    @ParameterizedTest
    @ValueSource(strings = {"channelRegistered", "channelUnregistered", "channelActive", "channelInactive",
            "channelRead", "channelReadComplete", "userEventTriggered", "channelWritabilityChanged"})
    void anInboundExceptionGoesToTheSameHandlersExceptionCaughtThenOnToTheTail(String method) {
        EmbeddedChannel ch = newChannel();
        thrower.armed = method;
        switch (method) {
            case "channelRegistered" -> ch.pipeline().fireChannelRegistered();
            case "channelUnregistered" -> ch.pipeline().fireChannelUnregistered();
            case "channelActive" -> ch.pipeline().fireChannelActive();
            case "channelInactive" -> ch.pipeline().fireChannelInactive();
            case "channelRead" -> ch.pipeline().fireChannelRead("m");
            case "channelReadComplete" -> ch.pipeline().fireChannelReadComplete();
            case "userEventTriggered" -> ch.pipeline().fireUserEventTriggered("e");
            default -> ch.pipeline().fireChannelWritabilityChanged();
        }
        assertEquals(List.of("before:" + method, "thrower:" + method, "thrower:exceptionCaught",
                "after:exceptionCaught"), log);
        assertEquals(List.of(boom), thrower.exceptions);
        assertEquals(List.of(boom), after.exceptions);
        assertEquals(List.of(), before.exceptions, "exceptions travel towards the tail only");
        assertSame(boom, assertThrows(IllegalStateException.class, ch::checkException));
        assertDoesNotThrow(ch::checkException, "rethrown once");
        thrower.armed = "";
        assertFalse(ch.finish());
    }

    @Test
    void aHandlerWithoutExceptionCaughtPassesTheExceptionOn() {
        ChannelHandler throwsOnRead = new ChannelHandler() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                throw boom;
            }
        };
        EmbeddedChannel ch = new EmbeddedChannel(before, throwsOnRead, after);
        assertSame(boom, assertThrows(IllegalStateException.class, () -> ch.writeInbound("m")));
        assertEquals(List.of(boom), after.exceptions);
        assertEquals(List.of(), before.exceptions);
        assertFalse(ch.finish());
    }

    @ParameterizedTest
    @ValueSource(strings = {"bind", "connect", "disconnect", "close", "deregister", "write", "shutdownOutput"})
    void anOutboundExceptionFailsThatOperationsPromise(String method) {
        EmbeddedChannel ch = newChannel();
        thrower.armed = method;
        Function<Channel, ChannelFuture> op = switch (method) {
            case "bind" -> c -> c.bind(ADDRESS);
            case "connect" -> c -> c.connect(ADDRESS);
            case "disconnect" -> Channel::disconnect;
            case "close" -> Channel::close;
            case "deregister" -> Channel::deregister;
            case "write" -> c -> c.writeAndFlush("m");
            default -> Channel::shutdownOutput;
        };
        ChannelFuture f = op.apply(ch);
        ch.runPendingTasks();
        assertTrue(f.isDone());
        assertSame(boom, f.cause());
        assertEquals(List.of(), RecordingHandler.whoGot(log, "exceptionCaught"), "the promise reports it");
        assertEquals(List.of("after", "thrower"), RecordingHandler.whoGot(log, method), "before never saw it");
        assertTrue(ch.isOpen());
        assertTrue(ch.isRegistered());
        assertDoesNotThrow(ch::checkException);
        thrower.armed = "";
        assertFalse(ch.finish());
    }

    @ParameterizedTest
    @ValueSource(strings = {"read", "flush"})
    void anExceptionFromAnOperationWithoutAPromiseGoesToExceptionCaught(String method) {
        EmbeddedChannel ch = newChannel();
        thrower.armed = method;
        if (method.equals("read")) {
            ch.read();
        } else {
            ch.flush();
        }
        assertEquals(List.of(boom), thrower.exceptions);
        assertEquals(List.of(boom), after.exceptions);
        assertSame(boom, assertThrows(IllegalStateException.class, ch::checkException));
        thrower.armed = "";
        assertFalse(ch.finish());
    }

    @Test
    void aThrowingExceptionCaughtDoesNotBreakThePipeline() {
        RecordingHandler catcher = new RecordingHandler("catcher", log) {
            @Override
            public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                exceptions.add(cause);
                throw new IllegalStateException("exceptionCaught failed");
            }
        };
        EmbeddedChannel ch = new EmbeddedChannel(catcher);
        ch.pipeline().fireExceptionCaught(boom);
        assertDoesNotThrow(ch::checkException, "neither the exception nor the new one is passed on");
        assertTrue(ch.writeInbound("still works"));
        assertEquals("still works", ch.readInbound());
        ch.pipeline().fireExceptionCaught(boom);
        assertEquals(List.of(boom, boom), catcher.exceptions);
        assertTrue(ch.isOpen());
        assertFalse(ch.finish());
    }

    // ---- the void promise ------------------------------------------------------------------------

    @Test
    void aFailedWriteWithTheVoidPromiseGoesToExceptionCaught() {
        EmbeddedChannel ch = newChannel();
        thrower.armed = "write";
        ChannelFuture f = ch.writeAndFlush("m", ch.voidPromise());
        assertSame(ch.voidPromise(), f);
        assertEquals(List.of(boom), after.exceptions);
        assertSame(boom, assertThrows(IllegalStateException.class, ch::checkException));
        thrower.armed = "";
        assertFalse(ch.finish());
    }

    @Test
    void aVoidWriteFailedByCloseIsReportedOnce() {
        EmbeddedChannel ch = newChannel();
        ch.write("pending", ch.voidPromise());
        ch.close();
        ch.runPendingTasks();
        assertEquals(1, after.exceptions.size(), () -> "exceptionCaught calls: " + after.exceptions);
        assertInstanceOf(ClosedChannelException.class, after.exceptions.get(0));
        assertThrows(ClosedChannelException.class, ch::checkException);
        assertFalse(ch.finish());
    }

    @Test
    void theVoidPromiseTakesNoListenersAndCannotBeAwaited() {
        EmbeddedChannel ch = newChannel();
        ChannelPromise v = ch.voidPromise();
        assertTrue(v.isVoid());
        assertFalse(v.isDone());
        assertSame(v, ch.pipeline().voidPromise());
        assertSame(v, ch.pipeline().context(thrower).voidPromise());
        assertThrows(IllegalStateException.class, () -> v.addListener(f -> {}));
        assertThrows(IllegalStateException.class, v::await);
        assertThrows(IllegalStateException.class, () -> v.await(1, TimeUnit.MILLISECONDS));
        assertThrows(IllegalStateException.class, v::awaitUninterruptibly);
        assertFalse(v.cancel(false));
        assertFalse(ch.newPromise().isVoid());
        assertThrows(IllegalArgumentException.class, () -> ch.close(v), "only writes take the void promise");
        assertTrue(ch.isOpen());
        assertFalse(ch.finish());
    }

    // ---- promise validation ------------------------------------------------------------------------

    @Test
    void aDoneOrForeignPromiseIsRejectedAndTheMessageReleased() {
        EmbeddedChannel ch = newChannel();
        EmbeddedChannel other = new EmbeddedChannel();
        Buffer buf = Buffers.copyOf("data", StandardCharsets.US_ASCII);
        ChannelPromise done = ch.newPromise().setSuccess();
        assertThrows(IllegalArgumentException.class, () -> ch.write(buf, done));
        assertEquals(0, buf.refCnt(), "released when rejected");
        Buffer buf2 = Buffers.copyOf("data", StandardCharsets.US_ASCII);
        assertThrows(IllegalArgumentException.class, () -> ch.write(buf2, other.newPromise()));
        assertEquals(0, buf2.refCnt());
        assertThrows(IllegalArgumentException.class, () -> ch.close(other.newPromise()));
        assertTrue(ch.isOpen());
        assertEquals(List.of(), RecordingHandler.whoGot(log, "write"));
        other.finish();
        assertFalse(ch.finish());
    }

    @Test
    void anOperationWithACancelledPromiseIsSkipped() {
        EmbeddedChannel ch = newChannel();
        ChannelPromise cancelled = ch.newPromise();
        assertTrue(cancelled.cancel(false));
        ch.close(cancelled);
        assertTrue(ch.isOpen());
        Buffer buf = Buffers.copyOf("data", StandardCharsets.US_ASCII);
        ch.writeAndFlush(buf, cancelled);
        assertEquals(0, buf.refCnt(), "the message of a skipped write is released");
        assertEquals(List.of(), RecordingHandler.whoGot(log, "close"));
        assertFalse(ch.finish());
    }
}
