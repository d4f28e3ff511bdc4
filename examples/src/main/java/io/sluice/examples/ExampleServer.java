package io.sluice.examples;

import java.net.InetSocketAddress;

/**
 * What {@link Main} needs from a server example once it has started: where it listens, how to
 * stop it, and how to wait until it has stopped.
 */
public interface ExampleServer {

    /** Returns the bound address (with the real port when the options asked for port 0). */
    InetSocketAddress address();

    /** Returns where it listens, as printed after {@code listening on}: {@code HOST:PORT}, or a Unix socket's path. */
    default String listeningOn() {
        return address().getHostString() + ":" + address().getPort();
    }

    /** Stops accepting, closes connections and stops the threads; returns when done. */
    void stop();

    /** Blocks until the server channel closes. */
    void awaitClose() throws InterruptedException;
}
