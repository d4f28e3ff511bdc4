package io.sluice.internal;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * A per-thread value that event-loop threads keep in an indexed slot of their own instead of the
 * {@link ThreadLocal} map: one array load instead of a hash probe, a map entry and its weak
 * reference, for state the hot path reads several times per message (the pool's thread cache, the
 * socket I/O view, the outbound ring's spare arrays). Other threads use a {@code ThreadLocal}.
 *
 * <p>Each instance takes a slot index for the life of the program, so create them once, in static
 * fields (the class is for a handful of fixed uses, not for per-object state).
 *
 * @param <T> the value's type
 */
public final class LoopLocal<T> {
    private static final AtomicInteger NEXT_INDEX = new AtomicInteger();

    private final int index = NEXT_INDEX.getAndIncrement();
    private final Supplier<? extends T> initial;
    private final ThreadLocal<T> otherThreads;

    private LoopLocal(Supplier<? extends T> initial) {
        this.initial = initial;
        this.otherThreads = ThreadLocal.withInitial(initial);
    }

    /** Returns a value whose first read on each thread is {@code initial.get()} (which may return null). */
    public static <T> LoopLocal<T> withInitial(Supplier<? extends T> initial) {
        return new LoopLocal<>(Objects.requireNonNull(initial, "initial"));
    }

    /** Returns a value that reads null on each thread until it is set there. */
    public static <T> LoopLocal<T> empty() {
        return new LoopLocal<>(() -> null);
    }

    /** Returns the calling thread's value. */
    @SuppressWarnings("unchecked")
    public T get() {
        if (Thread.currentThread() instanceof EventLoopThread loop) {
            Object value = loop.loopLocal(index);
            if (value == null) {
                value = initial.get();
                if (value != null) {
                    loop.loopLocal(index, value);
                }
            }
            return (T) value;
        }
        return otherThreads.get();
    }

    /** Sets the calling thread's value; null forgets it (the next read is the initial value again). */
    public void set(T value) {
        if (Thread.currentThread() instanceof EventLoopThread loop) {
            loop.loopLocal(index, value);
        } else if (value == null) {
            otherThreads.remove();
        } else {
            otherThreads.set(value);
        }
    }
}
