package io.sluice.examples;

import io.sluice.buffer.Buffers;
import io.sluice.channel.ChannelHandler;
import io.sluice.channel.ChannelHandlerContext;
import io.sluice.channel.DefaultFileRegion;
import io.sluice.codec.http.FullHttpRequest;
import io.sluice.codec.http.FullHttpResponse;
import io.sluice.codec.http.HttpContent;
import io.sluice.codec.http.HttpDate;
import io.sluice.codec.http.HttpHeaderNames;
import io.sluice.codec.http.HttpHeaderValues;
import io.sluice.codec.http.HttpHeaders;
import io.sluice.codec.http.HttpMethod;
import io.sluice.codec.http.HttpObjectAggregator;
import io.sluice.codec.http.HttpRequestDecoder;
import io.sluice.codec.http.HttpResponse;
import io.sluice.codec.http.HttpResponseEncoder;
import io.sluice.codec.http.HttpServerKeepAliveHandler;
import io.sluice.codec.http.HttpStatus;
import io.sluice.codec.http.QueryString;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * HTTP/1.1 static files under {@code --root DIR}: file content sent straight from the file to the
 * socket ({@link DefaultFileRegion}, {@code sendfile}), one {@code Range} ({@code bytes=a-b},
 * {@code a-}, {@code -n}) answered 206 or 416, {@code Last-Modified} and {@code If-Modified-Since}
 * (304), {@code Content-Type} from the file name, a small HTML listing for directories. Paths are
 * percent-decoded once; a {@code ..} or {@code .} segment, a backslash or NUL, or anything that
 * resolves outside the root (also through a symbolic link) is refused with 404, whatever its
 * encoding ({@code %2e%2e}, {@code ..%2f}, {@code %5c}).
 */
public final class HttpFilesServer {
    private static final Map<String, String> TYPES = Map.ofEntries(
            Map.entry("html", "text/html; charset=utf-8"), Map.entry("htm", "text/html; charset=utf-8"),
            Map.entry("txt", "text/plain; charset=utf-8"), Map.entry("css", "text/css; charset=utf-8"),
            Map.entry("js", "text/javascript; charset=utf-8"), Map.entry("json", "application/json"),
            Map.entry("xml", "application/xml"), Map.entry("svg", "image/svg+xml"), Map.entry("png", "image/png"),
            Map.entry("jpg", "image/jpeg"), Map.entry("jpeg", "image/jpeg"), Map.entry("gif", "image/gif"),
            Map.entry("webp", "image/webp"), Map.entry("ico", "image/x-icon"), Map.entry("pdf", "application/pdf"),
            Map.entry("zip", "application/zip"), Map.entry("gz", "application/gzip"), Map.entry("wasm", "application/wasm"),
            Map.entry("mp4", "video/mp4"), Map.entry("mp3", "audio/mpeg"));

    /** Serves files under one root; blocking file calls are short (metadata, open), reads are sendfile. */
    @ChannelHandler.Sharable
    static final class FilesHandler implements ChannelHandler {
        private final Path root;

        FilesHandler(Path root) throws IOException {
            this.root = root.toRealPath();
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
            if (!(msg instanceof FullHttpRequest request)) {
                ctx.fireChannelRead(msg);
                return;
            }
            try {
                serve(ctx, request);
            } finally {
                request.release();
            }
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            ctx.flush();
        }

        private void serve(ChannelHandlerContext ctx, FullHttpRequest request) throws IOException {
            HttpMethod method = request.method();
            if (method != HttpMethod.GET && method != HttpMethod.HEAD) {
                FullHttpResponse r = FullHttpResponse.ofText(HttpStatus.METHOD_NOT_ALLOWED, "405 Method Not Allowed\n");
                r.headers().add(HttpHeaderNames.ALLOW, "GET, HEAD");
                ctx.write(r);
                return;
            }
            Path file = resolve(request.path());
            if (file == null) {
                ctx.write(FullHttpResponse.ofText(HttpStatus.NOT_FOUND, "404 Not Found\n"));
                return;
            }
            if (Files.isDirectory(file)) {
                if (!request.path().endsWith("/")) {
                    FullHttpResponse r = FullHttpResponse.ofText(HttpStatus.MOVED_PERMANENTLY, "moved\n");
                    r.headers().add(HttpHeaderNames.LOCATION, request.path() + "/");
                    ctx.write(r);
                } else {
                    ctx.write(listing(request.path(), file));
                }
                return;
            }
            long size = Files.size(file);
            long modified = Files.getLastModifiedTime(file).toMillis() / 1000 * 1000;
            String since = request.headers().get(HttpHeaderNames.IF_MODIFIED_SINCE);
            if (since != null && HttpDate.parse(since) >= modified) {
                FullHttpResponse r = FullHttpResponse.of(HttpStatus.NOT_MODIFIED, Buffers.wrap(new byte[0]));
                r.headers().add(HttpHeaderNames.LAST_MODIFIED, HttpDate.format(modified));
                ctx.write(r);
                return;
            }
            long[] range = range(request.headers().get(HttpHeaderNames.RANGE), size);
            if (range != null && range.length == 0) {
                FullHttpResponse r = FullHttpResponse.ofText(HttpStatus.RANGE_NOT_SATISFIABLE, "416 Range Not Satisfiable\n");
                r.headers().add(HttpHeaderNames.CONTENT_RANGE, "bytes */" + size);
                ctx.write(r);
                return;
            }
            long start = range == null ? 0 : range[0];
            long length = range == null ? size : range[1] - range[0] + 1;
            HttpResponse head = HttpResponse.of(range == null ? HttpStatus.OK : HttpStatus.PARTIAL_CONTENT);
            HttpHeaders h = head.headers();
            h.add(HttpHeaderNames.CONTENT_TYPE, type(file));
            h.add(HttpHeaderNames.CONTENT_LENGTH, length);
            h.add(HttpHeaderNames.LAST_MODIFIED, HttpDate.format(modified));
            h.add(HttpHeaderNames.ACCEPT_RANGES, HttpHeaderValues.BYTES);
            if (range != null) {
                h.add(HttpHeaderNames.CONTENT_RANGE, "bytes " + range[0] + "-" + range[1] + "/" + size);
            }
            ctx.write(head);
            if (method == HttpMethod.GET && length > 0) {
                // zero-copy: the transport sends the region from the file (sendfile); it closes the file when done
                FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
                ctx.write(new DefaultFileRegion(channel, start, length));
            }
            ctx.write(HttpContent.last(Buffers.wrap(new byte[0])));
        }

        /** The file for a request path, or null when it does not exist or is refused. */
        Path resolve(String rawPath) {
            String path;
            try {
                path = QueryString.decode(rawPath, false);
            } catch (IllegalArgumentException e) {
                return null;
            }
            if (!path.startsWith("/") || path.indexOf('\\') >= 0 || path.indexOf('\0') >= 0) {
                return null;
            }
            Path p = root;
            for (String segment : path.split("/")) {
                if (segment.isEmpty()) {
                    continue;
                }
                if (segment.equals("..") || segment.equals(".")) {
                    return null;
                }
                p = p.resolve(segment);
            }
            try {
                Path real = p.toRealPath();
                return real.startsWith(root) ? real : null; // a symbolic link out of the root is refused
            } catch (IOException e) {
                return null;
            }
        }

        /**
         * One range of {@code bytes=} as [first, last]; null to send everything (no header, or one we
         * do not use: several ranges, another unit, bad syntax); an empty array when unsatisfiable.
         */
        static long[] range(String header, long size) {
            if (header == null || !header.startsWith("bytes=") || header.indexOf(',') >= 0) {
                return null;
            }
            String spec = header.substring(6).strip();
            int dash = spec.indexOf('-');
            if (dash < 0) {
                return null;
            }
            try {
                String a = spec.substring(0, dash).strip();
                String b = spec.substring(dash + 1).strip();
                if (a.isEmpty()) { // suffix: the last n bytes
                    long n = Long.parseLong(b);
                    if (n <= 0 || size == 0) {
                        return new long[0];
                    }
                    return new long[] {Math.max(0, size - n), size - 1};
                }
                long first = Long.parseLong(a);
                long last = b.isEmpty() ? size - 1 : Math.min(Long.parseLong(b), size - 1);
                if (first < 0 || !b.isEmpty() && Long.parseLong(b) < first) {
                    return null; // invalid: ignored, as RFC 9110 allows
                }
                return first >= size ? new long[0] : new long[] {first, last};
            } catch (NumberFormatException e) {
                return null;
            }
        }

        private static String type(Path file) {
            String name = file.getFileName().toString();
            int dot = name.lastIndexOf('.');
            String ext = dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
            return TYPES.getOrDefault(ext, HttpHeaderValues.APPLICATION_OCTET_STREAM);
        }

        private static FullHttpResponse listing(String path, Path dir) throws IOException {
            StringBuilder html = new StringBuilder("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>")
                    .append(escape(path)).append("</title></head><body><h1>").append(escape(path)).append("</h1><ul>\n");
            if (!path.equals("/")) {
                html.append("<li><a href=\"../\">../</a></li>\n");
            }
            List<Path> entries;
            try (Stream<Path> s = Files.list(dir)) {
                entries = s.sorted().toList();
            }
            for (Path e : entries) {
                String name = e.getFileName().toString() + (Files.isDirectory(e) ? "/" : "");
                html.append("<li><a href=\"").append(escape(encode(name))).append("\">").append(escape(name))
                        .append("</a></li>\n");
            }
            html.append("</ul></body></html>\n");
            FullHttpResponse r = FullHttpResponse.of(HttpStatus.OK,
                    Buffers.copyOf(html.toString(), StandardCharsets.UTF_8));
            r.headers().add(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.TEXT_HTML_UTF_8);
            return r;
        }

        private static String encode(String name) {
            StringBuilder sb = new StringBuilder();
            for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
                int c = b & 0xff;
                if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || "-._~/".indexOf(c) >= 0) {
                    sb.append((char) c);
                } else {
                    sb.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                            .append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
                }
            }
            return sb.toString();
        }

        private static String escape(String s) {
            return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
        }
    }

    private HttpFilesServer() {}

    /** Starts the server for {@code --root DIR} (the current directory by default; port 8081) and returns once it listens. */
    public static ExampleServer start(ExampleOptions options) throws InterruptedException, IOException {
        Path root = Path.of(options.string("root", "."));
        if (!Files.isDirectory(root)) {
            throw new IllegalArgumentException("--root: " + root + " (expected: a directory)");
        }
        FilesHandler files = new FilesHandler(root);
        return RunningServer.start(options, 8081, (pipeline, workers) -> pipeline
                .addLast("decoder", new HttpRequestDecoder())
                .addLast("encoder", new HttpResponseEncoder())
                .addLast("keep-alive", new HttpServerKeepAliveHandler())
                .addLast("aggregator", new HttpObjectAggregator(8192))
                .addLast(workers, "files", files));
    }
}
