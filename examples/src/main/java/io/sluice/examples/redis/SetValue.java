package io.sluice.examples.redis;

import java.util.HashSet;
import java.util.Set;

/** A set of members. */
final class SetValue {
    final Set<Bytes> members = new HashSet<>();
}
