package io.sluice.codec.http.websocket;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One element of a {@code Sec-WebSocket-Extensions} header (RFC 6455, section 9.1): an extension
 * name and its parameters, in order, names lower-cased. Parsing checks the syntax only; what the
 * parameters mean is up to the extension.
 *
 * @param name the extension's name, lower-cased
 * @param params the parameters in the order sent, duplicates kept
 */
record WebSocketExtension(String name, List<Param> params) {
    /**
     * One parameter.
     *
     * @param name the parameter's name, lower-cased
     * @param value its value (unquoted), or null when it has none
     */
    record Param(String name, String value) {
        Param {
            Objects.requireNonNull(name, "name");
        }

        @Override
        public String toString() {
            return value == null ? name : name + "=" + value;
        }
    }

    WebSocketExtension {
        Objects.requireNonNull(name, "name");
        params = List.copyOf(params);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(name);
        for (Param p : params) {
            sb.append("; ").append(p);
        }
        return sb.toString();
    }

    /**
     * Parses every element of {@code headerValues} (each the value of one header line), skipping
     * empty list elements as HTTP lists allow.
     *
     * @throws IllegalArgumentException naming the first byte that breaks the grammar: an element
     *     that is not {@code token *( ";" token [ "=" ( token / quoted-string ) ] )}, or a quoted
     *     value that is not a token once unquoted
     */
    static List<WebSocketExtension> parse(List<String> headerValues) {
        List<WebSocketExtension> all = new ArrayList<>();
        for (String value : headerValues) {
            new Parser(value).parseInto(all);
        }
        return all;
    }

    /** A cursor over one header value. */
    private static final class Parser {
        private final String s;
        private int at;

        Parser(String s) {
            this.s = s;
        }

        void parseInto(List<WebSocketExtension> out) {
            while (true) {
                skipSpace();
                if (at == s.length()) {
                    return;
                }
                if (s.charAt(at) == ',') { // an empty element
                    at++;
                    continue;
                }
                String name = token("extension name");
                List<Param> params = new ArrayList<>();
                skipSpace();
                while (at < s.length() && s.charAt(at) == ';') {
                    at++;
                    skipSpace();
                    String param = token("parameter name");
                    skipSpace();
                    String value = null;
                    if (at < s.length() && s.charAt(at) == '=') {
                        at++;
                        skipSpace();
                        value = at < s.length() && s.charAt(at) == '"' ? quoted() : token("parameter value");
                        skipSpace();
                    }
                    params.add(new Param(param.toLowerCase(Locale.ROOT), value));
                }
                out.add(new WebSocketExtension(name.toLowerCase(Locale.ROOT), params));
                if (at < s.length()) {
                    if (s.charAt(at) != ',') {
                        throw malformed("',' or ';'");
                    }
                    at++;
                }
            }
        }

        private String token(String what) {
            int start = at;
            while (at < s.length() && isTokenChar(s.charAt(at))) {
                at++;
            }
            if (at == start) {
                throw malformed("a token (" + what + ")");
            }
            return s.substring(start, at);
        }

        private String quoted() {
            StringBuilder sb = new StringBuilder();
            at++; // the opening quote
            while (at < s.length() && s.charAt(at) != '"') {
                char c = s.charAt(at++);
                if (c == '\\') {
                    if (at == s.length()) {
                        break;
                    }
                    c = s.charAt(at++);
                }
                sb.append(c);
            }
            if (at == s.length()) {
                throw malformed("a closing quote");
            }
            at++;
            String value = sb.toString();
            if (value.isEmpty() || !value.chars().allMatch(c -> isTokenChar((char) c))) {
                throw new IllegalArgumentException("Sec-WebSocket-Extensions: \"" + s + "\" (expected: a quoted"
                        + " parameter value that is a token, RFC 6455 section 9.1)");
            }
            return value;
        }

        private void skipSpace() {
            while (at < s.length() && (s.charAt(at) == ' ' || s.charAt(at) == '\t')) {
                at++;
            }
        }

        private IllegalArgumentException malformed(String expected) {
            String found = at < s.length() ? "'" + s.charAt(at) + "' at " + at : "the end";
            return new IllegalArgumentException("Sec-WebSocket-Extensions: \"" + s + "\", " + found + " (expected: "
                    + expected + ", RFC 6455 section 9.1)");
        }
    }

    /** Whether {@code c} may appear in an HTTP token (RFC 9110, section 5.6.2). */
    private static boolean isTokenChar(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
    }
}
