package io.sluice.codec.http;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Query strings ({@code application/x-www-form-urlencoded}, as browsers send them) and
 * percent-decoding of path segments, in UTF-8.
 */
public final class QueryString {
    private QueryString() {}

    /**
     * Parses the query of a request target ({@code /path?a=1&b=x+y&a=2}): names to their values in
     * order of appearance, {@code +} as space, {@code %XX} decoded. A name without {@code =} has an
     * empty value. A {@code #fragment} is ignored.
     *
     * @throws IllegalArgumentException for a malformed {@code %} escape
     */
    public static Map<String, List<String>> parse(String target) {
        int q = target.indexOf('?');
        if (q < 0) {
            return Collections.emptyMap();
        }
        int end = target.indexOf('#', q);
        String query = target.substring(q + 1, end < 0 ? target.length() : end);
        Map<String, List<String>> params = new LinkedHashMap<>();
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq), true);
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1), true);
            params.computeIfAbsent(name, k -> new ArrayList<>(1)).add(value);
        }
        return params;
    }

    /** Returns the first value of {@code name} in the query of {@code target}, or null. */
    public static String first(String target, String name) {
        List<String> values = parse(target).get(name);
        return values == null ? null : values.get(0);
    }

    /**
     * Percent-decodes {@code s} as UTF-8; with {@code plusIsSpace}, {@code +} becomes a space (query
     * strings), otherwise it stays (paths).
     *
     * @throws IllegalArgumentException for {@code %} not followed by two hex digits
     */
    public static String decode(String s, boolean plusIsSpace) {
        int first = -1;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%' || plusIsSpace && c == '+') {
                first = i;
                break;
            }
        }
        if (first < 0) {
            return s;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
        byte[] head = s.substring(0, first).getBytes(StandardCharsets.UTF_8);
        out.write(head, 0, head.length);
        for (int i = first; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%') {
                int hi = i + 2 < s.length() ? Character.digit(s.charAt(i + 1), 16) : -1;
                int lo = hi < 0 ? -1 : Character.digit(s.charAt(i + 2), 16);
                if (lo < 0) {
                    throw new IllegalArgumentException("percent escape: at " + i + " of \"" + s
                            + "\" (expected: % and two hex digits)");
                }
                out.write(hi << 4 | lo);
                i += 2;
            } else if (c == '+' && plusIsSpace) {
                out.write(' ');
            } else {
                byte[] b = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                out.write(b, 0, b.length);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
