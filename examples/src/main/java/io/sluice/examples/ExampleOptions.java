package io.sluice.examples;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The command-line options every example understands ({@code --host}, {@code --port},
 * {@code --io-threads}, {@code --worker-threads}) plus example-specific ones, kept by name.
 */
public final class ExampleOptions {
    private final Map<String, String> values = new LinkedHashMap<>();

    private ExampleOptions() {}

    /**
     * Parses {@code --name value} pairs; a {@code --name} followed by another option or by nothing is a
     * flag (see {@link #flag(String)}). @throws IllegalArgumentException on a malformed argument
     */
    public static ExampleOptions parse(String[] args, int from) {
        ExampleOptions options = new ExampleOptions();
        for (int i = from; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--") || arg.length() == 2) {
                throw new IllegalArgumentException("argument: " + arg + " (expected: --name value or --flag)");
            }
            boolean flag = i + 1 >= args.length || args[i + 1].startsWith("--");
            options.values.put(arg.substring(2), flag ? "true" : args[++i]);
        }
        return options;
    }

    /** Returns the names of the options given, without {@code --}, in command-line order. */
    public Set<String> names() {
        return values.keySet();
    }

    /** Returns whether flag {@code --name} was given. */
    public boolean flag(String name) {
        return Boolean.parseBoolean(values.get(name));
    }

    /** Returns whether {@code --virtual-threads} asks for offloaded handlers on virtual threads (JDK 21+). */
    public boolean virtualThreads() {
        return flag("virtual-threads");
    }

    /** Returns whether option {@code name} was given. */
    public boolean has(String name) {
        return values.containsKey(name);
    }

    /** Returns the text of option {@code name}, or {@code null} if not given. */
    public String value(String name) {
        return values.get(name);
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

    /** Returns a text option, or {@code defaultValue} when it is not given. */
    public String string(String name, String defaultValue) {
        return values.getOrDefault(name, defaultValue);
    }

    /** Returns an integer option. */
    public int intValue(String name, int defaultValue) {
        String value = values.get(name);
        try {
            return value == null ? defaultValue : Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + ": " + value + " (expected: a number)", e);
        }
    }

    /** Returns an integer option that must be at least {@code min}. @throws IllegalArgumentException if smaller */
    public int intValue(String name, int defaultValue, int min) {
        int value = intValue(name, defaultValue);
        if (value < min) {
            throw new IllegalArgumentException("--" + name + ": " + value + " (expected: >= " + min + ")");
        }
        return value;
    }
}
