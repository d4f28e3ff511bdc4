package io.sluice.channel;

import static io.sluice.channel.LoopbackTestChannel.await;
import static io.sluice.testing.LogCapture.captureStdout;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.buffer.Buffer;
import io.sluice.buffer.Buffers;
import io.sluice.buffer.ReferenceCounting;
import io.sluice.channel.embedded.EmbeddedChannel;
import io.sluice.concurrent.Ticker;
import java.nio.channels.ClosedChannelException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The log lines of what nobody looked at, captured: a failed write whose future nobody observes is
 * one WARN with its stack naming the channel (a connection error is not); a message that reaches the
 * tail is released and reported once per channel and type, naming the last handler that forwarded it.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class PipelineReportLogTest {
    private static final String UNOBSERVED = "nobody looked at its future";
    private static final String UNHANDLED = "reached the end of the pipeline";

    private static Buffer bytes(String text) {
        return Buffers.copyOf(text, StandardCharsets.US_ASCII);
    }

    /** An outbound handler that releases what it is given and fails the write with {@code cause}. */
    private static ChannelHandler failingWrites(Exception cause) {
        return new ChannelHandler() {
            @Override
            public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
                ReferenceCounting.release(msg);
                promise.setFailure(cause);
            }
        };
    }

    /** An inbound handler that passes every message on. */
    private static ChannelHandler forwarding() {
        return new ChannelHandler() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                ctx.fireChannelRead(msg);
            }
        };
    }

    private static List<String> linesWith(String log, String text) {
        return log.lines().filter(l -> l.contains(text)).toList();
    }

    @Test
    void anUnobservedWriteFailureIsOneWarningWithItsStackNamingTheChannel() throws Exception {
        IllegalStateException bug = new IllegalStateException("an encoder bug (expected in this test)");
        EmbeddedChannel ch = new EmbeddedChannel(failingWrites(bug));
        String log = captureStdout(() -> {
            ch.writeAndFlush(bytes("lost")); // the future is dropped
            ch.runPendingTasks(); // the report runs after the current task
            return null;
        });
        List<String> lines = linesWith(log, UNOBSERVED);
        assertEquals(1, lines.size(), log);
        assertTrue(lines.get(0).contains("WARN"), log);
        assertTrue(lines.get(0).contains(ch.id().asShortText()), "names the channel: " + log);
        assertTrue(log.contains("IllegalStateException: an encoder bug"), log);
        assertTrue(log.contains("\tat "), "no stack trace:\n" + log);
        assertFalse(ch.finish());
    }

    @Test
    void anObservedWriteFailureIsLeftToItsObserver() throws Exception {
        EmbeddedChannel ch = new EmbeddedChannel(failingWrites(new IllegalStateException("seen (expected)")));
        String log = captureStdout(() -> {
            ChannelFuture write = ch.writeAndFlush(bytes("seen"));
            assertFalse(write.isSuccess(), "looked at before the report is due, so not reported");
            ch.runPendingTasks();
            return null;
        });
        assertEquals(List.of(), linesWith(log, UNOBSERVED), log);
        assertFalse(ch.finish());
    }

    @Test
    void anUnobservedConnectionErrorIsNoWarning() throws Exception {
        EmbeddedChannel ch = new EmbeddedChannel(failingWrites(new ClosedChannelException()));
        String log = captureStdout(() -> {
            ch.writeAndFlush(bytes("closed"));
            ch.runPendingTasks();
            return null;
        });
        assertFalse(log.contains("WARN"), log);
        assertFalse(log.contains("\tat "), "a stack trace was logged:\n" + log);
        assertFalse(ch.finish());
    }

    @Test
    void aMessageReachingTheTailIsReleasedAndReportedOncePerChannelAndTypeNamingTheLastForwarder() throws Exception {
        // EmbeddedChannel keeps what reaches the tail for the test to read, so this needs a channel
        // with the default tail on a real loop (no socket)
        TestIoEventLoop loop = new TestIoEventLoop(new TestIoHandler(), Ticker.system(), 50);
        LoopbackTestChannel first = new LoopbackTestChannel();
        LoopbackTestChannel second = new LoopbackTestChannel();
        try {
            for (LoopbackTestChannel ch : List.of(first, second)) {
                ch.pipeline().addLast("decoder", forwarding()).addLast("forwarder", forwarding());
                await(loop.register(ch));
            }
            Buffer[] buffers = {bytes("a"), bytes("b"), bytes("c")};
            String log = captureStdout(() -> {
                first.pipeline().fireChannelRead(buffers[0]);
                first.pipeline().fireChannelRead(buffers[1]);
                first.pipeline().fireChannelRead("text");
                first.pipeline().fireChannelRead("more text");
                second.pipeline().fireChannelRead(buffers[2]);
                loop.barrier();
                return null;
            });
            for (Buffer b : buffers) {
                assertEquals(0, b.refCnt(), "released");
            }
            List<String> lines = linesWith(log, UNHANDLED);
            assertEquals(3, lines.size(), "once per channel and type:\n" + log);
            String bufferType = buffers[0].getClass().getName();
            assertEquals(1, count(lines, first, bufferType), log);
            assertEquals(1, count(lines, first, String.class.getName()), log);
            assertEquals(1, count(lines, second, bufferType), log);
            for (String line : lines) {
                assertTrue(line.contains("WARN"), line);
                assertTrue(line.contains("'forwarder'"), "names the last handler that passed it on: " + line);
                assertTrue(line.contains("released"), line);
            }
        } finally {
            for (LoopbackTestChannel ch : List.of(first, second)) {
                if (ch.isRegistered()) {
                    await(ch.close());
                }
            }
            loop.barrier();
            loop.shutdownAndAwait();
        }
    }

    private static long count(List<String> lines, Channel channel, String type) {
        String id = channel.id().asShortText();
        return lines.stream().filter(l -> l.contains(id) && l.contains(" " + type + " ")).count();
    }
}
