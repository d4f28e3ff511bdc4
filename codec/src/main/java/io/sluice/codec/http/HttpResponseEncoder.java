package io.sluice.codec.http;

import io.sluice.channel.ChannelHandlerContext;
import io.sluice.channel.ChannelPromise;

/**
 * Encodes responses (the server side): {@link FullHttpResponse}, or an {@link HttpResponse} head
 * followed by {@link HttpContent} pieces. A whole response goes out as one buffer (head and content
 * together) when its content is at most 2 KiB; {@code Content-Length} is added when missing; 1xx,
 * 204 and 304 responses never carry content nor get a length added. The answer to a HEAD request
 * is announced by {@link HttpServerKeepAliveHandler} (which knows the request): its content is
 * dropped, its {@code Content-Length} kept.
 *
 * <p>Refuses (failing the write's promise with an {@link io.sluice.codec.EncoderException}) a
 * header name that is not a token, and CR, LF or NUL in a name, value or reason phrase. Other
 * messages pass through. One instance per connection, on its event loop.
 */
public final class HttpResponseEncoder extends HttpObjectEncoder {
    /** Written before a response to HEAD: the next response's content is not sent. */
    static final Object HEAD_RESPONSE_NEXT = new Object() {
        @Override
        public String toString() {
            return "HEAD_RESPONSE_NEXT";
        }
    };

    /** The next final response answers a HEAD request. */
    private boolean headResponse;

    /** Creates an encoder. */
    public HttpResponseEncoder() {}

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
        if (msg instanceof FullHttpResponse r) {
            full(ctx, r.head(), r.content(), r.trailers(), promise);
        } else if (msg instanceof HttpResponse r) {
            head(ctx, r, promise);
        } else if (msg instanceof HttpContent c) {
            content(ctx, c, promise);
        } else if (msg == HEAD_RESPONSE_NEXT) {
            headResponse = true;
            promise.trySuccess();
        } else {
            ctx.write(msg, promise);
        }
    }

    @Override
    void startLine(HeadWriter w, HttpMessage head) {
        HttpResponse r = (HttpResponse) head;
        w.statusLine(r.version(), r.status());
    }

    @Override
    boolean bodyless(HttpMessage head) {
        HttpStatus status = ((HttpResponse) head).status();
        if (status.isInformational() && status.code() != 101) {
            return true; // an interim response: the HEAD flag waits for the final one
        }
        boolean head0 = headResponse;
        headResponse = false;
        return head0 || status.forbidsContent();
    }

    @Override
    boolean interim(HttpMessage head) {
        HttpStatus status = ((HttpResponse) head).status();
        return status.isInformational();
    }

    @Override
    boolean needsLength(HttpMessage head, int contentLength) {
        return !((HttpResponse) head).status().forbidsContent();
    }
}
