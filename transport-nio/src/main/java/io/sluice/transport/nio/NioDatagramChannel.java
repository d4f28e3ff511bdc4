package io.sluice.transport.nio;

import io.sluice.buffer.Buffer;
import io.sluice.channel.ChannelConfig;
import io.sluice.channel.ChannelFuture;
import io.sluice.channel.ChannelPipeline;
import io.sluice.channel.ChannelPromise;
import io.sluice.channel.DatagramPacket;
import io.sluice.channel.spi.ChannelOutboundBuffer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.MembershipKey;
import java.nio.channels.SelectionKey;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A UDP endpoint on {@code java.nio}. Reads arrive as {@link DatagramPacket}s (one per datagram,
 * up to {@code MAX_MESSAGES_PER_READ} per readiness event); writes take {@link DatagramPacket}s,
 * or plain {@link Buffer}s once {@linkplain #connect(SocketAddress) connected}. Supports broadcast
 * ({@code SO_BROADCAST}) and multicast group membership.
 */
public final class NioDatagramChannel extends AbstractNioChannel {
    /** Largest datagram read; bigger ones are truncated by the OS, as UDP does. */
    private static final int MAX_DATAGRAM_BYTES = 65_507;

    private final DatagramChannel socket;
    private final NioChannelConfig config;
    private final Map<String, MembershipKey> memberships = new ConcurrentHashMap<>();

    /** Creates an unbound IPv4 datagram channel. */
    public NioDatagramChannel() {
        this(open());
    }

    private NioDatagramChannel(DatagramChannel socket) {
        super(null, socket, SelectionKey.OP_READ);
        this.socket = socket;
        this.config = new NioChannelConfig(this, socket);
    }

    private static DatagramChannel open() {
        try {
            return DatagramChannel.open(StandardProtocolFamily.INET);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open a datagram socket", e);
        }
    }

    @Override
    public ChannelConfig config() {
        return config;
    }

    @Override
    public boolean isActive() {
        return socket.isOpen() && socket.socket().isBound();
    }

    /** Returns whether the channel is connected to one peer. */
    public boolean isConnected() {
        return socket.isConnected();
    }

    @Override
    protected SocketAddress localAddress0() {
        try {
            return socket.isOpen() ? socket.getLocalAddress() : null;
        } catch (IOException e) {
            return null;
        }
    }

    @Override
    protected SocketAddress remoteAddress0() {
        try {
            return socket.isOpen() ? socket.getRemoteAddress() : null;
        } catch (IOException e) {
            return null;
        }
    }

    @Override
    protected void doBind(SocketAddress local) throws Exception {
        socket.bind(local);
    }

    @Override
    protected boolean doConnect(SocketAddress remote, SocketAddress local) throws Exception {
        if (local != null) {
            socket.bind(local);
        } else if (!socket.socket().isBound()) {
            socket.bind(null);
        }
        socket.connect(remote);
        return true;
    }

    @Override
    protected void doFinishConnect() {}

    @Override
    protected void doDisconnect() throws Exception {
        socket.disconnect();
    }

    @Override
    protected void doShutdownOutput() {
        throw new UnsupportedOperationException("shutdownOutput: on UDP (expected: a TCP channel; UDP has no output to shut down)");
    }

    /** Joins multicast {@code group} on {@code iface}; the future completes on the channel's loop. */
    public ChannelFuture joinGroup(InetAddress group, NetworkInterface iface) {
        ChannelPromise promise = newPromise();
        eventLoop().execute(() -> {
            try {
                memberships.put(key(group, iface), socket.join(group, iface));
                promise.trySuccess();
            } catch (IOException | RuntimeException e) {
                promise.tryFailure(e);
            }
        });
        return promise;
    }

    /** Leaves multicast {@code group} on {@code iface}. */
    public ChannelFuture leaveGroup(InetAddress group, NetworkInterface iface) {
        ChannelPromise promise = newPromise();
        eventLoop().execute(() -> {
            MembershipKey membership = memberships.remove(key(group, iface));
            if (membership == null) {
                promise.tryFailure(new IllegalStateException("group: " + group + " on " + iface + " (expected: one this channel joined)"));
                return;
            }
            membership.drop();
            promise.trySuccess();
        });
        return promise;
    }

    private static String key(InetAddress group, NetworkInterface iface) {
        return group.getHostAddress() + '%' + iface.getName();
    }

    @Override
    void readReady() {
        ChannelPipeline pipeline = pipeline();
        int max = config.maxMessagesPerRead();
        Buffer buf = null;
        try {
            for (int i = 0; i < max; i++) {
                buf = config.allocator().ioBuffer(MAX_DATAGRAM_BYTES);
                ByteBuffer target = buf.nioBuffer(0, buf.capacity());
                SocketAddress sender = socket.receive(target);
                if (sender == null) {
                    buf.release();
                    buf = null;
                    break;
                }
                buf.writerIndex(target.position());
                DatagramPacket packet = new DatagramPacket(buf, (InetSocketAddress) localAddress0(),
                        (InetSocketAddress) sender);
                buf = null;
                pipeline.fireChannelRead(packet);
            }
        } catch (IOException | RuntimeException e) {
            pipeline.fireExceptionCaught(e);
        } finally {
            if (buf != null) {
                buf.release();
            }
            pipeline.fireChannelReadComplete();
        }
    }

    @Override
    protected Object filterOutboundMessage(Object msg) throws Exception {
        if (msg instanceof DatagramPacket) {
            return msg;
        }
        if (msg instanceof Buffer && socket.isConnected()) {
            return msg;
        }
        throw new UnsupportedOperationException("unsupported message type: " + msg.getClass().getName()
                + " (expected: DatagramPacket, or Buffer on a connected channel)");
    }

    @Override
    protected void doWrite(ChannelOutboundBuffer out) throws Exception {
        for (Object msg; (msg = out.current()) != null; ) {
            Buffer content;
            InetSocketAddress recipient;
            if (msg instanceof DatagramPacket packet) {
                content = packet.content();
                recipient = packet.recipient();
            } else {
                content = (Buffer) msg;
                recipient = null;
            }
            ByteBuffer data = content.nioBuffer();
            int expected = data.remaining();
            int sent = recipient != null ? socket.send(data, recipient) : socket.write(data);
            if (sent == 0 && expected > 0) {
                setInterest(SelectionKey.OP_WRITE, true); // the socket's buffer is full
                return;
            }
            out.remove();
        }
        setInterest(SelectionKey.OP_WRITE, false);
    }
}
