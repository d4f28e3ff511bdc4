package io.sluice.codec.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.buffer.Buffer;
import io.sluice.buffer.Buffers;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class HttpHeadersTest {

    @Test
    void namesAreCaseInsensitiveAndMultiValued() {
        HttpHeaders h = HttpHeaders.create().add("Set-Cookie", "a=1").add("set-cookie", "b=2").add("X", "y");
        assertEquals("a=1", h.get("SET-COOKIE"));
        assertEquals(List.of("a=1", "b=2"), h.getAll(HttpHeaderNames.SET_COOKIE));
        assertEquals(2, h.count("set-Cookie"));
        assertTrue(h.contains("x"));
        assertNull(h.get("missing"));
        assertEquals("d", h.get("missing", "d"));
        h.set("SET-COOKIE", "c=3");
        assertEquals(List.of("c=3"), h.getAll("set-cookie"));
        assertEquals("X", h.nameAt(0));
        assertTrue(h.remove("x"));
        assertFalse(h.remove("x"));
        assertEquals(1, h.size());
        for (int i = 0; i < 20; i++) {
            h.add("n" + i, i);
        }
        assertEquals("19", h.get("N19"));
        h.clear();
        assertTrue(h.isEmpty());
    }

    @Test
    void tokensInListsCompareIgnoringCaseAndWhitespace() {
        HttpHeaders h = HttpHeaders.create().add("Connection", "Upgrade,  Keep-Alive ").add("connection", "CLOSE");
        assertTrue(h.containsToken(HttpHeaderNames.CONNECTION, "keep-alive"));
        assertTrue(h.containsToken(HttpHeaderNames.CONNECTION, "upgrade"));
        assertTrue(h.containsToken(HttpHeaderNames.CONNECTION, "close"));
        assertFalse(h.containsToken(HttpHeaderNames.CONNECTION, "keep"));
        assertFalse(HttpHeaders.listHolds("", "a"));
        assertTrue(HttpHeaders.listHolds(",a,", "a"));
    }

    @Test
    void emptyIsShared() {
        assertSame(HttpHeaders.empty(), HttpHeaders.empty());
        assertThrows(UnsupportedOperationException.class, () -> HttpHeaders.empty().add("a", "b"));
        assertFalse(HttpHeaders.empty().remove("a"));
    }

    @Test
    void knownNamesAreFoundWithoutRegardToCase() {
        Buffer b = Buffers.copyOf("Content-LENGTH accept !ccept te xy", StandardCharsets.US_ASCII);
        assertSame(HttpHeaderNames.CONTENT_LENGTH, HttpHeaderNames.known(b, 0, 14));
        assertSame(HttpHeaderNames.ACCEPT, HttpHeaderNames.known(b, 15, 6));
        assertNull(HttpHeaderNames.known(b, 22, 6));
        assertSame(HttpHeaderNames.TE, HttpHeaderNames.known(b, 29, 2));
        assertNull(HttpHeaderNames.known(b, 32, 2));
        b.release();
    }

    @Test
    void methodsAndStatuses() {
        assertSame(HttpMethod.GET, HttpMethod.of("GET"));
        assertEquals(new HttpMethod("get"), HttpMethod.of("get"));
        assertThrows(IllegalArgumentException.class, () -> new HttpMethod("G T"));
        assertSame(HttpStatus.NOT_FOUND, HttpStatus.of(404));
        assertEquals("Client Error", HttpStatus.of(499).reasonPhrase());
        assertThrows(IllegalArgumentException.class, () -> HttpStatus.of(99));
        assertTrue(HttpStatus.NOT_MODIFIED.forbidsContent());
        assertFalse(HttpStatus.OK.forbidsContent());
        assertEquals("/a/b", HttpRequest.of(HttpMethod.GET, "/a/b?x=1#f").path());
    }

    @Test
    void datesAreRenderedOncePerSecond() {
        long[] now = {1767323045000L};
        HttpDate date = HttpDate.withClock(() -> now[0]);
        String first = date.now();
        assertEquals("Fri, 02 Jan 2026 03:04:05 GMT", first);
        now[0] += 999;
        assertSame(first, date.now());
        now[0] += 1;
        assertEquals("Fri, 02 Jan 2026 03:04:06 GMT", date.now());
        assertEquals(1767323046000L, HttpDate.parse(date.now()));
        assertEquals(-1, HttpDate.parse("yesterday"));
        assertEquals("Thu, 01 Jan 1970 00:00:00 GMT", HttpDate.format(0));
    }
}
