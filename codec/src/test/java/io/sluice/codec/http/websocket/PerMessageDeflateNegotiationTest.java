package io.sluice.codec.http.websocket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.codec.http.websocket.PerMessageDeflateNegotiation.Agreement;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Sec-WebSocket-Extensions grammar and the permessage-deflate parameter rules of RFC 7692, section 7.1. */
class PerMessageDeflateNegotiationTest {
    private static final PerMessageDeflateOptions DEFAULTS = PerMessageDeflateOptions.defaults();

    private static List<WebSocketExtension> parse(String... values) {
        return WebSocketExtension.parse(List.of(values));
    }

    private static Agreement accept(String offer, PerMessageDeflateOptions options) {
        return PerMessageDeflateNegotiation.accept(parse(offer), options);
    }

    @Test
    void parsesElementsParametersQuotedValuesAndSeveralHeaderLines() {
        List<WebSocketExtension> all = parse("Permessage-Deflate; Client_Max_Window_Bits; server_max_window_bits=\"10\" ,,",
                "x-webkit-deflate-frame, foo;bar=baz");
        assertEquals("[permessage-deflate; client_max_window_bits; server_max_window_bits=10, x-webkit-deflate-frame,"
                + " foo; bar=baz]", all.toString());
        assertEquals(List.of(), parse("", " , "));
    }

    @Test
    void malformedHeadersAreRejectedNamingTheRule() {
        for (String bad : List.of("permessage-deflate;", "permessage-deflate; =1", "permessage-deflate x",
                "permessage-deflate; a=\"unterminated", "permessage-deflate; a=\"not a token\"", "a; b=", "@",
                "permessage-deflate; a=\"\"")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> parse(bad), bad);
            assertTrue(e.getMessage().startsWith("Sec-WebSocket-Extensions: ") && e.getMessage().contains("(expected: "),
                    e.getMessage());
        }
    }

    @Test
    void serverAcceptsThePlainOfferAndWhatItCanHonour() {
        assertEquals(new Agreement(false, false), accept("permessage-deflate", DEFAULTS));
        assertEquals("permessage-deflate", accept("permessage-deflate; client_max_window_bits", DEFAULTS).header());
        assertEquals(new Agreement(false, false), accept("permessage-deflate; client_max_window_bits=9", DEFAULTS));
        assertEquals(new Agreement(false, false), accept("permessage-deflate; server_max_window_bits=15", DEFAULTS));
        assertEquals("permessage-deflate; server_no_context_takeover; client_no_context_takeover",
                accept("permessage-deflate; server_no_context_takeover; client_no_context_takeover", DEFAULTS).header());
        assertEquals(new Agreement(true, true), accept("permessage-deflate",
                DEFAULTS.withServerNoContextTakeover(true).withClientNoContextTakeover(true)));
    }

    @Test
    void serverDeclinesWhatItCannotHonourAndTakesTheNextOffer() {
        for (String declined : List.of("permessage-deflate; server_max_window_bits=10",
                "permessage-deflate; server_max_window_bits", "permessage-deflate; server_max_window_bits=16",
                "permessage-deflate; client_max_window_bits=7", "permessage-deflate; client_max_window_bits=015",
                "permessage-deflate; server_no_context_takeover=1", "permessage-deflate; client_no_context_takeover=x",
                "permessage-deflate; unknown", "permessage-deflate; server_no_context_takeover; server_no_context_takeover",
                "x-webkit-deflate-frame")) {
            assertNull(accept(declined, DEFAULTS), declined);
        }
        assertEquals(new Agreement(true, false), accept("permessage-deflate; server_max_window_bits=10,"
                + " permessage-deflate; server_no_context_takeover, permessage-deflate", DEFAULTS));
    }

    @Test
    void clientOffersItsChoicesAndAcceptsAnswersTheRfcAllows() {
        assertEquals("permessage-deflate", PerMessageDeflateNegotiation.offer(DEFAULTS));
        PerMessageDeflateOptions both = DEFAULTS.withServerNoContextTakeover(true).withClientNoContextTakeover(true);
        assertEquals("permessage-deflate; server_no_context_takeover; client_no_context_takeover",
                PerMessageDeflateNegotiation.offer(both));
        assertNull(PerMessageDeflateNegotiation.check(parse(), DEFAULTS), "declined");
        assertEquals(new Agreement(false, false), PerMessageDeflateNegotiation.check(parse("permessage-deflate"), DEFAULTS));
        assertEquals(new Agreement(true, true), PerMessageDeflateNegotiation.check(
                parse("permessage-deflate; server_no_context_takeover; client_no_context_takeover;"
                        + " server_max_window_bits=9"), DEFAULTS));
        assertEquals(new Agreement(true, true), PerMessageDeflateNegotiation.check(
                parse("permessage-deflate; server_no_context_takeover"), both), "the client resets as it offered");
    }

    @Test
    void clientRejectsAnswersNotOfferedOrInvalid() {
        for (String bad : List.of("permessage-deflate; client_max_window_bits=10", "permessage-deflate; foo",
                "permessage-deflate; server_max_window_bits=7", "permessage-deflate; server_max_window_bits",
                "permessage-deflate; server_no_context_takeover=1",
                "permessage-deflate; server_no_context_takeover; server_no_context_takeover",
                "x-other", "permessage-deflate, permessage-deflate")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> PerMessageDeflateNegotiation.check(parse(bad), DEFAULTS), bad);
            assertTrue(e.getMessage().contains("(expected: "), e.getMessage());
        }
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> PerMessageDeflateNegotiation.check(parse("permessage-deflate"),
                        DEFAULTS.withServerNoContextTakeover(true)));
        assertTrue(missing.getMessage().contains("server_no_context_takeover, as offered"), missing.getMessage());
    }

    @Test
    void optionsCheckTheirRanges() {
        assertThrows(IllegalArgumentException.class, () -> DEFAULTS.withCompressionLevel(0));
        assertThrows(IllegalArgumentException.class, () -> DEFAULTS.withCompressionLevel(10));
        assertThrows(IllegalArgumentException.class, () -> DEFAULTS.withMinMessageBytes(-1));
        assertEquals(9, DEFAULTS.withCompressionLevel(9).compressionLevel());
        assertEquals(0, DEFAULTS.withMinMessageBytes(0).minMessageBytes());
    }
}
