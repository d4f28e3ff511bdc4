package io.sluice.codec.http;

import io.sluice.channel.ChannelHandlerContext;
import io.sluice.channel.ChannelPromise;
import java.util.ArrayDeque;
import java.util.Objects;

/**
 * Encodes requests (the client side): {@link FullHttpRequest}, or an {@link HttpRequest} head
 * followed by {@link HttpContent} pieces (chunked unless the head has a {@code Content-Length}).
 * A whole request with content, or with a method that carries content (POST, PUT, PATCH), gets
 * {@code Content-Length}. Refuses (failing the write) a target with a space, CR, LF or NUL and the
 * header faults {@link HttpResponseEncoder} refuses. Made by {@link HttpClientCodec}, which tells
 * its response decoder the method of each request (a response to HEAD has no content). One
 * instance per connection, on its event loop.
 */
public final class HttpRequestEncoder extends HttpObjectEncoder {
    /** The methods of the requests written, for the response decoder; null when used alone. */
    private final ArrayDeque<HttpMethod> sentMethods;

    /** An encoder used without a response decoder that needs the methods. */
    public HttpRequestEncoder() {
        this(null);
    }

    HttpRequestEncoder(ArrayDeque<HttpMethod> sentMethods) {
        this.sentMethods = sentMethods;
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
        if (msg instanceof FullHttpRequest r) {
            sent(r.method());
            full(ctx, r.head(), r.content(), r.trailers(), promise);
        } else if (msg instanceof HttpRequest r) {
            sent(r.method());
            head(ctx, r, promise);
        } else if (msg instanceof HttpContent c) {
            content(ctx, c, promise);
        } else {
            ctx.write(msg, promise);
        }
    }

    private void sent(HttpMethod method) {
        if (sentMethods != null) {
            sentMethods.add(Objects.requireNonNull(method, "method"));
        }
    }

    @Override
    void startLine(HeadWriter w, HttpMessage head) {
        HttpRequest r = (HttpRequest) head;
        w.requestLine(r.method(), r.target(), r.version());
    }

    @Override
    boolean bodyless(HttpMessage head) {
        return false;
    }

    @Override
    boolean needsLength(HttpMessage head, int contentLength) {
        HttpMethod m = ((HttpRequest) head).method();
        return contentLength > 0 || m.equals(HttpMethod.POST) || m.equals(HttpMethod.PUT) || m.equals(HttpMethod.PATCH);
    }
}
