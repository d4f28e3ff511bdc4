package io.sluice.benchmarks.e2e;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** Command-line options of the end-to-end mains: {@code --name value} pairs, and {@code --flag} alone. */
final class Args {
    private final Map<String, String> values = new HashMap<>();

    private Args() {}

    /**
     * Parses {@code args}; an option in {@code flags} takes no value. Unknown options fail, so a
     * typo cannot silently run the default.
     */
    static Args parse(String[] args, Set<String> known, Set<String> flags) {
        Args parsed = new Args();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (!a.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument: " + a);
            }
            String name = a.substring(2);
            if (flags.contains(name)) {
                parsed.values.put(name, "true");
            } else if (known.contains(name)) {
                if (i + 1 == args.length) {
                    throw new IllegalArgumentException("missing value of " + a);
                }
                parsed.values.put(name, args[++i]);
            } else {
                throw new IllegalArgumentException("unknown option " + a + " (known: " + known + ", flags: " + flags + ")");
            }
        }
        return parsed;
    }

    int intValue(String name, int defaultValue) {
        String v = values.get(name);
        return v == null ? defaultValue : Integer.parseInt(v);
    }

    double doubleValue(String name, double defaultValue) {
        String v = values.get(name);
        return v == null ? defaultValue : Double.parseDouble(v);
    }

    String string(String name, String defaultValue) {
        return values.getOrDefault(name, defaultValue);
    }

    boolean flag(String name) {
        return values.containsKey(name);
    }
}
