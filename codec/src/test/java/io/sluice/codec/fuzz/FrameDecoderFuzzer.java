package io.sluice.codec.fuzz;

import io.sluice.buffer.LeakDetectionLevel;
import io.sluice.buffer.LeakDetector;
import java.util.Random;

/**
 * A fuzzing entry point for the frame decoders, usable by Jazzer or on its own.
 *
 * <p>{@link #fuzzerTestOneInput(byte[])} follows Jazzer's convention (no dependency on Jazzer):
 * the first eight bytes pick a decoder and its settings (see {@link FrameFuzzing#fromBytes}), the
 * rest is the byte stream; it throws an {@link AssertionError} when a property of
 * {@link FrameFuzzing} breaks: an exception other than TooLongFrameException /
 * CorruptedFrameException, a leaked buffer, more bytes held than the limit plus one read, or
 * frames that depend on how the stream was split.
 *
 * <p>{@link #main} runs random inputs (structured ones from {@link FrameFuzzing#generate} and raw
 * ones through {@code fuzzerTestOneInput}) for a number of iterations or a duration.
 *
 * <p>How to run it longer than the build does ({@code FrameDecoderFuzzTest} runs a fixed, seeded
 * set):
 * <pre>
 * # from the repository root, once:
 * ./mvnw -B -o -q -pl codec -am install -DskipTests
 * ./mvnw -B -o -q -pl codec test-compile
 * ./mvnw -B -o -q -pl codec org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath \
 *     -Dmdep.outputFile=/tmp/codec-cp.txt -Dmdep.includeScope=test
 * CP=codec/target/test-classes:codec/target/classes:$(cat /tmp/codec-cp.txt)
 *
 * # on its own: ten minutes from seed 1 (or: --iterations 100000)
 * java -cp "$CP" io.sluice.codec.fuzz.FrameDecoderFuzzer --seconds 600 --seed 1
 *
 * # through the build, up to the fork timeout (600 s):
 * ./mvnw -B -o -pl codec verify -Dtest=FrameDecoderFuzzTest -Dsluice.fuzz.seconds=300
 *
 * # with Jazzer (coverage-guided; keep leak detection paranoid):
 * jazzer --cp="$CP" --target_class=io.sluice.codec.fuzz.FrameDecoderFuzzer \
 *     --instrumentation_includes='io.sluice.**' --jvm_args=-Dio.sluice.leakDetection.level=paranoid \
 *     -max_total_time=3600 corpus-dir
 * </pre>
 * A failure prints the case (settings, seed and the input in hex); a raw input Jazzer found can
 * be replayed with {@code FrameFuzzing.check(FrameFuzzing.fromBytes(bytes))}.
 */
public final class FrameDecoderFuzzer {
    private FrameDecoderFuzzer() {}

    /** Jazzer's optional set-up hook: leak detection must see every buffer. */
    public static void fuzzerInitialize() {
        LeakDetector.level(LeakDetectionLevel.PARANOID);
    }

    /** Jazzer's entry point: one input, checked whole and in splits derived from it. */
    public static void fuzzerTestOneInput(byte[] data) {
        FrameFuzzing.check(FrameFuzzing.fromBytes(data));
    }

    /**
     * Runs random inputs: {@code --iterations N} (default 10000) or {@code --seconds S}, from
     * {@code --seed X} (default: the time). Exits with status 1 on the first failure.
     */
    public static void main(String[] args) {
        long iterations = 10_000;
        long seconds = -1;
        long seed = System.nanoTime();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--iterations":
                    iterations = Long.parseLong(args[++i]);
                    break;
                case "--seconds":
                    seconds = Long.parseLong(args[++i]);
                    break;
                case "--seed":
                    seed = Long.parseLong(args[++i]);
                    break;
                default:
                    System.err.println("usage: FrameDecoderFuzzer [--iterations N | --seconds S] [--seed X]");
                    System.exit(2);
            }
        }
        fuzzerInitialize();
        System.out.println("fuzzing frame decoders from seed " + seed);
        try {
            long done = run(seed, iterations, seconds);
            System.out.println("ok: " + done + " inputs");
        } catch (AssertionError e) {
            e.printStackTrace();
            System.exit(1);
        }
    }

    /**
     * Runs random inputs from {@code seed} until {@code iterations} are done or, if
     * {@code seconds >= 0}, until that much time has passed. @return the number of inputs run
     */
    public static long run(long seed, long iterations, long seconds) {
        Random master = new Random(seed);
        long deadline = seconds >= 0 ? System.nanoTime() + seconds * 1_000_000_000L : Long.MAX_VALUE;
        FrameFuzzing.Target[] targets = FrameFuzzing.Target.values();
        long done = 0;
        while (seconds >= 0 ? System.nanoTime() < deadline : done < iterations) {
            long caseSeed = master.nextLong();
            if (master.nextInt(4) == 0) {
                byte[] raw = new byte[8 + master.nextInt(600)];
                master.nextBytes(raw);
                fuzzerTestOneInput(raw);
            } else {
                FrameFuzzing.check(FrameFuzzing.generate(targets[master.nextInt(targets.length)], caseSeed));
            }
            done++;
        }
        return done;
    }
}
