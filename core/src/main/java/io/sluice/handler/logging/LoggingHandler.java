package io.sluice.handler.logging;

import io.sluice.buffer.Buffer;
import io.sluice.buffer.Buffers;
import io.sluice.channel.Channel;
import io.sluice.channel.ChannelHandler;
import io.sluice.channel.ChannelHandlerContext;
import io.sluice.channel.ChannelPromise;
import java.net.SocketAddress;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * Logs every event and operation that passes it, at one slf4j level, one line each:
 * {@code [id, L:local - R:remote] WRITE: 5B 68656c6c6f}. A {@link Buffer} is logged as its readable
 * length and its bytes in hex, cut after {@code maxDumpBytes} with the count of bytes left out;
 * other messages by {@code toString()}. Exceptions are logged with their stack trace.
 *
 * <p>When the level is off for the logger, each event costs one level check. Sharable: it holds no
 * per-channel state; messages pass through untouched (ownership goes on with them).
 */
@ChannelHandler.Sharable
public final class LoggingHandler implements ChannelHandler {
    /** Bytes of a buffer shown by default. */
    public static final int DEFAULT_MAX_DUMP_BYTES = 64;

    private final Logger logger;
    private final Level level;
    /** Most bytes of a buffer shown in hex. */
    private final int maxDumpBytes;

    private LoggingHandler(Logger logger, Level level, int maxDumpBytes) {
        this.logger = Objects.requireNonNull(logger, "logger");
        this.level = Objects.requireNonNull(level, "level");
        if (maxDumpBytes < 0) {
            throw new IllegalArgumentException("maxDumpBytes: " + maxDumpBytes + " (expected: >= 0)");
        }
        this.maxDumpBytes = maxDumpBytes;
    }

    /** Returns a handler logging at {@code level} to the logger named after this class, 64 bytes of each buffer. */
    public static LoggingHandler create(Level level) {
        return new LoggingHandler(LoggerFactory.getLogger(LoggingHandler.class), level, DEFAULT_MAX_DUMP_BYTES);
    }

    /**
     * Returns a handler logging at {@code level} to {@code logger}, showing at most
     * {@code maxDumpBytes} of each buffer. @throws IllegalArgumentException if {@code maxDumpBytes} is negative
     */
    public static LoggingHandler create(Logger logger, Level level, int maxDumpBytes) {
        return new LoggingHandler(logger, level, maxDumpBytes);
    }

    /** Returns the level this handler logs at. */
    public Level level() {
        return level;
    }

    private boolean enabled() {
        return switch (level) {
            case ERROR -> logger.isErrorEnabled();
            case WARN -> logger.isWarnEnabled();
            case INFO -> logger.isInfoEnabled();
            case DEBUG -> logger.isDebugEnabled();
            case TRACE -> logger.isTraceEnabled();
        };
    }

    private void log(String line, Throwable cause) {
        switch (level) {
            case ERROR -> logger.error(line, cause);
            case WARN -> logger.warn(line, cause);
            case INFO -> logger.info(line, cause);
            case DEBUG -> logger.debug(line, cause);
            case TRACE -> logger.trace(line, cause);
        }
    }

    private void log(ChannelHandlerContext ctx, String event) {
        if (enabled()) {
            log(prefix(ctx.channel()) + event, null);
        }
    }

    private void log(ChannelHandlerContext ctx, String event, Object arg) {
        if (enabled()) {
            log(prefix(ctx.channel()) + event + ": " + describe(arg), null);
        }
    }

    private static String prefix(Channel ch) {
        SocketAddress local = ch.localAddress();
        SocketAddress remote = ch.remoteAddress();
        StringBuilder sb = new StringBuilder(64).append('[').append(ch.id());
        if (local != null) {
            sb.append(", L:").append(local);
        }
        if (remote != null) {
            sb.append(local != null ? " - R:" : ", R:").append(remote);
        }
        return sb.append("] ").toString();
    }

    /** Formats a message: a buffer as {@code NB hex}, cut at the limit; anything else by toString. */
    String describe(Object msg) {
        if (msg instanceof Buffer buf) {
            int length = buf.readableBytes();
            int shown = Math.min(length, maxDumpBytes);
            StringBuilder sb = new StringBuilder(16 + 2 * shown).append(length).append('B');
            if (shown > 0) {
                sb.append(' ').append(Buffers.hexDump(buf, buf.readerIndex(), shown));
            }
            if (shown < length) {
                sb.append("... (").append(length - shown).append(" more bytes)");
            }
            return sb.toString();
        }
        return String.valueOf(msg);
    }

    // ---- inbound ------------------------------------------------------------------------------

    @Override
    public void channelRegistered(ChannelHandlerContext ctx) {
        log(ctx, "REGISTERED");
        ctx.fireChannelRegistered();
    }

    @Override
    public void channelUnregistered(ChannelHandlerContext ctx) {
        log(ctx, "UNREGISTERED");
        ctx.fireChannelUnregistered();
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        log(ctx, "ACTIVE");
        ctx.fireChannelActive();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        log(ctx, "INACTIVE");
        ctx.fireChannelInactive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        log(ctx, "READ", msg);
        ctx.fireChannelRead(msg);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        log(ctx, "READ_COMPLETE");
        ctx.fireChannelReadComplete();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        log(ctx, "USER_EVENT", event);
        ctx.fireUserEventTriggered(event);
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        log(ctx, "WRITABILITY", ctx.channel().isWritable() ? "writable" : "unwritable");
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (enabled()) {
            log(prefix(ctx.channel()) + "EXCEPTION: " + cause, cause);
        }
        ctx.fireExceptionCaught(cause);
    }

    // ---- outbound -----------------------------------------------------------------------------

    @Override
    public void bind(ChannelHandlerContext ctx, SocketAddress localAddress, ChannelPromise promise) {
        log(ctx, "BIND", localAddress);
        ctx.bind(localAddress, promise);
    }

    @Override
    public void connect(ChannelHandlerContext ctx, SocketAddress remoteAddress, SocketAddress localAddress,
            ChannelPromise promise) {
        log(ctx, "CONNECT", remoteAddress);
        ctx.connect(remoteAddress, localAddress, promise);
    }

    @Override
    public void disconnect(ChannelHandlerContext ctx, ChannelPromise promise) {
        log(ctx, "DISCONNECT");
        ctx.disconnect(promise);
    }

    @Override
    public void close(ChannelHandlerContext ctx, ChannelPromise promise) {
        log(ctx, "CLOSE");
        ctx.close(promise);
    }

    @Override
    public void deregister(ChannelHandlerContext ctx, ChannelPromise promise) {
        log(ctx, "DEREGISTER");
        ctx.deregister(promise);
    }

    @Override
    public void read(ChannelHandlerContext ctx) {
        log(ctx, "READ_REQUEST");
        ctx.read();
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        log(ctx, "WRITE", msg);
        ctx.write(msg, promise);
    }

    @Override
    public void flush(ChannelHandlerContext ctx) {
        log(ctx, "FLUSH");
        ctx.flush();
    }

    @Override
    public void shutdownOutput(ChannelHandlerContext ctx, ChannelPromise promise) {
        log(ctx, "SHUTDOWN_OUTPUT");
        ctx.shutdownOutput(promise);
    }
}
