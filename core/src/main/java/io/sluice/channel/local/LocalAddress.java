package io.sluice.channel.local;

import java.net.SocketAddress;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/** The address of a {@link LocalServerChannel} in this JVM: a name, compared by value. Immutable. */
public final class LocalAddress extends SocketAddress {
    private static final long serialVersionUID = 1L;
    private static final AtomicLong NEXT_EPHEMERAL = new AtomicLong();

    /** The name the address stands for. */
    private final String id;

    private LocalAddress(String id) {
        this.id = id;
    }

    /** Returns the address named {@code id}. @throws IllegalArgumentException if it is empty */
    public static LocalAddress of(String id) {
        Objects.requireNonNull(id, "id");
        if (id.isEmpty()) {
            throw new IllegalArgumentException("id: \"\" (expected: a non-empty name)");
        }
        return new LocalAddress(id);
    }

    /** Returns an address no other call returned (like port 0: for tests and client ends). */
    public static LocalAddress ephemeral() {
        return new LocalAddress("ephemeral-" + NEXT_EPHEMERAL.incrementAndGet());
    }

    /** Returns the name. */
    public String id() {
        return id;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LocalAddress other && id.equals(other.id);
    }

    @Override
    public int hashCode() {
        return id.hashCode();
    }

    @Override
    public String toString() {
        return "local:" + id;
    }
}
