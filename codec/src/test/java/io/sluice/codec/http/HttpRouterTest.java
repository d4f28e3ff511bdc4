package io.sluice.codec.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.sluice.channel.embedded.EmbeddedChannel;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class HttpRouterTest {
    private final HttpRouter router = HttpRouter.builder()
            .get("/", (r, p) -> FullHttpResponse.ofText(HttpStatus.OK, "home"))
            .get("/users/{id}", (r, p) -> FullHttpResponse.ofText(HttpStatus.OK, "user " + p.get("id")))
            .post("/users/{id}", (r, p) -> FullHttpResponse.ofText(HttpStatus.CREATED, "made " + p.get("id")))
            .get("/users/{id}/posts/{post}", (r, p) -> FullHttpResponse.ofText(HttpStatus.OK, p.toString()))
            .get("/boom", (r, p) -> {
                throw new IllegalStateException("expected by the test");
            })
            .build();

    private List<HttpKit.Parsed> send(String requests) {
        EmbeddedChannel ch = HttpKit.server(1024, router);
        ch.writeInbound(HttpKit.buffer(requests));
        List<HttpKit.Parsed> r = HttpKit.parse(HttpKit.written(ch));
        ch.finishAndReleaseAll();
        return r;
    }

    private static String get(String target) {
        return "GET " + target + " HTTP/1.1\r\nHost: h\r\n\r\n";
    }

    @Test
    void routesByMethodAndPathWithDecodedParameters() {
        List<HttpKit.Parsed> r = send(get("/") + get("/users/42") + get("/users/a%20b/") + get("/users/7/posts/x")
                + "POST /users/9 HTTP/1.1\r\nHost: h\r\nContent-Length: 0\r\n\r\n");
        assertEquals("home", r.get(0).body());
        assertEquals("user 42", r.get(1).body());
        assertEquals("user a b", r.get(2).body());
        assertEquals("{id=7, post=x}", r.get(3).body());
        assertEquals(201, r.get(4).status());
        assertEquals("made 9", r.get(4).body());
    }

    @Test
    void unknownPathIs404AndWrongMethodIs405WithAllow() {
        List<HttpKit.Parsed> r = send(get("/nope") + get("/users") + get("/users//posts/x")
                + "DELETE /users/1 HTTP/1.1\r\nHost: h\r\n\r\n");
        assertEquals(List.of(404, 404, 404, 405), List.of(r.get(0).status(), r.get(1).status(), r.get(2).status(),
                r.get(3).status()));
        assertEquals("GET, HEAD, POST", r.get(3).header("allow"));
    }

    @Test
    void headUsesTheGetRouteAndAFailingHandlerIs500() {
        HttpKit.headOnly = true;
        try {
            List<HttpKit.Parsed> r = send("HEAD /users/1 HTTP/1.1\r\nHost: h\r\n\r\n");
            assertEquals("6", r.get(0).header("content-length")); // "user 1", not sent
        } finally {
            HttpKit.headOnly = false;
        }
        assertEquals(500, send(get("/boom")).get(0).status());
    }

    @Test
    void patternsMustBePaths() {
        assertThrows(IllegalArgumentException.class, () -> HttpRouter.builder().get("users", (r, p) -> null));
    }

    @Test
    void queryStrings() {
        Map<String, List<String>> q = QueryString.parse("/p?a=1&b=x+y&a=%E2%82%AC&flag&=v&#frag");
        assertEquals(List.of("1", "\u20ac"), q.get("a"));
        assertEquals(List.of("x y"), q.get("b"));
        assertEquals(List.of(""), q.get("flag"));
        assertEquals(List.of("v"), q.get(""));
        assertEquals("1", QueryString.first("/p?a=1", "a"));
        assertEquals(Map.of(), QueryString.parse("/p"));
        assertEquals("a+b c", QueryString.decode("a+b%20c", false));
        assertThrows(IllegalArgumentException.class, () -> QueryString.decode("%2", true));
        assertThrows(IllegalArgumentException.class, () -> QueryString.decode("%zz", true));
    }

    @Test
    void cookies() {
        HttpHeaders h = HttpHeaders.create().add("Cookie", "a=1; b=\"two\"; junk; =x").add("cookie", "a=shadowed; c=3");
        assertEquals(Map.of("a", "1", "b", "two", "c", "3"), Cookies.parse(h));
        assertEquals("id=abc; Path=/; HttpOnly", Cookies.SetCookie.of("id", "abc").encode());
        assertEquals("s=v; Max-Age=60; Path=/x; Domain=example.com; Secure; SameSite=Strict",
                new Cookies.SetCookie("s", "v", 60, "/x", "example.com", true, false, "Strict").encode());
        assertThrows(IllegalArgumentException.class, () -> Cookies.SetCookie.of("a b", "v"));
        assertThrows(IllegalArgumentException.class, () -> Cookies.SetCookie.of("a", "v;w"));
        assertThrows(IllegalArgumentException.class,
                () -> new Cookies.SetCookie("a", "v", -1, "/\r\nX: y", null, false, false, null));
    }
}
