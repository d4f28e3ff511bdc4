package io.sluice.channel.spi;

import io.sluice.channel.Attribute;
import io.sluice.channel.AttributeKey;
import io.sluice.internal.ChannelAccess;
import java.util.concurrent.ConcurrentHashMap;

/** Typed attributes of a channel; thread-safe and created lazily (most channels have none). */
final class AttributeMap {
    private volatile ConcurrentHashMap<AttributeKey<?>, Attribute<?>> attributes;

    @SuppressWarnings("unchecked")
    <T> Attribute<T> attr(AttributeKey<T> key) {
        ConcurrentHashMap<AttributeKey<?>, Attribute<?>> map = attributes;
        if (map == null) {
            synchronized (this) {
                map = attributes;
                if (map == null) {
                    attributes = map = new ConcurrentHashMap<>(4);
                }
            }
        }
        return (Attribute<T>) map.computeIfAbsent(key, k -> ChannelAccess.get().newAttribute(key));
    }

    <T> boolean has(AttributeKey<T> key) {
        ConcurrentHashMap<AttributeKey<?>, Attribute<?>> map = attributes;
        return map != null && map.containsKey(key);
    }
}
