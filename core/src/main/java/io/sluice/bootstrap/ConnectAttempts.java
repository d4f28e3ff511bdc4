package io.sluice.bootstrap;

import io.sluice.channel.Channel;
import io.sluice.channel.ChannelFuture;
import io.sluice.channel.DefaultChannelPromise;
import io.sluice.resolver.AddressResolver;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.channels.ClosedChannelException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code Bootstrap.connect(host, port)}: resolves the name through an {@link AddressResolver} (so
 * the calling thread, often an event loop, never waits for DNS), then tries each address in order
 * until one connects. A failed connect leaves its socket closed, so each further address gets a
 * new channel, built by the bootstrap like the first and registered on the same loop; the
 * returned future's {@link ChannelFuture#channel()} is the channel of the current attempt, and in
 * the end the connected one.
 *
 * <p>Failures: the resolver's {@link java.net.UnknownHostException}; with one address, that
 * address's connect failure as it is; with several, a {@link ConnectException} naming the host and
 * every address tried, caused by the last failure (the earlier ones suppressed). A channel closed
 * by its user, or the future cancelled, stops the attempts; no attempt's channel is left open.
 * Runs on the first channel's loop.
 */
final class ConnectAttempts {
    private final Bootstrap bootstrap;
    private final String host;
    private final int port;
    private final SocketAddress localAddress;
    private final AttemptPromise promise;
    private final List<SocketAddress> tried = new ArrayList<>();
    private final List<Throwable> failures = new ArrayList<>();
    private List<InetSocketAddress> addresses;

    /** The connect future; its channel is the channel of the attempt under way. */
    private static final class AttemptPromise extends DefaultChannelPromise {
        private volatile Channel current;

        AttemptPromise(Channel first) {
            super(first, null, false); // handed to the caller, who looks at it
            this.current = first;
        }

        @Override
        public Channel channel() {
            return current;
        }
    }

    private ConnectAttempts(Bootstrap bootstrap, String host, int port, SocketAddress localAddress, Channel first) {
        this.bootstrap = bootstrap;
        this.host = host;
        this.port = port;
        this.localAddress = localAddress;
        this.promise = new AttemptPromise(first);
    }

    /** Registers a first channel, resolves {@code host}, and connects; see the class comment. */
    static ChannelFuture start(Bootstrap bootstrap, AddressResolver resolver, String host, int port,
            SocketAddress localAddress) {
        ChannelFuture registration = bootstrap.initAndRegister();
        Channel first = registration.channel();
        ConnectAttempts attempts = new ConnectAttempts(bootstrap, host, port, localAddress, first);
        attempts.promise.addListener(f -> {
            if (f.isCancelled()) {
                attempts.promise.current.close(); // on the loop: no attempt is under way now
            }
        });
        registration.addListener(f -> {
            if (!f.isSuccess()) {
                attempts.promise.tryFailure(f.cause());
                return;
            }
            resolver.resolve(host, port, first.eventLoop()).addListener(resolved -> {
                if (!resolved.isSuccess()) {
                    attempts.promise.tryFailure(resolved.cause());
                    first.close();
                    return;
                }
                attempts.addresses = resolved.getNow();
                attempts.attempt(first);
            });
        });
        return attempts.promise;
    }

    private void attempt(Channel channel) {
        promise.current = channel;
        if (promise.isDone()) { // cancelled meanwhile
            channel.close();
            return;
        }
        InetSocketAddress remote = addresses.get(tried.size());
        tried.add(remote);
        channel.connect(remote, localAddress).addListener(done -> {
            if (done.isSuccess()) {
                if (!promise.trySuccess()) {
                    channel.close();
                }
                return;
            }
            failures.add(done.cause());
            channel.close();
            if (promise.isDone() || done.cause() instanceof ClosedChannelException || tried.size() == addresses.size()) {
                promise.tryFailure(failure());
                return;
            }
            ChannelFuture next = bootstrap.initAndRegister(channel.eventLoop());
            next.addListener(registered -> {
                if (registered.isSuccess()) {
                    attempt(next.channel());
                } else {
                    promise.current = next.channel();
                    promise.tryFailure(registered.cause());
                }
            });
        });
    }

    private Throwable failure() {
        Throwable last = failures.get(failures.size() - 1);
        if (failures.size() == 1) {
            return last;
        }
        ConnectException e = new ConnectException("connect to " + host + ":" + port + " failed: " + tried.size()
                + " addresses tried " + tried + "; last failure: " + last.getMessage());
        e.initCause(last);
        for (int i = 0; i < failures.size() - 1; i++) {
            e.addSuppressed(failures.get(i));
        }
        return e;
    }
}
