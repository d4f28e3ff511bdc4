package io.sluice.channel;

import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Overrides every method of {@link ChannelHandler}: appends {@code "<id>:<method>"} to a shared log,
 * then passes the event on unchanged through {@code ctx} (never through an interface default, so
 * a stack walk can tell a skipped handler's default apart). Exceptions and user events seen are kept.
 */
class RecordingHandler implements ChannelHandler {
    final String id;
    final List<String> log;
    final List<Throwable> exceptions = new CopyOnWriteArrayList<>();
    final List<Object> userEvents = new CopyOnWriteArrayList<>();
    volatile Thread addedThread;
    volatile Thread removedThread;

    RecordingHandler(String id, List<String> log) {
        this.id = id;
        this.log = log;
    }

    /** Returns a log that several recording handlers (and threads) may share. */
    static List<String> newLog() {
        return new CopyOnWriteArrayList<>();
    }

    /** Returns, in order, the ids of the handlers that logged {@code method}. */
    static List<String> whoGot(List<String> log, String method) {
        List<String> ids = new ArrayList<>();
        for (String entry : log) {
            int colon = entry.indexOf(':');
            if (entry.substring(colon + 1).equals(method)) {
                ids.add(entry.substring(0, colon));
            }
        }
        return ids;
    }

    /** Counts how many times this handler logged {@code method}. */
    int count(String method) {
        int n = 0;
        for (String entry : log) {
            if (entry.equals(id + ":" + method)) {
                n++;
            }
        }
        return n;
    }

    /** Logs {@code method}; subclasses may check more. */
    void record(String method) {
        log.add(id + ":" + method);
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) throws Exception {
        addedThread = Thread.currentThread();
        record("handlerAdded");
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) throws Exception {
        removedThread = Thread.currentThread();
        record("handlerRemoved");
    }

    @Override
    public void channelRegistered(ChannelHandlerContext ctx) throws Exception {
        record("channelRegistered");
        ctx.fireChannelRegistered();
    }

    @Override
    public void channelUnregistered(ChannelHandlerContext ctx) throws Exception {
        record("channelUnregistered");
        ctx.fireChannelUnregistered();
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        record("channelActive");
        ctx.fireChannelActive();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        record("channelInactive");
        ctx.fireChannelInactive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        record("channelRead");
        ctx.fireChannelRead(msg);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) throws Exception {
        record("channelReadComplete");
        ctx.fireChannelReadComplete();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        record("userEventTriggered");
        userEvents.add(event);
        ctx.fireUserEventTriggered(event);
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) throws Exception {
        record("channelWritabilityChanged");
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) throws Exception {
        record("exceptionCaught");
        exceptions.add(cause);
        ctx.fireExceptionCaught(cause);
    }

    @Override
    public void bind(ChannelHandlerContext ctx, SocketAddress localAddress, ChannelPromise promise) throws Exception {
        record("bind");
        ctx.bind(localAddress, promise);
    }

    @Override
    public void connect(ChannelHandlerContext ctx, SocketAddress remoteAddress, SocketAddress localAddress,
            ChannelPromise promise) throws Exception {
        record("connect");
        ctx.connect(remoteAddress, localAddress, promise);
    }

    @Override
    public void disconnect(ChannelHandlerContext ctx, ChannelPromise promise) throws Exception {
        record("disconnect");
        ctx.disconnect(promise);
    }

    @Override
    public void close(ChannelHandlerContext ctx, ChannelPromise promise) throws Exception {
        record("close");
        ctx.close(promise);
    }

    @Override
    public void deregister(ChannelHandlerContext ctx, ChannelPromise promise) throws Exception {
        record("deregister");
        ctx.deregister(promise);
    }

    @Override
    public void read(ChannelHandlerContext ctx) throws Exception {
        record("read");
        ctx.read();
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
        record("write");
        ctx.write(msg, promise);
    }

    @Override
    public void flush(ChannelHandlerContext ctx) throws Exception {
        record("flush");
        ctx.flush();
    }

    @Override
    public void shutdownOutput(ChannelHandlerContext ctx, ChannelPromise promise) throws Exception {
        record("shutdownOutput");
        ctx.shutdownOutput(promise);
    }
}
