package io.sluice.examples;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Runs one example: {@code java -jar sluice-examples.jar NAME [--host H] [--port N]
 * [--io-threads N] [--worker-threads N]}. Prints {@code listening on HOST:PORT} once bound and
 * shuts down gracefully on SIGTERM or Ctrl-C. Examples print to the console on purpose.
 */
public final class Main {
    private static final Map<String, String> EXAMPLES = new LinkedHashMap<>();

    static {
        EXAMPLES.put("echo", "TCP echo server (--worker-threads N offloads the echo handler)");
        EXAMPLES.put("chat", "line-based chat room on port 7007 (try two 'nc 127.0.0.1 7007')");
        EXAMPLES.put("kv-server", "key-value server on port 7008 speaking a length-prefixed binary protocol");
        EXAMPLES.put("kv-client", "stores, reads and deletes a key on a kv-server; exits 1 on a wrong answer");
    }

    private Main() {}

    public static void main(String[] args) throws Exception {
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h")) {
            usage();
            return;
        }
        String name = args[0];
        ExampleOptions options;
        try {
            options = ExampleOptions.parse(args, 1);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            usage();
            System.exit(2);
            return;
        }
        switch (name) {
            case "echo": {
                EchoServer server = EchoServer.start(options);
                Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "shutdown"));
                System.out.println("echo listening on " + server.address().getHostString() + ":"
                        + server.address().getPort());
                server.awaitClose();
                break;
            }
            case "chat": {
                ChatServer server = ChatServer.start(options);
                Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "shutdown"));
                System.out.println("chat listening on " + server.address().getHostString() + ":"
                        + server.address().getPort());
                server.awaitClose();
                break;
            }
            case "kv-server": {
                KvServer server = KvServer.start(options);
                Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "shutdown"));
                System.out.println("kv-server listening on " + server.address().getHostString() + ":"
                        + server.address().getPort());
                server.awaitClose();
                break;
            }
            case "kv-client":
                System.exit(KvClient.demo(options) ? 0 : 1);
                break;
            default:
                System.err.println("unknown example '" + name + "'");
                usage();
                System.exit(2);
        }
    }

    private static void usage() {
        System.out.println("usage: java -jar examples/target/sluice-examples.jar NAME [--host 127.0.0.1] [--port N]"
                + " [--io-threads N] [--worker-threads N]");
        System.out.println("examples:");
        EXAMPLES.forEach((name, what) -> System.out.printf("  %-12s %s%n", name, what));
    }
}
