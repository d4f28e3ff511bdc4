package io.sluice.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sluice.buffer.Buffer;
import io.sluice.buffer.Buffers;
import io.sluice.channel.ChannelHandler;
import io.sluice.channel.ChannelHandlerContext;
import io.sluice.channel.ChannelInputShutdownEvent;
import io.sluice.channel.embedded.EmbeddedChannel;
import io.sluice.codec.DecoderHarness.Recorder;
import io.sluice.codec.frame.LineFrameDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The decode state of {@link ByteToMessageDecoder}: the end of input and inactive events that re-enter
 * while the loop passes messages on are handled after the loop (the rest of the input decoded first),
 * each passed on once (see ByteToMessageDecoderTest for removal and reads re-entering).
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class DecodeStateTest {

    /** Records frames and the inbound events that reach the end, in order. */
    static final class EventRecorder extends Recorder {
        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            events.add("inactive");
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
            events.add(event instanceof ChannelInputShutdownEvent ? "input-shutdown" : "event:" + event);
        }
    }

    /** On the frame "QUIT", passes it on, then runs {@code action} (re-entering the pipeline). */
    static final class OnQuit implements ChannelHandler {
        private final java.util.function.Consumer<ChannelHandlerContext> action;

        OnQuit(java.util.function.Consumer<ChannelHandlerContext> action) {
            this.action = action;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            boolean quit = msg instanceof Buffer b && "QUIT".equals(b.toString(StandardCharsets.US_ASCII));
            ctx.fireChannelRead(msg);
            if (quit) {
                action.accept(ctx);
            }
        }
    }

    private static Buffer buf(String s) {
        return Buffers.copyOf(s.getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void inactiveFiredFromDownstreamMidLoopDecodesTheRestThenPassesInactiveOnOnce() {
        EventRecorder recorder = new EventRecorder();
        EmbeddedChannel ch = new EmbeddedChannel(new LineFrameDecoder(100),
                new OnQuit(ctx -> ctx.pipeline().fireChannelInactive()), recorder);
        ch.writeInbound(buf("a\nQUIT\nb\nc\n"));
        assertEquals(List.of("F:61", "F:51554954", "F:62", "F:63", "inactive"), recorder.events,
                "the rest decoded first, then inactive once");
        ch.writeInbound(buf("late\n"));
        assertEquals(5, recorder.events.size(), "input after the end is released unread");
        ch.finishAndReleaseAll();
    }

    @Test
    void inputShutdownAndInactiveBothMidLoopAreEachPassedOnOnceAfterTheRest() {
        EventRecorder recorder = new EventRecorder();
        EmbeddedChannel ch = new EmbeddedChannel(new LineFrameDecoder(100), new OnQuit(ctx -> {
            ctx.pipeline().fireUserEventTriggered(ChannelInputShutdownEvent.INSTANCE);
            ctx.pipeline().fireChannelInactive();
        }), recorder);
        ch.writeInbound(buf("QUIT\nb\n"));
        assertEquals(List.of("F:51554954", "F:62", "input-shutdown", "inactive"), recorder.events);
        ch.finishAndReleaseAll();
    }
}
