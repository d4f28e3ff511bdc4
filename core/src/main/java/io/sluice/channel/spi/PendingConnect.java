package io.sluice.channel.spi;

import io.sluice.channel.ChannelPromise;
import io.sluice.channel.ConnectTimeoutException;
import io.sluice.concurrent.ScheduledFuture;
import java.net.ConnectException;
import java.net.SocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * A connect the transport has started and not finished: its promise, where it goes (for error
 * messages once the socket is closed) and its timeout. Made only while a connect is pending, so an
 * accepted or idle channel holds none. Loop only; it is its own timeout task.
 */
final class PendingConnect implements Runnable {
    private final AbstractChannel channel;
    private final ChannelPromise promise;
    private final SocketAddress remoteAddress;
    private final int timeoutMillis;
    /** Fails the connect when it fires; null without a timeout. */
    private final ScheduledFuture<?> timeout;

    /** Starts waiting for {@code promise}; schedules its timeout if {@code timeoutMillis > 0}. */
    PendingConnect(AbstractChannel channel, ChannelPromise promise, SocketAddress remoteAddress, int timeoutMillis) {
        this.channel = channel;
        this.promise = promise;
        this.remoteAddress = remoteAddress;
        this.timeoutMillis = timeoutMillis;
        this.timeout = timeoutMillis > 0 ? channel.eventLoop().schedule(this, timeoutMillis, TimeUnit.MILLISECONDS) : null;
    }

    ChannelPromise promise() {
        return promise;
    }

    /** The timeout: fails the connect and closes the channel. */
    @Override
    public void run() {
        if (channel.connectEnded(this) && promise.tryFailure(new ConnectTimeoutException(
                "connection timed out after " + timeoutMillis + " ms: " + remoteAddress))) {
            channel.closeNow(new java.nio.channels.ClosedChannelException());
        }
    }

    /** Drops the timeout: the connect finished, failed or the channel closed. */
    void cancelTimeout() {
        if (timeout != null) {
            timeout.cancel(false);
        }
    }

    /** Returns {@code t}, or a {@link ConnectException} naming the address when {@code t}'s message does not. */
    Throwable annotate(Throwable t) {
        return annotate(t, remoteAddress);
    }

    static Throwable annotate(Throwable t, SocketAddress remote) {
        if (t instanceof ConnectException && !(t instanceof ConnectTimeoutException) && remote != null
                && (t.getMessage() == null || !t.getMessage().contains(remote.toString()))) {
            ConnectException annotated = new ConnectException(t.getMessage() + ": " + remote);
            annotated.initCause(t);
            return annotated;
        }
        return t;
    }
}
