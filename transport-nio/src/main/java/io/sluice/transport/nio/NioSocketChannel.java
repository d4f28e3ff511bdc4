package io.sluice.transport.nio;

import io.sluice.buffer.Buffer;
import io.sluice.buffer.BufferAllocator;
import io.sluice.channel.Channel;
import io.sluice.channel.ChannelConfig;
import io.sluice.channel.ChannelInputShutdownEvent;
import io.sluice.channel.ChannelOption;
import io.sluice.channel.ChannelPipeline;
import io.sluice.channel.FileRegion;
import io.sluice.channel.RecvSizePredictor;
import io.sluice.channel.spi.ChannelOutboundBuffer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;

/**
 * A TCP connection on {@code java.nio}. Reads go into pooled direct buffers sized by a
 * {@link RecvSizePredictor}, at most {@code MAX_MESSAGES_PER_READ} per readiness event and no more
 * once a read does not fill its buffer (the socket is then drained). Writes go out at once when
 * flushed (several buffers in one gathering write); only what the kernel does not take waits for
 * OP_WRITE, which is dropped again as soon as it drains. TCP_NODELAY is on by default.
 *
 * <p>{@link #unixDomain()} makes a client of a Unix domain socket (connect to a
 * {@link java.net.UnixDomainSocketAddress}): the same channel, reads, writes and half-close.
 */
public final class NioSocketChannel extends AbstractNioChannel {
    /** Most bytes handed to one gathering write. */
    private static final long MAX_BYTES_PER_WRITE = 4L << 20;
    /** Most buffers handed to one gathering write (the OS limit, IOV_MAX, is 1024 on Linux). */
    private static final int MAX_BUFFERS_PER_WRITE = 1024;

    private final SocketChannel socket;
    private final NioChannelConfig config;
    private RecvSizePredictor predictor;
    private boolean inputShutdown;
    private boolean outputShutdown;
    /** A read was requested since the last read batch (for auto-read off). */
    private boolean readRequested;
    private volatile SocketAddress localAddress;
    private volatile SocketAddress remoteAddress;

    /** Creates an unconnected client channel. */
    public NioSocketChannel() {
        this(null, openSocket());
    }

    NioSocketChannel(Channel parent, SocketChannel socket) {
        super(parent, socket, SelectionKey.OP_READ);
        this.socket = socket;
        this.config = new NioChannelConfig(this, socket);
        config.option(ChannelOption.TCP_NODELAY, true);
    }

    /** Returns an unconnected client channel for Unix domain sockets (JDK 16+). */
    public static NioSocketChannel unixDomain() {
        try {
            return new NioSocketChannel(null, SocketChannel.open(java.net.StandardProtocolFamily.UNIX));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open a Unix domain socket", e);
        }
    }

    private static SocketChannel openSocket() {
        try {
            return SocketChannel.open();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open a socket", e);
        }
    }

    @Override
    public ChannelConfig config() {
        return config;
    }

    @Override
    public boolean isActive() {
        return socket.isOpen() && socket.isConnected();
    }

    /** Returns whether the peer shut its output down (we read end of stream). */
    public boolean isInputShutdown() {
        return inputShutdown;
    }

    /** Returns whether our output was shut down. */
    public boolean isOutputShutdown() {
        return outputShutdown;
    }

    @Override
    protected SocketAddress localAddress0() {
        SocketAddress local = localAddress;
        if (local == null && socket.isOpen()) {
            try {
                localAddress = local = socket.getLocalAddress();
            } catch (IOException ignored) {
                return null;
            }
        }
        return local;
    }

    @Override
    protected SocketAddress remoteAddress0() {
        SocketAddress remote = remoteAddress;
        if (remote == null && socket.isOpen()) {
            try {
                remoteAddress = remote = socket.getRemoteAddress();
            } catch (IOException ignored) {
                return null;
            }
        }
        return remote;
    }

    @Override
    protected void doBind(SocketAddress local) throws Exception {
        socket.bind(local);
    }

    @Override
    protected boolean doConnect(SocketAddress remote, SocketAddress local) throws Exception {
        if (local != null) {
            socket.bind(local);
        }
        boolean connected = socket.connect(remote);
        if (!connected) {
            setInterest(SelectionKey.OP_CONNECT, true);
        }
        return connected;
    }

    @Override
    protected void doFinishConnect() throws Exception {
        if (!socket.finishConnect()) {
            throw new ConnectException("connection not finished although the socket reported it connectable");
        }
    }

    @Override
    protected void doDisconnect() throws Exception {
        doClose();
    }

    @Override
    protected void doShutdownOutput() throws Exception {
        socket.shutdownOutput();
        outputShutdown = true;
    }

    @Override
    protected void doBeginRead() {
        readRequested = true;
        if (!inputShutdown) {
            super.doBeginRead();
        }
    }

    @Override
    void readReady() {
        if (inputShutdown) {
            doStopRead();
            return;
        }
        if (predictor == null) {
            predictor = config.newRecvSizePredictor();
        }
        ChannelPipeline pipeline = pipeline();
        BufferAllocator alloc = config.allocator();
        int maxReads = config.maxMessagesPerRead();
        readRequested = false;
        boolean endOfStream = false;
        Buffer buf = null;
        try {
            int reads = 0;
            for (;;) {
                buf = alloc.ioBuffer(predictor.nextReadBytes());
                int writable = buf.writableBytes();
                int n = buf.writeBytes(socket, writable);
                predictor.record(Math.max(n, 0));
                if (n <= 0) {
                    buf.release();
                    buf = null;
                    endOfStream = n < 0;
                    break;
                }
                Buffer read = buf;
                buf = null;
                pipeline.fireChannelRead(read);
                if (n < writable || ++reads >= maxReads || !isActive() || isReadSuspended()
                        || !config.isAutoRead() && !readRequested) {
                    break; // drained (a short read), or fairness, or no longer wanted
                }
            }
            pipeline.fireChannelReadComplete();
            if (endOfStream) {
                inputClosed();
            }
        } catch (Throwable t) {
            if (buf != null) {
                buf.release();
            }
            pipeline.fireChannelReadComplete();
            pipeline.fireExceptionCaught(t);
            if (t instanceof IOException) {
                closeNow(t);
            }
        } finally {
            if (!config.isAutoRead() && !readRequested && isOpen()) {
                doStopRead();
            }
        }
    }

    private void inputClosed() {
        inputShutdown = true;
        if (config.isAllowHalfClosure() && isOpen()) {
            try {
                socket.shutdownInput();
            } catch (IOException ignored) {
                // the peer is gone already; the event still tells the pipeline
            }
            doStopRead();
            pipeline().fireUserEventTriggered(ChannelInputShutdownEvent.INSTANCE);
        } else {
            closeNow();
        }
    }

    @Override
    protected Object filterOutboundMessage(Object msg) throws Exception {
        if (msg instanceof FileRegion) {
            return msg;
        }
        if (!(msg instanceof Buffer)) {
            return super.filterOutboundMessage(msg); // rejects it, naming the type
        }
        Buffer buf = (Buffer) msg;
        if (buf.isDirect()) {
            return buf;
        }
        // heap memory would be copied by the JDK into a temporary direct buffer on every write anyway
        int readable = buf.readableBytes();
        Buffer direct = config.allocator().directBuffer(readable);
        direct.writeBytes(buf, buf.readerIndex(), readable);
        buf.release();
        return direct;
    }

    /** Sends what the socket takes of a file region (sendfile). @return false if the socket is full */
    private boolean writeFileRegion(ChannelOutboundBuffer out, FileRegion region) throws IOException {
        if (region.transferred() < region.count()) {
            long n = region.transferTo(socket);
            if (n == 0) {
                return false;
            }
        }
        if (region.transferred() >= region.count()) {
            out.remove();
        }
        return true;
    }

    @Override
    protected void doWrite(ChannelOutboundBuffer out) throws Exception {
        for (int spin = config.writeSpinCount(); spin > 0; spin--) {
            if (out.isEmpty()) {
                setInterest(SelectionKey.OP_WRITE, false);
                return;
            }
            Object first = out.current();
            if (out.size() == 1 && first instanceof Buffer && ((Buffer) first).nioBufferCount() == 1) {
                // the common case (one reply per read batch): write it through a reused view
                Buffer buf = (Buffer) first;
                int readable = buf.readableBytes();
                int written = readable == 0 ? 0 : buf.getBytes(buf.readerIndex(), socket, readable);
                out.removeBytes(written);
                if (written < readable) {
                    setInterest(SelectionKey.OP_WRITE, true);
                    return;
                }
                continue;
            }
            ByteBuffer[] buffers = out.nioBuffers(MAX_BUFFERS_PER_WRITE, MAX_BYTES_PER_WRITE);
            int count = out.nioBufferCount();
            if (count == 0) {
                Object msg = out.current();
                if (msg instanceof FileRegion) {
                    if (!writeFileRegion(out, (FileRegion) msg)) {
                        setInterest(SelectionKey.OP_WRITE, true);
                        return;
                    }
                } else if (msg instanceof Buffer buffer && buffer.isReadable()) {
                    // never report a buffer written that was not: fail loudly instead
                    out.remove(new IllegalStateException("message: " + buffer + " (expected: a buffer with an NIO view)"));
                } else {
                    out.remove(); // an empty buffer
                }
                continue;
            }
            long expected = out.nioBufferBytes();
            long written = count == 1 ? socket.write(buffers[0]) : socket.write(buffers, 0, count);
            if (written > 0) {
                out.removeBytes(written);
            }
            if (written < expected) {
                setInterest(SelectionKey.OP_WRITE, true); // the kernel is full: wait until it drains
                return;
            }
        }
        if (!out.isEmpty()) {
            // spun enough: let other channels have the loop, then carry on
            eventLoop().execute(this::flushNow);
        } else {
            setInterest(SelectionKey.OP_WRITE, false);
        }
    }
}
