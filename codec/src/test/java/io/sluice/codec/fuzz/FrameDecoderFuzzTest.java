package io.sluice.codec.fuzz;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.buffer.LeakDetectionLevel;
import io.sluice.buffer.LeakDetector;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Seeded fuzzing of every frame decoder in the build: a fixed set of random inputs (valid frames
 * mixed with oversized ones, garbage, corrupt headers and a cut-short end, in random splits and
 * buffer kinds, with both TooLongFrameActions) must keep the properties of {@link FrameFuzzing}.
 * See {@link FrameDecoderFuzzer} for running longer.
 */
class FrameDecoderFuzzTest {
    private static final int ITERATIONS = 200;

    @ParameterizedTest
    @EnumSource(FrameFuzzing.Target.class)
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void seededRandomStreams(FrameFuzzing.Target target) {
        assertTrue(LeakDetector.level() == LeakDetectionLevel.PARANOID, "the build runs leak detection paranoid");
        for (int i = 0; i < ITERATIONS; i++) {
            FrameFuzzing.check(FrameFuzzing.generate(target, 1000L * target.ordinal() + i));
        }
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void seededRawInputsThroughTheFuzzerEntryPoint() {
        Random rnd = new Random(77);
        for (int i = 0; i < ITERATIONS; i++) {
            byte[] raw = new byte[rnd.nextInt(400)];
            rnd.nextBytes(raw);
            FrameDecoderFuzzer.fuzzerTestOneInput(raw);
        }
    }

    /** Runs the fuzzer for -Dsluice.fuzz.seconds=N (from -Dsluice.fuzz.seed, default the time). */
    @Test
    @EnabledIfSystemProperty(named = "sluice.fuzz.seconds", matches = "\\d+")
    @Timeout(value = 3600, unit = TimeUnit.SECONDS)
    void longRun() {
        long seconds = Long.parseLong(System.getProperty("sluice.fuzz.seconds"));
        long seed = Long.getLong("sluice.fuzz.seed", System.nanoTime());
        System.out.println("fuzzing frame decoders for " + seconds + " s from seed " + seed);
        long done = FrameDecoderFuzzer.run(seed, Long.MAX_VALUE, seconds);
        System.out.println("ok: " + done + " inputs");
    }
}
