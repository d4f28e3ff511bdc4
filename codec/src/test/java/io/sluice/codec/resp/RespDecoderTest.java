package io.sluice.codec.resp;

import static io.sluice.codec.resp.RespRuns.assertDecodes;
import static io.sluice.codec.resp.RespRuns.assertFails;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.buffer.Buffer;
import io.sluice.buffer.BufferAllocator;
import io.sluice.channel.embedded.EmbeddedChannel;
import io.sluice.codec.ByteToMessageDecoder;
import io.sluice.codec.DecoderHarness;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** RespDecoder: every type, requests and inline commands, whole, byte by byte and in random splits. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RespDecoderTest {

    @Test
    void everyResp2AndResp3TypeDecodesToWhatWasSent() {
        List<String> values = List.of("+OK\r\n", "-ERR unknown command\r\n", ":0\r\n", ":-42\r\n",
                ":9223372036854775807\r\n", ":-9223372036854775808\r\n", "$3\r\nfoo\r\n", "$0\r\n\r\n",
                "$4\r\na\r\nb\r\n", "$-1\r\n", "*-1\r\n", "*0\r\n", "_\r\n", "#t\r\n", "#f\r\n", ",1.5\r\n", ",inf\r\n",
                ",-inf\r\n", ",nan\r\n", "!11\r\nSYNTAX oops\r\n", "=8\r\ntxt:text\r\n",
                "(3492890328409238509324850943850943825024385\r\n", "(-7\r\n",
                "*3\r\n:1\r\n$1\r\nx\r\n*2\r\n+a\r\n_\r\n", "%2\r\n+k1\r\n:1\r\n$2\r\nk2\r\n#f\r\n", "~2\r\n:1\r\n:2\r\n",
                ">3\r\n$7\r\nmessage\r\n$2\r\nch\r\n$2\r\nhi\r\n", "|1\r\n+ttl\r\n:3600\r\n", "%0\r\n");
        assertDecodes(RespDecoder::forReplies, String.join("", values), values, 1);
    }

    @Test
    void numbersAreWrittenBackInCanonicalForm() {
        assertDecodes(RespDecoder::forReplies, ":+5\r\n,1e3\r\n,-2.50\r\n(+12\r\n",
                List.of(":5\r\n", ",1000.0\r\n", ",-2.5\r\n", "(12\r\n"), 2);
    }

    @Test
    void nestingUpToTheLimitIsFineAndOneMoreFails() {
        String nested = "*1\r\n".repeat(64) + ":1\r\n";
        assertDecodes(RespDecoder::forReplies, nested, List.of(nested), 3);
        assertFails(RespDecoder::forReplies, "*1\r\n".repeat(65) + ":1\r\n", 0, "too deep nesting",
                "nesting depth: 65 (expected: at most 64)", 4);
        RespLimits shallow = RespLimits.DEFAULT.withMaxDepth(2);
        assertFails(() -> RespDecoder.forReplies(shallow), "*1\r\n%1\r\n~1\r\n:1\r\n", 0, "too deep nesting",
                "nesting depth: 3", 5);
    }

    @Test
    void aThousandDeepIsDecodedWithoutRecursion() {
        String nested = "*1\r\n".repeat(1000) + "+deep\r\n";
        RespLimits deep = RespLimits.DEFAULT.withMaxDepth(1000);
        EmbeddedChannel ch = new EmbeddedChannel(RespDecoder.forReplies(deep));
        ch.writeInbound(BufferAllocator.unpooled().heapBuffer(nested.length())
                .writeBytes(nested.getBytes(StandardCharsets.US_ASCII)));
        RespAggregate outer = ch.readInbound();
        RespMessage m = outer;
        int depth = 0;
        while (m instanceof RespAggregate a) {
            m = a.get(0);
            depth++;
        }
        assertEquals(1000, depth);
        assertEquals(SimpleString.of("deep"), m);
        outer.release();
        assertFalse(ch.finish());
    }

    @Test
    void requestsAreArraysOfBulkStringsOrInlineCommands() {
        String input = "*2\r\n$3\r\nGET\r\n$1\r\nk\r\n"
                + "PING\r\n"
                + "\r\n" // a blank inline line is skipped
                + "   \n"
                + "set  key\t\"a \\\"b\\\" \\x41\\n\" 'it\\'s' \"\"\n" // quotes and escapes, a lone LF
                + "*0\r\n*-1\r\n" // empty requests are skipped, as Redis does
                + "*1\r\n$0\r\n\r\n";
        assertDecodes(RespDecoder::forRequests, input, List.of("*2\r\n$3\r\nGET\r\n$1\r\nk\r\n", "*1\r\n$4\r\nPING\r\n",
                "*5\r\n$3\r\nset\r\n$3\r\nkey\r\n$8\r\na \"b\" A\n\r\n$4\r\nit's\r\n$0\r\n\r\n", "*1\r\n$0\r\n\r\n"), 6);
    }

    @Test
    void manyPipelinedRequestsAndLargeBulkStrings() {
        StringBuilder in = new StringBuilder();
        List<String> expected = new ArrayList<>();
        Random rnd = new Random(7);
        for (int i = 0; i < 40; i++) {
            String value = "v".repeat(rnd.nextInt(i % 10 == 0 ? 3000 : 40));
            String request = "*3\r\n$3\r\nSET\r\n$" + ("key" + i).length() + "\r\nkey" + i + "\r\n$" + value.length()
                    + "\r\n" + value + "\r\n";
            in.append(request);
            expected.add(request);
        }
        assertDecodes(RespDecoder::forRequests, in.toString(), expected, 8);
    }

    @Test
    void bulkStringsAreSlicesOfTheInputNotCopies() {
        byte[] bytes = "*2\r\n$3\r\nfoo\r\n$5\r\nhello\r\n".getBytes(StandardCharsets.US_ASCII);
        Buffer input = BufferAllocator.unpooled().heapBuffer(bytes.length).writeBytes(bytes);
        EmbeddedChannel ch = new EmbeddedChannel(RespDecoder.forRequests());
        ch.writeInbound(input);
        RespAggregate request = ch.readInbound();
        BulkString hello = (BulkString) request.get(1);
        assertSame(bytes.length == input.capacity() ? input.array() : null, hello.content().array());
        assertEquals(input.arrayOffset() + 17, hello.content().arrayOffset() + hello.content().readerIndex());
        assertEquals("hello", hello.toString(StandardCharsets.US_ASCII));
        request.release();
        assertFalse(ch.finish());
    }

    // ---- bad input ------------------------------------------------------------------------------

    @Test
    void aBadTypeByteFails() {
        assertFails(RespDecoder::forReplies, "+OK\r\n?what\r\n", 1, "invalid type byte", "type byte: 0x3f", 10);
    }

    @Test
    void aBulkLengthPastTheLimitFailsOnTheHeaderAlone() {
        assertFails(RespDecoder::forReplies, "$536870913\r\n", 0, "invalid bulk length",
                "bulk string length: 536870913 (expected: -1 to 536870912)", 11);
        RespLimits small = RespLimits.DEFAULT.withMaxBulkLength(10);
        assertFails(() -> RespDecoder.forRequests(small), "*1\r\n$11\r\n", 0, "invalid bulk length",
                "bulk string length: 11 (expected: 0 to 10)", 12);
    }

    @Test
    void negativeAndOverflowingLengthsFail() {
        assertFails(RespDecoder::forReplies, "$-2\r\n", 0, "invalid bulk length", "bulk string length: -2", 13);
        assertFails(RespDecoder::forRequests, "*1\r\n$-1\r\n", 0, "invalid bulk length", "bulk string length: -1", 14);
        assertFails(RespDecoder::forReplies, "*99999999999999999999\r\n", 0, "invalid multibulk length",
                "array length: '99999999999999999999'", 15);
        assertFails(RespDecoder::forReplies, "$9223372036854775808\r\n", 0, "invalid bulk length",
                "'9223372036854775808' (expected: a decimal integer of at most 64 bits)", 16);
        assertFails(RespDecoder::forReplies, ":12a\r\n", 0, "invalid integer", "integer: '12a'", 17);
        assertFails(RespDecoder::forReplies, "*\r\n", 0, "invalid multibulk length", "array length: ''", 18);
    }

    @Test
    void tooManyElementsFailOnTheHeader() {
        assertFails(RespDecoder::forRequests, "*1000001\r\n", 0, "invalid multibulk length",
                "array length: 1000001 (expected: -1 to 1000000)", 19);
        assertFails(RespDecoder::forReplies, "%500001\r\n", 0, "invalid multibulk length",
                "map length: 500001 (expected: 0 to 500000)", 20);
        assertFails(RespDecoder::forReplies, "~-1\r\n", 0, "invalid multibulk length", "set length: -1", 21);
    }

    @Test
    void aMissingCrlfFails() {
        assertFails(RespDecoder::forReplies, "$3\r\nfooXY+OK\r\n", 0, "invalid bulk terminator",
                "bulk string terminator: 0x58 after 3 bytes (expected: CRLF)", 22);
        assertFails(RespDecoder::forReplies, "+OK\n", 0, "missing CR before LF", "line ending: LF without CR", 23);
        assertFails(RespDecoder::forRequests, "*1\n", 0, "missing CR before LF", "line ending", 24);
    }

    @Test
    void linesPastTheLimitFailBeforeTheirEndArrives() {
        RespLimits small = RespLimits.DEFAULT.withMaxLineLength(16);
        assertFails(() -> RespDecoder.forReplies(small), "+" + "x".repeat(17), 0, "too big line",
                "line length: more than 16 bytes without CRLF (expected: at most 16)", 25);
        assertFails(() -> RespDecoder.forRequests(small), "*1\r\n$" + "1".repeat(17), 0, "too big bulk count string",
                "line length", 26);
        assertFails(() -> RespDecoder.forRequests(small), "*" + "1".repeat(17), 0, "too big mbulk count string",
                "line length", 27);
        assertFails(() -> RespDecoder.forRequests(small), "PING " + "x".repeat(20), 0, "too big inline request",
                "inline command length: more than 16 bytes", 28);
        // exactly at the limit is fine
        assertDecodes(() -> RespDecoder.forReplies(small), "+" + "y".repeat(15) + "\r\n",
                List.of("+" + "y".repeat(15) + "\r\n"), 29);
    }

    @Test
    void unbalancedQuotesFail() {
        assertFails(RespDecoder::forRequests, "PING\r\nset k \"abc\r\n", 1, "unbalanced quotes in request",
                "no closing \"", 30);
        assertFails(RespDecoder::forRequests, "set k 'a'b\r\n", 0, "unbalanced quotes in request",
                "a closing quote followed by 'b'", 31);
    }

    @Test
    void requestElementsMustBeBulkStrings() {
        assertFails(RespDecoder::forRequests, "*2\r\n$1\r\na\r\n:1\r\n", 0, "expected '$', got ':'",
                "request element type: ':'", 32);
    }

    @Test
    void badScalarsFail() {
        assertFails(RespDecoder::forReplies, "#x\r\n", 0, "invalid boolean", "boolean: 'x'", 33);
        assertFails(RespDecoder::forReplies, ",1.5f\r\n", 0, "invalid double", "double: '1.5f'", 34);
        assertFails(RespDecoder::forReplies, ",Infinity\r\n", 0, "invalid double", "double: 'Infinity'", 35);
        assertFails(RespDecoder::forReplies, "(12x\r\n", 0, "invalid big number", "big number: '12x'", 36);
        assertFails(RespDecoder::forReplies, "_x\r\n", 0, "invalid null", "null: 1 bytes", 37);
        assertFails(RespDecoder::forReplies, "=3\r\ntxt\r\n", 0, "invalid verbatim string", "verbatim string format", 38);
    }

    @Test
    void inputEndingInsideAValueFailsAtCloseAndReleasesWhatWasHeld() {
        for (String truncated : List.of("*3\r\n$1\r\na\r\n$2\r\nbc\r\n", "$5\r\nab", "*2\r\n*1\r\n$1\r\nx\r\n", "+OK")) {
            for (ByteToMessageDecoder.Cumulator cumulator : List.of(ByteToMessageDecoder.MERGE,
                    ByteToMessageDecoder.COMPOSITE)) {
                byte[] bytes = truncated.getBytes(StandardCharsets.US_ASCII);
                RespRuns.Run run = RespRuns.run(RespDecoder.forReplies(), cumulator, bytes,
                        DecoderHarness.byteByByte(bytes.length), null, new Random(40));
                assertEquals(List.of(), run.messages(), truncated);
                assertEquals(1, run.exceptions().size(), truncated);
                RespProtocolException e = (RespProtocolException) run.exceptions().get(0);
                assertEquals("unexpected end of input", e.reason());
                assertTrue(e.getMessage().startsWith("input ended inside a value"), e.getMessage());
            }
        }
    }

    @Test
    void randomGarbageNeverLeaksOrHangs() {
        RespRuns.assertJunkFailsCleanly(i -> i % 2 == 0 ? RespDecoder.forReplies() : RespDecoder.forRequests(),
                "*$+-:_,#!=(%~|>0123456789-\r\n abc\"'\\", 41);
    }
}
