package io.sluice.codec.resp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.buffer.Buffer;
import io.sluice.buffer.BufferAllocator;
import io.sluice.channel.ChannelFuture;
import io.sluice.channel.embedded.EmbeddedChannel;
import io.sluice.codec.EncoderException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** RespEncoder: every type's bytes, ownership, and refusing CR or LF in line types. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class RespEncoderTest {

    private static String written(RespMessage msg) {
        EmbeddedChannel ch = new EmbeddedChannel(RespEncoder.create());
        assertTrue(ch.writeOutbound(msg));
        Buffer out = ch.readOutbound();
        try {
            return out.toString(StandardCharsets.ISO_8859_1);
        } finally {
            out.release();
            assertFalse(ch.finish());
        }
    }

    private static BulkString bulk(String text) {
        return BulkString.of(BufferAllocator.pooled().directBuffer(8).writeBytes(text.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void everyTypeIsWrittenAsTheProtocolSays() {
        assertEquals("+OK\r\n", written(SimpleString.OK));
        assertEquals("-ERR no\r\n", written(RespError.of("ERR no")));
        assertEquals(":-9223372036854775808\r\n", written(RespInteger.of(Long.MIN_VALUE)));
        assertEquals(":1234567890123\r\n", written(RespInteger.of(1234567890123L)));
        assertEquals(":0\r\n", written(RespInteger.of(0)));
        assertEquals("$5\r\nhello\r\n", written(bulk("hello")));
        assertEquals("$0\r\n\r\n", written(bulk("")));
        assertEquals("!3\r\nERR\r\n", written(new BulkString(RespType.BLOB_ERROR, Buffers2.ascii("ERR"))));
        assertEquals("=8\r\ntxt:abcd\r\n", written(new BulkString(RespType.VERBATIM_STRING, Buffers2.ascii("txt:abcd"))));
        assertEquals("$-1\r\n", written(RespNull.BULK_STRING));
        assertEquals("*-1\r\n", written(RespNull.ARRAY));
        assertEquals("_\r\n", written(RespNull.NULL));
        assertEquals("#t\r\n", written(RespBoolean.TRUE));
        assertEquals(",inf\r\n,-inf\r\n,nan\r\n,2.5\r\n", written(RespDouble.of(Double.POSITIVE_INFINITY))
                + written(RespDouble.of(Double.NEGATIVE_INFINITY)) + written(RespDouble.of(Double.NaN))
                + written(RespDouble.of(2.5)));
        assertEquals("(123456789012345678901234567890\r\n",
                written(RespBigNumber.of(new BigInteger("123456789012345678901234567890"))));
        assertEquals("*2\r\n$1\r\na\r\n*1\r\n:7\r\n", written(RespAggregate.array(bulk("a"), RespAggregate.array(RespInteger.of(7)))));
        assertEquals("%1\r\n+k\r\n$1\r\nv\r\n", written(RespAggregate.of(RespType.MAP, List.of(SimpleString.of("k"), bulk("v")))));
        assertEquals("~0\r\n", written(RespAggregate.of(RespType.SET, List.of())));
        assertEquals(">1\r\n+x\r\n", written(RespAggregate.of(RespType.PUSH, List.of(SimpleString.of("x")))));
        assertEquals("|1\r\n+a\r\n:1\r\n", written(RespAggregate.of(RespType.ATTRIBUTE, List.of(SimpleString.of("a"), RespInteger.of(1)))));
    }

    @Test
    void aWrittenAggregateReleasesItsBulkStrings() {
        BulkString a = bulk("a");
        BulkString b = bulk("b");
        written(RespAggregate.array(a, b));
        assertEquals(0, a.refCnt());
        assertEquals(0, b.refCnt());
    }

    @Test
    void crOrLfInASimpleStringOrErrorIsRefused() {
        for (RespMessage bad : List.of(SimpleString.of("a\r\n+OK"), RespError.of("ERR x\ny"), SimpleString.of("\r"))) {
            EmbeddedChannel ch = new EmbeddedChannel(RespEncoder.create());
            ChannelFuture f = ch.writeOneOutbound(bad);
            ch.flush();
            assertTrue(f.isDone());
            EncoderException e = assertInstanceOf(EncoderException.class, f.cause());
            assertTrue(e.getMessage().contains(": CR or LF at index ") && e.getMessage().contains("(expected: none"),
                    e.getMessage());
            assertNull(ch.readOutbound());
            ch.finishAndReleaseAll();
        }
    }

    @Test
    void aggregateTypesAreChecked() {
        assertThrows(IllegalArgumentException.class, () -> RespAggregate.of(RespType.MAP, List.of(RespInteger.of(1))));
        assertThrows(IllegalArgumentException.class, () -> RespAggregate.of(RespType.INTEGER, List.of()));
        Buffer x = Buffers2.ascii("x");
        assertThrows(IllegalArgumentException.class, () -> new BulkString(RespType.ARRAY, x));
        x.release(); // a refused constructor takes no ownership
    }

    /** Small unpooled buffers for values. */
    private static final class Buffers2 {
        static Buffer ascii(String text) {
            return BufferAllocator.unpooled().heapBuffer(text.length()).writeBytes(text.getBytes(StandardCharsets.US_ASCII));
        }
    }
}
