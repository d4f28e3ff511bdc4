package io.sluice.benchmarks.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** CPU time of a process, all threads, from {@code /proc/PID/stat} (utime + stime, in clock ticks). */
final class ProcCpu {
    private ProcCpu() {}

    /** Returns utime + stime of {@code pid} ("self" for this process) in clock ticks. */
    static long ticks(String pid) throws IOException {
        long[] t = userAndSystemTicks(pid);
        return t[0] + t[1];
    }

    /** Returns {utime, stime} of {@code pid} in clock ticks: user-space and kernel time, all threads. */
    static long[] userAndSystemTicks(String pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", pid, "stat"));
        // the command name (field 2) is in parentheses and may hold spaces: count fields after its ')'
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        // f[0] is field 3 (state): utime is field 14, stime field 15
        return new long[] {Long.parseLong(f[11]), Long.parseLong(f[12])};
    }
}
