package io.sluice.channel;

import io.sluice.buffer.BufferAllocator;
import java.net.SocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * A connection (or a listening socket, or a datagram endpoint) with a pipeline of handlers. A
 * channel is registered with one {@link EventLoop} for life; every event and I/O operation runs on
 * that thread, so the methods here may be called from any thread and are handed to the loop.
 */
public interface Channel extends ChannelOutboundInvoker, Comparable<Channel> {

    /** Returns the channel's unique id. */
    ChannelId id();

    /** Returns the event loop, once registered. @throws IllegalStateException before that */
    EventLoop eventLoop();

    /** Returns the server channel that accepted this one, or {@code null}. */
    Channel parent();

    /** Returns the settings. */
    ChannelConfig config();

    /** Returns the pipeline. */
    ChannelPipeline pipeline();

    /** Returns the allocator of this channel's buffers. */
    BufferAllocator alloc();

    /** Returns whether the channel is open (not yet closed). */
    boolean isOpen();

    /** Returns whether the channel is registered with an event loop. */
    boolean isRegistered();

    /** Returns whether the channel is active: connected, or bound for a server. */
    boolean isActive();

    /** Returns the local address, or {@code null} if not bound. */
    SocketAddress localAddress();

    /** Returns the remote address, or {@code null} if not connected. */
    SocketAddress remoteAddress();

    /**
     * Returns whether writes are accepted without queueing beyond the high watermark and no
     * user-defined writability bit is cleared.
     */
    boolean isWritable();

    /** Returns how many bytes can be queued before the channel turns unwritable (0 if it is). */
    long bytesBeforeUnwritable();

    /**
     * Blocks until the channel is writable: backpressure for code that may block, such as a handler on a
     * {@link io.sluice.concurrent.VirtualThreadExecutorGroup} or a worker group, or an application thread,
     * so a producer writing in a loop cannot outrun the socket ({@code while (more) { ch.awaitWritable(..);
     * ch.writeAndFlush(..); }}). Returns at once when writable.
     *
     * @return {@code true} once writable; {@code false} if the timeout passed or the channel is (or became)
     *     closed
     * @throws io.sluice.concurrent.BlockingOperationException on an I/O event loop thread, which must never
     *     block (as {@code sync()} does there)
     * @throws InterruptedException if the waiting thread is interrupted
     */
    boolean awaitWritable(long timeout, TimeUnit unit) throws InterruptedException;

    /** Returns the value of attribute {@code key} (created empty on first use). */
    <T> Attribute<T> attr(AttributeKey<T> key);

    /** Returns whether attribute {@code key} was ever created on this channel. */
    <T> boolean hasAttr(AttributeKey<T> key);

    /**
     * Flushes what was written and closes once all of it has been sent (muduo's {@code shutdown}:
     * never cut off output the application handed over), unlike {@link #close()}, which closes now
     * and fails unsent writes. A peer that stops reading cannot hold the channel open for ever: after
     * {@link ChannelOption#GRACEFUL_CLOSE_TIMEOUT_MILLIS} (30 s by default) it closes anyway, failing
     * what is still unsent. Calling it again (or {@link #closeGracefully(long, TimeUnit)}) while one
     * is pending joins it: every returned future completes when the channel closes, and the earliest
     * deadline wins. From any thread.
     *
     * @return a future that completes when the channel is closed
     */
    ChannelFuture closeGracefully();

    /**
     * Like {@link #closeGracefully()} with a deadline of its own: closes at once once {@code timeout}
     * passed with output still unsent; {@code 0} waits without a deadline.
     *
     * @return a future that completes when the channel is closed
     * @throws IllegalArgumentException if {@code timeout} is negative
     */
    ChannelFuture closeGracefully(long timeout, TimeUnit unit);

    @Override
    Channel read();

    @Override
    Channel flush();
}
