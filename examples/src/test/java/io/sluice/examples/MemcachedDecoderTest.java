package io.sluice.examples;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.buffer.Buffers;
import io.sluice.channel.embedded.EmbeddedChannel;
import io.sluice.codec.DecoderException;
import io.sluice.codec.TooLongFrameException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The memcached decoder fed whole, byte by byte and in random splits (always copies): same messages. */
class MemcachedDecoderTest {
    private static final byte[] NONE = {};

    private static MemcachedRequest req(MemcachedRequest.Command command, List<String> keys, int flags, long delta,
            String data, boolean noreply) {
        return new MemcachedRequest(command, keys, flags, delta, data == null ? NONE : data.getBytes(US_ASCII), noreply);
    }

    /** Decodes {@code input} split at the given piece sizes and returns what came out. */
    private static List<Object> decode(byte[] input, int[] pieces) {
        EmbeddedChannel ch = new EmbeddedChannel(new MemcachedDecoder());
        int at = 0;
        for (int n : pieces) {
            ch.writeInbound(Buffers.copyOf(input, at, n));
            at += n;
        }
        List<Object> out = new ArrayList<>();
        Object msg;
        while ((msg = ch.readInbound()) != null) {
            out.add(msg);
        }
        assertFalse(ch.finish());
        return out;
    }

    /** Asserts that whole, byte-by-byte and 20 random splits of {@code input} decode to {@code expected}. */
    private static void assertDecodesEverywhere(String input, List<Object> expected) {
        byte[] bytes = input.getBytes(US_ASCII);
        assertEquals(expected, decode(bytes, new int[] {bytes.length}), "whole");
        assertEquals(expected, decode(bytes, IntStream.range(0, bytes.length).map(i -> 1).toArray()), "byte by byte");
        Random random = new Random(11);
        for (int run = 0; run < 20; run++) {
            List<Integer> pieces = new ArrayList<>();
            for (int left = bytes.length; left > 0; ) {
                int n = 1 + random.nextInt(Math.min(left, 64));
                pieces.add(n);
                left -= n;
            }
            assertEquals(expected, decode(bytes, pieces.stream().mapToInt(Integer::intValue).toArray()),
                    "random splits " + pieces);
        }
    }

    @Test
    void decodesEveryCommandOfTheSubset() {
        assertDecodesEverywhere(
                "get a\r\ngets a bb ccc\r\nset k 5 0 3\r\nabc\r\nadd k 0 100 0 noreply\r\n\r\n"
                        + "replace k 4294967295 0 4\nx\r\ny\r\ndelete k\r\ndelete k noreply\r\nincr n 18446744073709551615\r\n"
                        + "decr n 7 noreply\n",
                List.of(req(MemcachedRequest.Command.GET, List.of("a"), 0, 0, null, false),
                        req(MemcachedRequest.Command.GETS, List.of("a", "bb", "ccc"), 0, 0, null, false),
                        req(MemcachedRequest.Command.SET, List.of("k"), 5, 0, "abc", false),
                        req(MemcachedRequest.Command.ADD, List.of("k"), 0, 0, "", true),
                        req(MemcachedRequest.Command.REPLACE, List.of("k"), -1, 0, "x\r\ny", false),
                        req(MemcachedRequest.Command.DELETE, List.of("k"), 0, 0, null, false),
                        req(MemcachedRequest.Command.DELETE, List.of("k"), 0, 0, null, true),
                        req(MemcachedRequest.Command.INCR, List.of("n"), 0, -1, null, false),
                        req(MemcachedRequest.Command.DECR, List.of("n"), 0, 7, null, true)));
    }

    @Test
    void aGetOfManyKeysIsWithinItsOwnLimit() {
        List<String> keys = IntStream.range(0, 300).mapToObj(i -> "user:session:" + i).collect(Collectors.toList());
        String line = "get " + String.join(" ", keys) + "\r\n";
        assertTrue(line.length() > MemcachedDecoder.MAX_LINE * 2, "longer than any other command may be");
        assertDecodesEverywhere(line, List.of(req(MemcachedRequest.Command.GET, keys, 0, 0, null, false)));
    }

    @Test
    void recoverableErrorsAreMessagesAndTheStreamGoesOn() {
        String longKey = "k".repeat(MemcachedDecoder.MAX_KEY_BYTES + 1);
        assertDecodesEverywhere(
                "bogus\r\n\r\nget\r\nget " + longKey + "\r\nset k x 0 1\r\nset k 0 0 1 yes\r\nincr n -1\r\n"
                        + "set k 0 0 2\r\nabcd\r\nget k\r\n",
                List.of(new MemcachedError("ERROR"), new MemcachedError("ERROR"),
                        new MemcachedError("CLIENT_ERROR bad command line format"),
                        new MemcachedError("CLIENT_ERROR bad command line format"),
                        new MemcachedError("CLIENT_ERROR bad command line format"),
                        new MemcachedError("CLIENT_ERROR bad command line format"),
                        new MemcachedError("CLIENT_ERROR invalid numeric delta argument"),
                        new MemcachedError("CLIENT_ERROR bad data chunk"),
                        req(MemcachedRequest.Command.GET, List.of("k"), 0, 0, null, false)));
    }

    @Test
    void aValueOverItsLimitIsAnsweredAndSkippedAsItArrives() {
        byte[] header = ("set big 0 0 " + (MemcachedDecoder.MAX_VALUE_BYTES + 1) + "\r\n").getBytes(US_ASCII);
        byte[] tail = "\r\nget k\r\n".getBytes(US_ASCII);
        byte[] input = new byte[header.length + MemcachedDecoder.MAX_VALUE_BYTES + 1 + tail.length];
        System.arraycopy(header, 0, input, 0, header.length);
        System.arraycopy(tail, 0, input, input.length - tail.length, tail.length);
        List<Object> expected = List.of(new MemcachedError("SERVER_ERROR object too large for cache"),
                req(MemcachedRequest.Command.GET, List.of("k"), 0, 0, null, false));
        assertEquals(expected, decode(input, new int[] {input.length}), "whole");
        // the header, then the block in 64 KiB reads, the last one carrying the next command
        int[] reads = new int[2 + input.length / 65536];
        reads[0] = header.length;
        int left = input.length - header.length;
        for (int i = 1; i < reads.length; i++) {
            reads[i] = Math.min(65536, left);
            left -= reads[i];
        }
        assertEquals(0, left);
        assertEquals(expected, decode(input, reads), "in reads");
    }

    @Test
    void aLineOverItsLimitIsAnsweredThenEndsTheStreamBeforeTheLineEnds() {
        for (String prefix : new String[] {"set ", "get "}) {
            int limit = prefix.equals("get ") ? MemcachedDecoder.MAX_RETRIEVAL_LINE : MemcachedDecoder.MAX_LINE;
            EmbeddedChannel ch = new EmbeddedChannel(new MemcachedDecoder());
            ch.writeInbound(Buffers.copyOf(prefix.getBytes(US_ASCII)));
            ch.writeInbound(Buffers.copyOf(new byte[limit - prefix.length()]));   // at the limit: waits
            assertNull(ch.readInbound());
            DecoderException e = assertThrows(DecoderException.class,
                    () -> ch.writeInbound(Buffers.copyOf(new byte[] {'x'})));
            assertTrue(e instanceof TooLongFrameException, e.toString());
            assertEquals("MemcachedDecoder: command line length: " + (limit + 1) + " (expected: <= " + limit
                    + (prefix.equals("set ") ? ", or " + MemcachedDecoder.MAX_RETRIEVAL_LINE + " for get and gets)" : ")"),
                    e.getMessage());
            assertEquals(new MemcachedError("CLIENT_ERROR line too long"), ch.readInbound());
            assertFalse(ch.finish());
        }
    }
}
