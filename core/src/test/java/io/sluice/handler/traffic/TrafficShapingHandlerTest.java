package io.sluice.handler.traffic;

import static java.util.concurrent.TimeUnit.NANOSECONDS;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.buffer.Buffer;
import io.sluice.buffer.Buffers;
import io.sluice.channel.ChannelFuture;
import io.sluice.channel.embedded.EmbeddedChannel;
import java.nio.channels.ClosedChannelException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class TrafficShapingHandlerTest {
    private static final int RATE = 100 * 1024;
    private static final int BURST = 8 * 1024;
    private static final int CHUNK = 4096;

    private static Buffer chunk(int seq) {
        byte[] b = new byte[CHUNK];
        b[0] = (byte) (seq >>> 8);
        b[1] = (byte) seq;
        return Buffers.copyOf(b);
    }

    private static long nowNanos(EmbeddedChannel ch) {
        return ch.eventLoop().ticker().nanoTime();
    }

    /** Takes what left the channel: checks order, releases, and returns the bytes. */
    private static long drainOutbound(EmbeddedChannel ch, int[] nextSeq) {
        long bytes = 0;
        for (Object msg; (msg = ch.readOutbound()) != null; ) {
            Buffer b = (Buffer) msg;
            int seq = (b.getByte(0) & 0xff) << 8 | b.getByte(1) & 0xff;
            assertEquals(nextSeq[0]++, seq, "in order");
            bytes += b.readableBytes();
            b.release();
        }
        return bytes;
    }

    @Test
    void writesStayWithinFivePercentOfTheRateOverASimulatedMinuteInOrder() {
        TrafficShapingHandler shaper = TrafficShapingHandler.create(null, RateLimit.of(RATE, BURST));
        EmbeddedChannel ch = new EmbeddedChannel(shaper);
        int messages = 60 * RATE / CHUNK + 100; // more than a minute's worth, all written at once
        for (int i = 0; i < messages; i++) {
            ch.write(chunk(i));
        }
        ch.flush();
        assertFalse(ch.isWritable(), "queued bytes count against writability");
        int[] next = {0};
        long sent = drainOutbound(ch, next);
        assertEquals(BURST, sent, "the burst leaves at once");
        for (int second = 1; second <= 60; second++) {
            ch.advanceTimeBy(1, SECONDS);
            sent += drainOutbound(ch, next);
            long allowed = (long) second * RATE + BURST;
            assertTrue(sent <= allowed, "at " + second + " s: " + sent + " > " + allowed);
            assertTrue(sent >= 0.95 * second * RATE, "at " + second + " s: " + sent + " too slow");
        }
        assertTrue(shaper.counters().writeThrottledNanos() == 0, "still throttled: counted when the queue drains");
        while (ch.nextScheduledTaskDelayNanos() >= 0) {
            ch.advanceTimeBy(ch.nextScheduledTaskDelayNanos(), NANOSECONDS);
            sent += drainOutbound(ch, next);
        }
        assertEquals((long) messages * CHUNK, sent, "every byte delivered");
        assertTrue(ch.isWritable());
        assertEquals(sent, shaper.counters().bytesWritten());
        assertTrue(shaper.counters().writeThrottledNanos() > SECONDS.toNanos(60));
        ch.finish();
    }

    @Test
    void readsStayWithinFivePercentOfTheRateOverASimulatedMinute() {
        TrafficShapingHandler shaper = TrafficShapingHandler.create(RateLimit.of(RATE, BURST), null);
        EmbeddedChannel ch = new EmbeddedChannel(shaper);
        long end = SECONDS.toNanos(60);
        long delivered = 0;
        int pauses = 0;
        while (nowNanos(ch) < end) { // a peer that sends whenever the channel reads
            if (ch.config().isAutoRead()) {
                ch.writeInbound(chunk(0));
                ((Buffer) ch.readInbound()).release();
                delivered += CHUNK;
            } else {
                pauses++;
                ch.advanceTimeBy(ch.nextScheduledTaskDelayNanos(), NANOSECONDS);
            }
        }
        double expected = 60.0 * RATE;
        assertTrue(Math.abs(delivered - expected) <= 0.05 * expected, delivered + " vs " + expected);
        assertTrue(pauses > 100, "reading was suspended, not buffered: " + pauses);
        assertEquals(delivered, shaper.counters().bytesRead());
        assertTrue(shaper.counters().readThrottledNanos() > SECONDS.toNanos(50));
        ch.finish();
    }

    @Test
    void aReadRequestWhileSuspendedWaitsForTheResume() {
        EmbeddedChannel ch = new EmbeddedChannel();
        ch.config().autoRead(false);
        ch.pipeline().addLast(TrafficShapingHandler.create(RateLimit.of(CHUNK, 1), null));
        ch.writeInbound(chunk(0)); // one second of debt
        ((Buffer) ch.readInbound()).release();
        int before = ch.readRequests();
        ch.read();
        assertEquals(before, ch.readRequests(), "held while the bucket is in debt");
        ch.advanceTimeBy(1, SECONDS);
        assertEquals(before + 1, ch.readRequests());
        assertFalse(ch.config().isAutoRead(), "auto-read stays as the application set it");
        ch.finish();
    }

    @Test
    void aWithinBurstWritePassesStraightThrough() {
        EmbeddedChannel ch = new EmbeddedChannel(TrafficShapingHandler.create(null, RateLimit.of(RATE, BURST)));
        ch.writeOutbound(chunk(0));
        assertEquals(-1, ch.nextScheduledTaskDelayNanos(), "nothing queued, nothing scheduled");
        assertEquals(CHUNK, drainOutbound(ch, new int[] {0}));
        ch.finish();
    }

    @Test
    void closingFailsAndReleasesQueuedWrites() {
        EmbeddedChannel ch = new EmbeddedChannel(TrafficShapingHandler.create(null, RateLimit.of(CHUNK, CHUNK)));
        ch.writeOutbound(chunk(0));
        ChannelFuture queued = ch.writeOneOutbound(chunk(1));
        assertFalse(queued.isDone());
        ch.close();
        ch.runPendingTasks();
        assertInstanceOf(ClosedChannelException.class, queued.cause());
        ch.finishAndReleaseAll();
    }

    @Test
    void removingPassesQueuedWritesOn() {
        TrafficShapingHandler shaper = TrafficShapingHandler.create(null, RateLimit.of(CHUNK, CHUNK));
        EmbeddedChannel ch = new EmbeddedChannel(shaper);
        ch.writeOutbound(chunk(0), chunk(1), chunk(2));
        assertEquals(2 * CHUNK, shaper.queuedBytes());
        ch.pipeline().remove(shaper);
        assertEquals(3 * CHUNK, drainOutbound(ch, new int[] {0}));
        ch.finish();
    }

    @Test
    void aGroupSharesOneRateAmongItsChannels() {
        io.sluice.concurrent.ManualTicker ticker = io.sluice.concurrent.ManualTicker.create();
        TrafficShapingGroup group = TrafficShapingGroup.create(null, RateLimit.of(RATE, BURST), ticker);
        List<EmbeddedChannel> channels = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            EmbeddedChannel ch = new EmbeddedChannel(group.newHandler());
            for (int m = 0; m < 200; m++) {
                ch.write(chunk(m));
            }
            ch.flush();
            channels.add(ch);
        }
        long sent = 0;
        int[][] next = {{0}, {0}};
        for (int second = 1; second <= 3; second++) { // group and channels share one clock here
            ticker.advance(1, SECONDS);
            for (int i = 0; i < 2; i++) {
                channels.get(i).advanceTimeBy(1, SECONDS);
                sent += drainOutbound(channels.get(i), next[i]);
            }
            long allowed = (long) second * RATE + BURST + CHUNK;
            assertTrue(sent <= allowed, "at " + second + " s: " + sent + " > " + allowed);
            assertTrue(sent >= 0.9 * second * RATE, "at " + second + " s: " + sent);
        }
        assertEquals(sent, group.counters().bytesWritten());
        for (EmbeddedChannel ch : channels) {
            ch.finishAndReleaseAll();
        }
    }
}
