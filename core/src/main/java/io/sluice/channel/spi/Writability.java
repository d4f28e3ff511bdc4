package io.sluice.channel.spi;

import io.sluice.channel.Channel;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.TimeUnit;

/**
 * One channel's writability and read suspension: the unwritable bits (bit 0 the watermark, bits
 * 1-31 user-defined), the bytes of writes other threads queued for the loop, the threads waiting in
 * {@code awaitWritable}, what the pipeline was last told, and whether reading is suspended because
 * the channel is unwritable.
 *
 * <p><b>Threading.</b> Bits and queued bytes change from any thread (CAS / atomic add); the pipeline
 * hears of a change, and reading is suspended or resumed, on the loop only, through
 * {@link LoopStateSync}: the loop applies the state as it is then, never a value captured earlier.
 * The remaining fields are loop-only. One per channel, made with it; it is also the channel's
 * {@code LoopStateSync} task, so it costs no more objects than that did.
 */
final class Writability extends LoopStateSync {
    /**
     * Bytes a write waiting in an executor's queue counts beyond its message's size, so that even
     * writes of messages with no byte size (not yet encoded) make the channel unwritable (Netty: 32).
     */
    static final int WRITE_TASK_OVERHEAD_BYTES = 32;
    private static final VarHandle UNWRITABLE;
    private static final VarHandle QUEUED_WRITE_BYTES;
    private static final VarHandle WAITERS;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            UNWRITABLE = lookup.findVarHandle(Writability.class, "unwritable", int.class);
            QUEUED_WRITE_BYTES = lookup.findVarHandle(Writability.class, "queuedWriteBytes", long.class);
            WAITERS = lookup.findVarHandle(Writability.class, "waiters", WritabilityWaiters.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** Bit 0: over the high watermark; bits 1-31: user-defined. Zero means writable. */
    private volatile int unwritable;
    /**
     * Bytes of writes handed from other threads to an executor and not yet in the outbound buffer
     * (estimated when queued, as Netty does): they count against the watermarks while they wait.
     */
    @SuppressWarnings("unused")
    private volatile long queuedWriteBytes;
    /** Threads blocked in {@code awaitWritable}; made by the first one (most channels have none). */
    private volatile WritabilityWaiters waiters;
    /** The writability the pipeline was last told of. Loop only. */
    private boolean writableFired = true;
    /** Whether reading stopped because the channel turned unwritable. Loop only. */
    private boolean readSuspended;
    /** Whether a read was asked for while suspended (auto-read off): it is begun on resumption. Loop only. */
    private boolean readRequestedWhileSuspended;

    Writability(AbstractChannel channel) {
        super(channel);
    }

    boolean isWritable() {
        return unwritable == 0;
    }

    boolean isReadSuspended() {
        return readSuspended;
    }

    /** See {@link Channel#awaitWritable(long, TimeUnit)}. */
    boolean await(long timeout, TimeUnit unit) throws InterruptedException {
        WritabilityWaiters w = waiters;
        if (w == null) {
            WAITERS.compareAndSet(this, null, new WritabilityWaiters(channel));
            w = waiters;
        }
        return w.await(timeout, unit);
    }

    /** Returns the bytes of writes from other threads still queued for an executor. */
    long queuedWriteBytes() {
        return queuedWriteBytes;
    }

    /** See {@link Channel#bytesBeforeUnwritable()}; {@code pendingBytes} are the outbound buffer's. */
    long bytesBeforeUnwritable(long pendingBytes) {
        if (unwritable != 0) {
            return 0;
        }
        return Math.max(0, highBytes() - pendingBytes - queuedWriteBytes + 1);
    }

    /**
     * Counts a write of {@code msgBytes} about to wait in an executor's queue (from the writing
     * thread); {@code pendingBytes} is a racy read of the outbound buffer's. @return what it counted,
     * for {@link #writeDequeued(long)}
     */
    long writeQueued(int msgBytes, long pendingBytes) {
        long size = Math.max(0, msgBytes) + WRITE_TASK_OVERHEAD_BYTES;
        long queued = (long) QUEUED_WRITE_BYTES.getAndAdd(this, size) + size;
        if (queued + pendingBytes > highBytes()) {
            setBit(0, false);
        }
        return size;
    }

    /** Stops counting a queued write once it ran (it is in the outbound buffer now, or failed). */
    void writeDequeued(long size) {
        QUEUED_WRITE_BYTES.getAndAdd(this, -size);
        request(QUEUED_WRITES); // the loop decides whether it is writable again
    }

    /** After the outbound buffer grew to {@code pendingBytes}: unwritable above the high watermark. */
    void outboundGrew(long pendingBytes) {
        if (pendingBytes + queuedWriteBytes > highBytes()) {
            setBit(0, false);
        }
    }

    /** After the outbound buffer shrank to {@code pendingBytes}: writable again at or below the low watermark. */
    void outboundShrank(long pendingBytes) {
        if (pendingBytes + queuedWriteBytes <= channel.config().writeBufferWaterMark().lowBytes()) {
            setBit(0, true);
        }
    }

    private long highBytes() {
        return channel.config().writeBufferWaterMark().highBytes();
    }

    /** Sets or clears bit {@code bit} (0-31, checked by the caller). From any thread. */
    void setBit(int bit, boolean writable) {
        int mask = 1 << bit;
        for (;;) {
            int old = unwritable;
            int next = writable ? old & ~mask : old | mask;
            if (old == next) {
                return;
            }
            if (UNWRITABLE.compareAndSet(this, old, next)) {
                if ((old == 0) != (next == 0)) {
                    WritabilityWaiters w = waiters;
                    if (next == 0 && w != null) {
                        w.signal();
                    }
                    request(WRITABILITY);
                }
                return;
            }
        }
    }

    /**
     * Whether a read may begin now; if not (suspended), remembers that one was asked for. Loop only.
     */
    boolean mayBeginRead() {
        if (readSuspended) {
            readRequestedWhileSuspended = true;
            return false;
        }
        return true;
    }

    @Override
    void apply(int kinds) {
        if ((kinds & QUEUED_WRITES) != 0) {
            ChannelOutboundBuffer out = channel.outboundBuffer();
            if (out != null) {
                outboundShrank(out.pendingBytes());
            }
        }
        if ((kinds & WRITABILITY) != 0) {
            applyWritability();
        }
        if ((kinds & AUTO_READ) != 0 && channel.eventLoopOrNull() != null) {
            if (channel.config().isAutoRead()) {
                channel.read();
            } else {
                channel.stopRead();
            }
        }
    }

    /** Suspends or resumes reading and tells the pipeline, if writability differs from what it was told. */
    private void applyWritability() {
        boolean writable = unwritable == 0;
        if (writable == writableFired) {
            return;
        }
        writableFired = writable;
        if (writable) {
            if (readSuspended) {
                readSuspended = false;
                if (channel.config().isAutoRead() || readRequestedWhileSuspended) {
                    readRequestedWhileSuspended = false;
                    channel.beginRead();
                }
            }
        } else if (channel.config().isSuspendReadWhenUnwritable() && channel.isActive()) {
            readSuspended = true;
            channel.stopRead();
        }
        channel.pipeline().fireChannelWritabilityChanged();
    }
}
