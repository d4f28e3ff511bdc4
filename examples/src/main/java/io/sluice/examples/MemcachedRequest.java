package io.sluice.examples;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * One command of the memcached text protocol subset that {@link MemcachedDecoder} parses.
 *
 * @param command what to do
 * @param keys the keys: one, or several for {@code get}/{@code gets}
 * @param flags the client's opaque 32-bit flags of a storage command (0 otherwise)
 * @param delta the amount of {@code incr}/{@code decr}, an unsigned 64-bit number (0 otherwise)
 * @param data the data block of a storage command (empty otherwise)
 * @param noreply whether the client asked for no reply
 */
public record MemcachedRequest(Command command, List<String> keys, int flags, long delta, byte[] data,
        boolean noreply) {

    /** The commands of the subset. */
    public enum Command {
        /** {@code get <key>*}: the values. */
        GET,
        /** {@code gets <key>*}: the values with their CAS unique. */
        GETS,
        /** {@code set <key> <flags> <exptime> <bytes> [noreply]}: store. */
        SET,
        /** {@code add ...}: store only if absent. */
        ADD,
        /** {@code replace ...}: store only if present. */
        REPLACE,
        /** {@code delete <key> [noreply]}. */
        DELETE,
        /** {@code incr <key> <delta> [noreply]}: add to a decimal value, wrapping at 2^64. */
        INCR,
        /** {@code decr <key> <delta> [noreply]}: subtract, stopping at 0. */
        DECR
    }

    /** Checks the arguments; keeps {@code keys} and {@code data} as given. */
    public MemcachedRequest {
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(keys, "keys");
        Objects.requireNonNull(data, "data");
    }

    /** Returns the one key of a command that is not a retrieval. */
    public String key() {
        return keys.get(0);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MemcachedRequest r && command == r.command && keys.equals(r.keys) && flags == r.flags
                && delta == r.delta && Arrays.equals(data, r.data) && noreply == r.noreply;
    }

    @Override
    public int hashCode() {
        return Objects.hash(command, keys, flags, delta, Arrays.hashCode(data), noreply);
    }

    @Override
    public String toString() {
        return command + " " + keys + (data.length > 0 ? " (" + data.length + " bytes)" : "") + (noreply ? " noreply" : "");
    }
}
