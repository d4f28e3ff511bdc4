package io.sluice.codec.http;

import io.sluice.buffer.ReferenceCounting;
import io.sluice.channel.ChannelHandler;
import io.sluice.channel.ChannelHandlerContext;
import io.sluice.channel.ChannelPromise;
import io.sluice.concurrent.ScheduledFuture;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connection rules of an HTTP/1.1 server (RFC 9112, section 9), between the codec
 * ({@link HttpRequestDecoder}, {@link HttpResponseEncoder}) and the application:
 * <ul>
 * <li>Keep-alive: HTTP/1.1 stays open unless either side says {@code Connection: close}; HTTP/1.0
 *     closes unless the request says {@code Connection: keep-alive} (then the response says so too).
 *     After a response that closes, the channel closes once it is sent, and requests read after the
 *     closing one are dropped unanswered.</li>
 * <li>Pipelining: requests are passed on as they arrive; responses go out in request order. The
 *     application writes each response either while handling its request ({@code channelRead}) or
 *     later in request order (a response written later belongs to the oldest unanswered request).
 *     A response written early (its request was handled before an earlier one was answered) is
 *     held back until the earlier ones are sent. With {@code maxInFlight} requests unanswered,
 *     reading stops (auto-read off) until one is answered.</li>
 * <li>{@code Expect: 100-continue}: when the request's turn comes and the application has not
 *     answered it already (say with 413 or 417, from {@link HttpObjectAggregator}), a
 *     {@code 100 Continue} is sent.</li>
 * <li>HEAD: the response's content is dropped (the encoder is told), its headers kept.</li>
 * <li>{@code Date}: added to every response that lacks one, rendered once per second.</li>
 * <li>Bad requests: an {@link HttpDecoderException} from the decoder (or one fired by a handler
 *     before this one) is answered, in order, with its status and {@code Connection: close}, then
 *     the channel closes. Other exceptions are passed on.</li>
 * <li>Idle: a connection with no request in progress for {@code idleTimeout} is closed.</li>
 * </ul>
 *
 * <p>Runs on the channel's event loop; one instance per connection. For a protocol upgrade (101),
 * the upgrading handler removes the codec and this handler after writing the 101 response.
 */
public final class HttpServerKeepAliveHandler implements ChannelHandler {
    private static final Logger log = LoggerFactory.getLogger(HttpServerKeepAliveHandler.class);
    /** Default most unanswered requests before reading pauses. */
    public static final int DEFAULT_MAX_IN_FLIGHT = 64;
    /** Default idle keep-alive timeout, in seconds. */
    public static final int DEFAULT_IDLE_TIMEOUT_SECONDS = 60;

    /** One request waiting for (the end of) its response. */
    private static final class Exchange {
        final boolean keepAlive;
        final boolean head;
        final boolean http10;
        final boolean expectContinue;
        /** The decoding error this exchange answers, or null for a request. */
        HttpDecoderException error;
        /** The whole request (head and content) was read. */
        boolean requestComplete;
        boolean responseStarted;
        boolean continueSent;
        /** The response's messages written before this exchange's turn, with their promises. */
        ArrayDeque<Object> held;

        Exchange(HttpRequest request) {
            HttpHeaders h = request.headers();
            http10 = request.version() == HttpVersion.HTTP_1_0;
            keepAlive = http10 ? h.containsToken(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE)
                    : !h.containsToken(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            head = request.method().equals(HttpMethod.HEAD);
            expectContinue = !http10 && h.containsToken(HttpHeaderNames.EXPECT, HttpHeaderValues.CONTINUE);
        }

        Exchange(HttpDecoderException error) {
            keepAlive = false;
            head = false;
            http10 = false;
            expectContinue = false;
            requestComplete = true;
            this.error = error;
        }
    }

    private final int maxInFlight;
    private final long idleTimeoutNanos;
    private final HttpDate date;
    /** Unanswered exchanges, oldest first; the first one is the one being answered. */
    private final ArrayDeque<Exchange> exchanges = new ArrayDeque<>();
    /** The exchange whose request is being passed on (responses written meanwhile are its own). */
    private Exchange dispatching;
    /** A response that closes the connection was accepted: later requests are dropped. */
    private boolean closing;
    /** The first exchange's response closes the connection once sent. */
    private boolean closeAfterResponse;
    private boolean readsPaused;
    /** When the connection last had no request in progress ({@link Long#MIN_VALUE}: busy). */
    private long idleSinceNanos;
    private ScheduledFuture<?> idleCheck;
    private ChannelHandlerContext ctx;

    /** A handler with the defaults: 64 requests in flight, 60 s idle timeout, the system clock for Date. */
    public HttpServerKeepAliveHandler() {
        this(DEFAULT_MAX_IN_FLIGHT, TimeUnit.SECONDS.toNanos(DEFAULT_IDLE_TIMEOUT_SECONDS), HttpDate.system());
    }

    /**
     * A handler with every setting.
     *
     * @param maxInFlight unanswered requests at which reading pauses, at least 1
     * @param idleTimeoutNanos how long a connection may stay without a request in progress; 0 for never
     * @param date the clock of the {@code Date} header
     */
    public HttpServerKeepAliveHandler(int maxInFlight, long idleTimeoutNanos, HttpDate date) {
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("maxInFlight: " + maxInFlight + " (expected: >= 1)");
        }
        if (idleTimeoutNanos < 0) {
            throw new IllegalArgumentException("idleTimeoutNanos: " + idleTimeoutNanos + " (expected: >= 0)");
        }
        this.maxInFlight = maxInFlight;
        this.idleTimeoutNanos = idleTimeoutNanos;
        this.date = java.util.Objects.requireNonNull(date, "date");
    }

    // ---- inbound -------------------------------------------------------------------------------

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        if (ctx.channel().isActive()) {
            startIdle();
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        startIdle();
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        HttpRequest request = msg instanceof FullHttpRequest f ? f.head() : msg instanceof HttpRequest r ? r : null;
        Exchange newest = exchanges.peekLast();
        if (closing && (request != null || newest == null || newest.requestComplete)) {
            ReferenceCounting.release(msg); // after the request that closes: not processed
            return;
        }
        if (request == null) {
            if (newest != null && msg instanceof HttpContent c && c.last()) {
                newest.requestComplete = true;
            }
            dispatch(ctx, newest, msg); // content of the newest request, or not HTTP
            return;
        }
        Exchange e = new Exchange(request);
        e.requestComplete = msg instanceof FullHttpRequest;
        exchanges.add(e);
        idleSinceNanos = Long.MIN_VALUE;
        if (!e.keepAlive) {
            closing = true; // nothing after this request is processed
        }
        if (exchanges.size() >= maxInFlight && !readsPaused) {
            readsPaused = true;
            ctx.channel().config().autoRead(false);
        }
        dispatch(ctx, e, msg);
        if (e.expectContinue && exchanges.peek() == e) {
            sendContinue(e);
        }
    }

    /** Passes {@code msg} on; what is written meanwhile answers {@code e}. */
    private void dispatch(ChannelHandlerContext ctx, Exchange e, Object msg) {
        Exchange outer = dispatching;
        dispatching = e;
        try {
            ctx.fireChannelRead(msg);
        } finally {
            dispatching = outer;
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) throws Exception {
        HttpDecoderException bad = cause instanceof HttpDecoderException h ? h
                : cause.getCause() instanceof HttpDecoderException h ? h : null;
        if (bad == null) {
            ctx.fireExceptionCaught(cause);
            return;
        }
        log.debug("{}: bad request: {}", ctx.channel(), bad.getMessage());
        if (closing || !ctx.channel().isActive()) {
            return; // a response closes the connection already, or it is closed: nothing more is answered
        }
        closing = true;
        Exchange newest = exchanges.peekLast();
        if (newest != null && !newest.requestComplete) {
            // the error is in the content of the newest request: the answer to that request is the error
            if (newest.responseStarted) {
                ctx.channel().closeGracefully(); // too late to answer: end what was sent, then close
                return;
            }
            newest.error = bad;
        } else {
            exchanges.add(new Exchange(bad));
        }
        idleSinceNanos = Long.MIN_VALUE;
        if (exchanges.peek().error != null) {
            takeTurn();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        for (Exchange e; (e = exchanges.poll()) != null; ) {
            dropHeld(e);
        }
        if (idleCheck != null) {
            idleCheck.cancel(false);
            idleCheck = null;
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        for (Exchange e : exchanges) {
            dropHeld(e);
        }
        exchanges.clear();
        if (idleCheck != null) {
            idleCheck.cancel(false);
            idleCheck = null;
        }
        if (readsPaused) {
            readsPaused = false;
            ctx.channel().config().autoRead(true);
        }
    }

    // ---- outbound ------------------------------------------------------------------------------

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
        if (!(msg instanceof HttpObject)) {
            ctx.write(msg, promise);
            return;
        }
        Exchange e = dispatching != null && exchanges.contains(dispatching) ? dispatching : exchanges.peek();
        if (e == null) {
            // an unsolicited response (e.g. 408 before closing): sent as it is, and the connection closes
            closeAfterResponse = true;
            ctx.write(msg, promise);
            if (isEnd(msg)) {
                ctx.flush();
                ctx.channel().closeGracefully();
            }
            return;
        }
        if (e != exchanges.peek()) {
            if (e.held == null) {
                e.held = new ArrayDeque<>(4);
            }
            e.held.add(msg);
            e.held.add(promise);
            if (isFinalHead(msg) && closesConnection(e, msg)) {
                closing = true;
            }
            return;
        }
        writeOwn(ctx, e, msg, promise);
    }

    /** Writes a message of the first exchange's response, applying the connection rules. */
    private void writeOwn(ChannelHandlerContext ctx, Exchange e, Object msg, ChannelPromise promise) {
        Object out = msg;
        if (isFinalHead(msg)) {
            e.responseStarted = true;
            out = prepareHead(e, msg);
        } else if (isInterimHead(msg)) {
            ctx.write(msg, promise); // 100 Continue and the like: the exchange goes on
            return;
        }
        ctx.write(out, promise);
        if (isEnd(msg)) {
            finish(ctx);
        }
    }

    /** Adds Date and Connection to a final response head; tells the encoder about HEAD. */
    private Object prepareHead(Exchange e, Object msg) {
        HttpResponse head = msg instanceof FullHttpResponse f ? f.head() : (HttpResponse) msg;
        HttpHeaders h = head.headers();
        if (!h.contains(HttpHeaderNames.DATE)) {
            h.add(HttpHeaderNames.DATE, date.now());
        }
        Object out = msg;
        boolean close = closesConnection(e, msg);
        if (e.http10 && msg instanceof HttpResponse r && !h.contains(HttpHeaderNames.CONTENT_LENGTH)) {
            // an HTTP/1.0 client knows no chunked coding: the content ends with the connection
            close = true;
            h.remove(HttpHeaderNames.TRANSFER_ENCODING);
            out = new HttpResponse(HttpVersion.HTTP_1_0, r.status(), h);
        }
        if (close) {
            closing = true;
            closeAfterResponse = true;
            if (!h.containsToken(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE)) {
                h.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            }
        } else if (e.http10) {
            h.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
        }
        if (e.head) {
            ctx.write(HttpResponseEncoder.HEAD_RESPONSE_NEXT, ctx.voidPromise());
        }
        return out;
    }

    private boolean closesConnection(Exchange e, Object msg) {
        HttpResponse head = msg instanceof FullHttpResponse f ? f.head() : (HttpResponse) msg;
        return !e.keepAlive || head.headers().containsToken(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
    }

    /** The first exchange's response is written: close, or move on to the next exchange. */
    private void finish(ChannelHandlerContext ctx) {
        exchanges.poll();
        if (closeAfterResponse) {
            for (Exchange later; (later = exchanges.poll()) != null; ) {
                dropHeld(later);
            }
            ctx.flush();
            ctx.channel().closeGracefully();
            return;
        }
        if (readsPaused && exchanges.size() < maxInFlight) {
            readsPaused = false;
            ctx.channel().config().autoRead(true);
        }
        if (exchanges.isEmpty()) {
            idleSinceNanos = ctx.executor().ticker().nanoTime();
        } else {
            takeTurn();
        }
    }

    /** The first exchange's turn has come: answer its error, write its held response, or send 100. */
    private void takeTurn() {
        Exchange e = exchanges.peek();
        if (e == null) {
            return;
        }
        if (e.error != null) {
            answerError(e.error.status());
            return;
        }
        ArrayDeque<Object> held = e.held;
        if (held != null) {
            e.held = null;
            boolean flush = false;
            while (!held.isEmpty()) {
                Object msg = held.poll();
                ChannelPromise promise = (ChannelPromise) held.poll();
                writeOwn(ctx, e, msg, promise);
                flush = true;
            }
            if (flush) {
                ctx.flush(); // the application flushed these long ago
            }
            return;
        }
        if (e.expectContinue) {
            sendContinue(e);
        }
    }

    private void sendContinue(Exchange e) {
        if (e.responseStarted || e.continueSent) {
            return;
        }
        e.continueSent = true;
        ctx.writeAndFlush(new FullHttpResponse(HttpResponse.of(HttpStatus.CONTINUE), ctx.alloc().buffer(0),
                HttpHeaders.empty()), ctx.voidPromise());
    }

    private void answerError(HttpStatus status) {
        FullHttpResponse response = FullHttpResponse.ofText(status, status + "\n");
        response.headers().add(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        Exchange e = exchanges.peek();
        e.responseStarted = true;
        closeAfterResponse = true;
        Object out = prepareHead(e, response);
        ctx.write(out, ctx.voidPromise());
        finish(ctx);
    }

    private static void dropHeld(Exchange e) {
        ArrayDeque<Object> held = e.held;
        e.held = null;
        if (held != null) {
            while (!held.isEmpty()) {
                ReferenceCounting.safeRelease(held.poll());
                ((ChannelPromise) held.poll()).tryFailure(
                        new IllegalStateException("response: dropped (expected: the connection open until its turn)"));
            }
        }
    }

    private static boolean isFinalHead(Object msg) {
        HttpResponse head = msg instanceof FullHttpResponse f ? f.head() : msg instanceof HttpResponse r ? r : null;
        return head != null && (!head.status().isInformational() || head.status().code() == 101);
    }

    private static boolean isInterimHead(Object msg) {
        return (msg instanceof HttpResponse || msg instanceof FullHttpResponse) && !isFinalHead(msg);
    }

    /** Whether {@code msg} ends a response: a whole final response, or the last piece of content. */
    private static boolean isEnd(Object msg) {
        return msg instanceof FullHttpResponse && isFinalHead(msg) || msg instanceof HttpContent c && c.last();
    }

    // ---- idle timeout --------------------------------------------------------------------------

    private void startIdle() {
        if (exchanges.isEmpty()) {
            idleSinceNanos = ctx.executor().ticker().nanoTime();
        }
        if (idleTimeoutNanos > 0 && idleCheck == null) {
            idleCheck = ctx.executor().schedule(this::checkIdle, idleTimeoutNanos, TimeUnit.NANOSECONDS);
        }
    }

    private void checkIdle() {
        idleCheck = null;
        if (!ctx.channel().isOpen()) {
            return;
        }
        long delay = idleTimeoutNanos;
        if (exchanges.isEmpty() && idleSinceNanos != Long.MIN_VALUE) {
            long idle = ctx.executor().ticker().nanoTime() - idleSinceNanos;
            if (idle >= idleTimeoutNanos) {
                log.debug("{}: idle for {} ms: closing", ctx.channel(), TimeUnit.NANOSECONDS.toMillis(idle));
                ctx.channel().close();
                return;
            }
            delay = idleTimeoutNanos - idle;
        }
        idleCheck = ctx.executor().schedule(this::checkIdle, delay, TimeUnit.NANOSECONDS);
    }
}
