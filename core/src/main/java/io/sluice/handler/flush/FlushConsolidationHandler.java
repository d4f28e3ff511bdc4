package io.sluice.handler.flush;

import io.sluice.channel.ChannelHandler;
import io.sluice.channel.ChannelHandlerContext;
import io.sluice.channel.ChannelPromise;

/**
 * Coalesces flushes. While a read batch is in progress, a flush is held back and done once when
 * the batch ends ({@code channelReadComplete}), or earlier once {@code explicitFlushAfterFlushes}
 * flushes have been held. Outside a read batch a flush goes through at once, unless
 * {@code consolidateWhenNoReadInProgress} is set: then it is done from a task queued on the
 * executor (so flushes from the same task run coalesce), or at once after
 * {@code explicitFlushAfterFlushes} flushes.
 *
 * <p>A held flush never outlives the read batch, and is done before the channel closes,
 * disconnects, fails, turns unwritable or the handler is removed. Put it first after the
 * transport's head (before codecs), so it sees every flush.
 *
 * <p>Thread: one instance per channel; runs on its executor. No allocation per flush.
 */
public final class FlushConsolidationHandler implements ChannelHandler {
    /** Flushes held before one is let through by default. */
    public static final int DEFAULT_EXPLICIT_FLUSH_AFTER_FLUSHES = 256;

    private final int explicitFlushAfterFlushes;
    private final boolean consolidateWhenNoReadInProgress;
    private final Runnable flushTask = this::flushFromTask;
    private ChannelHandlerContext ctx;
    /** Flushes held since the last one let through. */
    private int heldFlushes;
    private boolean readInProgress;
    private boolean taskQueued;

    private FlushConsolidationHandler(int explicitFlushAfterFlushes, boolean consolidateWhenNoReadInProgress) {
        if (explicitFlushAfterFlushes <= 0) {
            throw new IllegalArgumentException(
                    "explicitFlushAfterFlushes: " + explicitFlushAfterFlushes + " (expected: > 0)");
        }
        this.explicitFlushAfterFlushes = explicitFlushAfterFlushes;
        this.consolidateWhenNoReadInProgress = consolidateWhenNoReadInProgress;
    }

    /** Returns a handler that lets one flush in 256 through during a read batch, and every flush outside one. */
    public static FlushConsolidationHandler create() {
        return new FlushConsolidationHandler(DEFAULT_EXPLICIT_FLUSH_AFTER_FLUSHES, false);
    }

    /**
     * Returns a handler that lets one flush in {@code explicitFlushAfterFlushes} through.
     *
     * @param consolidateWhenNoReadInProgress whether flushes outside a read batch are coalesced too
     * @throws IllegalArgumentException if {@code explicitFlushAfterFlushes} is not positive
     */
    public static FlushConsolidationHandler create(int explicitFlushAfterFlushes,
            boolean consolidateWhenNoReadInProgress) {
        return new FlushConsolidationHandler(explicitFlushAfterFlushes, consolidateWhenNoReadInProgress);
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void flush(ChannelHandlerContext ctx) {
        if (readInProgress || consolidateWhenNoReadInProgress) {
            if (++heldFlushes == explicitFlushAfterFlushes) {
                flushNow(ctx);
            } else if (!readInProgress && !taskQueued) {
                taskQueued = true;
                ctx.executor().execute(flushTask);
            }
        } else {
            flushNow(ctx);
        }
    }

    private void flushFromTask() {
        taskQueued = false;
        if (heldFlushes > 0 && !readInProgress) {
            flushNow(ctx);
        }
    }

    private void flushNow(ChannelHandlerContext ctx) {
        heldFlushes = 0;
        ctx.flush();
    }

    private void flushHeld(ChannelHandlerContext ctx) {
        if (heldFlushes > 0) {
            flushNow(ctx);
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        readInProgress = true;
        ctx.fireChannelRead(msg);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        readInProgress = false;
        flushHeld(ctx); // never past the end of the batch
        ctx.fireChannelReadComplete();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (!ctx.channel().isWritable()) {
            flushHeld(ctx); // let the transport drain what is queued
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        flushHeld(ctx);
        ctx.fireExceptionCaught(cause);
    }

    @Override
    public void disconnect(ChannelHandlerContext ctx, ChannelPromise promise) {
        flushHeld(ctx);
        ctx.disconnect(promise);
    }

    @Override
    public void close(ChannelHandlerContext ctx, ChannelPromise promise) {
        flushHeld(ctx);
        ctx.close(promise);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        flushHeld(ctx);
    }
}
