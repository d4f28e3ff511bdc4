package io.sluice.codec.resp;

import static io.sluice.codec.resp.RespRuns.assertDecodes;
import static io.sluice.codec.resp.RespRuns.assertFails;
import static io.sluice.codec.resp.RespRuns.streamed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.buffer.Buffer;
import io.sluice.buffer.BufferAllocator;
import io.sluice.channel.embedded.EmbeddedChannel;
import io.sluice.codec.ByteToMessageDecoder;
import io.sluice.codec.DecoderHarness;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** RespDecoder with {@link RespLimits#streamBulkAbove()}: headers, chunks, limits and leaks. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RespDecoderStreamingTest {
    private static final Supplier<RespDecoder> STREAM_ABOVE_8 =
            () -> RespDecoder.forReplies(RespLimits.DEFAULT.withStreamBulkAbove(8));

    private static String bulk(String content) {
        return "$" + content.length() + "\r\n" + content + "\r\n";
    }

    @Test
    void longTopLevelBulkStringsStreamAndTheRestIsUnchanged() {
        String big = bulk("0123456789abcdef");
        String exact = bulk("12345678"); // at the threshold: aggregated
        List<String> values = List.of("+OK\r\n", big, exact, "$-1\r\n", "$0\r\n\r\n", bulk("x\r\ny\r\nz\r\n"), ":7\r\n",
                big);
        assertDecodes(STREAM_ABOVE_8, String.join("", values), List.of("+OK\r\n", streamed(big), exact, "$-1\r\n",
                "$0\r\n\r\n", streamed(bulk("x\r\ny\r\nz\r\n")), ":7\r\n", streamed(big)), 101);
    }

    @Test
    void largeValuesInRandomSplitsConcatenateToTheExactBytes() {
        Random rnd = new Random(102);
        byte[] content = new byte[20_000];
        for (int i = 0; i < content.length; i++) {
            content[i] = (byte) rnd.nextInt(256);
        }
        String text = new String(content, StandardCharsets.ISO_8859_1);
        String input = bulk(text) + "+after\r\n" + bulk(text.substring(0, 9));
        assertDecodes(() -> RespDecoder.forReplies(RespLimits.DEFAULT.withStreamBulkAbove(0)), input,
                List.of(streamed(bulk(text)), "+after\r\n", streamed(bulk(text.substring(0, 9)))), 103);
    }

    @Test
    void bulkStringsInsideAggregatesAreAggregatedWithThem() {
        String array = "*3\r\n" + bulk("0123456789abcdef") + "%1\r\n+k\r\n" + bulk("a value longer than 8") + ":1\r\n";
        assertDecodes(STREAM_ABOVE_8, array + bulk("top level again"), List.of(array, streamed(bulk("top level again"))),
                104);
        // blob errors and verbatim strings are text: never streamed
        List<String> text = List.of("!20\r\nERR something longer\r\n", "=16\r\ntxt:fifteen byte\r\n");
        assertDecodes(STREAM_ABOVE_8, String.join("", text), text, 105);
    }

    @Test
    void requestDecodersNeverStream() {
        String request = "*2\r\n$3\r\nSET\r\n" + bulk("a value longer than 8");
        assertDecodes(() -> RespDecoder.forRequests(RespLimits.DEFAULT.withStreamBulkAbove(8)), request,
                List.of(request), 106);
    }

    @Test
    void theDefaultAggregates() {
        assertEquals(RespLimits.NO_STREAMING, RespLimits.DEFAULT.streamBulkAbove());
        String big = bulk("x".repeat(5000));
        assertDecodes(RespDecoder::forReplies, big, List.of(big), 107);
    }

    @Test
    void chunksAreSlicesOfTheInputAsItArrives() {
        EmbeddedChannel ch = new EmbeddedChannel(STREAM_ABOVE_8.get());
        byte[] first = "$12\r\nhello ".getBytes(StandardCharsets.US_ASCII);
        Buffer in = BufferAllocator.unpooled().heapBuffer(first.length).writeBytes(first);
        ch.writeInbound(in);
        BulkStringHeader header = ch.readInbound();
        assertEquals(new BulkStringHeader(RespType.BULK_STRING, 12), header);
        BulkStringChunk chunk = ch.readInbound();
        assertFalse(chunk.last());
        assertSame(in.array(), chunk.content().array()); // no copy
        assertEquals("hello ", chunk.content().toString(StandardCharsets.US_ASCII));
        chunk.release();
        assertNull(ch.readInbound());

        ch.writeInbound(BufferAllocator.unpooled().heapBuffer(16).writeBytes("world!\r".getBytes(StandardCharsets.US_ASCII)));
        BulkStringChunk middle = ch.readInbound(); // "world" now, the "!" waits for its CRLF
        assertEquals("world", middle.content().toString(StandardCharsets.US_ASCII));
        assertFalse(middle.last());
        middle.release();
        assertNull(ch.readInbound());

        ch.writeInbound(BufferAllocator.unpooled().heapBuffer(8).writeBytes("\n:1\r\n".getBytes(StandardCharsets.US_ASCII)));
        BulkStringChunk last = ch.readInbound();
        assertEquals("!", last.content().toString(StandardCharsets.US_ASCII));
        assertTrue(last.last());
        last.release();
        assertEquals(RespInteger.of(1), ch.readInbound());
        assertFalse(ch.finish());
    }

    @Test
    void closingMidStreamFailsAndLeaksNothing() {
        for (ByteToMessageDecoder.Cumulator cumulator : List.of(ByteToMessageDecoder.MERGE, ByteToMessageDecoder.COMPOSITE)) {
            byte[] bytes = "+OK\r\n$100\r\nonly part of it".getBytes(StandardCharsets.US_ASCII);
            RespRuns.Run run = RespRuns.run(STREAM_ABOVE_8.get(), cumulator, bytes,
                    DecoderHarness.randomSplits(bytes.length, new Random(108), 5), null, new Random(109));
            assertEquals(2, run.messages().size(), run.description());
            assertTrue(run.messages().get(1).startsWith(streamed("$100\r\nonly part of it".substring(0, 6))));
            assertEquals(1, run.exceptions().size(), run.description());
            RespProtocolException e = (RespProtocolException) run.exceptions().get(0);
            assertEquals("unexpected end of input", e.reason());
        }
        // chunks still held by the application when the channel closes stay valid and are its to release
        EmbeddedChannel ch = new EmbeddedChannel(STREAM_ABOVE_8.get());
        ch.writeInbound(BufferAllocator.unpooled().heapBuffer(32).writeBytes("$100\r\nsome bytes".getBytes(StandardCharsets.US_ASCII)));
        assertThrows(RuntimeException.class, ch::finish);
        assertEquals(new BulkStringHeader(RespType.BULK_STRING, 100), ch.readInbound());
        BulkStringChunk held = ch.readInbound();
        assertEquals("some bytes", held.content().toString(StandardCharsets.US_ASCII));
        held.release();
    }

    @Test
    void limitsStillRefuseOversizeHeadersBeforeAnythingIsEmitted() {
        RespLimits limits = RespLimits.DEFAULT.withMaxBulkLength(100).withStreamBulkAbove(8);
        assertFails(() -> RespDecoder.forReplies(limits), "$101\r\n", 0, "invalid bulk length",
                "bulk string length: 101 (expected: -1 to 100)", 110);
        assertFails(STREAM_ABOVE_8, "$536870913\r\n", 0, "invalid bulk length",
                "bulk string length: 536870913 (expected: -1 to 536870912)", 111);
        assertFails(STREAM_ABOVE_8, "$-2\r\n", 0, "invalid bulk length", "bulk string length: -2", 112);
        assertThrows(IllegalArgumentException.class, () -> RespLimits.DEFAULT.withStreamBulkAbove(-1));
    }

    @Test
    void aBadTerminatorFailsBeforeTheLastChunk() {
        assertFails(STREAM_ABOVE_8, "$10\r\n0123456789XY", 1, "invalid bulk terminator",
                "bulk string terminator: 0x58 after 10 bytes (expected: CRLF)", 113);
    }

    @Test
    void randomGarbageWhileStreamingNeverLeaksOrHangs() {
        RespRuns.assertJunkFailsCleanly(i -> RespDecoder.forReplies(RespLimits.DEFAULT.withStreamBulkAbove(i % 3)),
                "$$$*+:_0123456789-\r\n abc", 114);
    }
}
