package io.sluice.buffer;

import java.util.List;

/**
 * What the leak detector knows about one buffer that was not released: what it was, where it was
 * allocated and where it was last touched (most recent last). Immutable.
 */
public final class LeakReport {
    private final long id;
    private final String description;
    private final String allocationTrace;
    private final List<String> touches;

    LeakReport(long id, String description, String allocationTrace, List<String> touches) {
        this.id = id;
        this.description = description;
        this.allocationTrace = allocationTrace;
        this.touches = List.copyOf(touches);
    }

    /** Returns the tracking sequence number, increasing in allocation order. */
    public long id() {
        return id;
    }

    /** Returns what the buffer was (kind and capacity at allocation). */
    public String description() {
        return description;
    }

    /** Returns the stack where the buffer was allocated. */
    public String allocationTrace() {
        return allocationTrace;
    }

    /**
     * Returns the recorded touches, oldest first, each with its hint and stack. Empty at level
     * {@link LeakDetectionLevel#SAMPLED}.
     */
    public List<String> touches() {
        return touches;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(512)
                .append("LEAK: ").append(description).append(" was not released (#").append(id).append(").\n");
        if (touches.isEmpty()) {
            sb.append("No touches recorded (set -Dio.sluice.leakDetection.level=advanced for them).\n");
        } else {
            for (int i = touches.size() - 1; i >= 0; i--) {
                sb.append(i == touches.size() - 1 ? "Last touched " : "Touched ").append(touches.get(i)).append('\n');
            }
        }
        return sb.append("Allocated ").append(allocationTrace).toString();
    }
}
