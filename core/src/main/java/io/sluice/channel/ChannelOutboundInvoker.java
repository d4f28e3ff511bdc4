package io.sluice.channel;

import io.sluice.concurrent.Future;
import java.net.SocketAddress;

/**
 * The outbound operations, shared by {@link Channel} and {@link ChannelPipeline} (which start at
 * the tail) and {@link ChannelHandlerContext} (which starts at the next handler towards the head).
 * Each returns a future that completes on the channel's event loop; a failure nobody listens to is
 * logged.
 */
public interface ChannelOutboundInvoker {

    /** Binds to a local address. */
    default ChannelFuture bind(SocketAddress localAddress) {
        return bind(localAddress, newPromise());
    }

    /** Connects to a remote address. */
    default ChannelFuture connect(SocketAddress remoteAddress) {
        return connect(remoteAddress, null, newPromise());
    }

    /** Connects to a remote address from a given local one. */
    default ChannelFuture connect(SocketAddress remoteAddress, SocketAddress localAddress) {
        return connect(remoteAddress, localAddress, newPromise());
    }

    /** Disconnects (for connectionless transports), or closes. */
    default ChannelFuture disconnect() {
        return disconnect(newPromise());
    }

    /** Closes now: pending writes fail. */
    default ChannelFuture close() {
        return close(newPromise());
    }

    /** Deregisters from the event loop. */
    default ChannelFuture deregister() {
        return deregister(newPromise());
    }

    /** Shuts down the output (half-close) after what was flushed is sent. */
    default ChannelFuture shutdownOutput() {
        return shutdownOutput(newPromise());
    }

    /** Like {@link #bind(SocketAddress)}, completing {@code promise}. @return {@code promise} */
    ChannelFuture bind(SocketAddress localAddress, ChannelPromise promise);

    /** Like {@link #connect(SocketAddress, SocketAddress)}, completing {@code promise}. @return {@code promise} */
    ChannelFuture connect(SocketAddress remoteAddress, SocketAddress localAddress, ChannelPromise promise);

    /** Like {@link #disconnect()}, completing {@code promise}. @return {@code promise} */
    ChannelFuture disconnect(ChannelPromise promise);

    /** Like {@link #close()}, completing {@code promise}. @return {@code promise} */
    ChannelFuture close(ChannelPromise promise);

    /** Like {@link #deregister()}, completing {@code promise}. @return {@code promise} */
    ChannelFuture deregister(ChannelPromise promise);

    /** Like {@link #shutdownOutput()}, completing {@code promise}. @return {@code promise} */
    ChannelFuture shutdownOutput(ChannelPromise promise);

    /** Asks for one more read (needed when auto-read is off). @return this */
    ChannelOutboundInvoker read();

    /**
     * Queues {@code msg} for writing; nothing is sent until {@link #flush()}. The pipeline takes
     * ownership of a reference-counted message (it is released once written or failed).
     */
    default ChannelFuture write(Object msg) {
        return write(msg, newPromise());
    }

    /** Like {@link #write(Object)}, completing {@code promise}. @return {@code promise} */
    ChannelFuture write(Object msg, ChannelPromise promise);

    /** Sends what was written. @return this */
    ChannelOutboundInvoker flush();

    /** {@link #write(Object)} then {@link #flush()}. */
    default ChannelFuture writeAndFlush(Object msg) {
        return writeAndFlush(msg, newPromise());
    }

    /** Like {@link #writeAndFlush(Object)}, completing {@code promise}. @return {@code promise} */
    ChannelFuture writeAndFlush(Object msg, ChannelPromise promise);

    /** Returns a new promise for this channel. */
    ChannelPromise newPromise();

    /** Returns a future that already succeeded. */
    ChannelFuture newSucceededFuture();

    /** Returns a future that already failed with {@code cause}. */
    ChannelFuture newFailedFuture(Throwable cause);

    /**
     * Returns the channel's shared void promise, for fire-and-forget writes that want no per-write
     * object: it takes no listeners and cannot be waited for; a failure is passed to
     * {@code exceptionCaught}.
     */
    ChannelPromise voidPromise();

    /** Returns the channel's close future. */
    Future<Void> closeFuture();
}
