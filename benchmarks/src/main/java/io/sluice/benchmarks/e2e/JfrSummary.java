package io.sluice.benchmarks.e2e;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

/**
 * Summarises a flight recording of an echo server taken while the load client sent a known number
 * of messages ({@code run-e2e.sh profile}): for the busiest thread (the event loop), the Java heap
 * it allocated per message (exact, from {@code jdk.ThreadAllocationStatistics} at the start and
 * end of the recording), which classes make that up (from the weighted {@code
 * jdk.ObjectAllocationSample}s), and where it spends its Java time (self and inclusive, from
 * {@code jdk.ExecutionSample}; time inside system calls shows up in {@code
 * jdk.NativeMethodSample} instead, counted separately).
 *
 * <pre>java -cp benchmarks.jar io.sluice.benchmarks.e2e.JfrSummary FILE.jfr --messages N [--top 10]</pre>
 */
public final class JfrSummary {
    private JfrSummary() {}

    public static void main(String[] argv) throws IOException {
        if (argv.length < 1) {
            throw new IllegalArgumentException("usage: JfrSummary FILE.jfr --messages N [--top K]");
        }
        Args args = Args.parse(java.util.Arrays.copyOfRange(argv, 1, argv.length), Set.of("messages", "top"), Set.of());
        long messages = Long.parseLong(args.string("messages", "0"));
        int top = args.intValue("top", 10);
        if (messages <= 0) {
            throw new IllegalArgumentException("--messages must be positive");
        }
        List<RecordedEvent> events = RecordingFile.readAllEvents(Path.of(argv[0]));

        // the event loop: the thread with the most samples, in Java or in native code
        Map<String, Integer> samplesByThread = new HashMap<>();
        for (RecordedEvent e : events) {
            String type = e.getEventType().getName();
            if (type.equals("jdk.ExecutionSample") || type.equals("jdk.NativeMethodSample")) {
                samplesByThread.merge(threadName(e.getThread("sampledThread")), 1, Integer::sum);
            }
        }
        String loop = samplesByThread.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey)
                .orElseThrow(() -> new IllegalStateException("no execution samples in " + argv[0]));

        long minAllocated = Long.MAX_VALUE;
        long maxAllocated = Long.MIN_VALUE;
        Map<String, Long> weightByClass = new HashMap<>();
        long weightTotal = 0;
        Map<String, Integer> self = new HashMap<>();
        Map<String, Integer> inclusive = new HashMap<>();
        int javaSamples = 0;
        int nativeSamples = 0;
        Map<String, Integer> nativeTop = new HashMap<>();
        int gcs = 0;
        for (RecordedEvent e : events) {
            switch (e.getEventType().getName()) {
                case "jdk.ThreadAllocationStatistics":
                    if (loop.equals(threadName(e.getThread("thread")))) {
                        long a = e.getLong("allocated");
                        minAllocated = Math.min(minAllocated, a);
                        maxAllocated = Math.max(maxAllocated, a);
                    }
                    break;
                case "jdk.ObjectAllocationSample":
                    if (loop.equals(threadName(e.getThread("eventThread")))) {
                        long w = e.getLong("weight");
                        weightByClass.merge(e.getClass("objectClass").getName() + " <- " + site(e.getStackTrace()), w,
                                Long::sum);
                        weightTotal += w;
                    }
                    break;
                case "jdk.ExecutionSample":
                    if (loop.equals(threadName(e.getThread("sampledThread"))) && e.getStackTrace() != null) {
                        javaSamples++;
                        List<RecordedFrame> frames = e.getStackTrace().getFrames();
                        if (!frames.isEmpty()) {
                            self.merge(method(frames.get(0)), 1, Integer::sum);
                        }
                        Set<String> seen = new HashSet<>();
                        for (RecordedFrame f : frames) {
                            String m = method(f);
                            if (seen.add(m)) {
                                inclusive.merge(m, 1, Integer::sum);
                            }
                        }
                    }
                    break;
                case "jdk.NativeMethodSample":
                    if (loop.equals(threadName(e.getThread("sampledThread"))) && e.getStackTrace() != null
                            && !e.getStackTrace().getFrames().isEmpty()) {
                        nativeSamples++;
                        nativeTop.merge(method(e.getStackTrace().getFrames().get(0)), 1, Integer::sum);
                    }
                    break;
                case "jdk.GarbageCollection":
                    gcs++;
                    break;
                default:
                    break;
            }
        }

        System.out.printf(Locale.ROOT, "  event loop thread: %s; %d messages; %d GCs during the recording%n", loop, messages, gcs);
        if (maxAllocated >= minAllocated) {
            long allocated = maxAllocated - minAllocated;
            System.out.printf(Locale.ROOT, "  heap allocated by it: %.1f bytes per message (%d bytes in all)%n",
                    allocated / (double) messages, allocated);
            if (weightTotal > 0) {
                double sampledWeight = weightTotal;
                System.out.println("  by class <- allocation site (shares of the sampled weight, scaled to bytes per message):");
                weightByClass.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(top)
                        .forEach(en -> System.out.printf(Locale.ROOT, "    %7.1f B  %s%n",
                                allocated * (en.getValue() / sampledWeight) / messages, en.getKey()));
            }
        }
        System.out.printf(Locale.ROOT, "  Java-code samples: %d (system calls and other native code: %d samples, a"
                + " different period)%n", javaSamples, nativeSamples);
        if (javaSamples > 0) {
            System.out.println("  hottest methods, self (share of Java-code samples):");
            print(self, javaSamples, top, false);
            System.out.println("  hottest framework and JDK-NIO methods, inclusive:");
            print(inclusive, javaSamples, top, true);
        }
        if (nativeSamples > 0) {
            System.out.println("  native samples by method:");
            print(nativeTop, nativeSamples, 5, false);
        }
    }

    private static void print(Map<String, Integer> counts, int total, int top, boolean frameworkOnly) {
        List<Map.Entry<String, Integer>> sorted = new ArrayList<>(counts.entrySet());
        sorted.sort(Map.Entry.<String, Integer>comparingByValue().reversed());
        int shown = 0;
        for (Map.Entry<String, Integer> en : sorted) {
            String m = en.getKey();
            if (frameworkOnly && !(m.startsWith("io.sluice.transport") || m.startsWith("io.sluice.channel")
                    || m.startsWith("io.sluice.buffer") || m.startsWith("io.sluice.concurrent")
                    || m.startsWith("io.netty.") || m.startsWith("sun.nio.ch.") || m.startsWith("java.nio."))) {
                continue;
            }
            if (frameworkOnly && (m.endsWith(".run") || m.contains("Thread.run") || m.contains("runWith"))) {
                continue; // the loop itself: 100%, says nothing
            }
            System.out.printf(Locale.ROOT, "    %5.1f%%  %s%n", 100.0 * en.getValue() / total, m);
            if (++shown == top) {
                break;
            }
        }
    }

    private static String threadName(RecordedThread t) {
        return t == null ? "?" : t.getJavaName() != null ? t.getJavaName() : t.getOSName();
    }

    private static String method(RecordedFrame f) {
        return f.getMethod().getType().getName() + "." + f.getMethod().getName();
    }

    /** The first frame outside java.*, jdk.* and sun.*: who asked for the allocation. */
    private static String site(RecordedStackTrace stack) {
        if (stack == null || stack.getFrames().isEmpty()) {
            return "?";
        }
        for (RecordedFrame f : stack.getFrames()) {
            String type = f.getMethod().getType().getName();
            if (!type.startsWith("java.") && !type.startsWith("jdk.") && !type.startsWith("sun.")) {
                return method(f);
            }
        }
        return method(stack.getFrames().get(0));
    }
}
