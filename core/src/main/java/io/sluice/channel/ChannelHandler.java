package io.sluice.channel;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.net.SocketAddress;

/**
 * Handles the events and operations of a channel. Every method has a default that passes the
 * event on unchanged; override the ones you need. The pipeline notices at add time which methods a
 * handler class does not override and skips it for those events without calling it.
 *
 * <p>Inbound events (read, active, ...) travel head to tail and are passed on with
 * {@code ctx.fire*}; outbound operations (write, flush, close, ...) travel tail to head and are
 * passed on with {@code ctx.*}. A handler that consumes a reference-counted message releases it;
 * one that passes it on hands over ownership.
 *
 * <p>Methods run on the handler's executor: the channel's event loop, or the one executor of an
 * offloading group it was added with. An exception thrown from an inbound method goes to this
 * handler's own {@link #exceptionCaught} (whose default passes it on); from an outbound method, it
 * fails that operation's promise.
 *
 * <p>A handler instance may be added to several pipelines only if its class is {@link Sharable}.
 * Instances are told apart by identity, never by {@code equals}: two equal handlers (records with
 * the same components) are two handlers, and each may be added once.
 */
public interface ChannelHandler {

    /** Marks a handler class whose instances may be in many pipelines at once (stateless or thread-safe). */
    @Inherited
    @Documented
    @Target(ElementType.TYPE)
    @Retention(RetentionPolicy.RUNTIME)
    @interface Sharable {}

    /** Called once the handler is in the pipeline and may receive events. */
    default void handlerAdded(ChannelHandlerContext ctx) throws Exception {}

    /** Called once the handler has left the pipeline; release what it holds. */
    default void handlerRemoved(ChannelHandlerContext ctx) throws Exception {}

    // ---- inbound ------------------------------------------------------------------------------

    /** See {@link ChannelInboundInvoker#fireChannelRegistered()}. */
    default void channelRegistered(ChannelHandlerContext ctx) throws Exception {
        ctx.fireChannelRegistered();
    }

    /** See {@link ChannelInboundInvoker#fireChannelUnregistered()}. */
    default void channelUnregistered(ChannelHandlerContext ctx) throws Exception {
        ctx.fireChannelUnregistered();
    }

    /** Connection established (muduo's connection callback). */
    default void channelActive(ChannelHandlerContext ctx) throws Exception {
        ctx.fireChannelActive();
    }

    /** Connection closed. */
    default void channelInactive(ChannelHandlerContext ctx) throws Exception {
        ctx.fireChannelInactive();
    }

    /** A message arrived (muduo's message callback); release it or pass it on. */
    default void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        ctx.fireChannelRead(msg);
    }

    /** The current batch of reads ended: flush replies here, once per batch. */
    default void channelReadComplete(ChannelHandlerContext ctx) throws Exception {
        ctx.fireChannelReadComplete();
    }

    /** A user-defined or framework event. */
    default void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        ctx.fireUserEventTriggered(event);
    }

    /** Writability changed: see {@link Channel#isWritable()}. */
    default void channelWritabilityChanged(ChannelHandlerContext ctx) throws Exception {
        ctx.fireChannelWritabilityChanged();
    }

    /** An exception from an earlier handler or the transport. */
    default void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) throws Exception {
        ctx.fireExceptionCaught(cause);
    }

    // ---- outbound -----------------------------------------------------------------------------

    /** Intercepts a bind. */
    default void bind(ChannelHandlerContext ctx, SocketAddress localAddress, ChannelPromise promise) throws Exception {
        ctx.bind(localAddress, promise);
    }

    /** Intercepts a connect. */
    default void connect(ChannelHandlerContext ctx, SocketAddress remoteAddress, SocketAddress localAddress,
            ChannelPromise promise) throws Exception {
        ctx.connect(remoteAddress, localAddress, promise);
    }

    /** Intercepts a disconnect. */
    default void disconnect(ChannelHandlerContext ctx, ChannelPromise promise) throws Exception {
        ctx.disconnect(promise);
    }

    /** Intercepts a close. */
    default void close(ChannelHandlerContext ctx, ChannelPromise promise) throws Exception {
        ctx.close(promise);
    }

    /** Intercepts a deregister. */
    default void deregister(ChannelHandlerContext ctx, ChannelPromise promise) throws Exception {
        ctx.deregister(promise);
    }

    /** Intercepts a request to read. */
    default void read(ChannelHandlerContext ctx) throws Exception {
        ctx.read();
    }

    /** Intercepts a write; the message's ownership comes with it. */
    default void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
        ctx.write(msg, promise);
    }

    /** Intercepts a flush. */
    default void flush(ChannelHandlerContext ctx) throws Exception {
        ctx.flush();
    }

    /** Intercepts an output shutdown. */
    default void shutdownOutput(ChannelHandlerContext ctx, ChannelPromise promise) throws Exception {
        ctx.shutdownOutput(promise);
    }
}
