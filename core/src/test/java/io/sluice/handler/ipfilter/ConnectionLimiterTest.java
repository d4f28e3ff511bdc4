package io.sluice.handler.ipfilter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import io.sluice.channel.embedded.EmbeddedChannel;
import io.sluice.concurrent.ManualTicker;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.Logger;

@Timeout(10)
class ConnectionLimiterTest {
    private final Logger log = mock(Logger.class);
    private final ManualTicker ticker = ManualTicker.create();

    private static EmbeddedChannel connect(ConnectionLimiter limiter, String ip) {
        EmbeddedChannel ch = new InetEmbeddedChannel(ip, 5000);
        ch.pipeline().addLast(limiter);
        ch.runPendingTasks();
        return ch;
    }

    @Test
    void refusesExactlyTheSurplusPerAddress() throws Exception {
        ConnectionLimiter limiter = new ConnectionLimiter(100, 3, log, ticker);
        List<EmbeddedChannel> open = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            open.add(connect(limiter, "10.0.0.1"));
        }
        EmbeddedChannel other = connect(limiter, "10.0.0.2");
        assertEquals(List.of(true, true, true, false, false), open.stream().map(EmbeddedChannel::isOpen).toList());
        assertTrue(other.isOpen(), "another address is still served");
        assertEquals(3, limiter.connectionsFrom(InetAddress.getByName("10.0.0.1")));
        assertEquals(4, limiter.activeConnections());
        assertEquals(2, limiter.refusedConnections());
        open.get(0).close();
        assertTrue(connect(limiter, "10.0.0.1").isOpen(), "a closed connection frees its slot");
        for (EmbeddedChannel ch : open) {
            ch.close();
        }
        other.close();
        assertEquals(1, limiter.activeConnections());
    }

    @Test
    void refusesExactlyTheSurplusPerServer() throws Exception {
        ConnectionLimiter limiter = new ConnectionLimiter(2, 10, log, ticker);
        EmbeddedChannel a = connect(limiter, "10.0.0.1");
        EmbeddedChannel b = connect(limiter, "10.0.0.2");
        EmbeddedChannel c = connect(limiter, "10.0.0.3");
        assertTrue(a.isOpen());
        assertTrue(b.isOpen());
        assertFalse(c.isOpen());
        assertEquals(2, limiter.activeConnections());
        assertEquals(0, limiter.connectionsFrom(InetAddress.getByName("10.0.0.3")));
    }

    @Test
    void logsAFloodOncePerInterval() {
        ConnectionLimiter limiter = new ConnectionLimiter(1, 1, log, ticker);
        connect(limiter, "10.0.0.1");
        for (int i = 0; i < 50; i++) {
            connect(limiter, "10.0.0.1");
        }
        verify(log, times(1)).warn(anyString(), eq("connections"), eq(2), eq(1), eq(1L), eq(1L));
        ticker.advance(10, TimeUnit.SECONDS);
        connect(limiter, "10.0.0.1");
        verify(log, times(1)).warn(anyString(), eq("connections"), eq(2), eq(1), eq(50L), eq(51L));
        assertEquals(51, limiter.refusedConnections());
    }

    @Test
    void capsMustBePositive() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ConnectionLimiter.create(0, 1));
        assertEquals("maxConnections: 0 (expected: > 0)", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ConnectionLimiter.create(1, -1));
        assertEquals("maxPerAddress: -1 (expected: > 0)", e.getMessage());
    }
}
