package io.sluice.codec.http;

import io.sluice.buffer.Buffer;
import io.sluice.buffer.ReferenceCounting;
import io.sluice.channel.ChannelHandler;
import io.sluice.channel.ChannelHandlerContext;
import io.sluice.channel.ChannelPromise;
import io.sluice.codec.EncoderException;

/**
 * What request and response encoding share: the head rendered by {@link HeadWriter} and written
 * with the content in one buffer when the content is small (so a whole small message is one buffer
 * write), content framed by {@code Content-Length} or chunked transfer coding, and the trailers.
 *
 * <p>A head without {@code Content-Length} or {@code Transfer-Encoding} followed by streamed
 * {@link HttpContent} gets {@code Transfer-Encoding: chunked} in HTTP/1.1; a whole message gets
 * {@code Content-Length}. Every message written is released (its content handed on or copied);
 * a message that cannot be encoded fails the write's promise with an {@link EncoderException}.
 * Runs on the channel's event loop; one instance per connection (it tracks the message in
 * progress).
 */
abstract class HttpObjectEncoder implements ChannelHandler {
    /** Content up to this many bytes is copied into the head's buffer; larger content is written as it is. */
    static final int COPY_THRESHOLD = 2048;

    private enum Mode { HEAD, FIXED, CHUNKED, SKIP }

    private Mode mode = Mode.HEAD;

    /** Renders the start line of {@code head}. */
    abstract void startLine(HeadWriter w, HttpMessage head);

    /** Returns whether the message of {@code head} has no content on the wire; may consume per-message state. */
    abstract boolean bodyless(HttpMessage head);

    /** Returns whether a whole message with {@code contentLength} bytes needs a Content-Length it lacks. */
    abstract boolean needsLength(HttpMessage head, int contentLength);

    /** Returns whether an interim head (1xx but 101) is followed by another head, not by content. */
    boolean interim(HttpMessage head) {
        return false;
    }

    /** Encodes a whole message; takes ownership of {@code content}. */
    final void full(ChannelHandlerContext ctx, HttpMessage head, Buffer content, HttpHeaders trailers,
            ChannelPromise promise) {
        try {
            expectHead(head);
            HttpHeaders headers = head.headers();
            boolean skip = bodyless(head);
            boolean chunked = !skip && isChunked(headers);
            int n = content.readableBytes();
            HeadWriter w = HeadWriter.get();
            startLine(w, head);
            w.fields(headers);
            if (!chunked) {
                String declared = headers.get(HttpHeaderNames.CONTENT_LENGTH);
                if (declared == null) {
                    if (needsLength(head, n)) { // a HEAD answer too: the length a GET would get
                        w.field(HttpHeaderNames.CONTENT_LENGTH, n);
                    }
                } else if (!skip && !declared.equals(Integer.toString(n))) {
                    throw new EncoderException("Content-Length: " + declared + " (expected: " + n
                            + ", the content's length)");
                }
            }
            w.crlf();
            if (skip || n == 0 && !chunked) {
                content.release();
                ctx.write(copy(ctx, w, 0, w.length(), null), promise);
                return;
            }
            int headLength = w.length();
            if (chunked) {
                if (n > 0) {
                    w.hex(n).crlf();
                    headLength = w.length();
                    w.crlf();
                }
                w.by('0').crlf().fields(trailers).crlf();
            }
            emit(ctx, w, headLength, content, promise);
        } catch (Throwable t) {
            ReferenceCounting.safeRelease(content);
            throw encoderException(t);
        }
    }

    /** Encodes a head whose content follows as {@link HttpContent}. */
    final void head(ChannelHandlerContext ctx, HttpMessage head, ChannelPromise promise) {
        expectHead(head);
        HttpHeaders headers = head.headers();
        HeadWriter w = HeadWriter.get();
        startLine(w, head);
        w.fields(headers);
        Mode next;
        if (interim(head)) {
            next = Mode.HEAD;
        } else if (bodyless(head)) {
            next = Mode.SKIP;
        } else if (isChunked(headers)) {
            next = Mode.CHUNKED;
        } else if (headers.contains(HttpHeaderNames.CONTENT_LENGTH) || head.version() == HttpVersion.HTTP_1_0) {
            next = Mode.FIXED; // HTTP/1.0 without a length: the content ends with the connection
        } else {
            w.field(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
            next = Mode.CHUNKED;
        }
        w.crlf();
        ctx.write(copy(ctx, w, 0, w.length(), null), promise);
        mode = next;
    }

    /** Encodes a piece of content of the message in progress; takes ownership of it. */
    final void content(ChannelHandlerContext ctx, HttpContent piece, ChannelPromise promise) {
        Buffer content = piece.content();
        try {
            Mode m = mode;
            if (piece.last()) {
                mode = Mode.HEAD;
            }
            switch (m) {
                case HEAD -> throw new EncoderException("content: " + content.readableBytes()
                        + " bytes without a head (expected: a head first)");
                case FIXED -> ctx.write(content, promise);
                case SKIP -> {
                    content.release();
                    ctx.write(ctx.alloc().buffer(0), promise); // keeps the promise in order with the writes before
                }
                case CHUNKED -> {
                    int n = content.readableBytes();
                    HeadWriter w = HeadWriter.get();
                    if (n > 0) {
                        w.hex(n).crlf();
                    }
                    int prefix = w.length();
                    if (n > 0) {
                        w.crlf();
                    }
                    if (piece.last()) {
                        w.by('0').crlf().fields(piece.trailers()).crlf();
                    }
                    emit(ctx, w, prefix, content, promise);
                }
            }
        } catch (Throwable t) {
            ReferenceCounting.safeRelease(content);
            throw encoderException(t);
        }
    }

    /**
     * Writes {@code w[0, prefix)}, {@code content}, then {@code w[prefix, w.length())}: one buffer if
     * the content is small, else the content as it is between two small buffers.
     */
    private static void emit(ChannelHandlerContext ctx, HeadWriter w, int prefix, Buffer content,
            ChannelPromise promise) {
        int n = content.readableBytes();
        int suffix = w.length() - prefix;
        if (n <= COPY_THRESHOLD) {
            Buffer out = copy(ctx, w, 0, prefix, content);
            out.writeBytes(w.bytes(), prefix, suffix);
            content.release();
            ctx.write(out, promise);
            return;
        }
        if (prefix > 0) {
            ctx.write(copy(ctx, w, 0, prefix, null), ctx.voidPromise());
        }
        if (suffix == 0) {
            ctx.write(content, promise);
        } else {
            ctx.write(content, ctx.voidPromise());
            ctx.write(copy(ctx, w, prefix, suffix, null), promise);
        }
    }

    /** A direct buffer holding {@code w[from, from + length)} and, if given, room for {@code more}'s bytes after. */
    private static Buffer copy(ChannelHandlerContext ctx, HeadWriter w, int from, int length, Buffer more) {
        int extra = more == null ? 0 : more.readableBytes() + w.length() - length;
        Buffer out = ctx.alloc().directBuffer(length + extra);
        out.writeBytes(w.bytes(), from, length);
        if (more != null) {
            out.writeBytes(more, more.readerIndex(), more.readableBytes());
        }
        return out;
    }

    private void expectHead(HttpMessage head) {
        if (mode != Mode.HEAD) {
            mode = Mode.HEAD; // the message in progress is cut short: the stream is broken either way
            throw new EncoderException("head: " + head + " while content of the previous message was expected"
                    + " (expected: the last HttpContent first)");
        }
    }

    private static boolean isChunked(HttpHeaders headers) {
        return headers.containsToken(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
    }

    private EncoderException encoderException(Throwable t) {
        return t instanceof EncoderException e ? e
                : new EncoderException(getClass().getName() + " failed to encode: " + t, t);
    }
}
