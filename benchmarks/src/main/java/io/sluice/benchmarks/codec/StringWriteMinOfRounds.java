package io.sluice.benchmarks.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.PooledByteBufAllocator;
import io.sluice.buffer.Buffer;
import io.sluice.buffer.PooledBufferAllocator;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

/**
 * How a {@code String} of 63 ASCII chars best gets into pooled direct memory as UTF-8 (the work of
 * {@code StringEncoder}/{@code LineEncoder}): what {@code Buffer.writeCharSequence} does (the JDK's
 * {@code getBytes}, a temporary array, one bulk copy), two ways of writing the chars without that
 * array (a char scan, then the deprecated {@code String.getBytes(int, int, byte[], int)} bulk copy
 * into a reused array; a char-by-char copy into a reused array), and Netty's
 * {@code ByteBufUtil.writeUtf8}. All alternate in one JVM; the fastest of 300 rounds of 20,000
 * writes each is reported, in ns per write (on a loaded machine the least disturbed round is the
 * steadier figure). Setup checks every way writes the JDK's bytes.
 *
 * <p>Run: {@code java -Dio.sluice.leakDetection.level=disabled -Dio.netty.leakDetection.level=disabled
 * -cp benchmarks/target/benchmarks.jar io.sluice.benchmarks.codec.StringWriteMinOfRounds}, on each JDK.
 */
public final class StringWriteMinOfRounds {
    private static final String TEXT = "The quick brown fox jumps over the lazy dog; 0123456789 ABCDEFG";
    private static final String[] WAYS = {"writeCharSequence", "scan+getBytes(int,int,byte[],int)",
        "char-by-char copy", "Netty writeUtf8"};
    private static final int ROUNDS = 400;
    private static final int WARMUP_ROUNDS = 100;
    private static final int WRITES = 20_000;
    private static final byte[] SCRATCH = new byte[256];
    private static long sink;

    private StringWriteMinOfRounds() {}

    public static void main(String[] args) {
        Buffer s = PooledBufferAllocator.DEFAULT.directBuffer(256, 256);
        ByteBuf n = PooledByteBufAllocator.DEFAULT.directBuffer(256, 256);
        byte[] expected = TEXT.getBytes(StandardCharsets.UTF_8);
        for (int way = 0; way < WAYS.length; way++) {
            byte[] got = new byte[expected.length];
            if (way < 3) {
                write(way, s);
                s.getBytes(0, got);
            } else {
                n.writerIndex(0);
                ByteBufUtil.writeUtf8(n, TEXT);
                n.getBytes(0, got);
            }
            if (!Arrays.equals(got, expected)) {
                throw new IllegalStateException(WAYS[way] + " wrote other bytes: " + Arrays.toString(got));
            }
        }
        long[] best = new long[WAYS.length];
        Arrays.fill(best, Long.MAX_VALUE);
        for (int r = 0; r < ROUNDS; r++) {
            for (int way = 0; way < WAYS.length; way++) {
                long t0 = System.nanoTime();
                if (way < 3) {
                    for (int k = 0; k < WRITES; k++) {
                        write(way, s);
                    }
                    sink += s.writerIndex();
                } else {
                    for (int k = 0; k < WRITES; k++) {
                        n.writerIndex(0);
                        ByteBufUtil.writeUtf8(n, TEXT);
                    }
                    sink += n.writerIndex();
                }
                long t = System.nanoTime() - t0;
                if (r >= WARMUP_ROUNDS) {
                    best[way] = Math.min(best[way], t);
                }
            }
        }
        System.out.println("java " + System.getProperty("java.version") + ", " + TEXT.length()
                + " ASCII chars into pooled direct memory, best of " + (ROUNDS - WARMUP_ROUNDS) + " rounds:");
        for (int way = 0; way < WAYS.length; way++) {
            System.out.printf(Locale.ROOT, "  %-36s %6.1f ns per write (%.2fx writeCharSequence)%n", WAYS[way],
                    best[way] / (double) WRITES, best[way] / (double) best[0]);
        }
        s.release();
        n.release();
        if (sink == 42) {
            System.out.println();
        }
    }

    private static void write(int way, Buffer buf) {
        buf.writerIndex(0);
        switch (way) {
            case 0 -> buf.writeCharSequence(TEXT, StandardCharsets.UTF_8);
            case 1 -> scanThenBulkCopy(buf);
            default -> charByChar(buf);
        }
    }

    @SuppressWarnings("deprecation") // the lossy bulk copy is exact once the scan has seen only ASCII
    private static void scanThenBulkCopy(Buffer buf) {
        int length = TEXT.length();
        int seen = 0;
        for (int i = 0; i < length; i++) {
            seen |= TEXT.charAt(i);
        }
        if (seen > 0x7F) {
            throw new IllegalStateException("not ASCII");
        }
        TEXT.getBytes(0, length, SCRATCH, 0);
        buf.writeBytes(SCRATCH, 0, length);
    }

    private static void charByChar(Buffer buf) {
        int length = TEXT.length();
        byte[] scratch = SCRATCH;
        for (int i = 0; i < length; i++) {
            char c = TEXT.charAt(i);
            if (c > 0x7F) {
                throw new IllegalStateException("not ASCII");
            }
            scratch[i] = (byte) c;
        }
        buf.writeBytes(scratch, 0, length);
    }
}
