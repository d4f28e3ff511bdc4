package io.sluice.benchmarks.e2e;

import io.sluice.bootstrap.ServerBootstrap;
import io.sluice.channel.Channel;
import io.sluice.channel.ChannelHandler;
import io.sluice.channel.ChannelHandlerContext;
import io.sluice.channel.ChannelInitializer;
import io.sluice.channel.EventLoopGroup;
import io.sluice.transport.nio.NioEventLoopGroup;
import io.sluice.transport.nio.NioServerSocketChannel;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/**
 * Accepts per second with a four-handler pipeline on two loops: what adding non-sharable handlers
 * costs per connection (the pipeline's in-use check, context creation, {@code handlerAdded}).
 *
 * <p>One process: a server on two NIO event loops (boss and workers share the group) whose initializer
 * adds four new non-sharable handlers per connection, and {@code --clients} threads that connect and
 * close (with a reset, so no TIME_WAIT piles up) as fast as they can. The figure counted is the server's:
 * connections whose fourth handler saw {@code channelActive}, per one-second window; the median of the
 * measured windows is printed last. Client and server share the machine, so compare runs of the same
 * command (before and after a change), never against a figure from another machine.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar io.sluice.benchmarks.e2e.AcceptRateBenchmark [--warmup 5] [--seconds 10] [--clients 4]</pre>
 */
public final class AcceptRateBenchmark {
    /** Connections whose last handler became active. */
    private static final LongAdder ACTIVE = new LongAdder();

    private AcceptRateBenchmark() {}

    /** A non-sharable handler that does a little per connection, as real ones do. */
    static final class StepHandler implements ChannelHandler {
        private final boolean last;
        private int events;

        StepHandler(boolean last) {
            this.last = last;
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            events++;
            if (last) {
                ACTIVE.increment();
            } else {
                ctx.fireChannelActive();
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            events++;
            ctx.close(); // the clients reset every connection: no error here
        }
    }

    public static void main(String[] argv) throws Exception {
        Args args = Args.parse(argv, Set.of("warmup", "seconds", "clients"), Set.of());
        int warmup = args.intValue("warmup", 5);
        int seconds = args.intValue("seconds", 10);
        int clients = args.intValue("clients", 4);
        if (warmup < 0 || seconds <= 0 || clients <= 0) {
            throw new IllegalArgumentException("--warmup >= 0, --seconds > 0, --clients > 0 (got " + warmup + ", "
                    + seconds + ", " + clients + ")");
        }
        EventLoopGroup group = NioEventLoopGroup.create(2);
        AtomicBoolean running = new AtomicBoolean(true);
        List<Thread> threads = new ArrayList<>();
        try {
            Channel server = ServerBootstrap.create()
                    .group(group)
                    .channel(NioServerSocketChannel::new)
                    .childHandler(new ChannelInitializer<Channel>() {
                        @Override
                        protected void initChannel(Channel ch) {
                            ch.pipeline().addLast("a", new StepHandler(false)).addLast("b", new StepHandler(false))
                                    .addLast("c", new StepHandler(false)).addLast("d", new StepHandler(true));
                        }
                    })
                    .bind(EchoServers.HOST, 0)
                    .sync()
                    .channel();
            InetSocketAddress address = (InetSocketAddress) server.localAddress();
            for (int i = 0; i < clients; i++) {
                Thread t = new Thread(() -> connectLoop(address, running), "accept-client-" + i);
                t.setDaemon(true);
                t.start();
                threads.add(t);
            }
            long[] rates = new long[seconds];
            for (int s = -warmup; s < seconds; s++) {
                long before = ACTIVE.sum();
                long start = System.nanoTime();
                TimeUnit.SECONDS.sleep(1); // a measuring window, not synchronisation
                long perSecond = (ACTIVE.sum() - before) * 1_000_000_000L / (System.nanoTime() - start);
                System.out.println((s < 0 ? "warmup " : "second ") + (s < 0 ? warmup + s + 1 : s + 1) + ": "
                        + perSecond + " accepts/s");
                if (s >= 0) {
                    rates[s] = perSecond;
                }
            }
            Arrays.sort(rates);
            System.out.println("median accepts/s: " + rates[seconds / 2] + " (4 non-sharable handlers, 2 loops, "
                    + clients + " client threads)");
        } finally {
            running.set(false);
            for (Thread t : threads) {
                t.join(5_000);
            }
            group.shutdownGracefully(0, 2, TimeUnit.SECONDS).await(10, TimeUnit.SECONDS);
        }
    }

    private static void connectLoop(InetSocketAddress address, AtomicBoolean running) {
        while (running.get()) {
            try (Socket s = new Socket()) {
                s.setSoLinger(true, 0); // close with a reset: no TIME_WAIT, so ports are not exhausted
                s.connect(address, 5_000);
            } catch (IOException e) {
                // a refused or timed-out connect under overload: try again
            }
        }
    }
}
