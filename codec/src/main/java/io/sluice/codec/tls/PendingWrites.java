package io.sluice.codec.tls;

import io.sluice.buffer.Buffer;
import io.sluice.channel.ChannelPromise;
import java.nio.ByteBuffer;

/**
 * The plaintext buffers written to a {@link TlsHandler} and not yet encrypted, with their
 * promises, in write order: a ring of two parallel arrays, so queueing a write allocates nothing
 * once the ring has grown to the connection's usual depth. Event loop only.
 *
 * <p>Encryption reads the head buffers through {@link #views}, advances past what the engine took
 * with {@link #consumed}, and collects the promises of buffers it finished so they complete when
 * the record carrying their last byte has been written.
 */
final class PendingWrites {
    private Buffer[] buffers = new Buffer[16];
    private ChannelPromise[] promises = new ChannelPromise[16];
    private int head;
    private int size;
    private long bytes;

    /** Queues {@code buffer} (ownership passes to this queue) with its promise. */
    void add(Buffer buffer, ChannelPromise promise) {
        if (size == buffers.length) {
            grow();
        }
        int slot = (head + size) & (buffers.length - 1);
        buffers[slot] = buffer;
        promises[slot] = promise;
        size++;
        bytes += buffer.readableBytes();
    }

    private void grow() {
        Buffer[] newBuffers = new Buffer[buffers.length * 2];
        ChannelPromise[] newPromises = new ChannelPromise[buffers.length * 2];
        for (int i = 0; i < size; i++) {
            int slot = (head + i) & (buffers.length - 1);
            newBuffers[i] = buffers[slot];
            newPromises[i] = promises[slot];
        }
        buffers = newBuffers;
        promises = newPromises;
        head = 0;
    }

    /** Returns whether nothing is queued. */
    boolean isEmpty() {
        return size == 0;
    }

    /** Returns how many buffers are queued. */
    int size() {
        return size;
    }

    /** Returns the readable bytes queued. */
    long bytes() {
        return bytes;
    }

    /**
     * Fills {@code views} with NIO views of the head buffers' readable bytes until about
     * {@code maxBytes} are covered or {@code views} is full. @return how many views were filled
     */
    int views(ByteBuffer[] views, int maxBytes) {
        int count = 0;
        int covered = 0;
        while (count < size && count < views.length && covered < maxBytes) {
            Buffer buffer = buffers[(head + count) & (buffers.length - 1)];
            views[count++] = buffer.nioBuffer(buffer.readerIndex(), buffer.readableBytes());
            covered += buffer.readableBytes();
        }
        return count;
    }

    /**
     * Advances past what the engine consumed from the first {@code count} views: releases each
     * buffer it emptied and hands its promise to {@code done}. Clears the views.
     */
    void consumed(ByteBuffer[] views, int count, PromiseBatch done) {
        for (int i = 0; i < count; i++) {
            ByteBuffer view = views[i];
            int slot = head;
            Buffer buffer = buffers[slot];
            int taken = buffer.readableBytes() - view.remaining();
            bytes -= taken;
            if (view.hasRemaining()) { // the engine stopped inside this buffer: later views are untouched
                buffer.skipBytes(taken);
                java.util.Arrays.fill(views, i, count, null);
                return;
            }
            views[i] = null;
            buffers[slot] = null;
            ChannelPromise promise = promises[slot];
            promises[slot] = null;
            head = (head + 1) & (buffers.length - 1);
            size--;
            buffer.release();
            done.add(promise);
        }
    }

    /** Releases every queued buffer and fails its promise with {@code cause}. */
    void failAll(Throwable cause) {
        while (size > 0) {
            int slot = head;
            Buffer buffer = buffers[slot];
            ChannelPromise promise = promises[slot];
            buffers[slot] = null;
            promises[slot] = null;
            head = (head + 1) & (buffers.length - 1);
            size--;
            buffer.release();
            promise.tryFailure(cause);
        }
        bytes = 0;
    }
}
