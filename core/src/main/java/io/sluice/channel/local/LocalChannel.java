package io.sluice.channel.local;

import io.sluice.buffer.ReferenceCounting;
import io.sluice.channel.Channel;
import io.sluice.channel.ChannelConfig;
import io.sluice.channel.ChannelInputShutdownEvent;
import io.sluice.channel.ChannelPipeline;
import io.sluice.channel.EventLoop;
import io.sluice.channel.spi.AbstractChannel;
import io.sluice.channel.spi.ChannelOutboundBuffer;
import java.net.ConnectException;
import java.net.SocketAddress;
import java.nio.channels.ClosedChannelException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.jctools.queues.varhandle.SpscUnboundedVarHandleArrayQueue;

/**
 * One end of an in-process connection: what one end writes and flushes arrives, in order, in the
 * other end's pipeline, handed over without a copy (a buffer's ownership goes with it).
 *
 * <p>Like a socket: each end has a receive window of {@link #RECEIVE_WINDOW_BYTES}; while the
 * messages waiting for the reader fill it, the writer's flushed messages stay in its outbound buffer,
 * so watermarks and writability behave as on TCP. A reader with auto-read off gets nothing until it
 * asks ({@code read()}), at most {@code MAX_MESSAGES_PER_READ} messages per read. End of stream
 * ({@code shutdownOutput} or close of the peer) comes after every message sent before it and means
 * an input-shutdown event with half-closure allowed, else close. Writing to a closed peer fails with
 * {@link ClosedChannelException}.
 *
 * <p>Threading: each end runs on its own loop (any kind of event loop). The writer's loop puts
 * messages into the reader's single-producer queue and asks the reader's loop to deliver them (one
 * task per flush at most); the reader's loop tells the writer's loop when its window opens again.
 */
public final class LocalChannel extends AbstractChannel {
    /** Bytes waiting at the reader beyond which the writer's messages wait (a socket's receive buffer). */
    public static final int RECEIVE_WINDOW_BYTES = 64 * 1024;
    private static final int QUEUE_CHUNK = 128;
    private static final Object END_OF_STREAM = new Object();
    private static final int OPEN = 0;
    private static final int CONNECTED = 1;
    private static final int CLOSED = 2;

    private final ChannelConfig config = new ChannelConfig(this);
    /** Messages from the peer, and END_OF_STREAM; the peer's loop offers, this loop polls. */
    private final SpscUnboundedVarHandleArrayQueue<Object> inbound = new SpscUnboundedVarHandleArrayQueue<>(QUEUE_CHUNK);
    /** Bytes in {@link #inbound} (at least 1 per message); both loops update it. */
    private final AtomicLong inboundBytes = new AtomicLong();
    /** Whether a delivery task is queued on this channel's loop. */
    private final AtomicBoolean deliveryPending = new AtomicBoolean();
    private volatile int state;
    private volatile LocalChannel peer;
    private volatile LocalAddress localAddress;
    private volatile LocalAddress remoteAddress;
    /** Whether this end's loop is known (set on registration): deliveries can be scheduled. */
    private volatile boolean loopKnown;
    /** Whether this end's flushed messages wait for the peer's window to open. */
    private volatile boolean writeStalled;
    /** Why a pending connect failed, for {@link #doFinishConnect()}. */
    private volatile ConnectException connectFailure;
    // loop-only state
    private boolean readRequested;
    private boolean inputShutdown;
    private boolean outputShutdown;

    /** Creates an unconnected client channel: connect it to a {@link LocalAddress}. */
    public LocalChannel() {
        super(null);
    }

    /** The accepted end of {@code client}'s connect to {@code server}. */
    private LocalChannel(LocalServerChannel server, LocalChannel client) {
        super(server);
        this.peer = client;
        this.localAddress = (LocalAddress) server.localAddress();
        this.remoteAddress = client.localAddress;
        this.state = CONNECTED;
    }

    @Override
    public ChannelConfig config() {
        return config;
    }

    @Override
    public boolean isOpen() {
        return state != CLOSED;
    }

    @Override
    public boolean isActive() {
        return state == CONNECTED;
    }

    /** Returns whether the peer's end of stream was read. */
    public boolean isInputShutdown() {
        return inputShutdown;
    }

    /** Returns whether this end's output was shut down. */
    public boolean isOutputShutdown() {
        return outputShutdown;
    }

    @Override
    protected boolean isCompatible(EventLoop loop) {
        return true; // needs nothing but the loop's task queue
    }

    @Override
    protected void doRegister() {
        loopKnown = true;
        LocalChannel client = peer;
        if (parent() != null && client != null && client.state == OPEN) {
            client.runOnItsLoop(client::finishConnect); // the accepted end exists: the connect is done
        }
        if (inboundBytes.get() > 0) {
            scheduleDelivery(); // the peer wrote before this end had a loop
        }
    }

    @Override
    protected void doBind(SocketAddress local) {
        if (!(local instanceof LocalAddress address)) {
            throw new IllegalArgumentException("local: " + local + " (expected: a LocalAddress)");
        }
        localAddress = address;
    }

    @Override
    protected boolean doConnect(SocketAddress remote, SocketAddress local) throws Exception {
        if (!(remote instanceof LocalAddress address)) {
            throw new IllegalArgumentException("remote: " + remote + " (expected: a LocalAddress)");
        }
        if (state != OPEN || peer != null) {
            throw new java.nio.channels.AlreadyConnectedException();
        }
        LocalServerChannel server = LocalServerChannel.boundTo(address);
        if (server == null || !server.isActive()) {
            throw new ConnectException("connection refused: " + address);
        }
        if (local != null) {
            doBind(local);
        } else if (localAddress == null) {
            localAddress = LocalAddress.ephemeral();
        }
        remoteAddress = address;
        LocalChannel child = new LocalChannel(server, this);
        peer = child;
        server.accept(child);
        return false; // done when the accepted end is registered (its doRegister calls finishConnect)
    }

    /** The server could not take {@code child}: fails this connect. From any thread. */
    void refuse(LocalServerChannel server) {
        LocalChannel client = peer;
        state = CLOSED;
        if (client != null) {
            client.failConnect(new ConnectException("connection refused: " + server.localAddress()));
        }
    }

    private void failConnect(ConnectException cause) {
        connectFailure = cause;
        runOnItsLoop(this::finishConnect);
    }

    @Override
    protected void doFinishConnect() throws Exception {
        ConnectException failure = connectFailure;
        if (failure != null) {
            throw failure;
        }
        if (state != OPEN) {
            throw new ConnectException("connection refused: " + remoteAddress);
        }
        state = CONNECTED;
    }

    @Override
    protected void doDisconnect() {
        doClose();
    }

    @Override
    protected void doClose() {
        if (state == CLOSED) {
            return;
        }
        boolean connecting = state == OPEN;
        state = CLOSED;
        LocalChannel p = peer;
        if (p != null && !connecting) {
            if (p.state == OPEN) {
                p.failConnect(new ConnectException("connection closed by the server: " + localAddress));
            } else if (!outputShutdown) {
                p.enqueue(END_OF_STREAM, 1);
                p.scheduleDelivery();
            }
        }
        releaseInbound();
    }

    @Override
    protected void doShutdownOutput() throws Exception {
        LocalChannel p = peer;
        if (outputShutdown || p == null) {
            outputShutdown = true;
            return;
        }
        outputShutdown = true;
        p.enqueue(END_OF_STREAM, 1);
        p.scheduleDelivery();
    }

    @Override
    protected void doDeregister() {}

    @Override
    protected void doBeginRead() {
        readRequested = true;
        if (inboundBytes.get() > 0) {
            scheduleDelivery();
        }
    }

    @Override
    protected void doStopRead() {
        readRequested = false;
    }

    @Override
    protected Object filterOutboundMessage(Object msg) {
        return msg; // any message travels as it is
    }

    @Override
    protected void doWrite(ChannelOutboundBuffer out) throws Exception {
        LocalChannel p = peer;
        if (outputShutdown || p == null || p.state == CLOSED) {
            throw new ClosedChannelException();
        }
        boolean sent = false;
        while (!out.isEmpty()) {
            if (p.inboundBytes.get() >= RECEIVE_WINDOW_BYTES) {
                writeStalled = true;
                if (p.inboundBytes.get() >= RECEIVE_WINDOW_BYTES) {
                    break; // the peer's delivery calls windowOpened() once it has taken some
                }
                writeStalled = false;
            }
            Object msg = out.current();
            p.enqueue(ReferenceCounting.retain(msg), Math.max(1, estimateSize(msg)));
            out.remove(); // completes the promise and drops this end's reference: ownership moved
            sent = true;
        }
        if (sent) {
            p.scheduleDelivery();
        }
    }

    private void enqueue(Object msg, int bytes) {
        inbound.offer(msg);
        inboundBytes.addAndGet(bytes);
    }

    /** Queues one delivery task on this end's loop unless one is queued. From the peer's loop. */
    private void scheduleDelivery() {
        if (!loopKnown || !deliveryPending.compareAndSet(false, true)) {
            return;
        }
        try {
            eventLoop().execute(this::deliver);
        } catch (RejectedExecutionException e) {
            deliveryPending.set(false);
            releaseInbound(); // this end's loop is gone: nobody else will ever take them
        }
    }

    /** Hands waiting messages to the pipeline, as a socket read would. On this end's loop. */
    private void deliver() {
        deliveryPending.set(false);
        if (state == CLOSED) {
            releaseInbound();
            return;
        }
        if (!isActive() || inputShutdown || isReadSuspended() || !config.isAutoRead() && !readRequested) {
            return; // kept until read is asked for again (doBeginRead schedules a delivery)
        }
        readRequested = false;
        ChannelPipeline pipeline = pipeline();
        int max = config.maxMessagesPerRead();
        long taken = 0;
        boolean endOfStream = false;
        int delivered = 0;
        while (delivered < max) {
            Object msg = inbound.poll();
            if (msg == null) {
                break;
            }
            if (msg == END_OF_STREAM) {
                taken++;
                endOfStream = true;
                break;
            }
            taken += Math.max(1, estimateSize(msg));
            delivered++;
            pipeline.fireChannelRead(msg);
            if (!isActive() || isReadSuspended() || !config.isAutoRead() && !readRequested) {
                break;
            }
        }
        if (taken > 0 && inboundBytes.addAndGet(-taken) < RECEIVE_WINDOW_BYTES) {
            LocalChannel p = peer;
            if (p != null && p.writeStalled) {
                p.windowOpened();
            }
        }
        if (delivered > 0) {
            pipeline.fireChannelReadComplete();
        }
        if (endOfStream) {
            inputClosed();
        } else if (inboundBytes.get() > 0 && (config.isAutoRead() || readRequested)) {
            scheduleDelivery(); // more waiting: after the loop's other work, for fairness
        }
    }

    /** The peer took messages and its window has room: send what waits. From the peer's loop. */
    private void windowOpened() {
        writeStalled = false;
        runOnItsLoop(this::flushNow);
    }

    private void inputClosed() {
        inputShutdown = true;
        if (config.isAllowHalfClosure() && isOpen()) {
            pipeline().fireUserEventTriggered(ChannelInputShutdownEvent.INSTANCE);
        } else {
            closeNow(new ClosedChannelException());
        }
    }

    private void releaseInbound() {
        long taken = 0;
        for (Object msg = inbound.relaxedPoll(); msg != null; msg = inbound.relaxedPoll()) {
            taken += msg == END_OF_STREAM ? 1 : Math.max(1, estimateSize(msg));
            ReferenceCounting.safeRelease(msg);
        }
        inboundBytes.addAndGet(-taken);
    }

    private void runOnItsLoop(Runnable task) {
        try {
            eventLoop().execute(task);
        } catch (RejectedExecutionException e) {
            // the loop is gone: so is everything the task would have touched
        }
    }

    @Override
    protected SocketAddress localAddress0() {
        return localAddress;
    }

    @Override
    protected SocketAddress remoteAddress0() {
        return remoteAddress;
    }

    /** Returns the other end, or {@code null} before a connect. */
    public Channel peer() {
        return peer;
    }
}
