package io.sluice.transport.nio;

import io.sluice.channel.Channel;
import io.sluice.channel.EventLoop;
import io.sluice.channel.spi.AbstractChannel;
import io.sluice.channel.spi.IoEventLoop;
import java.io.IOException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;

/**
 * A channel over a {@link SelectableChannel} registered with its loop's {@link NioIoHandler}.
 * Interest changes are made only when they change something, since each one costs an
 * {@code epoll_ctl} at the next select.
 *
 * <p>Package-private and sealed: its hooks are the selector plumbing of this package (the selection
 * key, interest ops, {@code NioIoHandler}'s dispatch), which are not API. Opening it would export
 * that plumbing and freeze it; a new transport extends {@code io.sluice.channel.spi.AbstractChannel}
 * instead, and new NIO channel kinds are added here.
 */
abstract sealed class AbstractNioChannel extends AbstractChannel
        permits NioSocketChannel, NioServerSocketChannel, NioDatagramChannel {
    private final SelectableChannel javaChannel;
    /** OP_READ for connections, OP_ACCEPT for listeners. */
    private final int readOp;
    private SelectionKey key;
    /** Interest set last given to the key; loop only. */
    private int interestOps;

    AbstractNioChannel(Channel parent, SelectableChannel javaChannel, int readOp) {
        super(parent);
        this.javaChannel = javaChannel;
        this.readOp = readOp;
        try {
            javaChannel.configureBlocking(false);
        } catch (IOException e) {
            try {
                javaChannel.close();
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw new java.io.UncheckedIOException("cannot make the socket non-blocking", e);
        }
    }

    final SelectableChannel javaChannel() {
        return javaChannel;
    }

    final void selectionKey(SelectionKey key) {
        this.key = key;
    }

    /** Handles what the selector found ready. */
    final void processReady(int readyOps) {
        if ((readyOps & SelectionKey.OP_CONNECT) != 0) {
            setInterest(SelectionKey.OP_CONNECT, false);
            finishConnect();
        }
        if ((readyOps & SelectionKey.OP_WRITE) != 0) {
            setInterest(SelectionKey.OP_WRITE, false);
            flushNow();
        }
        if ((readyOps & readOp) != 0 && key.isValid()) {
            readReady();
        }
    }

    /** Reads (or accepts) what is ready. */
    abstract void readReady();

    /** {@link #closeNow(Throwable)} with a {@code ClosedChannelException}, for the selector's handler. On the loop. */
    final void closeNow() {
        closeNow(new java.nio.channels.ClosedChannelException());
    }

    final void setInterest(int op, boolean on) {
        SelectionKey k = key;
        if (k == null || !k.isValid()) {
            return;
        }
        int next = on ? interestOps | op : interestOps & ~op;
        if (next != interestOps) {
            interestOps = next;
            k.interestOps(next);
        }
    }

    final boolean hasInterest(int op) {
        return (interestOps & op) != 0;
    }

    @Override
    public boolean isOpen() {
        return javaChannel.isOpen();
    }

    @Override
    protected boolean isCompatible(EventLoop loop) {
        return loop instanceof IoEventLoop io && io.ioHandler() instanceof NioIoHandler;
    }

    @Override
    protected void doRegister() throws Exception {
        NioIoHandler handler = (NioIoHandler) ((IoEventLoop) eventLoop()).ioHandler();
        key = handler.register(this, interestOps);
    }

    @Override
    protected void doDeregister() {
        SelectionKey k = key;
        if (k != null) {
            k.cancel();
        }
    }

    @Override
    protected void doBeginRead() {
        setInterest(readOp, true);
    }

    @Override
    protected void doStopRead() {
        setInterest(readOp, false);
    }

    @Override
    protected void doClose() throws Exception {
        javaChannel.close();
    }
}
