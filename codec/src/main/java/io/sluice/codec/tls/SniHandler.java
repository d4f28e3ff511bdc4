package io.sluice.codec.tls;

import io.sluice.buffer.Buffer;
import io.sluice.channel.ChannelHandler;
import io.sluice.channel.ChannelHandlerContext;
import io.sluice.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Server side: reads the client's first TLS record, takes the host name it asks for (SNI), picks a
 * {@link TlsContext} for that name and replaces itself with that context's {@link TlsHandler},
 * handing it the bytes read so far; then fires a {@link SniCompletionEvent}. The name is looked for
 * in the first record only (a ClientHello fits one unless it is over 16 KiB); a client that sends
 * none gets the context chosen for {@code null}.
 *
 * <pre>{@code
 * Function<String, TlsContext> contexts = SniHandler.mapping(defaultContext, Map.of(
 *         "api.example.com", apiContext, "*.example.com", wildcardContext));
 * childHandler(ch -> ch.pipeline().addLast("tls", SniHandler.create(contexts)).addLast(...))
 * }</pre>
 *
 * <p>Bad input: bytes that are not a TLS record fail with {@link NotSslRecordException}; a client
 * that sends no whole record within the timeout (10 s by default) fails with
 * {@link SslHandshakeTimeoutException}. Either is fired to {@code exceptionCaught}, the bytes held
 * are released and the connection is closed. One instance per connection; event loop only.
 */
public final class SniHandler implements ChannelHandler {
    private final Function<String, TlsContext> contexts;
    private final long timeoutNanos;
    private Buffer buffered;
    private ScheduledFuture<?> timer;
    private boolean done;

    private SniHandler(Function<String, TlsContext> contexts, Duration timeout) {
        this.contexts = Objects.requireNonNull(contexts, "contexts");
        this.timeoutNanos = Objects.requireNonNull(timeout, "timeout").toNanos();
        if (timeoutNanos < 0) {
            throw new IllegalArgumentException("timeout: " + timeout + " (expected: zero or more)");
        }
    }

    /** Returns a handler for one connection choosing with {@code contexts} and waiting at most 10 s for the ClientHello. */
    public static SniHandler create(Function<String, TlsContext> contexts) {
        return new SniHandler(contexts, Duration.ofSeconds(10));
    }

    /** Returns a handler for one connection; {@code timeout} bounds the wait for the first record (zero: none). */
    public static SniHandler create(Function<String, TlsContext> contexts, Duration timeout) {
        return new SniHandler(contexts, timeout);
    }

    /**
     * Returns a choice by exact name, then by wildcard ({@code *.example.com} matches one more label
     * in front, as in certificates), then {@code defaultContext}; names compare case-insensitively.
     * The returned function is immutable and may be shared by every connection.
     */
    public static Function<String, TlsContext> mapping(TlsContext defaultContext, Map<String, TlsContext> byHostName) {
        Objects.requireNonNull(defaultContext, "defaultContext");
        Map<String, TlsContext> names = new HashMap<>();
        byHostName.forEach((name, context) -> names.put(name.toLowerCase(Locale.ROOT),
                Objects.requireNonNull(context, "byHostName value for " + name)));
        return hostName -> {
            if (hostName == null) {
                return defaultContext;
            }
            TlsContext exact = names.get(hostName);
            if (exact != null) {
                return exact;
            }
            int dot = hostName.indexOf('.');
            TlsContext wildcard = dot > 0 ? names.get("*" + hostName.substring(dot)) : null;
            return wildcard != null ? wildcard : defaultContext;
        };
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        if (timeoutNanos > 0) {
            timer = ctx.executor().schedule(() -> timedOut(ctx), timeoutNanos, TimeUnit.NANOSECONDS);
        }
    }

    private void timedOut(ChannelHandlerContext ctx) {
        timer = null;
        if (!done) {
            long millis = TimeUnit.NANOSECONDS.toMillis(timeoutNanos);
            fail(ctx, new SslHandshakeTimeoutException("TLS ClientHello: not received after " + millis
                    + " ms (expected: within the SNI timeout, " + millis + " ms)"));
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof Buffer in) || done) {
            ctx.fireChannelRead(msg);
            return;
        }
        if (buffered == null) {
            buffered = in;
        } else {
            Buffer merged = ctx.alloc().directBuffer(buffered.readableBytes() + in.readableBytes());
            merged.writeBytes(buffered).writeBytes(in);
            buffered.release();
            in.release();
            buffered = merged;
        }
        int length;
        try {
            length = TlsRecords.recordLength(buffered, buffered.readerIndex());
        } catch (NotSslRecordException e) {
            fail(ctx, e);
            return;
        }
        if (length > 0 && buffered.readableBytes() >= length) {
            choose(ctx, ClientHelloSni.hostName(buffered, length));
        }
    }

    private void choose(ChannelHandlerContext ctx, String hostName) {
        done = true;
        cancelTimer();
        TlsContext context;
        TlsHandler handler;
        try {
            context = Objects.requireNonNull(contexts.apply(hostName), "context for " + hostName);
            handler = context.newHandler();
        } catch (RuntimeException e) {
            fail(ctx, e);
            return;
        }
        ctx.fireUserEventTriggered(new SniCompletionEvent(hostName));
        ctx.pipeline().replace(this, ctx.name(), handler); // handlerRemoved passes the bytes on to it
    }

    private void fail(ChannelHandlerContext ctx, Throwable cause) {
        done = true;
        cancelTimer();
        releaseBuffered();
        ctx.fireExceptionCaught(cause);
        ctx.close();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        cancelTimer();
        Buffer left = buffered;
        buffered = null;
        if (left != null) {
            ctx.fireChannelRead(left); // to the TLS handler that replaced this one; ownership goes with it
            ctx.fireChannelReadComplete();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        done = true;
        cancelTimer();
        releaseBuffered();
        ctx.fireChannelInactive();
    }

    private void cancelTimer() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }

    private void releaseBuffered() {
        if (buffered != null) {
            buffered.release();
            buffered = null;
        }
    }
}
