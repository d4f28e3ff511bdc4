package io.sluice.examples;

import io.sluice.bootstrap.Bootstrap;
import io.sluice.channel.Channel;
import io.sluice.channel.ChannelFuture;
import io.sluice.channel.ChannelHandler;
import io.sluice.channel.ChannelHandlerContext;
import io.sluice.channel.ChannelInitializer;
import io.sluice.channel.EventLoopGroup;
import io.sluice.codec.http.HttpClientCodec;
import io.sluice.codec.http.websocket.WebSocketClientHandshakeHandler;
import io.sluice.codec.http.websocket.WebSocketCloseStatus;
import io.sluice.codec.http.websocket.WebSocketFrame;
import io.sluice.codec.http.websocket.WebSocketHandshakeCompleted;
import io.sluice.transport.nio.NioSocketChannel;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A Chrome DevTools Protocol client on Sluice's own WebSocket client: {@link #call} sends a command
 * (to the browser, or to a page's session) and waits, bounded, for its result. Events are ignored.
 */
final class DevToolsClient implements AutoCloseable {
    /** DevTools answers can be large (a page's DOM); the limits of this client's frames and messages. */
    private static final int MAX_BYTES = 4 << 20;
    private final Map<Long, CompletableFuture<Map<String, Object>>> pending = new ConcurrentHashMap<>();
    private final CompletableFuture<Void> upgraded = new CompletableFuture<>();
    private final AtomicLong ids = new AtomicLong();
    private final int timeoutSeconds;
    private Channel channel;

    private DevToolsClient(int timeoutSeconds) {
        this.timeoutSeconds = timeoutSeconds;
    }

    /** Connects to {@code url} (ws://host:port/devtools/browser/ID) and completes the handshake within the timeout. */
    static DevToolsClient connect(EventLoopGroup loops, URI url, int timeoutSeconds) throws Exception {
        DevToolsClient client = new DevToolsClient(timeoutSeconds);
        ChannelFuture f = Bootstrap.create().group(loops).channel(NioSocketChannel::new)
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        HttpClientCodec.addTo(ch.pipeline());
                        ch.pipeline().addLast(WebSocketClientHandshakeHandler.create(url.getHost() + ":" + url.getPort(),
                                url.getPath(), List.of(), MAX_BYTES, MAX_BYTES), client.new Replies());
                    }
                }).connect(url.getHost(), url.getPort());
        if (!f.await(timeoutSeconds, TimeUnit.SECONDS) || !f.isSuccess()) {
            throw new IOException("devtools: not connected to " + url, f.cause());
        }
        client.channel = f.channel();
        client.upgraded.get(timeoutSeconds, TimeUnit.SECONDS);
        return client;
    }

    /** Matches replies to their commands. */
    private final class Replies implements ChannelHandler {
        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
            if (event instanceof WebSocketHandshakeCompleted) {
                upgraded.complete(null);
            }
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            WebSocketFrame frame = (WebSocketFrame) msg;
            String text;
            try {
                text = frame.text();
            } finally {
                frame.release();
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> reply = (Map<String, Object>) TinyJson.parse(text);
            if (!(reply.get("id") instanceof Double id)) {
                return; // an event
            }
            CompletableFuture<Map<String, Object>> waiting = pending.remove(id.longValue());
            if (waiting == null) {
                return;
            }
            if (reply.get("error") != null) {
                waiting.completeExceptionally(new IllegalStateException("devtools: " + reply.get("error")));
            } else {
                @SuppressWarnings("unchecked")
                Map<String, Object> result = (Map<String, Object>) reply.get("result");
                waiting.complete(result);
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            IllegalStateException closed = new IllegalStateException("devtools: connection closed");
            upgraded.completeExceptionally(closed);
            pending.values().forEach(w -> w.completeExceptionally(closed));
            ctx.fireChannelInactive();
        }
    }

    /**
     * Sends {@code method} with {@code paramsJson} (a JSON object) to {@code sessionId} (null: the
     * browser) and returns its result, waiting at most the client's timeout.
     *
     * @throws IllegalStateException on an error reply (its message holds DevTools' error) or a lost connection
     */
    Map<String, Object> call(String sessionId, String method, String paramsJson) throws Exception {
        long id = ids.incrementAndGet();
        CompletableFuture<Map<String, Object>> result = new CompletableFuture<>();
        pending.put(id, result);
        String command = "{\"id\":" + id + ",\"method\":" + TinyJson.quote(method) + ",\"params\":" + paramsJson
                + (sessionId == null ? "" : ",\"sessionId\":" + TinyJson.quote(sessionId)) + "}";
        channel.writeAndFlush(WebSocketFrame.text(command));
        try {
            return result.get(timeoutSeconds, TimeUnit.SECONDS);
        } catch (ExecutionException e) { // an error reply, or the connection closed: rethrown here, with this stack
            throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
        }
    }

    @Override
    public void close() {
        if (channel != null && channel.isOpen()) {
            channel.writeAndFlush(WebSocketFrame.close(WebSocketCloseStatus.NORMAL));
            if (!channel.closeFuture().awaitUninterruptibly(timeoutSeconds, TimeUnit.SECONDS)) {
                channel.close();
            }
        }
    }
}
