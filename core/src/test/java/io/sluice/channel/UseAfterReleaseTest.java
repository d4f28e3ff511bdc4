package io.sluice.channel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.buffer.Buffer;
import io.sluice.buffer.Buffers;
import io.sluice.buffer.IllegalReferenceCountException;
import io.sluice.buffer.LeakDetectionLevel;
import io.sluice.buffer.LeakDetector;
import io.sluice.channel.embedded.EmbeddedChannel;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A buffer released by mistake and used afterwards: the exception names the handler that had it
 * last (the pipeline touches each buffer with the name of the handler it hands it to).
 */
class UseAfterReleaseTest {
    private LeakDetectionLevel savedLevel;

    @BeforeEach
    void saveLevel() {
        savedLevel = LeakDetector.level();
    }

    @AfterEach
    void restoreLevel() {
        LeakDetector.level(savedLevel);
    }

    /** Releases what it reads, then passes it on anyway. */
    private static final class ReleasesThenForwards implements ChannelHandler {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ((Buffer) msg).release();
            ctx.fireChannelRead(msg);
        }
    }

    /** Reads the first byte of what it gets; remembers what that threw. */
    private static final class Reader implements ChannelHandler {
        final AtomicReference<RuntimeException> failure = new AtomicReference<>();

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            try {
                ((Buffer) msg).getByte(0);
            } catch (RuntimeException e) {
                failure.set(e);
            }
        }
    }

    private static String failureOfReadAfterRelease() {
        Reader reader = new Reader();
        EmbeddedChannel ch = new EmbeddedChannel();
        ch.pipeline().addLast("careless", new ReleasesThenForwards()).addLast("reader", reader);
        ch.writeInbound(Buffers.copyOf(new byte[] {1, 2, 3}));
        assertFalse(ch.finish());
        assertTrue(reader.failure.get() instanceof IllegalReferenceCountException, String.valueOf(reader.failure.get()));
        return reader.failure.get().getMessage();
    }

    @Test
    void theMessageNamesTheHandlerThatHadTheBufferWhenItWasReleased() {
        LeakDetector.level(LeakDetectionLevel.PARANOID);
        String message = failureOfReadAfterRelease();
        assertTrue(message.startsWith("buffer refCnt: 0 (expected: > 0; used after release; last touched by 'careless' on thread "),
                message);
    }

    @Test
    void aSecondReleaseNamesTheHandlerToo() {
        LeakDetector.level(LeakDetectionLevel.PARANOID);
        Buffer buf = Buffers.copyOf(new byte[] {1});
        buf.touch("first-owner");
        buf.release();
        IllegalReferenceCountException e = assertThrows(IllegalReferenceCountException.class, buf::release);
        assertTrue(e.getMessage().startsWith("refCnt: 0 (expected: >= 1 to release 1; last touched by 'first-owner' on thread "),
                e.getMessage());
    }

    @Test
    void withoutRecordedTouchesTheMessageSaysWhichLevelNamesTheHandler() {
        LeakDetector.level(LeakDetectionLevel.DISABLED);
        assertEquals("buffer refCnt: 0 (expected: > 0; used after release"
                + "; -Dio.sluice.leakDetection.level=paranoid names the handler that last touched it)",
                failureOfReadAfterRelease());
    }
}
