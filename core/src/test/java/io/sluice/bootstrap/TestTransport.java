package io.sluice.bootstrap;

import io.sluice.channel.Channel;
import io.sluice.channel.ChannelConfig;
import io.sluice.channel.EventLoop;
import io.sluice.channel.ServerChannel;
import io.sluice.channel.spi.AbstractChannel;
import io.sluice.channel.spi.ChannelOutboundBuffer;
import io.sluice.channel.spi.IoEventLoop;
import io.sluice.channel.spi.IoEventLoopGroup;
import io.sluice.channel.spi.IoHandler;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;

/** An in-memory transport on real event loops, enough to exercise the bootstraps. */
final class TestTransport {
    private TestTransport() {}

    static IoEventLoopGroup group(int threads, String name) {
        return IoEventLoopGroup.create(threads, name, ParkingIoHandler::new);
    }

    /** Waits by parking; remembers a wake-up that comes before the loop thread first waits. */
    static final class ParkingIoHandler implements IoHandler {
        private volatile Thread waiter;
        private volatile boolean woken;

        @Override
        public void waitForIo(long timeoutNanos) {
            waiter = Thread.currentThread();
            if (woken || timeoutNanos == 0) {
                woken = false;
                return;
            }
            if (timeoutNanos == Long.MAX_VALUE) {
                LockSupport.park(this);
            } else {
                LockSupport.parkNanos(this, timeoutNanos);
            }
            woken = false;
        }

        @Override
        public void wakeUp() {
            woken = true;
            LockSupport.unpark(waiter);
        }

        @Override
        public void processReady() {}
    }

    /** Shared plumbing: no socket, writes collected. */
    abstract static class TestChannel extends AbstractChannel {
        private final ChannelConfig config = new ChannelConfig(this);
        final Queue<Object> written = new ConcurrentLinkedQueue<>();
        volatile boolean open = true;
        volatile boolean active;
        volatile SocketAddress local;
        volatile SocketAddress remote;

        TestChannel(Channel parent) {
            super(parent);
        }

        @Override
        public ChannelConfig config() {
            return config;
        }

        @Override
        public boolean isOpen() {
            return open;
        }

        @Override
        public boolean isActive() {
            return open && active;
        }

        @Override
        protected boolean isCompatible(EventLoop loop) {
            return loop instanceof IoEventLoop;
        }

        @Override
        protected void doRegister() {}

        @Override
        protected void doBind(SocketAddress localAddress) throws Exception {
            local = localAddress;
        }

        @Override
        protected boolean doConnect(SocketAddress remoteAddress, SocketAddress localAddress) throws Exception {
            remote = remoteAddress;
            active = true;
            return true;
        }

        @Override
        protected void doFinishConnect() {}

        @Override
        protected void doDisconnect() {
            doClose();
        }

        @Override
        protected void doClose() {
            open = false;
            active = false;
        }

        @Override
        protected void doShutdownOutput() {}

        @Override
        protected void doDeregister() {}

        @Override
        protected void doBeginRead() {}

        @Override
        protected void doStopRead() {}

        @Override
        protected void doWrite(ChannelOutboundBuffer out) {
            for (Object msg; (msg = out.current()) != null; ) {
                written.add(io.sluice.buffer.ReferenceCounting.retain(msg));
                out.remove();
            }
        }

        @Override
        protected Object filterOutboundMessage(Object msg) {
            return msg; // the test transport "sends" any object
        }

        @Override
        protected SocketAddress localAddress0() {
            return local;
        }

        @Override
        protected SocketAddress remoteAddress0() {
            return remote;
        }
    }

    /** A listening channel; {@link #accept()} makes it "accept" one connection. */
    static final class TestServerChannel extends TestChannel implements ServerChannel {
        volatile boolean failBind;

        TestServerChannel() {
            super(null);
        }

        @Override
        protected void doBind(SocketAddress localAddress) throws Exception {
            if (failBind) {
                throw new BindException("address in use (test): " + localAddress);
            }
            super.doBind(localAddress);
            active = true;
        }

        /** Accepts one connection on the server's loop; the child is already connected. */
        void accept() {
            eventLoop().execute(() -> {
                TestChildChannel child = new TestChildChannel(this);
                pipeline().fireChannelRead(child);
                pipeline().fireChannelReadComplete();
            });
        }
    }

    /** An accepted connection. */
    static final class TestChildChannel extends TestChannel {
        TestChildChannel(Channel parent) {
            super(parent);
            active = true;
            local = parent.localAddress();
            remote = new InetSocketAddress("127.0.0.1", 40000);
        }
    }

    /** A client; with {@code pending} its connect never completes (to test the timeout). */
    static final class TestClientChannel extends TestChannel {
        volatile boolean pending;

        TestClientChannel() {
            super(null);
        }

        @Override
        protected boolean doConnect(SocketAddress remoteAddress, SocketAddress localAddress) throws Exception {
            if (pending) {
                remote = remoteAddress;
                return false;
            }
            return super.doConnect(remoteAddress, localAddress);
        }
    }
}
