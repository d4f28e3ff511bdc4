package io.sluice.buffer;

/** How closely {@link LeakDetector} watches buffers. */
public enum LeakDetectionLevel {
    /** No tracking at all. */
    DISABLED,
    /** About one buffer in {@code samplingInterval} is tracked; reports name where it was allocated. */
    SAMPLED,
    /** Like {@link #SAMPLED}, and reports also list the last places that touched the buffer. */
    ADVANCED,
    /** Every buffer is tracked with access records. For tests; costly. */
    PARANOID
}
