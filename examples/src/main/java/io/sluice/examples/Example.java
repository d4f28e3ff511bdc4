package io.sluice.examples;

import java.util.List;
import java.util.Objects;

/**
 * One row of the examples table that {@link Main} runs: its name, a one-line summary for the usage text,
 * the options it understands beyond the common ones, and how to run it.
 *
 * @param name the name given on the command line
 * @param summary what it does, for {@code --help}
 * @param options the names (without {@code --}) of its own options; any other one is a usage error
 * @param launcher runs it and returns the process exit status
 */
record Example(String name, String summary, List<String> options, Launcher launcher) {
    /** Options every example accepts: where to listen or connect, and the thread counts. */
    static final List<String> COMMON_OPTIONS =
            List.of("host", "port", "io-threads", "worker-threads", "virtual-threads", "unix");

    Example {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(summary, "summary");
        options = List.copyOf(options);
        Objects.requireNonNull(launcher, "launcher");
    }

    /**
     * Checks that {@code given} names only options this example knows.
     *
     * @throws IllegalArgumentException naming the first unknown option and the known ones
     */
    void checkOptions(ExampleOptions given) {
        for (String option : given.names()) {
            if (!COMMON_OPTIONS.contains(option) && !options.contains(option)) {
                StringBuilder known = new StringBuilder();
                for (String o : COMMON_OPTIONS) {
                    known.append(" --").append(o);
                }
                for (String o : options) {
                    known.append(" --").append(o);
                }
                throw new IllegalArgumentException("unknown option for " + name + ": --" + option
                        + " (expected: one of" + known + ")");
            }
        }
    }

    /** Runs an example with its parsed options. */
    @FunctionalInterface
    interface Launcher {
        /** Runs the example named {@code name}; a server returns once it has stopped. Returns the exit status. */
        int run(String name, ExampleOptions options) throws Exception;
    }
}
