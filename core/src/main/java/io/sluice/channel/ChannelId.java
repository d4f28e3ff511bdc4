package io.sluice.channel;

import java.util.concurrent.atomic.AtomicLong;

/** A process-unique channel identifier: a sequence number, shown in hex. */
public final class ChannelId implements Comparable<ChannelId> {
    private static final AtomicLong NEXT = new AtomicLong();
    private final long value;

    private ChannelId(long value) {
        this.value = value;
    }

    /** Returns a new, unique id. */
    public static ChannelId next() {
        return new ChannelId(NEXT.incrementAndGet());
    }

    /** Returns the id as a short hex string, e.g. {@code 0000002a}. */
    public String asShortText() {
        String hex = Long.toHexString(value);
        return hex.length() >= 8 ? hex : "00000000".substring(hex.length()) + hex;
    }

    @Override
    public int compareTo(ChannelId o) {
        return Long.compare(value, o.value);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ChannelId && ((ChannelId) o).value == value;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(value);
    }

    @Override
    public String toString() {
        return asShortText();
    }
}
