package io.sluice.codec.http;

import io.sluice.buffer.Buffer;
import io.sluice.buffer.CompositeBuffer;
import io.sluice.buffer.ReferenceCounting;
import io.sluice.channel.ChannelHandler;
import io.sluice.channel.ChannelHandlerContext;

/**
 * Turns a request head and its content pieces into one {@link FullHttpRequest} (content gathered
 * without copying, in a composite buffer), up to {@code maxContentLength} bytes. A request that
 * announces more ({@code Content-Length}) is answered at once with 413 Content Too Large, or 417
 * Expectation Failed if it asked {@code Expect: 100-continue} (so the client never sends the
 * content); chunked content that grows past the limit is answered with 413 when it does. Either
 * answer says {@code Connection: close}, the rest of that request's content is dropped unread, and
 * {@link HttpServerKeepAliveHandler} (which must come before this handler) closes the connection
 * after the answer.
 *
 * <p>Place after {@link HttpServerKeepAliveHandler}: that handler then sends {@code 100 Continue}
 * only for requests this one accepts. Runs on the channel's event loop; one instance per
 * connection. Releases what it drops; the emitted request owns its content.
 */
public final class HttpObjectAggregator implements ChannelHandler {
    /** Default largest content, in bytes: 1 MiB. */
    public static final int DEFAULT_MAX_CONTENT_LENGTH = 1 << 20;

    private final int maxContentLength;
    private HttpRequest head;
    private CompositeBuffer content;
    /** Dropping the content of a refused request until its last piece. */
    private boolean discarding;

    /** An aggregator of at most {@link #DEFAULT_MAX_CONTENT_LENGTH} bytes. */
    public HttpObjectAggregator() {
        this(DEFAULT_MAX_CONTENT_LENGTH);
    }

    /** An aggregator of at most {@code maxContentLength} bytes of content per request. */
    public HttpObjectAggregator(int maxContentLength) {
        if (maxContentLength < 0) {
            throw new IllegalArgumentException("maxContentLength: " + maxContentLength + " (expected: >= 0)");
        }
        this.maxContentLength = maxContentLength;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        if (msg instanceof HttpRequest r) {
            startRequest(ctx, r);
        } else if (msg instanceof HttpContent c) {
            addContent(ctx, c);
        } else {
            ctx.fireChannelRead(msg); // whole requests and other messages pass
        }
    }

    private void startRequest(ChannelHandlerContext ctx, HttpRequest r) {
        releaseContent(); // a new head ends whatever came before (cannot happen with the decoder)
        discarding = false;
        String length = r.headers().get(HttpHeaderNames.CONTENT_LENGTH);
        if (length != null && HttpRequestDecoder.parseLength(length) > maxContentLength) {
            boolean expect = r.headers().containsToken(HttpHeaderNames.EXPECT, HttpHeaderValues.CONTINUE);
            refuse(ctx, expect ? HttpStatus.EXPECTATION_FAILED : HttpStatus.CONTENT_TOO_LARGE,
                    "Content-Length: " + length + " (expected: at most " + maxContentLength + ")");
            return;
        }
        head = r;
        content = ctx.alloc().compositeBuffer(Integer.MAX_VALUE);
    }

    private void addContent(ChannelHandlerContext ctx, HttpContent c) {
        if (head == null) {
            if (discarding && c.last()) {
                discarding = false;
            }
            c.release(); // the content of a refused request
            return;
        }
        Buffer piece = c.content();
        if ((long) content.readableBytes() + piece.readableBytes() > maxContentLength) {
            c.release();
            releaseContent();
            discarding = !c.last();
            refuse(ctx, HttpStatus.CONTENT_TOO_LARGE, "content: more than " + maxContentLength
                    + " bytes (expected: at most " + maxContentLength + ")");
            return;
        }
        content.addComponent(piece); // ownership moves with it
        if (c.last()) {
            FullHttpRequest full = new FullHttpRequest(head, content, c.trailers());
            head = null;
            content = null;
            ctx.fireChannelRead(full);
        }
    }

    private void refuse(ChannelHandlerContext ctx, HttpStatus status, String why) {
        head = null;
        discarding = true;
        answerAndClose(ctx, status, why);
    }

    /** Writes a text answer with {@code Connection: close} (the keep-alive handler closes after it). */
    static void answerAndClose(ChannelHandlerContext ctx, HttpStatus status, String why) {
        FullHttpResponse response = FullHttpResponse.ofText(status, status + ": " + why + "\n");
        response.headers().add(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        ctx.writeAndFlush(response, ctx.voidPromise());
    }

    private void releaseContent() {
        head = null;
        Buffer held = content;
        content = null;
        ReferenceCounting.safeRelease(held);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        releaseContent();
        ctx.fireChannelInactive();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        releaseContent();
    }
}
