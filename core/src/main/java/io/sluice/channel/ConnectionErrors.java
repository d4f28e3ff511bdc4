package io.sluice.channel;

import io.sluice.channel.spi.IoChannel;
import java.io.IOException;
import java.net.SocketException;
import java.nio.channels.ClosedChannelException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells failures of a connection itself (the peer reset it, the pipe broke, it was closed) from
 * failures that point at a bug, for logging. A peer resetting is ordinary on the internet, and a
 * server that logged a stack trace for each could be made to fill its disk: a connection error is
 * one DEBUG line without a stack trace, once per channel however many promises it fails (the log
 * level for this logger, {@code io.sluice.channel.ConnectionErrors}, turns them on). Anything
 * else stays at WARN with its stack, where the caller logs it.
 */
final class ConnectionErrors {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectionErrors.class);

    private ConnectionErrors() {}

    /**
     * Returns whether {@code cause} is a failure of the connection: a closed channel, a socket error
     * ({@code SocketException}: reset, refused, broken pipe on some platforms), or the plain
     * {@code IOException} the JDK's socket channels throw for "Connection reset by peer" and
     * "Broken pipe". Subclasses of {@code IOException} that carry meaning of their own (a TLS
     * failure, say) are not.
     */
    static boolean isConnectionError(Throwable cause) {
        return cause instanceof ClosedChannelException || cause instanceof SocketException
                || cause.getClass() == IOException.class;
    }

    /**
     * Reports {@code cause} if it is a connection error of {@code channel}: one DEBUG line, the
     * first time for this channel. @return false if it is not one (the caller reports it)
     */
    static boolean report(Channel channel, Throwable cause) {
        if (!isConnectionError(cause)) {
            return false;
        }
        if (channel instanceof IoChannel ch && !ch.firstConnectionError()) {
            return true;
        }
        LOG.debug("{}: connection error: {}", channel, cause.toString());
        return true;
    }
}
