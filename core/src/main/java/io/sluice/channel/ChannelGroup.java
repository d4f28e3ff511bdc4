package io.sluice.channel;

import io.sluice.buffer.Buffer;
import io.sluice.buffer.ReferenceCounted;
import io.sluice.buffer.ReferenceCounting;
import io.sluice.concurrent.Future;
import io.sluice.concurrent.Futures;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * A thread-safe set of open channels, for broadcasting and closing many at once (a chat room, a
 * server's connections at shutdown). A channel leaves the group by itself when it closes.
 */
public final class ChannelGroup implements Iterable<Channel> {
    private final String name;
    private final Map<ChannelId, Channel> channels = new ConcurrentHashMap<>();

    private ChannelGroup(String name) {
        this.name = Objects.requireNonNull(name, "name");
    }

    /** Returns an empty group named {@code name} (for logs). */
    public static ChannelGroup create(String name) {
        return new ChannelGroup(name);
    }

    /** Returns the group's name. */
    public String name() {
        return name;
    }

    /** Adds {@code channel}; it is removed when it closes. @return whether it was not yet in the group */
    public boolean add(Channel channel) {
        boolean added = channels.putIfAbsent(channel.id(), channel) == null;
        if (added) {
            channel.closeFuture().addListener(f -> channels.remove(channel.id()));
        }
        return added;
    }

    /** Removes {@code channel}. @return whether it was in the group */
    public boolean remove(Channel channel) {
        return channels.remove(channel.id()) != null;
    }

    /** Returns the channel with {@code id}, or {@code null}. */
    public Channel find(ChannelId id) {
        return channels.get(id);
    }

    /** Returns whether {@code channel} is in the group. */
    public boolean contains(Channel channel) {
        return channels.containsKey(channel.id());
    }

    /** Returns the number of channels. */
    public int size() {
        return channels.size();
    }

    @Override
    public Iterator<Channel> iterator() {
        return List.copyOf(channels.values()).iterator();
    }

    /** Writes and flushes {@code msg} to every channel; see {@link #writeAndFlush(Object, Predicate)}. */
    public Future<Void> writeAndFlush(Object msg) {
        return writeAndFlush(msg, ch -> true);
    }

    /**
     * Writes and flushes {@code msg} to every channel that {@code matcher} accepts. A buffer is
     * shared, not copied: each channel gets a retained duplicate, and the group releases the
     * original, so the caller gives up ownership as with any write.
     *
     * @return a future that completes when every write has (failing with the first failure)
     */
    public Future<Void> writeAndFlush(Object msg, Predicate<? super Channel> matcher) {
        Objects.requireNonNull(msg, "msg");
        List<Future<?>> futures = new ArrayList<>();
        try {
            for (Channel ch : channels.values()) {
                if (matcher.test(ch)) {
                    futures.add(ch.writeAndFlush(share(msg)));
                }
            }
        } finally {
            ReferenceCounting.safeRelease(msg);
        }
        return Futures.allOf(null, futures);
    }

    private static Object share(Object msg) {
        if (msg instanceof Buffer) {
            return ((Buffer) msg).retainedDuplicate();
        }
        if (msg instanceof ReferenceCounted) {
            ((ReferenceCounted) msg).retain();
        }
        return msg;
    }

    /** Closes every channel. @return a future that completes when all are closed */
    public Future<Void> close() {
        List<Future<?>> futures = new ArrayList<>();
        for (Channel ch : channels.values()) {
            futures.add(ch.close());
        }
        return Futures.allOf(null, futures);
    }

    @Override
    public String toString() {
        return "ChannelGroup(" + name + ", size: " + channels.size() + ")";
    }
}
