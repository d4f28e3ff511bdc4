package io.sluice.channel;

import io.sluice.concurrent.EventExecutorGroup;
import java.util.List;
import java.util.Map;

/**
 * The handlers of one channel, a doubly linked list between a head (talks to the transport) and
 * a tail (releases and reports messages nobody handled, logs exceptions nobody handled).
 *
 * <p>Handlers may be added, removed and replaced at any time from any thread; their
 * {@code handlerAdded}/{@code handlerRemoved} run on their executor. A handler added with an
 * {@link EventExecutorGroup} runs on one executor of that group for the channel's life, so its
 * events for this channel stay in order. A {@code null} name is replaced by a generated one.
 * A duplicate name, or a non-{@link ChannelHandler.Sharable sharable} handler that is already in a
 * pipeline, throws {@link IllegalArgumentException}; an unknown name or handler throws
 * {@link java.util.NoSuchElementException}.
 */
public interface ChannelPipeline extends ChannelInboundInvoker, ChannelOutboundInvoker,
        Iterable<Map.Entry<String, ChannelHandler>> {

    /** Inserts {@code handler} right after the head. @return this */
    ChannelPipeline addFirst(String name, ChannelHandler handler);

    /** Inserts {@code handler} right after the head, run on an executor of {@code group}. @return this */
    ChannelPipeline addFirst(EventExecutorGroup group, String name, ChannelHandler handler);

    /** Appends {@code handler} right before the tail. @return this */
    ChannelPipeline addLast(String name, ChannelHandler handler);

    /** Appends {@code handler} right before the tail, run on an executor of {@code group}. @return this */
    ChannelPipeline addLast(EventExecutorGroup group, String name, ChannelHandler handler);

    /** Appends each handler in order, with generated names. @return this */
    ChannelPipeline addLast(ChannelHandler... handlers);

    /** Inserts {@code handler} before the one named {@code baseName}. @return this */
    ChannelPipeline addBefore(String baseName, String name, ChannelHandler handler);

    /** Inserts {@code handler} after the one named {@code baseName}. @return this */
    ChannelPipeline addAfter(String baseName, String name, ChannelHandler handler);

    /** Removes {@code handler}. @return this @throws java.util.NoSuchElementException if absent */
    ChannelPipeline remove(ChannelHandler handler);

    /** Removes the handler named {@code name}. @return it @throws java.util.NoSuchElementException if absent */
    ChannelHandler remove(String name);

    /** Removes the first handler of type {@code type}. @return it @throws java.util.NoSuchElementException if absent */
    <T extends ChannelHandler> T remove(Class<T> type);

    /** Replaces {@code oldHandler} with {@code newHandler} at the same place. @return this */
    ChannelPipeline replace(ChannelHandler oldHandler, String newName, ChannelHandler newHandler);

    /** Replaces the handler named {@code oldName}. @return the old handler */
    ChannelHandler replace(String oldName, String newName, ChannelHandler newHandler);

    /** Returns the handler named {@code name}, or {@code null}. */
    ChannelHandler get(String name);

    /** Returns the first handler of type {@code type}, or {@code null}. */
    <T extends ChannelHandler> T get(Class<T> type);

    /** Returns the context of the handler named {@code name}, or {@code null}. */
    ChannelHandlerContext context(String name);

    /** Returns the context of {@code handler}, or {@code null}. */
    ChannelHandlerContext context(ChannelHandler handler);

    /** Returns the context of the first handler of type {@code type}, or {@code null}. */
    ChannelHandlerContext context(Class<? extends ChannelHandler> type);

    /** Returns the first handler, or {@code null} if empty. */
    ChannelHandler first();

    /** Returns the last handler, or {@code null} if empty. */
    ChannelHandler last();

    /** Returns the handler names, head to tail. */
    List<String> names();

    /** Returns the channel. */
    Channel channel();

    @Override
    ChannelPipeline fireChannelRegistered();

    @Override
    ChannelPipeline fireChannelUnregistered();

    @Override
    ChannelPipeline fireChannelActive();

    @Override
    ChannelPipeline fireChannelInactive();

    @Override
    ChannelPipeline fireChannelRead(Object msg);

    @Override
    ChannelPipeline fireChannelReadComplete();

    @Override
    ChannelPipeline fireUserEventTriggered(Object event);

    @Override
    ChannelPipeline fireChannelWritabilityChanged();

    @Override
    ChannelPipeline fireExceptionCaught(Throwable cause);

    @Override
    ChannelPipeline read();

    @Override
    ChannelPipeline flush();
}
