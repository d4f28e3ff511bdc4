package io.sluice.channel;

import java.util.concurrent.atomic.AtomicReference;

/**
 * A value stored on a channel under an {@link AttributeKey}; an atomic reference, safe from any
 * thread.
 *
 * @param <T> the type of the value
 */
public final class Attribute<T> extends AtomicReference<T> {
    private static final long serialVersionUID = 1L;
    private final transient AttributeKey<T> key;

    Attribute(AttributeKey<T> key) {
        this.key = key;
    }

    /** Returns the key. */
    public AttributeKey<T> key() {
        return key;
    }

    /** Sets the value if none is set. @return the value now set (the old one, or {@code value}) */
    public T setIfAbsent(T value) {
        return compareAndSet(null, value) ? value : get();
    }
}
