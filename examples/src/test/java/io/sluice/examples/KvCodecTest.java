package io.sluice.examples;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.buffer.Buffer;
import io.sluice.buffer.Buffers;
import io.sluice.channel.embedded.EmbeddedChannel;
import io.sluice.codec.CorruptedFrameException;
import io.sluice.codec.TooLongFrameException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The guide's tests for the example codec: whole, byte by byte, and every rule it enforces. */
class KvCodecTest {
    private static final List<KvMessage> MESSAGES = List.of(
            KvMessage.put("greeting", "héllo".getBytes(UTF_8)), KvMessage.get("grüße"),
            KvMessage.reply(KvMessage.Type.OK), KvMessage.value(new byte[3000]), KvMessage.delete(""));

    private static byte[] encodeAll() {
        EmbeddedChannel ch = new EmbeddedChannel(new KvCodec());
        MESSAGES.forEach(ch::writeOutbound);
        List<Byte> bytes = new ArrayList<>();
        Buffer buf;
        while ((buf = ch.readOutbound()) != null) {
            for (byte b : Buffers.toByteArray(buf)) {
                bytes.add(b);
            }
            buf.release();
        }
        assertFalse(ch.finish());
        byte[] out = new byte[bytes.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = bytes.get(i);
        }
        return out;
    }

    @Test
    void decodesWhatItEncodesWholeAndByteByByte() {
        byte[] stream = encodeAll();
        EmbeddedChannel whole = new EmbeddedChannel(new KvCodec());
        whole.writeInbound(Buffers.copyOf(stream));
        EmbeddedChannel bytes = new EmbeddedChannel(new KvCodec());
        for (byte b : stream) {
            bytes.writeInbound(Buffers.copyOf(new byte[] {b}));
        }
        for (KvMessage expected : MESSAGES) {
            assertEquals(expected, whole.readInbound());
            assertEquals(expected, bytes.readInbound());
        }
        assertFalse(whole.finish());
        assertFalse(bytes.finish());
    }

    @Test
    void refusesAnOversizedFrameOnItsHeader() {
        EmbeddedChannel ch = new EmbeddedChannel(new KvCodec());
        Buffer header = Buffers.copyOf(new byte[4]).setInt(0, KvCodec.MAX_FRAME + 1);
        TooLongFrameException e = assertThrows(TooLongFrameException.class, () -> ch.writeInbound(header));
        assertTrue(e.getMessage().contains("MAX_FRAME"), e.getMessage());
        ch.runPendingTasks();
        assertFalse(ch.isOpen(), "the connection is closed");
    }

    @Test
    void refusesAnUnknownTypeAndAnOverrunningKey() {
        EmbeddedChannel unknown = new EmbeddedChannel(new KvCodec());
        assertThrows(CorruptedFrameException.class,
                () -> unknown.writeInbound(Buffers.copyOf(new byte[] {0, 0, 0, 3, 99, 0, 0})));
        EmbeddedChannel overrun = new EmbeddedChannel(new KvCodec());
        assertThrows(CorruptedFrameException.class,
                () -> overrun.writeInbound(Buffers.copyOf(new byte[] {0, 0, 0, 3, 1, 0, 9})));
    }
}
