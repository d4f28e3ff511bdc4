package io.sluice.codec.http;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Cookies (RFC 6265): reading the {@code Cookie} header a client sends, and writing a
 * {@code Set-Cookie} value.
 */
public final class Cookies {
    private Cookies() {}

    /**
     * Parses {@code Cookie} headers ({@code a=1; b="2"}) into names and values, in order; the first
     * of two cookies with the same name wins (the more specific path, as browsers order them).
     * Quotes around a value are removed. Pairs without {@code =} or with an empty name are skipped.
     */
    public static Map<String, String> parse(HttpHeaders headers) {
        Map<String, String> cookies = new LinkedHashMap<>();
        for (String header : headers.getAll(HttpHeaderNames.COOKIE)) {
            for (String pair : header.split(";")) {
                int eq = pair.indexOf('=');
                if (eq < 0) {
                    continue;
                }
                String name = pair.substring(0, eq).strip();
                String value = pair.substring(eq + 1).strip();
                if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                    value = value.substring(1, value.length() - 1);
                }
                if (!name.isEmpty()) {
                    cookies.putIfAbsent(name, value);
                }
            }
        }
        return cookies;
    }

    /**
     * A cookie to set: its name, value and attributes. {@link #encode()} renders the
     * {@code Set-Cookie} value.
     *
     * @param name a token
     * @param value cookie-octets: visible ASCII but {@code " , ; \} and space
     * @param maxAgeSeconds {@code Max-Age}, or -1 for a session cookie
     * @param path {@code Path}, or null
     * @param domain {@code Domain}, or null
     * @param secure {@code Secure}
     * @param httpOnly {@code HttpOnly}
     * @param sameSite {@code SameSite} ({@code Strict}, {@code Lax} or {@code None}), or null
     */
    public record SetCookie(String name, String value, long maxAgeSeconds, String path, String domain,
            boolean secure, boolean httpOnly, String sameSite) {
        /**
         * Checks the name and value.
         *
         * @throws IllegalArgumentException if the name is not a token or the value holds a character
         *     a cookie cannot carry
         */
        public SetCookie {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
            if (!HttpChars.isToken(name)) {
                throw new IllegalArgumentException("cookie name: \"" + name + "\" (expected: a token)");
            }
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if (c <= 0x20 || c >= 0x7f || c == '"' || c == ',' || c == ';' || c == '\\') {
                    throw new IllegalArgumentException("cookie value: " + HttpChars.show(c) + " in \"" + value
                            + "\" (expected: visible ASCII but \" , ; \\)");
                }
            }
            for (String attribute : new String[] {path, domain, sameSite}) {
                if (attribute != null && (attribute.indexOf(';') >= 0 || HttpChars.breaksLine(attribute))) {
                    throw new IllegalArgumentException("cookie attribute: \"" + attribute
                            + "\" (expected: no ';', CR, LF or NUL)");
                }
            }
        }

        /** A session cookie with no attributes but {@code HttpOnly}, for the whole site ({@code Path=/}). */
        public static SetCookie of(String name, String value) {
            return new SetCookie(name, value, -1, "/", null, false, true, null);
        }

        /** Returns the {@code Set-Cookie} header value. */
        public String encode() {
            StringBuilder sb = new StringBuilder(name.length() + value.length() + 32).append(name).append('=')
                    .append(value);
            if (maxAgeSeconds >= 0) {
                sb.append("; Max-Age=").append(maxAgeSeconds);
            }
            if (path != null) {
                sb.append("; Path=").append(path);
            }
            if (domain != null) {
                sb.append("; Domain=").append(domain);
            }
            if (secure) {
                sb.append("; Secure");
            }
            if (httpOnly) {
                sb.append("; HttpOnly");
            }
            if (sameSite != null) {
                sb.append("; SameSite=").append(sameSite);
            }
            return sb.toString();
        }
    }
}
