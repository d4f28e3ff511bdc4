package io.sluice.channel.spi;

import io.sluice.buffer.Buffer;
import io.sluice.buffer.ReferenceCounting;
import io.sluice.channel.ChannelPromise;
import io.sluice.internal.LoopLocal;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The messages written to a channel and not yet sent, in a ring of arrays (no object per message).
 * {@code write} appends unflushed entries; {@code flush} marks them flushed; the transport's
 * {@code doWrite} sends flushed entries from {@link #current()} and removes them, which completes
 * their promises and releases their buffers. Pending bytes (each message sized by the channel's
 * {@code MessageSizeEstimator}), plus the bytes of writes other threads queued for the loop and not
 * yet added here, drive the channel's writability (high/low watermarks); it is re-evaluated whenever
 * they fall, failures included. Used on the channel's event loop only; {@link #pendingBytes()} may be
 * read racily from elsewhere.
 */
public final class ChannelOutboundBuffer {
    /** Stands in for the message of a write whose promise was cancelled before its flush. */
    private static final Object CANCELLED = new Object();
    private static final LoopLocal<ByteBuffer[]> NIO_BUFFERS = LoopLocal.withInitial(() -> new ByteBuffer[64]);

    /** Told when the pending bytes grow or shrink: the channel's watermark accounting. */
    private final Writability writability;
    /**
     * The ring's arrays are taken on the first write and handed back whenever the ring empties: an
     * idle connection holds none. One emptied set per thread waits in {@link SpareRing} for the
     * next ring that needs one, so a loop whose channels drain after each flush allocates nothing.
     */
    private static final Object[] NO_MESSAGES = {};
    private static final ChannelPromise[] NO_PROMISES = {};
    private static final int[] NO_SIZES = {};
    private Object[] messages = NO_MESSAGES;
    private ChannelPromise[] promises = NO_PROMISES;
    private int[] sizes = NO_SIZES;
    /** Index of the oldest entry. */
    private int head;
    /** Entries, flushed and not. */
    private int count;
    /** Entries from {@link #head} that are flushed. */
    private int flushed;
    /** Bytes of all entries; written by the loop, read racily by others. */
    private long pendingBytes;
    private int nioBufferCount;
    private long nioBufferBytes;

    ChannelOutboundBuffer(Writability writability) {
        this.writability = writability;
    }

    void addMessage(Object msg, int size, ChannelPromise promise) {
        if (count == messages.length) {
            grow();
        }
        int i = (head + count) & (messages.length - 1);
        messages[i] = msg;
        promises[i] = promise;
        sizes[i] = size;
        count++;
        pendingBytes += size;
        writability.outboundGrew(pendingBytes);
    }

    /**
     * Makes the channel writable again if the bytes pending here and queued elsewhere for it are at
     * or below the low watermark. Called whenever they fall, including after failures.
     */
    void updateWritability() {
        writability.outboundShrank(pendingBytes);
    }

    private void grow() {
        int n = messages.length;
        if (n == 0) {
            SpareRing spare = SpareRing.take();
            if (spare != null) {
                messages = spare.messages;
                promises = spare.promises;
                sizes = spare.sizes;
                spare.taken();
                head = 0;
                return;
            }
        }
        int next = n == 0 ? SpareRing.INITIAL_ENTRIES : n * 2;
        Object[] m = new Object[next];
        ChannelPromise[] p = new ChannelPromise[next];
        int[] s = new int[next];
        for (int k = 0; k < count; k++) {
            int i = (head + k) & (n - 1);
            m[k] = messages[i];
            p[k] = promises[i];
            s[k] = sizes[i];
        }
        messages = m;
        promises = p;
        sizes = s;
        head = 0;
    }

    void addFlush() {
        boolean cancelledAny = false;
        for (int k = flushed; k < count; k++) {
            int i = (head + k) & (messages.length - 1);
            if (!promises[i].setUncancellable()) {
                ReferenceCounting.safeRelease(messages[i]);
                messages[i] = CANCELLED;
                pendingBytes -= sizes[i]; // a cancelled write stops counting at once
                sizes[i] = 0;
                cancelledAny = true;
            }
        }
        flushed = count;
        if (cancelledAny) {
            updateWritability();
        }
    }

    /** Returns the oldest flushed message, or {@code null} if none is flushed. */
    public Object current() {
        skipCancelled();
        return flushed == 0 ? null : messages[head];
    }

    private void skipCancelled() {
        while (flushed > 0 && messages[head] == CANCELLED) {
            removeHead(null, true);
        }
    }

    /** Returns whether no flushed message is waiting. */
    public boolean isEmpty() {
        skipCancelled();
        return flushed == 0;
    }

    /** Returns the number of flushed messages waiting. */
    public int size() {
        return flushed;
    }

    /** Returns the number of queued messages, flushed or not. */
    public int entries() {
        return count;
    }

    /** Returns the bytes of every queued message, flushed or not. */
    public long pendingBytes() {
        return pendingBytes;
    }

    /** Removes the current message as written: completes its promise, releases it. @return false if none */
    public boolean remove() {
        if (isEmpty()) {
            return false;
        }
        removeHead(null, true);
        return true;
    }

    /** Removes the current message as failed with {@code cause}. @return false if none */
    public boolean remove(Throwable cause) {
        if (isEmpty()) {
            return false;
        }
        removeHead(cause, true);
        return true;
    }

    private void removeHead(Throwable cause, boolean notifyWritability) {
        int i = head;
        Object msg = messages[i];
        ChannelPromise promise = promises[i];
        int size = sizes[i];
        messages[i] = null;
        promises[i] = null;
        head = (head + 1) & (messages.length - 1);
        count--;
        flushed--;
        pendingBytes -= size;
        if (msg != CANCELLED) {
            ReferenceCounting.safeRelease(msg); // before the promise completes, for the same reason
        }
        if (cause == null) {
            promise.trySuccess(null);
        } else {
            promise.tryFailure(cause); // a void promise reports to exceptionCaught itself
        }
        if (notifyWritability) {
            updateWritability();
        }
        if (count == 0 && messages.length != 0) { // a listener may have written again meanwhile
            SpareRing.offer(messages, promises, sizes);
            messages = NO_MESSAGES;
            promises = NO_PROMISES;
            sizes = NO_SIZES;
            head = 0;
        }
    }

    /** Returns the length of the ring's arrays: 0 while nothing is queued. For tests. */
    int ringCapacity() {
        return messages.length;
    }

    /**
     * Records that {@code writtenBytes} of the flushed buffers were sent: removes the buffers
     * written entirely and advances the reader index of a partly written one.
     */
    public void removeBytes(long writtenBytes) {
        for (;;) {
            Object msg = current();
            if (!(msg instanceof Buffer buf)) {
                return;
            }
            int readable = buf.readableBytes();
            if (readable <= writtenBytes) {
                writtenBytes -= readable;
                remove();
            } else {
                if (writtenBytes > 0) {
                    buf.skipBytes((int) writtenBytes);
                }
                return;
            }
        }
    }

    /**
     * Returns the readable bytes of the leading flushed {@link Buffer}s as NIO buffers for one
     * gathering write, at most {@code maxCount} buffers and about {@code maxBytes} bytes. The array
     * is reused per thread: valid until the next call. See {@link #nioBufferCount()} and
     * {@link #nioBufferBytes()}.
     */
    public ByteBuffer[] nioBuffers(int maxCount, long maxBytes) {
        ByteBuffer[] out = NIO_BUFFERS.get();
        int n = 0;
        long bytes = 0;
        int mask = messages.length - 1;
        for (int k = 0; k < flushed && n < maxCount && bytes < maxBytes; k++) {
            Object msg = messages[(head + k) & mask];
            if (!(msg instanceof Buffer buf)) {
                break;
            }
            int readable = buf.readableBytes();
            if (readable == 0) {
                continue;
            }
            int parts = buf.nioBufferCount();
            if (n + parts > maxCount) {
                if (n == 0) {
                    // one buffer with more parts than a gathering write takes: send its first parts now
                    ByteBuffer[] all = buf.nioBuffers(buf.readerIndex(), readable);
                    if (out.length < maxCount) {
                        out = Arrays.copyOf(out, maxCount);
                        NIO_BUFFERS.set(out);
                    }
                    for (int limit = Math.min(maxCount, all.length); n < limit; n++) {
                        out[n] = all[n];
                        bytes += all[n].remaining();
                    }
                }
                break;
            }
            if (n + parts > out.length) {
                out = Arrays.copyOf(out, Math.max(out.length * 2, n + parts));
                NIO_BUFFERS.set(out);
            }
            if (parts == 1) {
                out[n++] = buf.nioBuffer(buf.readerIndex(), readable);
            } else {
                for (ByteBuffer part : buf.nioBuffers(buf.readerIndex(), readable)) {
                    out[n++] = part;
                }
            }
            bytes += readable;
        }
        nioBufferCount = n;
        nioBufferBytes = bytes;
        return out;
    }

    /** Returns how many buffers the last {@link #nioBuffers} call filled in. */
    public int nioBufferCount() {
        return nioBufferCount;
    }

    /** Returns how many bytes the last {@link #nioBuffers} call covered. */
    public long nioBufferBytes() {
        return nioBufferBytes;
    }

    /** Fails every flushed message; the channel is writable again if that brought it below the low watermark. */
    void failFlushed(Throwable cause) {
        while (flushed > 0) {
            removeHead(cause, false);
        }
        updateWritability();
    }

    /** Fails every message, flushed or not; the channel is closing. */
    void failAll(Throwable cause) {
        flushed = count;
        while (count > 0) {
            removeHead(cause, false);
        }
    }
}
