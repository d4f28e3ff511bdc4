package io.sluice.examples.redis;

import io.sluice.buffer.ReferenceCounting;
import io.sluice.channel.ChannelHandler;
import io.sluice.channel.ChannelHandlerContext;
import io.sluice.codec.resp.RespAggregate;
import io.sluice.codec.resp.RespError;
import io.sluice.codec.resp.RespMessage;
import io.sluice.codec.resp.RespProtocolException;
import io.sluice.codec.resp.SimpleString;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One connection's commands: runs each request against the keyspace (holding its lock) and writes
 * the reply, flushing once per read batch, so pipelined requests leave in one write. MULTI queues
 * requests until EXEC runs them under one lock, atomically. A protocol error is answered with
 * {@code -ERR Protocol error: ...} as Redis does; the decoder then closes the connection.
 */
final class RedisHandler implements ChannelHandler {
    private final CommandTable table;
    private final Session session;
    private final ReentrantLock lock;

    RedisHandler(CommandTable table, Session session) {
        this.table = table;
        this.session = session;
        this.lock = session.db.lock();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof RespAggregate request)) {
            ReferenceCounting.release(msg);
            return;
        }
        try {
            ctx.write(handle(request));
        } finally {
            request.release();
        }
        if (session.quit) {
            ctx.flush();
            ctx.channel().closeGracefully();
        }
    }

    private RespMessage handle(RespAggregate request) {
        Args args = new Args(request);
        String name = args.name();
        if (session.queued != null) {
            return queue(name, args, request);
        }
        switch (name) {
            case "multi":
                session.queued = new ArrayList<>();
                return SimpleString.OK;
            case "exec":
                return RespError.of("ERR EXEC without MULTI");
            case "discard":
                return RespError.of("ERR DISCARD without MULTI");
            default:
                lock.lock();
                try {
                    return table.execute(session, name, args);
                } finally {
                    lock.unlock();
                }
        }
    }

    private RespMessage queue(String name, Args args, RespAggregate request) {
        switch (name) {
            case "multi":
                return RespError.of("ERR MULTI calls can not be nested");
            case "discard":
                discard();
                return SimpleString.OK;
            case "exec":
                return exec();
            default:
                try {
                    table.lookup(name, args); // unknown commands and wrong arity abort EXEC, as in Redis
                } catch (RedisException e) {
                    session.queueFailed = true;
                    return RespError.of(e.getMessage());
                }
                session.queued.add(request.retain());
                return SimpleString.QUEUED;
        }
    }

    private RespMessage exec() {
        if (session.queueFailed) {
            discard();
            return RespError.of("EXECABORT Transaction discarded because of previous errors.");
        }
        List<RespAggregate> queued = session.queued;
        List<RespMessage> replies = new ArrayList<>(queued.size());
        lock.lock();
        try {
            for (RespAggregate request : queued) {
                Args args = new Args(request);
                replies.add(table.execute(session, args.name(), args));
            }
        } finally {
            lock.unlock();
            discard();
        }
        return RespAggregate.array(replies);
    }

    private void discard() {
        List<RespAggregate> queued = session.queued;
        session.queued = null;
        session.queueFailed = false;
        if (queued != null) {
            queued.forEach(RespAggregate::release);
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        ctx.flush();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        discard();
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof RespProtocolException e) {
                if (ctx.channel().isActive()) { // not when the input ended inside a request: nobody to tell
                    // the decoder closes the connection after this reply (a graceful close sends it first)
                    ctx.writeAndFlush(RespError.of("ERR Protocol error: " + e.reason()));
                }
                System.out.println("closing " + ctx.channel().remoteAddress() + ": " + e.getMessage());
                return;
            }
        }
        System.out.println("closing " + ctx.channel().remoteAddress() + ": " + cause);
        ctx.close();
    }
}
