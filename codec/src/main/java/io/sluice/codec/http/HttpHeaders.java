package io.sluice.codec.http;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.BiConsumer;

/**
 * Header (or trailer) fields of one message, in the order they were added: names compare without
 * regard to ASCII case, a name may have several values. Lookups scan the fields and allocate
 * nothing (a message has a handful; a name given as one of the {@link HttpHeaderNames} constants
 * matches the decoder's names by identity first).
 *
 * <p>Not thread-safe: a message belongs to one thread at a time. Names and values are not checked
 * here; the encoders refuse a name that is not a token and a name or value holding CR, LF or NUL.
 * {@link #empty()} is a shared instance that refuses changes.
 */
public final class HttpHeaders {
    private static final HttpHeaders EMPTY = new HttpHeaders(0, true);

    private String[] names;
    private String[] values;
    private int size;
    private final boolean readOnly;

    private HttpHeaders(int capacity, boolean readOnly) {
        this.names = new String[capacity];
        this.values = new String[capacity];
        this.readOnly = readOnly;
    }

    /** Returns new, empty headers. */
    public static HttpHeaders create() {
        return new HttpHeaders(8, false);
    }

    /** Returns the shared empty headers, which refuse changes (for messages without trailers). */
    public static HttpHeaders empty() {
        return EMPTY;
    }

    /** Returns the number of fields (a name with two values counts twice). */
    public int size() {
        return size;
    }

    /** Returns whether there are no fields. */
    public boolean isEmpty() {
        return size == 0;
    }

    /** Returns the name of field {@code i} (0-based, in order of addition). */
    public String nameAt(int i) {
        Objects.checkIndex(i, size);
        return names[i];
    }

    /** Returns the value of field {@code i}. */
    public String valueAt(int i) {
        Objects.checkIndex(i, size);
        return values[i];
    }

    /** Adds a field, keeping the ones already there. @return this */
    public HttpHeaders add(String name, String value) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        checkWritable();
        if (size == names.length) {
            int capacity = Math.max(8, size * 2);
            names = Arrays.copyOf(names, capacity);
            values = Arrays.copyOf(values, capacity);
        }
        names[size] = name;
        values[size] = value;
        size++;
        return this;
    }

    /** Adds a field whose value is a number. @return this */
    public HttpHeaders add(String name, long value) {
        return add(name, Long.toString(value));
    }

    /** Replaces every field named {@code name} by one with {@code value}. @return this */
    public HttpHeaders set(String name, String value) {
        remove(name);
        return add(name, value);
    }

    /** Replaces every field named {@code name} by one with a number. @return this */
    public HttpHeaders set(String name, long value) {
        return set(name, Long.toString(value));
    }

    /** Removes every field named {@code name}. @return whether one was removed */
    public boolean remove(String name) {
        Objects.requireNonNull(name, "name");
        int kept = 0;
        for (int i = 0; i < size; i++) {
            if (!HttpChars.equalsIgnoreCase(names[i], name)) {
                names[kept] = names[i];
                values[kept] = values[i];
                kept++;
            }
        }
        if (kept == size) {
            return false;
        }
        checkWritable();
        Arrays.fill(names, kept, size, null);
        Arrays.fill(values, kept, size, null);
        size = kept;
        return true;
    }

    /** Removes every field. @return this */
    public HttpHeaders clear() {
        if (size > 0) {
            checkWritable();
            Arrays.fill(names, 0, size, null);
            Arrays.fill(values, 0, size, null);
            size = 0;
        }
        return this;
    }

    /** Returns the first value of {@code name}, or null. */
    public String get(String name) {
        int i = indexOf(name, 0);
        return i < 0 ? null : values[i];
    }

    /** Returns the first value of {@code name}, or {@code defaultValue}. */
    public String get(String name, String defaultValue) {
        String v = get(name);
        return v == null ? defaultValue : v;
    }

    /** Returns every value of {@code name}, in order (a new list). */
    public List<String> getAll(String name) {
        List<String> all = new ArrayList<>(2);
        for (int i = indexOf(name, 0); i >= 0; i = indexOf(name, i + 1)) {
            all.add(values[i]);
        }
        return all;
    }

    /** Returns whether a field named {@code name} is present. */
    public boolean contains(String name) {
        return indexOf(name, 0) >= 0;
    }

    /** Returns how many fields are named {@code name}. */
    public int count(String name) {
        int n = 0;
        for (int i = indexOf(name, 0); i >= 0; i = indexOf(name, i + 1)) {
            n++;
        }
        return n;
    }

    /**
     * Returns whether a field named {@code name} lists {@code token} among its comma-separated
     * elements, ignoring case and optional whitespace (e.g. {@code Connection: keep-alive, Close}
     * holds {@code close}). Allocates nothing.
     */
    public boolean containsToken(String name, String token) {
        for (int i = indexOf(name, 0); i >= 0; i = indexOf(name, i + 1)) {
            if (listHolds(values[i], token)) {
                return true;
            }
        }
        return false;
    }

    /** Calls {@code action} with each name and value, in order. */
    public void forEach(BiConsumer<String, String> action) {
        for (int i = 0; i < size; i++) {
            action.accept(names[i], values[i]);
        }
    }

    /** Returns the index of the first field at or after {@code from} named {@code name}, or -1. */
    int indexOf(String name, int from) {
        String[] ns = names;
        for (int i = from; i < size; i++) {
            if (HttpChars.equalsIgnoreCase(ns[i], name)) { // identity first: the decoder's names are the constants
                return i;
            }
        }
        return -1;
    }

    /** Whether the comma-separated {@code list} holds {@code token} (case-insensitive, OWS trimmed). */
    static boolean listHolds(String list, String token) {
        int n = list.length();
        int start = 0;
        while (start <= n) {
            int comma = list.indexOf(',', start);
            int end = comma < 0 ? n : comma;
            int s = start;
            int e = end;
            while (s < e && HttpChars.isOws(list.charAt(s))) {
                s++;
            }
            while (e > s && HttpChars.isOws(list.charAt(e - 1))) {
                e--;
            }
            if (e - s == token.length() && list.regionMatches(true, s, token, 0, e - s)) {
                return true;
            }
            if (comma < 0) {
                break;
            }
            start = comma + 1;
        }
        return false;
    }

    private void checkWritable() {
        if (readOnly) {
            throw new UnsupportedOperationException("headers: read-only (expected: headers made by create())");
        }
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("HttpHeaders[");
        for (int i = 0; i < size; i++) {
            sb.append(i == 0 ? "" : ", ").append(names[i]).append(": ").append(values[i]);
        }
        return sb.append(']').toString();
    }
}
