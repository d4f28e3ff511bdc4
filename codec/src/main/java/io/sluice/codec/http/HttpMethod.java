package io.sluice.codec.http;

import java.util.Objects;

/**
 * A request method: a token, case-sensitive (RFC 9110, section 9.1). The standard methods are
 * constants, and the decoder hands out those very instances, so comparing with {@code ==} works
 * for them; {@link #equals} compares names.
 *
 * @param name the method's name, e.g. {@code GET}
 */
public record HttpMethod(String name) {
    /** {@code GET}. */
    public static final HttpMethod GET = new HttpMethod("GET");
    /** {@code HEAD}: a response without content. */
    public static final HttpMethod HEAD = new HttpMethod("HEAD");
    /** {@code POST}. */
    public static final HttpMethod POST = new HttpMethod("POST");
    /** {@code PUT}. */
    public static final HttpMethod PUT = new HttpMethod("PUT");
    /** {@code DELETE}. */
    public static final HttpMethod DELETE = new HttpMethod("DELETE");
    /** {@code OPTIONS}. */
    public static final HttpMethod OPTIONS = new HttpMethod("OPTIONS");
    /** {@code PATCH} (RFC 5789). */
    public static final HttpMethod PATCH = new HttpMethod("PATCH");
    /** {@code TRACE}. */
    public static final HttpMethod TRACE = new HttpMethod("TRACE");
    /** {@code CONNECT}. */
    public static final HttpMethod CONNECT = new HttpMethod("CONNECT");

    /** The standard methods, in the order the decoder tries them. */
    static final HttpMethod[] STANDARD = {GET, POST, HEAD, PUT, DELETE, OPTIONS, PATCH, TRACE, CONNECT};

    /**
     * Creates a method.
     *
     * @throws IllegalArgumentException if {@code name} is empty or not a token
     */
    public HttpMethod {
        Objects.requireNonNull(name, "name");
        if (name.isEmpty() || !HttpChars.isToken(name)) {
            throw new IllegalArgumentException("method: " + name + " (expected: a token)");
        }
    }

    /** Returns the standard constant named {@code name}, or a new method of that name. */
    public static HttpMethod of(String name) {
        for (HttpMethod m : STANDARD) {
            if (m.name.equals(name)) {
                return m;
            }
        }
        return new HttpMethod(name);
    }

    @Override
    public String toString() {
        return name;
    }
}
