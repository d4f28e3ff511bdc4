package io.sluice.examples;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Just enough JSON for the DevTools protocol in tests: {@link #parse} reads objects (as maps), arrays
 * (lists), strings, numbers (doubles), booleans and null; {@link #quote} writes a string literal.
 */
final class TinyJson {
    private final String s;
    private int at;

    private TinyJson(String s) {
        this.s = s;
    }

    /** Returns the value {@code json} holds. @throws IllegalArgumentException if it is not JSON */
    static Object parse(String json) {
        TinyJson p = new TinyJson(json);
        Object v = p.value();
        p.space();
        if (p.at != json.length()) {
            throw p.error("end of input");
        }
        return v;
    }

    /** Returns {@code text} as a JSON string literal. */
    static String quote(String text) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }

    private Object value() {
        space();
        if (at >= s.length()) {
            throw error("a value");
        }
        char c = s.charAt(at);
        return switch (c) {
            case '{' -> object();
            case '[' -> array();
            case '"' -> string();
            case 't' -> word("true", Boolean.TRUE);
            case 'f' -> word("false", Boolean.FALSE);
            case 'n' -> word("null", null);
            default -> number();
        };
    }

    private Map<String, Object> object() {
        Map<String, Object> map = new LinkedHashMap<>();
        at++;
        space();
        if (s.charAt(at) == '}') {
            at++;
            return map;
        }
        do {
            space();
            String key = string();
            space();
            expect(':');
            map.put(key, value());
            space();
        } while (s.charAt(at++) == ',');
        if (s.charAt(at - 1) != '}') {
            throw error("',' or '}'");
        }
        return map;
    }

    private List<Object> array() {
        List<Object> list = new ArrayList<>();
        at++;
        space();
        if (s.charAt(at) == ']') {
            at++;
            return list;
        }
        do {
            list.add(value());
            space();
        } while (s.charAt(at++) == ',');
        if (s.charAt(at - 1) != ']') {
            throw error("',' or ']'");
        }
        return list;
    }

    private String string() {
        expect('"');
        StringBuilder sb = new StringBuilder();
        for (char c; (c = s.charAt(at++)) != '"'; ) {
            if (c != '\\') {
                sb.append(c);
                continue;
            }
            char e = s.charAt(at++);
            switch (e) {
                case 'n' -> sb.append('\n');
                case 't' -> sb.append('\t');
                case 'r' -> sb.append('\r');
                case 'b' -> sb.append('\b');
                case 'f' -> sb.append('\f');
                case 'u' -> {
                    sb.append((char) Integer.parseInt(s.substring(at, at + 4), 16));
                    at += 4;
                }
                default -> sb.append(e); // " \ /
            }
        }
        return sb.toString();
    }

    private Object word(String word, Object value) {
        if (!s.startsWith(word, at)) {
            throw error(word);
        }
        at += word.length();
        return value;
    }

    private Double number() {
        int start = at;
        while (at < s.length() && "+-.eE0123456789".indexOf(s.charAt(at)) >= 0) {
            at++;
        }
        if (start == at) {
            throw error("a value");
        }
        return Double.valueOf(s.substring(start, at));
    }

    private void expect(char c) {
        if (at >= s.length() || s.charAt(at) != c) {
            throw error("'" + c + "'");
        }
        at++;
    }

    private void space() {
        while (at < s.length() && Character.isWhitespace(s.charAt(at))) {
            at++;
        }
    }

    private IllegalArgumentException error(String expected) {
        return new IllegalArgumentException("json at " + at + ": "
                + s.substring(at, Math.min(s.length(), at + 20)) + " (expected: " + expected + ")");
    }
}
