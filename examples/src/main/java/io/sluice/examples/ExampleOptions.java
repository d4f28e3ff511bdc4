package io.sluice.examples;

import java.util.HashMap;
import java.util.Map;

/**
 * The command-line options every example understands ({@code --host}, {@code --port},
 * {@code --io-threads}, {@code --worker-threads}) plus example-specific ones, kept by name.
 */
public final class ExampleOptions {
    private final Map<String, String> values = new HashMap<>();

    private ExampleOptions() {}

    /** Parses {@code --name value} pairs. @throws IllegalArgumentException on a malformed argument */
    public static ExampleOptions parse(String[] args, int from) {
        ExampleOptions options = new ExampleOptions();
        for (int i = from; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("expected '--name value' but got '" + arg + "'");
            }
            options.values.put(arg.substring(2), args[++i]);
        }
        return options;
    }

    /** Returns the host to bind or connect to (default 127.0.0.1). */
    public String host() {
        return values.getOrDefault("host", "127.0.0.1");
    }

    /** Returns the port (default {@code defaultPort}; 0 picks a free one). */
    public int port(int defaultPort) {
        return intValue("port", defaultPort);
    }

    /** Returns the number of I/O event loops (default 1: one loop accepts and serves). */
    public int ioThreads() {
        return intValue("io-threads", 1);
    }

    /** Returns the number of worker threads for offloaded handlers (default 0: none). */
    public int workerThreads() {
        return intValue("worker-threads", 0);
    }

    /** Returns a text option, or null if it was not given. */
    public String textValue(String name) {
        return values.get(name);
    }

    /** Returns an integer option. */
    public int intValue(String name, int defaultValue) {
        String value = values.get(name);
        try {
            return value == null ? defaultValue : Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " expects a number, not '" + value + "'", e);
        }
    }

    /** Returns an integer option that must be at least {@code min}. @throws IllegalArgumentException if smaller */
    public int intValue(String name, int defaultValue, int min) {
        int value = intValue(name, defaultValue);
        if (value < min) {
            throw new IllegalArgumentException("--" + name + " must be at least " + min + ", not " + value);
        }
        return value;
    }
}
