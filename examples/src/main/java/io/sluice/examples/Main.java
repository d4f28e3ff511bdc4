package io.sluice.examples;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Runs one example: {@code java -jar sluice-examples.jar NAME [--host H] [--port N]
 * [--io-threads N] [--worker-threads N] [options]}. A server prints {@code NAME listening on
 * HOST:PORT} once bound and shuts down gracefully on SIGTERM or Ctrl-C; a client exits with 0 on
 * success, 1 on failure and 2 on a usage error. Examples print to the console on purpose.
 */
public final class Main {
    private static final Map<String, String> EXAMPLES = new LinkedHashMap<>();

    static {
        EXAMPLES.put("echo", "TCP echo server (--worker-threads N offloads the echo handler; --idle-seconds N closes silent"
                + " connections; --unix PATH listens on a Unix socket); port 7007");
        EXAMPLES.put("discard", "reads and drops everything, counting bytes (--report-seconds N, 0 = quiet;"
                + " --max-bytes-per-second N limits each connection's read rate); port 7009");
        EXAMPLES.put("time", "sends the time (8-byte big-endian ms since 1970), then closes"
                + " (--interval-seconds N: one every N s); port 7037");
        EXAMPLES.put("rot13", "answers every byte with its ASCII letters rotated by 13 (--worker-threads N); port 7013");
        EXAMPLES.put("echo-client", "without --count: sends each line of standard input to an echo server and prints"
                + " each line echoed (--reconnect keeps trying, --unix PATH for a Unix socket); with --count N: sends"
                + " N messages of --size BYTES, checks every byte and prints round-trip times; exit status 1 on a"
                + " mismatch or after --timeout-seconds N");
        EXAMPLES.put("chat", "line-based chat room (--worker-threads N offloads the chat handler); port 7007");
        EXAMPLES.put("kv-server", "key-value server speaking a length-prefixed binary protocol; port 7008");
        EXAMPLES.put("blocking-echo", "echo whose handler blocks --delay-ms N (default 50) per message, on"
                + " --virtual-threads (JDK 21+) or --worker-threads N; port 7010");
        EXAMPLES.put("http-hello", "HTTP/1.1: GET /plaintext and / answer Hello, World!, /json a small JSON object,"
                + " 404 elsewhere (--worker-threads N offloads the handler); port 8080");
        EXAMPLES.put("http-files", "HTTP/1.1 static files under --root DIR (default .): zero-copy, Range, If-Modified-Since,"
                + " directory listings, no path traversal; port 8081");
        EXAMPLES.put("redis", "in-memory server speaking RESP2/RESP3 to redis-cli and redis-benchmark"
                + " (--maxmemory-keys N, default 1000000); port 6379");
        EXAMPLES.put("memcached", "in-memory server for a memcached text-protocol subset (get/gets, set/add/replace,"
                + " delete, incr/decr, noreply); port 11211");
        EXAMPLES.put("https-hello", "http-hello over TLS 1.3/1.2 (--cert CHAIN.pem --key KEY.pem; default: a self-signed"
                + " certificate for localhost made at start-up, so use curl -k); port 8443");
        EXAMPLES.put("tls-echo", "echo over TLS 1.3/1.2 (--cert CHAIN.pem --key KEY.pem; default: a self-signed"
                + " certificate for localhost made at start-up); port 7443");
        EXAMPLES.put("ws-chat", "a chat page at / and a WebSocket endpoint at /ws broadcasting to every client"
                + " (--ping-seconds N: keep-alive ping after N s of silence, 30 by default); port 8088");
        EXAMPLES.put("kv-client", "stores, reads and deletes a key on a kv-server; exit status 1 on a wrong answer");
    }

    private Main() {}

    public static void main(String[] args) throws Exception {
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h")) {
            usage();
            return;
        }
        String name = args[0];
        try {
            ExampleOptions options = ExampleOptions.parse(args, 1);
            switch (name) {
                case "echo":
                    serve(name, EchoServer.start(options));
                    break;
                case "discard":
                    serve(name, DiscardServer.start(options));
                    break;
                case "time":
                    serve(name, TimeServer.start(options));
                    break;
                case "rot13":
                    serve(name, Rot13Server.start(options));
                    break;
                case "chat":
                    serve(name, ChatServer.start(options));
                    break;
                case "blocking-echo":
                    serve(name, BlockingEchoServer.start(options));
                    break;
                case "https-hello":
                    serve(name, HttpsHelloServer.start(options));
                    break;
                case "tls-echo":
                    serve(name, TlsEchoServer.start(options));
                    break;
                case "kv-server":
                    serve(name, KvServer.start(options));
                    break;
                case "http-hello":
                    serve(name, HttpHelloServer.start(options));
                    break;
                case "http-files":
                    serve(name, HttpFilesServer.start(options));
                    break;
                case "redis":
                    serve(name, io.sluice.examples.redis.RedisServer.start(options));
                    break;
                case "memcached":
                    serve(name, MemcachedServer.start(options));
                    break;
                case "ws-chat":
                    serve(name, WsChatServer.start(options));
                    break;
                case "kv-client":
                    System.exit(KvClient.demo(options) ? 0 : 1);
                    break;
                case "echo-client": {
                    if (!options.has("count")) {
                        System.exit(LineEchoClient.run(options, System.in, System.out, System.err) ? 0 : 1);
                    }
                    EchoClient.Result result = EchoClient.run(options);
                    (result.ok() ? System.out : System.err).println(name + ": " + result.summary());
                    System.exit(result.ok() ? 0 : 1);
                    break;
                }
                default:
                    System.err.println("unknown example '" + name + "'");
                    usage();
                    System.exit(2);
            }
        } catch (IllegalArgumentException e) { // a malformed argument or a bad option value
            System.err.println(e.getMessage());
            usage();
            System.exit(2);
        }
    }

    /** Prints where {@code server} listens, stops it on SIGTERM or Ctrl-C, and waits until it has stopped. */
    private static void serve(String name, ExampleServer server) throws InterruptedException {
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "shutdown"));
        System.out.println(name + " listening on " + server.listeningOn());
        server.awaitClose();
    }

    private static void usage() {
        System.out.println("usage: java -jar examples/target/sluice-examples.jar NAME [--host 127.0.0.1] [--port N]"
                + " [--io-threads N] [--worker-threads N] [options]");
        System.out.println("examples:");
        EXAMPLES.forEach((name, what) -> System.out.printf("  %-12s %s%n", name, what));
    }
}
