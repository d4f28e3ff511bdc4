package io.sluice.examples.redis;

import java.util.HashMap;
import java.util.Map;

/** A hash: fields to values. */
final class HashValue {
    final Map<Bytes, byte[]> fields = new HashMap<>();
}
