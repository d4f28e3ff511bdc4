package io.sluice.handler.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.sluice.buffer.Buffer;
import io.sluice.buffer.Buffers;
import io.sluice.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.mockito.ArgumentCaptor;
import org.slf4j.Logger;
import org.slf4j.event.Level;

@Timeout(10)
class LoggingHandlerTest {
    private final Logger logger = mock(Logger.class);

    private List<String> debugLines() {
        ArgumentCaptor<String> lines = ArgumentCaptor.forClass(String.class);
        verify(logger, org.mockito.Mockito.atLeastOnce()).debug(lines.capture(), org.mockito.ArgumentMatchers.<Throwable>any());
        return new ArrayList<>(lines.getAllValues());
    }

    @Test
    void logsEveryEventOnOneLineWithTheChannelAndAddresses() {
        when(logger.isDebugEnabled()).thenReturn(true);
        EmbeddedChannel ch = new EmbeddedChannel(LoggingHandler.create(logger, Level.DEBUG, 64));
        ch.writeInbound(Buffers.copyOf("hi", StandardCharsets.US_ASCII));
        ch.writeOutbound("reply");
        ch.close();
        List<String> lines = debugLines();
        String prefix = "[" + ch.id() + ", L:embedded-local - R:embedded-remote] ";
        assertTrue(lines.contains(prefix + "READ: 2B 6869"), lines.toString());
        assertTrue(lines.contains(prefix + "READ_COMPLETE"), lines.toString());
        assertTrue(lines.contains(prefix + "WRITE: reply"), lines.toString());
        assertTrue(lines.contains(prefix + "FLUSH"), lines.toString());
        assertTrue(lines.stream().anyMatch(l -> l.endsWith("CLOSE")), lines.toString());
        for (String line : lines) {
            assertTrue(!line.contains("\n"), "one line per event: " + line);
        }
        Buffer read = ch.readInbound();
        read.release();
        ch.finishAndReleaseAll();
    }

    @Test
    void cutsHexDumpsAtTheLimit() {
        LoggingHandler handler = LoggingHandler.create(logger, Level.DEBUG, 4);
        Buffer buf = Buffers.copyOf(new byte[] {0, 1, 2, 3, 4, 5, (byte) 0xff});
        try {
            assertEquals("7B 00010203... (3 more bytes)", handler.describe(buf));
            buf.readerIndex(4);
            assertEquals("3B 0405ff", handler.describe(buf));
        } finally {
            buf.release();
        }
        Buffer empty = Buffers.wrap(new byte[0]);
        assertEquals("0B", LoggingHandler.create(logger, Level.DEBUG, 0).describe(empty));
        empty.release();
    }

    @Test
    void logsExceptionsWithTheCauseAndPassesThemOn() {
        when(logger.isWarnEnabled()).thenReturn(true);
        EmbeddedChannel ch = new EmbeddedChannel(LoggingHandler.create(logger, Level.WARN, 16));
        IllegalStateException boom = new IllegalStateException("boom");
        ch.pipeline().fireExceptionCaught(boom);
        verify(logger).warn(org.mockito.ArgumentMatchers.endsWith("EXCEPTION: " + boom), org.mockito.ArgumentMatchers.same(boom));
        IllegalStateException passed = assertThrows(IllegalStateException.class, ch::checkException);
        assertSame(boom, passed);
        ch.finish();
    }

    @Test
    void aDisabledLevelCostsOneCheckAndLogsNothing() {
        EmbeddedChannel ch = new EmbeddedChannel(LoggingHandler.create(logger, Level.TRACE, 16));
        ch.writeInbound("x");
        verify(logger, never()).trace(anyString(), any(Throwable.class));
        assertEquals("x", ch.readInbound());
        ch.finish();
    }

    @Test
    void negativeDumpLengthIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LoggingHandler.create(logger, Level.INFO, -1));
        assertEquals("maxDumpBytes: -1 (expected: >= 0)", e.getMessage());
    }
}
