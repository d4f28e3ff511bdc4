package io.sluice.codec.http;

import io.sluice.buffer.Buffer;
import io.sluice.buffer.Buffers;
import io.sluice.channel.ChannelHandler;
import io.sluice.channel.ChannelHandlerContext;
import io.sluice.channel.embedded.EmbeddedChannel;
import io.sluice.codec.DecoderHarness;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/** Test helpers: feeding bytes in splits, rendering decoded messages, reading what a server wrote. */
final class HttpKit {
    private HttpKit() {}

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** The splits every stream is fed in: whole, byte by byte, and two seeded random ones. */
    static List<int[]> splits(int length, long seed) {
        Random rnd = new Random(seed);
        List<int[]> all = new ArrayList<>();
        all.add(DecoderHarness.whole(length));
        all.add(DecoderHarness.byteByByte(length));
        all.add(DecoderHarness.randomSplits(length, rnd, 64));
        all.add(DecoderHarness.randomSplits(length, rnd, 7));
        return all;
    }

    /** Feeds {@code input} in chunks of {@code split} (each a random kind of buffer), stopping if the channel closes. */
    static void feed(EmbeddedChannel ch, byte[] input, int[] split, long seed) {
        Random rnd = new Random(seed);
        DecoderHarness.ChunkKind[] kinds = DecoderHarness.ChunkKind.values();
        int at = 0;
        for (int size : split) {
            if (!ch.isOpen()) {
                return;
            }
            ch.writeInbound(DecoderHarness.chunk(input, at, size, kinds[rnd.nextInt(kinds.length)], rnd));
            at += size;
        }
    }

    /**
     * Records decoded messages as text, independent of how content was cut into pieces: a head
     * renders as a line, content pieces of one message merge into one {@code body:} line, the last
     * piece adds {@code end} and its trailers. Exceptions render as {@code error STATUS message}.
     */
    static final class Transcript implements ChannelHandler {
        final List<String> lines = new ArrayList<>();
        final List<Throwable> errors = new ArrayList<>();
        private StringBuilder body;

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            try {
                if (msg instanceof FullHttpRequest f) {
                    lines.add(head(f.head()) + " full body=" + text(f.content()) + trailers(f.trailers()));
                } else if (msg instanceof HttpRequest r) {
                    lines.add(head(r));
                } else if (msg instanceof HttpContent c) {
                    if (body == null) {
                        body = new StringBuilder();
                    }
                    body.append(text(c.content()));
                    if (c.last()) {
                        lines.add("body=" + body + " end" + trailers(c.trailers()));
                        body = null;
                    }
                } else {
                    lines.add("other " + msg);
                }
            } finally {
                io.sluice.buffer.ReferenceCounting.release(msg);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            errors.add(cause);
            String status = cause instanceof HttpDecoderException h ? Integer.toString(h.status().code()) : "-";
            lines.add("error " + status + " " + cause.getMessage());
        }

        static String head(HttpRequest r) {
            return r.method() + " " + r.target() + " " + r.version() + " " + r.headers();
        }

        private static String trailers(HttpHeaders t) {
            return t.isEmpty() ? "" : " trailers=" + t;
        }
    }

    static String text(Buffer b) {
        return b.toString(StandardCharsets.ISO_8859_1);
    }

    /** Decodes {@code input} with a fresh decoder in one split; returns the transcript. */
    static List<String> decode(byte[] input, int[] split, long seed) {
        Transcript t = new Transcript();
        EmbeddedChannel ch = new EmbeddedChannel(new HttpRequestDecoder(), t);
        feed(ch, input, split, seed);
        ch.finishAndReleaseAll();
        return t.lines;
    }

    /** Everything written outbound so far, as Latin-1 text; releases the buffers. */
    static String written(EmbeddedChannel ch) {
        StringBuilder sb = new StringBuilder();
        for (Object o; (o = ch.readOutbound()) != null; ) {
            Buffer b = (Buffer) o;
            try {
                sb.append(text(b));
            } finally {
                b.release();
            }
        }
        return sb.toString();
    }

    /** One parsed response: status, header lines (lower-cased names) and body. */
    record Parsed(int status, List<String> headers, String body) {
        String header(String name) {
            for (String h : headers) {
                if (h.startsWith(name + ": ")) {
                    return h.substring(name.length() + 2);
                }
            }
            return null;
        }
    }

    /** Parses the responses in {@code wire} (bodies by Content-Length or chunked; none for 1xx, 204, 304). */
    static List<Parsed> parse(String wire) {
        List<Parsed> all = new ArrayList<>();
        int at = 0;
        while (at < wire.length()) {
            int end = wire.indexOf("\r\n\r\n", at);
            if (end < 0) {
                throw new AssertionError("incomplete head at " + at + ": " + wire.substring(at));
            }
            String[] lines = wire.substring(at, end).split("\r\n");
            int status = Integer.parseInt(lines[0].substring(9, 12));
            List<String> headers = new ArrayList<>(List.of(lines).subList(1, lines.length));
            at = end + 4;
            Parsed p = new Parsed(status, headers, "");
            String body = "";
            if (status >= 200 && status != 204 && status != 304 && !headOnly) {
                String cl = p.header("content-length");
                if (cl != null) {
                    body = wire.substring(at, at + Integer.parseInt(cl));
                    at += body.length();
                } else if ("chunked".equals(p.header("transfer-encoding"))) {
                    StringBuilder sb = new StringBuilder();
                    while (true) {
                        int lineEnd = wire.indexOf("\r\n", at);
                        int size = Integer.parseInt(wire.substring(at, lineEnd), 16);
                        at = lineEnd + 2;
                        if (size == 0) {
                            at = wire.indexOf("\r\n\r\n", at - 2) + 4;
                            break;
                        }
                        sb.append(wire, at, at + size);
                        at += size + 2;
                    }
                    body = sb.toString();
                } else {
                    body = wire.substring(at);
                    at = wire.length();
                }
            }
            all.add(new Parsed(status, headers, body));
        }
        return all;
    }

    /** Set while parsing answers to HEAD requests: no bodies. */
    static boolean headOnly;

    /** The status codes of the responses in {@code wire}, in order. */
    static List<Integer> statuses(String wire) {
        List<Integer> codes = new ArrayList<>();
        for (Parsed p : parse(wire)) {
            codes.add(p.status());
        }
        return codes;
    }

    static Buffer buffer(String s) {
        return Buffers.copyOf(s, StandardCharsets.ISO_8859_1);
    }

    /** A fixed clock for Date headers: 2026-01-02T03:04:05Z. */
    static final HttpDate FIXED_DATE = HttpDate.withClock(() -> 1767323045000L);

    /** Answers every whole request with 200 and {@code ok <method> <target>}, at once; counts them. */
    static final class Responder implements ChannelHandler {
        int requests;

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof FullHttpRequest r) {
                requests++;
                String text = "ok " + r.method() + " " + r.target() + (r.content().isReadable() ? " " + text(r.content()) : "");
                r.release();
                ctx.writeAndFlush(FullHttpResponse.of(HttpStatus.OK, buffer(text)));
            } else {
                ctx.fireChannelRead(msg);
            }
        }
    }

    /** A server pipeline: decoder, encoder, keep-alive, aggregator (limit {@code maxContent}), then {@code app}. */
    static EmbeddedChannel server(int maxContent, ChannelHandler app) {
        return new EmbeddedChannel(new HttpRequestDecoder(), new HttpResponseEncoder(),
                new HttpServerKeepAliveHandler(4, TimeUnit.SECONDS.toNanos(5), FIXED_DATE),
                new HttpObjectAggregator(maxContent), app);
    }
}
