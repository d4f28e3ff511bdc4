package io.sluice.channel.spi;

import io.sluice.channel.Channel;
import io.sluice.channel.ChannelConfig;
import io.sluice.channel.ChannelPromise;
import io.sluice.channel.EventLoop;
import io.sluice.channel.EventLoopGroup;

/**
 * A channel as the framework drives it: what {@link EventLoopGroup#register(Channel)}, the pipeline
 * and the {@link ChannelConfig} call on a transport's channel. {@link AbstractChannel} implements it
 * all; transports extend that class rather than implement this. Application code never calls these
 * methods: it uses {@link Channel} and the pipeline.
 */
public interface IoChannel extends Channel {

    /**
     * Registers with {@code loop} for life and completes {@code promise} on it; fails the promise if
     * the channel is registered already or cannot run on that kind of loop. From any thread.
     */
    void register(EventLoop loop, ChannelPromise promise);

    /** Returns the event loop, or {@code null} before registration. From any thread. */
    EventLoop eventLoopOrNull();

    /**
     * Counts {@code msg}, about to wait in an executor's queue on its way to the loop, against the
     * write watermarks (from the writing thread). @return what it counted, for {@link #writeDequeued(long)}
     */
    long writeQueued(Object msg);

    /** Stops counting a queued write once it ran (it reached the outbound buffer, or failed). From any thread. */
    void writeDequeued(long counted);

    /** Auto-read was switched: the loop starts or stops reading as the setting is when it gets there. From any thread. */
    void autoReadChanged();

    /** Returns true the first time only: whether a connection error of this channel is still to be logged. */
    boolean firstConnectionError();

    /**
     * Called by the pipeline's tail with a message nobody handled. Ownership passes to the channel,
     * which must release it (by default: released and reported once per channel and type).
     */
    void onUnhandledInboundMessage(Object msg);

    /** Called by the pipeline's tail with an exception nobody handled (by default: logged). */
    void onUnhandledInboundException(Throwable cause);

    /**
     * Sets or clears user-defined writability bit {@code index} (1-31): the channel is writable only
     * while every bit is. From any thread. Used by handlers that hold writes back (traffic shaping).
     *
     * @throws IllegalArgumentException if {@code index} is outside 1-31
     */
    void userDefinedWritability(int index, boolean writable);
}
