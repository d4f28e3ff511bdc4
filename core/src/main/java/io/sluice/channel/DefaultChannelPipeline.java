package io.sluice.channel;

import io.sluice.buffer.ReferenceCounting;
import io.sluice.channel.spi.AbstractChannel;
import io.sluice.concurrent.EventExecutor;
import io.sluice.concurrent.EventExecutorGroup;
import io.sluice.concurrent.Future;
import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The standard {@link ChannelPipeline}. Structural changes are serialised by the pipeline's lock
 * and take effect at once; {@code handlerAdded}/{@code handlerRemoved} run on the handler's
 * executor (deferred until the channel is registered, if it is not yet).
 */
final class DefaultChannelPipeline implements ChannelPipeline {
    private static final Logger LOG = LoggerFactory.getLogger(DefaultChannelPipeline.class);
    private static final ClassValue<Boolean> SHARABLE = new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
            return type.isAnnotationPresent(ChannelHandler.Sharable.class);
        }
    };
    /** The first generated name of a handler class, {@code Type#0}: one String shared by every pipeline. */
    private static final ClassValue<String> FIRST_NAME = new ClassValue<>() {
        @Override
        protected String computeValue(Class<?> type) {
            String simple = type.getSimpleName();
            return (simple.isEmpty() ? type.getName() : simple) + "#0";
        }
    };

    private final AbstractChannel channel;
    final HandlerContext head;
    final HandlerContext tail;
    /** Executor chosen per offloading group, so one channel's events stay on one thread. Guarded by this. */
    private Map<EventExecutorGroup, EventExecutor> childExecutors;
    /** Whether the channel has been registered once; until then handlerAdded calls wait. Guarded by this. */
    private boolean registered;
    /** Contexts whose handlerAdded waits for registration. Guarded by this. */
    private List<HandlerContext> pendingAdded;
    /** Name of the handler that last passed a message to the tail (for the unhandled-message report). */
    volatile String lastInboundForwarder;
    /** Message types already reported as unhandled on this channel; created on the first report. */
    private volatile Set<Class<?>> reportedUnhandled;

    /** {@code headHandler} is the transport's first handler: it hands outbound operations to the channel. */
    DefaultChannelPipeline(AbstractChannel channel, ChannelHandler headHandler) {
        this.channel = channel;
        this.tail = HandlerContext.boundary(this, "tail", TailHandler.INSTANCE);
        this.head = HandlerContext.boundary(this, "head", headHandler);
        head.next = tail;
        tail.prev = head;
    }

    @Override
    public AbstractChannel channel() {
        return channel;
    }

    // ---- structure ----------------------------------------------------------------------------

    @Override
    public ChannelPipeline addFirst(String name, ChannelHandler handler) {
        return addFirst(null, name, handler);
    }

    @Override
    public ChannelPipeline addFirst(EventExecutorGroup group, String name, ChannelHandler handler) {
        HandlerContext ctx;
        synchronized (this) {
            ctx = newContext(group, name, handler);
            link(ctx, head, head.next);
        }
        added(ctx);
        return this;
    }

    @Override
    public ChannelPipeline addLast(String name, ChannelHandler handler) {
        return addLast(null, name, handler);
    }

    @Override
    public ChannelPipeline addLast(EventExecutorGroup group, String name, ChannelHandler handler) {
        HandlerContext ctx;
        synchronized (this) {
            ctx = newContext(group, name, handler);
            link(ctx, tail.prev, tail);
        }
        added(ctx);
        return this;
    }

    @Override
    public ChannelPipeline addLast(ChannelHandler... handlers) {
        for (ChannelHandler handler : handlers) {
            addLast(null, null, handler);
        }
        return this;
    }

    @Override
    public ChannelPipeline addBefore(String baseName, String name, ChannelHandler handler) {
        HandlerContext ctx;
        synchronized (this) {
            HandlerContext base = existing(baseName);
            ctx = newContext(null, name, handler);
            link(ctx, base.prev, base);
        }
        added(ctx);
        return this;
    }

    @Override
    public ChannelPipeline addAfter(String baseName, String name, ChannelHandler handler) {
        HandlerContext ctx;
        synchronized (this) {
            HandlerContext base = existing(baseName);
            ctx = newContext(null, name, handler);
            link(ctx, base, base.next);
        }
        added(ctx);
        return this;
    }

    private HandlerContext newContext(EventExecutorGroup group, String name, ChannelHandler handler) {
        Objects.requireNonNull(handler, "handler");
        String unique = name == null ? generateName(handler) : name;
        if (contextOrNull(unique) != null) {
            throw new IllegalArgumentException("handler name: " + unique + " (expected: a name not in the pipeline yet)");
        }
        InUseHandlers.Claim claim = SHARABLE.get(handler.getClass()) ? null : InUseHandlers.claim(handler);
        return HandlerContext.create(this, childExecutor(group), unique, handler, claim);
    }

    private String generateName(ChannelHandler handler) {
        String first = FIRST_NAME.get(handler.getClass());
        if (contextOrNull(first) == null) {
            return first;
        }
        String prefix = first.substring(0, first.length() - 1);
        for (int i = 1; ; i++) {
            String candidate = prefix + i;
            if (contextOrNull(candidate) == null) {
                return candidate;
            }
        }
    }

    private EventExecutor childExecutor(EventExecutorGroup group) {
        if (group == null) {
            return null;
        }
        if (childExecutors == null) {
            childExecutors = new IdentityHashMap<>(4);
        }
        return childExecutors.computeIfAbsent(group, EventExecutorGroup::next);
    }

    private static void link(HandlerContext ctx, HandlerContext prev, HandlerContext next) {
        ctx.prev = prev;
        ctx.next = next;
        prev.next = ctx;
        next.prev = ctx;
    }

    private static void unlink(HandlerContext ctx) {
        HandlerContext prev = ctx.prev;
        HandlerContext next = ctx.next;
        prev.next = next;
        next.prev = prev;
        // ctx keeps its own links so events already inside it can still move on
    }

    /** Runs handlerAdded on the right thread, or defers it until registration. */
    private void added(HandlerContext ctx) {
        synchronized (this) {
            ctx.setAddPending();
            if (!registered) {
                if (pendingAdded == null) {
                    pendingAdded = new ArrayList<>(4);
                }
                pendingAdded.add(ctx);
                return;
            }
        }
        ctx.runOnExecutor(() -> callHandlerAdded(ctx));
    }

    private void callHandlerAdded(HandlerContext ctx) {
        try {
            ctx.callHandlerAdded(); // does nothing if it was removed before it was added
        } catch (Throwable t) {
            boolean removed = false;
            try {
                synchronized (this) {
                    unlink(ctx);
                }
                ctx.callHandlerRemoved();
                removed = true;
            } catch (Throwable t2) {
                LOG.warn("Failed to remove handler '{}' after its handlerAdded() threw", ctx.name(), t2);
            } finally {
                ctx.releaseClaim();
            }
            fireExceptionCaught(new ChannelPipelineException("handlerAdded() of '" + ctx.name() + "' threw"
                    + (removed ? "; it was removed" : ""), t));
        }
    }

    /** Called on the event loop once the channel is first registered. */
    void registeredFirstTime() {
        List<HandlerContext> pending;
        synchronized (this) {
            registered = true;
            pending = pendingAdded;
            pendingAdded = null;
        }
        if (pending != null) {
            for (HandlerContext ctx : pending) {
                ctx.runOnExecutor(() -> callHandlerAdded(ctx));
            }
        }
    }

    private void removed(HandlerContext ctx) {
        ctx.releaseClaim();
        if (ctx.isAddPending() && !isRegistered()) {
            synchronized (this) {
                if (pendingAdded != null) {
                    pendingAdded.remove(ctx);
                }
            }
            ctx.removeBeforeAdded();
            return;
        }
        ctx.runOnExecutor(() -> callHandlerRemoved(ctx)); // on the loop if the handler's executor shut down
    }

    private synchronized boolean isRegistered() {
        return registered;
    }

    private void callHandlerRemoved(HandlerContext ctx) {
        try {
            ctx.callHandlerRemoved();
        } catch (Throwable t) {
            fireExceptionCaught(new ChannelPipelineException("handlerRemoved() of '" + ctx.name() + "' threw", t));
        }
    }

    @Override
    public ChannelPipeline remove(ChannelHandler handler) {
        remove(existing(handler));
        return this;
    }

    @Override
    public ChannelHandler remove(String name) {
        return remove(existing(name)).handler();
    }

    @Override
    public <T extends ChannelHandler> T remove(Class<T> type) {
        HandlerContext ctx = (HandlerContext) context(type);
        if (ctx == null) {
            throw new NoSuchElementException("No handler of type " + type.getName() + " in the pipeline");
        }
        return type.cast(remove(ctx).handler());
    }

    private HandlerContext remove(HandlerContext ctx) {
        synchronized (this) {
            if (ctx.isRemoved() || ctx.prev == null) {
                throw new NoSuchElementException("Handler '" + ctx.name() + "' is not in the pipeline");
            }
            unlink(ctx);
        }
        removed(ctx);
        return ctx;
    }

    @Override
    public ChannelPipeline replace(ChannelHandler oldHandler, String newName, ChannelHandler newHandler) {
        replace(existing(oldHandler), newName, newHandler);
        return this;
    }

    @Override
    public ChannelHandler replace(String oldName, String newName, ChannelHandler newHandler) {
        return replace(existing(oldName), newName, newHandler);
    }

    private ChannelHandler replace(HandlerContext old, String newName, ChannelHandler newHandler) {
        HandlerContext ctx;
        synchronized (this) {
            String name = newName;
            if (name != null && !name.equals(old.name()) && contextOrNull(name) != null) {
                throw new IllegalArgumentException("handler name: " + name + " (expected: a name not in the pipeline yet)");
            }
            // take the old name out of the way so the new handler may reuse it
            unlink(old);
            try {
                ctx = newContext(null, name, newHandler);
            } catch (RuntimeException e) {
                link(old, old.prev, old.next);
                throw e;
            }
            link(ctx, old.prev, old.next);
            // what the old handler still passes on (a decoder's leftovers, say) reaches its replacement
            old.prev = ctx;
            old.next = ctx;
        }
        added(ctx); // the new handler is added before the old one is removed, as in Netty
        removed(old);
        return old.handler();
    }

    private HandlerContext existing(String name) {
        HandlerContext ctx = contextOrNull(name);
        if (ctx == null) {
            throw new NoSuchElementException("No handler named '" + name + "' in the pipeline");
        }
        return ctx;
    }

    private HandlerContext existing(ChannelHandler handler) {
        HandlerContext ctx = (HandlerContext) context(handler);
        if (ctx == null) {
            throw new NoSuchElementException("Handler " + handler + " is not in the pipeline");
        }
        return ctx;
    }

    private HandlerContext contextOrNull(String name) {
        for (HandlerContext ctx = head.next; ctx != tail; ctx = ctx.next) {
            if (ctx.name().equals(name)) {
                return ctx;
            }
        }
        return null;
    }

    @Override
    public ChannelHandler get(String name) {
        ChannelHandlerContext ctx = context(name);
        return ctx == null ? null : ctx.handler();
    }

    @Override
    public <T extends ChannelHandler> T get(Class<T> type) {
        ChannelHandlerContext ctx = context(type);
        return ctx == null ? null : type.cast(ctx.handler());
    }

    @Override
    public ChannelHandlerContext context(String name) {
        return contextOrNull(name);
    }

    @Override
    public ChannelHandlerContext context(ChannelHandler handler) {
        for (HandlerContext ctx = head.next; ctx != tail; ctx = ctx.next) {
            if (ctx.handler() == handler) {
                return ctx;
            }
        }
        return null;
    }

    @Override
    public ChannelHandlerContext context(Class<? extends ChannelHandler> type) {
        for (HandlerContext ctx = head.next; ctx != tail; ctx = ctx.next) {
            if (type.isInstance(ctx.handler())) {
                return ctx;
            }
        }
        return null;
    }

    @Override
    public ChannelHandler first() {
        HandlerContext first = head.next;
        return first == tail ? null : first.handler();
    }

    @Override
    public ChannelHandler last() {
        HandlerContext last = tail.prev;
        return last == head ? null : last.handler();
    }

    @Override
    public List<String> names() {
        List<String> names = new ArrayList<>();
        for (HandlerContext ctx = head.next; ctx != tail; ctx = ctx.next) {
            names.add(ctx.name());
        }
        return names;
    }

    @Override
    public Iterator<Map.Entry<String, ChannelHandler>> iterator() {
        Map<String, ChannelHandler> map = new LinkedHashMap<>();
        for (HandlerContext ctx = head.next; ctx != tail; ctx = ctx.next) {
            map.put(ctx.name(), ctx.handler());
        }
        return map.entrySet().iterator();
    }

    /**
     * Removes every handler, tail to head, calling handlerRemoved; when the channel is gone. Each
     * handler is removed on its own executor, and the next one only after it, so handlerRemoved
     * runs in that order across executors (a handler on a worker is removed before the handler in
     * front of it on the loop). May return before offloaded handlers are removed.
     */
    void destroy() {
        HandlerContext last;
        synchronized (this) {
            last = tail.prev;
            if (last == head) {
                return;
            }
        }
        last.runOnExecutor(() -> destroyLast(last));
    }

    /** On {@code last}'s executor: removes it if it is still the last handler, then goes on. */
    private void destroyLast(HandlerContext last) {
        boolean mine;
        synchronized (this) {
            mine = tail.prev == last;
            if (mine) {
                unlink(last);
            }
        }
        if (mine) {
            removed(last);
        }
        destroy(); // the pipeline may have changed meanwhile: start again from the tail
    }

    // ---- inbound: start at the head -----------------------------------------------------------
    // An event the head does not handle starts at the next handler: the head's default method would
    // only pass it on, and keeping the head's type away from the handler call sites lets the JIT
    // inline them (this doubled inbound throughput in PipelineBenchmark).

    @Override
    public ChannelPipeline fireChannelRegistered() {
        if ((head.mask & HandlerMask.CHANNEL_REGISTERED) != 0) {
            head.invokeChannelRegistered();
        } else {
            head.fireChannelRegistered();
        }
        return this;
    }

    @Override
    public ChannelPipeline fireChannelUnregistered() {
        if ((head.mask & HandlerMask.CHANNEL_UNREGISTERED) != 0) {
            head.invokeChannelUnregistered();
        } else {
            head.fireChannelUnregistered();
        }
        return this;
    }

    @Override
    public ChannelPipeline fireChannelActive() {
        if ((head.mask & HandlerMask.CHANNEL_ACTIVE) != 0) {
            head.invokeChannelActive();
        } else {
            head.fireChannelActive();
        }
        return this;
    }

    @Override
    public ChannelPipeline fireChannelInactive() {
        if ((head.mask & HandlerMask.CHANNEL_INACTIVE) != 0) {
            head.invokeChannelInactive();
        } else {
            head.fireChannelInactive();
        }
        return this;
    }

    @Override
    public ChannelPipeline fireChannelRead(Object msg) {
        if ((head.mask & HandlerMask.CHANNEL_READ) != 0) {
            head.invokeChannelRead(msg);
        } else {
            head.fireChannelRead(msg);
        }
        return this;
    }

    @Override
    public ChannelPipeline fireChannelReadComplete() {
        if ((head.mask & HandlerMask.CHANNEL_READ_COMPLETE) != 0) {
            head.invokeChannelReadComplete();
        } else {
            head.fireChannelReadComplete();
        }
        return this;
    }

    @Override
    public ChannelPipeline fireUserEventTriggered(Object event) {
        if ((head.mask & HandlerMask.USER_EVENT) != 0) {
            head.invokeUserEventTriggered(event);
        } else {
            head.fireUserEventTriggered(event);
        }
        return this;
    }

    @Override
    public ChannelPipeline fireChannelWritabilityChanged() {
        if ((head.mask & HandlerMask.WRITABILITY_CHANGED) != 0) {
            head.invokeChannelWritabilityChanged();
        } else {
            head.fireChannelWritabilityChanged();
        }
        return this;
    }

    @Override
    public ChannelPipeline fireExceptionCaught(Throwable cause) {
        if ((head.mask & HandlerMask.EXCEPTION_CAUGHT) != 0) {
            head.invokeExceptionCaught(cause);
        } else {
            head.fireExceptionCaught(cause);
        }
        return this;
    }

    // ---- outbound: start at the tail ----------------------------------------------------------

    @Override
    public ChannelFuture bind(SocketAddress localAddress, ChannelPromise promise) {
        return tail.bind(localAddress, promise);
    }

    @Override
    public ChannelFuture connect(SocketAddress remoteAddress, SocketAddress localAddress, ChannelPromise promise) {
        return tail.connect(remoteAddress, localAddress, promise);
    }

    @Override
    public ChannelFuture disconnect(ChannelPromise promise) {
        return tail.disconnect(promise);
    }

    @Override
    public ChannelFuture close(ChannelPromise promise) {
        return tail.close(promise);
    }

    @Override
    public ChannelFuture deregister(ChannelPromise promise) {
        return tail.deregister(promise);
    }

    @Override
    public ChannelFuture shutdownOutput(ChannelPromise promise) {
        return tail.shutdownOutput(promise);
    }

    @Override
    public ChannelPipeline read() {
        tail.read();
        return this;
    }

    @Override
    public ChannelFuture write(Object msg, ChannelPromise promise) {
        return tail.write(msg, promise);
    }

    @Override
    public ChannelPipeline flush() {
        tail.flush();
        return this;
    }

    @Override
    public ChannelFuture writeAndFlush(Object msg, ChannelPromise promise) {
        return tail.writeAndFlush(msg, promise);
    }

    @Override
    public ChannelPromise newPromise() {
        return channel.newPromise();
    }

    @Override
    public ChannelFuture newSucceededFuture() {
        return channel.newSucceededFuture();
    }

    @Override
    public ChannelFuture newFailedFuture(Throwable cause) {
        return channel.newFailedFuture(cause);
    }

    @Override
    public ChannelPromise voidPromise() {
        return channel.voidPromise();
    }

    @Override
    public Future<Void> closeFuture() {
        return channel.closeFuture();
    }

    // ---- the tail's reports -------------------------------------------------------------------

    void onUnhandledMessage(Object msg) {
        try {
            Set<Class<?>> reported = reportedUnhandled;
            if (reported == null) {
                synchronized (this) {
                    reported = reportedUnhandled;
                    if (reported == null) {
                        reportedUnhandled = reported = ConcurrentHashMap.newKeySet();
                    }
                }
            }
            if (reported.add(msg.getClass())) {
                String last = lastInboundForwarder;
                LOG.warn("A message of type {} reached the end of the pipeline of {} and was released; the last "
                        + "handler to pass it on was '{}'. Add a handler that consumes it (reported once per channel "
                        + "and type).", msg.getClass().getName(), channel, last == null ? "head" : last);
            }
        } finally {
            ReferenceCounting.safeRelease(msg);
        }
    }

    void onUnhandledException(Throwable cause) {
        if (ConnectionErrors.report(channel, cause)) {
            return; // a peer resetting is no bug: one DEBUG line per channel
        }
        LOG.warn("An exception reached the end of the pipeline of {}: nothing handled it. Add an exceptionCaught() "
                + "handler (usually one that logs and closes the channel).", channel, cause);
    }

    /**
     * The last handler: ends every inbound event, releasing and reporting what nobody consumed. One
     * instance serves every pipeline (it finds the channel through the context).
     */
    private static final class TailHandler implements ChannelHandler {
        static final TailHandler INSTANCE = new TailHandler();

        @Override
        public void channelRegistered(ChannelHandlerContext ctx) {}

        @Override
        public void channelUnregistered(ChannelHandlerContext ctx) {}

        @Override
        public void channelActive(ChannelHandlerContext ctx) {}

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {}

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ((AbstractChannel) ctx.channel()).onUnhandledInboundMessage(msg);
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {}

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
            ReferenceCounting.safeRelease(event);
        }

        @Override
        public void channelWritabilityChanged(ChannelHandlerContext ctx) {}

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ((AbstractChannel) ctx.channel()).onUnhandledInboundException(cause);
        }
    }
}
