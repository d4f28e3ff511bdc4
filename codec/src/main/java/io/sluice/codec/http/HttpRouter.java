package io.sluice.codec.http;

import io.sluice.channel.ChannelHandler;
import io.sluice.channel.ChannelHandlerContext;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A small router for small servers: method and path pattern to a handler. A pattern is a path whose
 * segments may be {@code {name}} parameters, each matching one non-empty segment (percent-decoded
 * for the handler): {@code /users/{id}/posts}. Routes are tried in the order they were added.
 * A path no route matches is answered 404; a path some route matches under other methods is
 * answered 405 with {@code Allow}. A HEAD request is served by the GET route (the encoder drops the
 * content). A handler that throws gets a 500 and the exception is logged.
 *
 * <p>Place after {@link HttpObjectAggregator}: it reads {@link FullHttpRequest}s, writes each
 * answer during the read and flushes once per read batch. Sharable; routes are fixed once built.
 * The request is released after the handler returns (retain what you keep).
 */
@ChannelHandler.Sharable
public final class HttpRouter implements ChannelHandler {
    private static final Logger log = LoggerFactory.getLogger(HttpRouter.class);

    /** Answers one routed request. */
    @FunctionalInterface
    public interface Handler {
        /**
         * Returns the response to {@code request}.
         *
         * @param request the request (released by the router after this returns)
         * @param params the path parameters by name, decoded
         * @return the response; the router writes it and takes ownership
         * @throws Exception answered with 500
         */
        FullHttpResponse handle(FullHttpRequest request, Map<String, String> params) throws Exception;
    }

    private record Route(HttpMethod method, String[] segments, Handler handler) {}

    private final List<Route> routes;

    private HttpRouter(List<Route> routes) {
        this.routes = List.copyOf(routes);
    }

    /** Returns a builder of routes. */
    public static Builder builder() {
        return new Builder();
    }

    /** Collects routes; not thread-safe. */
    public static final class Builder {
        private final List<Route> routes = new ArrayList<>();

        private Builder() {}

        /**
         * Adds a route.
         *
         * @throws IllegalArgumentException if {@code pattern} does not start with {@code /}
         */
        public Builder route(HttpMethod method, String pattern, Handler handler) {
            Objects.requireNonNull(method, "method");
            Objects.requireNonNull(handler, "handler");
            if (!pattern.startsWith("/")) {
                throw new IllegalArgumentException("pattern: \"" + pattern + "\" (expected: a path starting with /)");
            }
            routes.add(new Route(method, split(pattern), handler));
            return this;
        }

        /** Adds a GET route (which also serves HEAD). */
        public Builder get(String pattern, Handler handler) {
            return route(HttpMethod.GET, pattern, handler);
        }

        /** Adds a POST route. */
        public Builder post(String pattern, Handler handler) {
            return route(HttpMethod.POST, pattern, handler);
        }

        /** Returns the router. */
        public HttpRouter build() {
            return new HttpRouter(routes);
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof FullHttpRequest request)) {
            ctx.fireChannelRead(msg);
            return;
        }
        FullHttpResponse response;
        try {
            response = answer(request);
        } finally {
            request.release();
        }
        ctx.write(response, ctx.voidPromise());
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        ctx.flush();
        ctx.fireChannelReadComplete();
    }

    /** The response to {@code request}: a route's, or 404, 405 or 500. */
    FullHttpResponse answer(FullHttpRequest request) {
        String[] path = split(request.path());
        HttpMethod method = request.method() == HttpMethod.HEAD ? HttpMethod.GET : request.method();
        Set<String> allowed = null;
        for (Route route : routes) {
            Map<String, String> params = match(route.segments, path);
            if (params == null) {
                continue;
            }
            if (route.method.equals(method)) {
                try {
                    return Objects.requireNonNull(route.handler.handle(request, params), "response");
                } catch (Exception e) {
                    log.warn("route {} {} failed", route.method, request.path(), e);
                    return text(HttpStatus.INTERNAL_SERVER_ERROR);
                }
            }
            if (allowed == null) {
                allowed = new LinkedHashSet<>();
            }
            allowed.add(route.method.name());
            if (route.method == HttpMethod.GET) {
                allowed.add(HttpMethod.HEAD.name());
            }
        }
        if (allowed == null) {
            return text(HttpStatus.NOT_FOUND);
        }
        FullHttpResponse response = text(HttpStatus.METHOD_NOT_ALLOWED);
        response.headers().add(HttpHeaderNames.ALLOW, String.join(", ", allowed));
        return response;
    }

    private static FullHttpResponse text(HttpStatus status) {
        return FullHttpResponse.ofText(status, status + "\n");
    }

    private static String[] split(String path) {
        String p = path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        return p.equals("/") ? new String[0] : p.substring(1).split("/", -1);
    }

    /** The parameters if {@code path} matches {@code pattern}, else null. */
    private static Map<String, String> match(String[] pattern, String[] path) {
        if (pattern.length != path.length) {
            return null;
        }
        Map<String, String> params = null;
        for (int i = 0; i < pattern.length; i++) {
            String p = pattern[i];
            if (p.length() > 2 && p.startsWith("{") && p.endsWith("}")) {
                if (path[i].isEmpty()) {
                    return null;
                }
                if (params == null) {
                    params = new LinkedHashMap<>(4);
                }
                try {
                    params.put(p.substring(1, p.length() - 1), QueryString.decode(path[i], false));
                } catch (IllegalArgumentException e) {
                    return null; // a malformed escape matches nothing
                }
            } else if (!p.equals(path[i])) {
                return null;
            }
        }
        return params == null ? Collections.emptyMap() : params;
    }
}
