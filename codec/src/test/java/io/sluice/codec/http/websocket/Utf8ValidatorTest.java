package io.sluice.codec.http.websocket;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sluice.buffer.Buffer;
import io.sluice.buffer.Buffers;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Utf8ValidatorTest {
    /** The JDK's strict decoder is the reference. */
    private static boolean jdkValid(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    private static boolean validInPieces(byte[] bytes, Random rnd) {
        Utf8Validator v = new Utf8Validator();
        int at = 0;
        while (at < bytes.length) {
            int n = 1 + rnd.nextInt(bytes.length - at);
            Buffer piece = Buffers.wrap(bytes, at, n);
            try {
                if (!v.feed(piece)) {
                    return false;
                }
            } finally {
                piece.release();
            }
            at += n;
        }
        return v.finish();
    }

    @Test
    void agreesWithTheJdkOnRandomBytesInRandomPieces() {
        Random rnd = new Random(7);
        int invalid = 0;
        for (int i = 0; i < 20_000; i++) {
            byte[] bytes = new byte[rnd.nextInt(24)];
            for (int j = 0; j < bytes.length; j++) {
                // mostly ASCII and lead/continuation bytes near the interesting boundaries
                bytes[j] = (byte) switch (rnd.nextInt(4)) {
                    case 0 -> rnd.nextInt(0x80);
                    case 1 -> 0x80 + rnd.nextInt(0x40);
                    default -> 0xC0 + rnd.nextInt(0x40);
                };
            }
            boolean expected = jdkValid(bytes);
            invalid += expected ? 0 : 1;
            assertEquals(expected, validInPieces(bytes, rnd), () -> java.util.HexFormat.of().formatHex(bytes));
        }
        assertEquals(true, invalid > 1000 && invalid < 19_000, "a mix of valid and invalid: " + invalid);
    }

    @Test
    void everyCodePointIsValidAndLongAsciiRunsTakeTheFastPath() {
        StringBuilder sb = new StringBuilder("plain ascii long enough for words ");
        for (int cp = 0; cp <= 0x10FFFF; cp += 97) {
            if (cp < 0xD800 || cp > 0xDFFF) {
                sb.appendCodePoint(cp);
            }
        }
        byte[] bytes = sb.toString().getBytes(StandardCharsets.UTF_8);
        assertEquals(true, validInPieces(bytes, new Random(3)));
    }
}
