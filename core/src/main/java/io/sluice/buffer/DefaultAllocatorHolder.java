package io.sluice.buffer;

import java.util.Locale;

/** Resolves {@link BufferAllocator#defaultAllocator()} once, from {@code io.sluice.allocator.type}. */
final class DefaultAllocatorHolder {
    static final BufferAllocator DEFAULT = resolve(System.getProperty("io.sluice.allocator.type", "pooled"));

    private DefaultAllocatorHolder() {}

    static BufferAllocator resolve(String type) {
        switch (type.trim().toLowerCase(Locale.ROOT)) {
            case "pooled":
                return PooledBufferAllocator.DEFAULT;
            case "unpooled":
                return UnpooledBufferAllocator.DIRECT;
            default:
                throw new IllegalArgumentException("io.sluice.allocator.type: " + type + " (expected: pooled or unpooled)");
        }
    }
}
