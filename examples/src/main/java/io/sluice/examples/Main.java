package io.sluice.examples;

import io.sluice.examples.redis.RedisServer;
import java.io.PrintStream;
import java.util.List;

/**
 * Runs one example: {@code java -jar sluice-examples.jar NAME [--host H] [--port N]
 * [--io-threads N] [--worker-threads N] [options]}. A server prints {@code NAME listening on
 * HOST:PORT} once bound and shuts down gracefully on SIGTERM or Ctrl-C; a client exits with 0 on
 * success, 1 on failure and 2 on a usage error (an unknown example, an option the example does not
 * know, a malformed value). Examples print to the console on purpose.
 */
public final class Main {
    /** Every example, once: the usage text and the dispatch both read this table. */
    static final List<Example> EXAMPLES = List.of(
            server("echo", "TCP echo server (--worker-threads N offloads the echo handler; --idle-seconds N closes"
                    + " silent connections; --unix PATH listens on a Unix socket); port 7007",
                    List.of("idle-seconds"), EchoServer::start),
            server("discard", "reads and drops everything, counting bytes (--report-seconds N, 0 = quiet;"
                    + " --max-bytes-per-second N limits each connection's read rate); port 7009",
                    List.of("report-seconds", "max-bytes-per-second"), DiscardServer::start),
            server("time", "sends the time (8-byte big-endian ms since 1970), then closes"
                    + " (--interval-seconds N: one every N s); port 7037",
                    List.of("interval-seconds"), TimeServer::start),
            server("rot13", "answers every byte with its ASCII letters rotated by 13 (--worker-threads N); port 7013",
                    List.of(), Rot13Server::start),
            new Example("echo-client", "without --count: sends each line of standard input to an echo server and"
                    + " prints each line echoed (--reconnect keeps trying, --unix PATH for a Unix socket); with"
                    + " --count N: sends N messages of --size BYTES, checks every byte and prints round-trip times;"
                    + " exit status 1 on a mismatch or after --timeout-seconds N",
                    List.of("count", "size", "timeout-seconds", "reconnect"), Main::echoClient),
            server("chat", "line-based chat room (--worker-threads N offloads the chat handler); port 7007",
                    List.of(), ChatServer::start),
            server("kv-server", "key-value server speaking a length-prefixed binary protocol; port 7008",
                    List.of(), KvServer::start),
            new Example("kv-client", "stores, reads and deletes a key on a kv-server; exit status 1 on a wrong answer",
                    List.of(), (name, options) -> KvClient.demo(options) ? 0 : 1),
            server("blocking-echo", "echo whose handler blocks --delay-ms N (default 50) per message, on"
                    + " --virtual-threads (JDK 21+) or --worker-threads N; port 7010",
                    List.of("delay-ms"), BlockingEchoServer::start),
            server("http-hello", "HTTP/1.1: GET /plaintext and / answer Hello, World!, /json a small JSON object,"
                    + " 404 elsewhere (--worker-threads N offloads the handler); port 8080",
                    List.of(), HttpHelloServer::start),
            server("http-files", "HTTP/1.1 static files under --root DIR (default .): zero-copy, Range,"
                    + " If-Modified-Since, directory listings, no path traversal; port 8081",
                    List.of("root"), HttpFilesServer::start),
            server("redis", "in-memory server speaking RESP2/RESP3 to redis-cli and redis-benchmark"
                    + " (--maxmemory-keys N, default 1000000); port 6379",
                    List.of("maxmemory-keys"), RedisServer::start),
            server("memcached", "in-memory server for a memcached text-protocol subset (get/gets, set/add/replace,"
                    + " delete, incr/decr, noreply); port 11211",
                    List.of(), MemcachedServer::start),
            server("https-hello", "http-hello over TLS 1.3/1.2 (--cert CHAIN.pem --key KEY.pem; default: a"
                    + " self-signed certificate for localhost made at start-up, so use curl -k); port 8443",
                    List.of("cert", "key"), HttpsHelloServer::start),
            server("tls-echo", "echo over TLS 1.3/1.2 (--cert CHAIN.pem --key KEY.pem; default: a self-signed"
                    + " certificate for localhost made at start-up); port 7443",
                    List.of("cert", "key"), TlsEchoServer::start),
            server("ws-chat", "a chat page at / and a WebSocket endpoint at /ws broadcasting to every client"
                    + " (--ping-seconds N: keep-alive ping after N s of silence, 30 by default); port 8088",
                    List.of("ping-seconds"), WsChatServer::start));

    /**
     * What {@link #run} returns when {@code main} must simply return: after {@code --help}, and once a
     * server has stopped (the shutdown hook stopped it, so the JVM is already exiting and
     * {@code System.exit} would block for ever).
     */
    static final int NO_EXIT = -1;

    private Main() {}

    public static void main(String[] args) throws Exception {
        int status = run(args, System.out, System.err);
        if (status != NO_EXIT) {
            System.exit(status);
        }
    }

    /**
     * Runs the example {@code args} names and returns the exit status: a client's own status, 2 (after
     * printing the usage) on a usage error, {@link #NO_EXIT} after {@code --help} and once a server has
     * stopped.
     */
    static int run(String[] args, PrintStream out, PrintStream err) throws Exception {
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h")) {
            usage(out);
            return NO_EXIT;
        }
        Example example = EXAMPLES.stream().filter(e -> e.name().equals(args[0])).findFirst().orElse(null);
        if (example == null) {
            err.println("unknown example: " + args[0] + " (expected: one of the names below)");
            usage(err);
            return 2;
        }
        ExampleOptions options;
        try {
            options = ExampleOptions.parse(args, 1);
            example.checkOptions(options);
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            usage(err);
            return 2;
        }
        try {
            return example.launcher().run(example.name(), options);
        } catch (IllegalArgumentException e) { // a bad option value, found by the example
            err.println(e.getMessage());
            usage(err);
            return 2;
        }
    }

    /** A server example: started by {@code start}, then served until SIGTERM or Ctrl-C. */
    private static Example server(String name, String summary, List<String> options, ServerStart start) {
        return new Example(name, summary, options, (n, o) -> serve(n, start.start(o)));
    }

    /** Starts a server example from its options. */
    @FunctionalInterface
    private interface ServerStart {
        ExampleServer start(ExampleOptions options) throws Exception;
    }

    /** Prints where {@code server} listens, stops it on SIGTERM or Ctrl-C, and waits until it has stopped. */
    private static int serve(String name, ExampleServer server) throws InterruptedException {
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "shutdown"));
        System.out.println(name + " listening on " + server.listeningOn());
        server.awaitClose();
        return NO_EXIT;
    }

    private static int echoClient(String name, ExampleOptions options) throws Exception {
        if (!options.has("count")) {
            return LineEchoClient.run(options, System.in, System.out, System.err) ? 0 : 1;
        }
        EchoClient.Result result = EchoClient.run(options);
        (result.ok() ? System.out : System.err).println(name + ": " + result.summary());
        return result.ok() ? 0 : 1;
    }

    private static void usage(PrintStream out) {
        out.println("usage: java -jar examples/target/sluice-examples.jar NAME [--host 127.0.0.1] [--port N]"
                + " [--io-threads N] [--worker-threads N] [options]");
        out.println("examples:");
        EXAMPLES.forEach(e -> out.printf("  %-13s %s%n", e.name(), e.summary()));
    }
}
