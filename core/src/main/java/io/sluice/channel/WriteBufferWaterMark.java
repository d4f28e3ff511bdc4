package io.sluice.channel;

/**
 * The write watermarks of a channel, in bytes: above {@code high} pending bytes the channel turns
 * unwritable; at or below {@code low} it is writable again (libevent's write watermarks). Default
 * 32 KiB / 64 KiB.
 */
public final class WriteBufferWaterMark {
    /** 32 KiB low, 64 KiB high. */
    public static final WriteBufferWaterMark DEFAULT = new WriteBufferWaterMark(32 * 1024, 64 * 1024);

    private final int lowBytes;
    private final int highBytes;

    private WriteBufferWaterMark(int lowBytes, int highBytes) {
        this.lowBytes = lowBytes;
        this.highBytes = highBytes;
    }

    /** Returns watermarks; @throws IllegalArgumentException unless {@code 0 <= low <= high}. */
    public static WriteBufferWaterMark of(int lowBytes, int highBytes) {
        if (lowBytes < 0 || highBytes < lowBytes) {
            throw new IllegalArgumentException("low: " + lowBytes + ", high: " + highBytes
                    + " (expected: 0 <= low <= high)");
        }
        return new WriteBufferWaterMark(lowBytes, highBytes);
    }

    /** Returns the low watermark in bytes. */
    public int lowBytes() {
        return lowBytes;
    }

    /** Returns the high watermark in bytes. */
    public int highBytes() {
        return highBytes;
    }

    @Override
    public String toString() {
        return "WriteBufferWaterMark(low: " + lowBytes + ", high: " + highBytes + ")";
    }
}
