package io.sluice.channel;

import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * A typed key for per-channel state ({@link Channel#attr(AttributeKey)}). Keys are interned by
 * name: {@link #valueOf(String)} returns the same key for the same name.
 *
 * @param <T> the type of the value
 */
public final class AttributeKey<T> {
    private static final ConcurrentMap<String, AttributeKey<?>> KEYS = new ConcurrentHashMap<>();

    private final String name;

    private AttributeKey(String name) {
        this.name = name;
    }

    /** Returns the key named {@code name}, creating it on first use. */
    @SuppressWarnings("unchecked")
    public static <T> AttributeKey<T> valueOf(String name) {
        Objects.requireNonNull(name, "name");
        return (AttributeKey<T>) KEYS.computeIfAbsent(name, AttributeKey::new);
    }

    /** Returns the key's name. */
    public String name() {
        return name;
    }

    @Override
    public String toString() {
        return "AttributeKey(" + name + ")";
    }
}
