package io.sluice.codec.http;

import io.sluice.buffer.CompositeBuffer;
import io.sluice.buffer.ReferenceCounting;
import io.sluice.channel.Channel;
import io.sluice.channel.ChannelHandler;
import io.sluice.channel.ChannelHandlerContext;
import io.sluice.concurrent.Future;
import io.sluice.concurrent.Promise;
import io.sluice.concurrent.ScheduledFuture;
import java.nio.channels.ClosedChannelException;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The client end of one HTTP/1.1 connection: {@link #send} writes a request and returns a future of
 * its whole response; requests may be pipelined, responses are matched to them in order. Placed
 * after {@link HttpClientCodec}'s handlers.
 *
 * <ul>
 * <li>Keep-alive: the connection stays open for the next request unless a response (or the
 *     request) says {@code Connection: close}; then it closes after that response and the requests
 *     sent after it fail.</li>
 * <li>Response timeout: if the oldest request waits longer than {@code responseTimeoutNanos} for
 *     the end of its response, every waiting request fails with a {@link TimeoutException} and the
 *     connection closes (a late response would answer the wrong request).</li>
 * <li>Content is gathered up to {@code maxContentLength} bytes; a larger response fails its request
 *     and closes the connection. Interim (1xx) responses are skipped.</li>
 * <li>A decoding error or the connection's end fails every waiting request.</li>
 * </ul>
 *
 * <p>{@link #send} may be called from any thread; everything else runs on the channel's event loop.
 * The future completes on the event loop; the caller owns (and releases) the response.
 */
public final class HttpClientConnection implements ChannelHandler {
    private record Pending(Promise<FullHttpResponse> promise, long deadlineNanos) {}

    private final long responseTimeoutNanos;
    private final int maxContentLength;
    private final ArrayDeque<Pending> pending = new ArrayDeque<>();
    private ChannelHandlerContext ctx;
    private HttpResponse head;
    private CompositeBuffer content;
    private ScheduledFuture<?> timeoutCheck;
    private boolean closing;

    /**
     * A connection handler.
     *
     * @param responseTimeoutNanos how long a request may wait for its whole response, > 0
     * @param maxContentLength the largest response content accepted, in bytes
     */
    public HttpClientConnection(long responseTimeoutNanos, int maxContentLength) {
        if (responseTimeoutNanos <= 0) {
            throw new IllegalArgumentException("responseTimeoutNanos: " + responseTimeoutNanos + " (expected: > 0)");
        }
        if (maxContentLength < 0) {
            throw new IllegalArgumentException("maxContentLength: " + maxContentLength + " (expected: >= 0)");
        }
        this.responseTimeoutNanos = responseTimeoutNanos;
        this.maxContentLength = maxContentLength;
    }

    /** Returns the handler of {@code channel}'s pipeline, or throws if there is none. */
    public static HttpClientConnection of(Channel channel) {
        HttpClientConnection c = channel.pipeline().get(HttpClientConnection.class);
        if (c == null) {
            throw new IllegalStateException("pipeline: no HttpClientConnection (expected: one after HttpClientCodec)");
        }
        return c;
    }

    /**
     * Sends {@code request} (taking ownership) and returns its response to come. Fails at once if
     * the connection is closing or closed.
     */
    public Future<FullHttpResponse> send(FullHttpRequest request) {
        Objects.requireNonNull(request, "request");
        ChannelHandlerContext c = Objects.requireNonNull(ctx, "ctx (expected: the handler in a pipeline)");
        Promise<FullHttpResponse> promise = c.executor().newPromise();
        if (c.executor().inEventLoop()) {
            send0(request, promise);
        } else {
            c.executor().execute(() -> send0(request, promise));
        }
        return promise;
    }

    private void send0(FullHttpRequest request, Promise<FullHttpResponse> promise) {
        if (closing || !ctx.channel().isActive()) {
            request.release();
            promise.tryFailure(new ClosedChannelException());
            return;
        }
        if (request.headers().containsToken(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE)) {
            closing = true;
        }
        pending.add(new Pending(promise, ctx.executor().ticker().nanoTime() + responseTimeoutNanos));
        ctx.writeAndFlush(request).addListener(f -> {
            if (!f.isSuccess()) {
                failAll(f.cause());
                ctx.close();
            }
        });
        if (timeoutCheck == null) {
            timeoutCheck = ctx.executor().schedule(this::checkTimeout, responseTimeoutNanos, TimeUnit.NANOSECONDS);
        }
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (msg instanceof FullHttpResponse f) {
                if (!f.status().isInformational() || f.status().code() == 101) {
                    complete((FullHttpResponse) f.retain());
                }
            } else if (msg instanceof HttpResponse r) {
                head = r;
                content = ctx.alloc().compositeBuffer(Integer.MAX_VALUE);
            } else if (msg instanceof HttpContent c && head != null) {
                if ((long) content.readableBytes() + c.content().readableBytes() > maxContentLength) {
                    fail(new HttpDecoderException(HttpStatus.CONTENT_TOO_LARGE, "response content: more than "
                            + maxContentLength + " bytes (expected: at most " + maxContentLength + ")"));
                    return;
                }
                content.addComponent(c.content().retain());
                if (c.last()) {
                    FullHttpResponse full = new FullHttpResponse(head, content, c.trailers());
                    head = null;
                    content = null;
                    complete(full);
                }
            }
        } finally {
            ReferenceCounting.release(msg);
        }
    }

    private void complete(FullHttpResponse response) {
        Pending p = pending.poll();
        boolean close = response.headers().containsToken(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE)
                || response.version() == HttpVersion.HTTP_1_0
                        && !response.headers().containsToken(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
        if (p == null || !p.promise.trySuccess(response)) {
            response.release(); // unsolicited, or the caller gave up
        }
        if (close) {
            closing = true;
            failAll(new ClosedChannelException());
            ctx.close();
        }
    }

    private void fail(Throwable cause) {
        failAll(cause);
        ctx.close();
    }

    private void failAll(Throwable cause) {
        dropContent();
        for (Pending p; (p = pending.poll()) != null; ) {
            p.promise.tryFailure(cause);
        }
    }

    private void dropContent() {
        head = null;
        ReferenceCounting.safeRelease(content);
        content = null;
    }

    private void checkTimeout() {
        timeoutCheck = null;
        Pending oldest = pending.peek();
        if (oldest == null) {
            return;
        }
        long left = oldest.deadlineNanos - ctx.executor().ticker().nanoTime();
        if (left <= 0) {
            fail(new TimeoutException("response: none within "
                    + TimeUnit.NANOSECONDS.toMillis(responseTimeoutNanos) + " ms (expected: a response in time)"));
            return;
        }
        timeoutCheck = ctx.executor().schedule(this::checkTimeout, left, TimeUnit.NANOSECONDS);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        fail(cause);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        closing = true;
        failAll(new ClosedChannelException());
        if (timeoutCheck != null) {
            timeoutCheck.cancel(false);
            timeoutCheck = null;
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        dropContent();
    }
}
