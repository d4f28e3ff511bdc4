package io.sluice.benchmarks.e2e;

import io.sluice.benchmarks.e2e.TlsEchoServers.Server;
import io.sluice.codec.tls.SelfSignedCertificate;
import io.sluice.codec.tls.TlsContextBuilder;
import java.io.DataInputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * TLS echo, Sluice's {@code TlsHandler} against Netty 4.2's {@code SslHandler} (JDK provider), both
 * servers in this JVM on one NIO event loop each, measured in alternating rounds by the same
 * client: {@code --connections C} JDK {@code SSLSocket}s, each sending a {@code --size} message
 * (16 KiB by default) and reading its echo before the next (every echo compared with what was sent).
 * Reports echo throughput, echoed bytes per CPU-second of the server's TLS threads (its event loop,
 * plus Sluice's delegated-task threads), and full handshakes per second (a new connection each time,
 * sessions invalidated so none is resumed) with handshakes per server CPU-second.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar io.sluice.benchmarks.e2e.TlsEchoBenchmark
 *     [--protocol TLSv1.3] [--connections 4] [--size 16384] [--seconds 5] [--warmup 5] [--rounds 3]</pre>
 */
public final class TlsEchoBenchmark {
    private TlsEchoBenchmark() {}

    /** One measurement: operations per second and per server CPU-second. */
    record Result(double perSecond, double perCpuSecond) {}

    public static void main(String[] argv) throws Exception {
        Args args = Args.parse(argv, Set.of("protocol", "connections", "size", "seconds", "warmup", "rounds"), Set.of());
        String protocol = args.string("protocol", "TLSv1.3");
        int connections = args.intValue("connections", 4);
        int size = args.intValue("size", 16384);
        int seconds = args.intValue("seconds", 5);
        int warmup = args.intValue("warmup", 5);
        int rounds = args.intValue("rounds", 3);
        SelfSignedCertificate cert = SelfSignedCertificate.create();
        SSLContext client = TlsContextBuilder.forClient().trustCertificates(cert.certificate()).protocols(protocol)
                .build().sslContext();
        try (Server sluice = TlsEchoServers.sluice(cert, protocol); Server netty = TlsEchoServers.netty(cert, protocol)) {
            List<Server> servers = List.of(sluice, netty);
            System.out.printf(Locale.ROOT, "%s, %d connections, %d-byte messages, %d s rounds, Java %s%n", protocol,
                    connections, size, seconds, System.getProperty("java.version"));
            for (Server server : servers) {
                echo(client, server, connections, size, warmup);
                handshakes(client, server, connections, warmup);
            }
            List<Result> echoSluice = new ArrayList<>();
            List<Result> echoNetty = new ArrayList<>();
            List<Result> handshakeSluice = new ArrayList<>();
            List<Result> handshakeNetty = new ArrayList<>();
            for (int round = 0; round < rounds; round++) {
                List<Server> order = round % 2 == 0 ? servers : List.of(netty, sluice);
                for (Server server : order) {
                    Result echo = echo(client, server, connections, size, seconds);
                    (server == sluice ? echoSluice : echoNetty).add(echo);
                    System.out.printf(Locale.ROOT, "round %d echo      %-6s %9.1f MiB/s %9.1f MiB per server CPU-s%n",
                            round + 1, server.name(), echo.perSecond() / (1 << 20), echo.perCpuSecond() / (1 << 20));
                }
                for (Server server : order) {
                    Result handshake = handshakes(client, server, connections, seconds);
                    (server == sluice ? handshakeSluice : handshakeNetty).add(handshake);
                    System.out.printf(Locale.ROOT, "round %d handshake %-6s %9.1f /s    %9.1f per server CPU-s%n",
                            round + 1, server.name(), handshake.perSecond(), handshake.perCpuSecond());
                }
            }
            summary("echo MiB/s", echoSluice, echoNetty, 1 << 20);
            summary("handshakes/s", handshakeSluice, handshakeNetty, 1);
        }
    }

    private static void summary(String what, List<Result> sluice, List<Result> netty, double unit) {
        double s = median(sluice.stream().mapToDouble(Result::perSecond).toArray()) / unit;
        double n = median(netty.stream().mapToDouble(Result::perSecond).toArray()) / unit;
        double sc = median(sluice.stream().mapToDouble(Result::perCpuSecond).toArray()) / unit;
        double nc = median(netty.stream().mapToDouble(Result::perCpuSecond).toArray()) / unit;
        System.out.printf(Locale.ROOT, "RESULT %s: sluice %.1f netty %.1f (sluice/netty %.2f); per server CPU-s:"
                + " sluice %.1f netty %.1f (sluice/netty %.2f)%n", what, s, n, s / n, sc, nc, sc / nc);
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    /** Runs {@code body} on {@code connections} threads for {@code seconds}; each call is one operation. */
    private static Result measure(Server server, int connections, int seconds, Operation body) throws Exception {
        AtomicLong operations = new AtomicLong();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        CountDownLatch ready = new CountDownLatch(connections);
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < connections; i++) {
            int id = i;
            Thread thread = new Thread(() -> {
                try (Operation.Session session = body.open(id)) {
                    ready.countDown();
                    go.await();
                    while (!stop.get()) {
                        operations.addAndGet(session.run());
                    }
                } catch (Throwable t) {
                    failure.compareAndSet(null, t);
                    ready.countDown();
                }
            }, "tls-bench-client-" + i);
            thread.start();
            threads.add(thread);
        }
        ready.await();
        long cpuBefore = server.cpuNanos();
        long start = System.nanoTime();
        go.countDown();
        Thread.sleep(seconds * 1000L);
        long ops = operations.get();
        long elapsed = System.nanoTime() - start;
        long cpu = server.cpuNanos() - cpuBefore;
        stop.set(true);
        for (Thread thread : threads) {
            thread.join(30_000);
        }
        if (failure.get() != null) {
            throw new IllegalStateException(server.name() + ": " + failure.get(), failure.get());
        }
        return new Result(ops * 1e9 / elapsed, ops * 1e9 / Math.max(1, cpu));
    }

    /** What the client threads do. */
    interface Operation {
        Session open(int id) throws Exception;

        /** A client thread's state. */
        interface Session extends AutoCloseable {
            /** Does one operation. @return how many units it counts (bytes, handshakes) */
            long run() throws Exception;

            @Override
            void close() throws java.io.IOException;
        }
    }

    private static Result echo(SSLContext client, Server server, int connections, int size, int seconds) throws Exception {
        return measure(server, connections, seconds, id -> {
            SSLSocket socket = (SSLSocket) client.getSocketFactory().createSocket(EchoServers.HOST, server.port());
            socket.setTcpNoDelay(true);
            socket.startHandshake();
            byte[] sent = new byte[size];
            new SplittableRandom(id).nextBytes(sent);
            byte[] received = new byte[size];
            OutputStream out = socket.getOutputStream();
            DataInputStream in = new DataInputStream(socket.getInputStream());
            return new Operation.Session() {
                @Override
                public long run() throws Exception {
                    out.write(sent);
                    in.readFully(received);
                    if (!Arrays.equals(sent, received)) {
                        throw new IllegalStateException("echo differs from what was sent");
                    }
                    return size;
                }

                @Override
                public void close() throws java.io.IOException {
                    socket.close();
                }
            };
        });
    }

    private static Result handshakes(SSLContext client, Server server, int connections, int seconds) throws Exception {
        return measure(server, connections, seconds, id -> new Operation.Session() {
            @Override
            public long run() throws Exception {
                try (SSLSocket socket = (SSLSocket) client.getSocketFactory().createSocket(EchoServers.HOST, server.port())) {
                    socket.startHandshake();
                    socket.getOutputStream().write(id);
                    if (socket.getInputStream().read() != id) {
                        throw new IllegalStateException("echo differs from what was sent");
                    }
                    socket.getSession().invalidate(); // the next connection makes a full handshake
                }
                return 1;
            }

            @Override
            public void close() {}
        });
    }
}
