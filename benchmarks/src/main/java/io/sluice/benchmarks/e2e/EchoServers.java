package io.sluice.benchmarks.e2e;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Set;

/** What the three echo servers share: their options, the "listening on" line and the time limit. */
final class EchoServers {
    /** Loopback only: the benchmarks never listen on another address. */
    static final String HOST = "127.0.0.1";
    /** The options every server takes; each adds its own. */
    static final Set<String> OPTIONS = Set.of("port", "seconds");

    /** {@link #OPTIONS} and {@code more}. */
    static Set<String> options(String... more) {
        Set<String> all = new java.util.HashSet<>(OPTIONS);
        all.addAll(Set.of(more));
        return all;
    }

    private EchoServers() {}

    /** Prints the one line the run script waits for. */
    static void announce(SocketAddress bound) {
        int port = ((InetSocketAddress) bound).getPort();
        System.out.println("listening on " + HOST + ":" + port);
        System.out.flush();
    }

    /** Seconds after which a server exits by itself, whatever the script does (a safety net). */
    static int seconds(Args args) {
        int seconds = args.intValue("seconds", 600);
        if (seconds <= 0) {
            throw new IllegalArgumentException("--seconds must be positive");
        }
        return seconds;
    }

    /** Blocks the calling thread for the time limit, then ends the process. */
    static void exitAfter(int seconds) throws InterruptedException {
        Thread.sleep(seconds * 1000L);
        System.err.println("time limit of " + seconds + " s reached: exiting");
        System.exit(0);
    }
}
