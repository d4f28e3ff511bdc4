package io.sluice.buffer;

/**
 * Maps requested sizes to the pool's size classes. Classes up to {@link #MAX_SMALL} bytes are
 * "small" and carved from slabs: 16-byte steps up to 512, then four steps per doubling (640, 768,
 * 896, 1024, 1280, ...), which bounds the waste per buffer to 25%. Larger sizes are "normal": runs
 * of whole pages, one class per page count, up to the chunk size.
 */
final class SizeClasses {
    /** Largest small size class in bytes. */
    static final int MAX_SMALL = 8192;
    /** Number of small classes. */
    static final int SMALL_COUNT;
    private static final int[] SMALL_SIZES;
    /** Small class of a size, indexed by {@code (size + 15) >> 4}. */
    private static final byte[] SMALL_CLASS_BY_QUANTUM = new byte[(MAX_SMALL >> 4) + 1];

    static {
        int[] sizes = new int[64];
        int n = 0;
        for (int size = 16; size <= 512; size += 16) {
            sizes[n++] = size;
        }
        for (int base = 512; base < MAX_SMALL; base <<= 1) {
            for (int step = 1; step <= 4; step++) {
                sizes[n++] = base + step * (base >> 2);
            }
        }
        SMALL_COUNT = n;
        SMALL_SIZES = java.util.Arrays.copyOf(sizes, n);
        for (int q = 0, cls = 0; q < SMALL_CLASS_BY_QUANTUM.length; q++) {
            while (SMALL_SIZES[cls] < q << 4) {
                cls++;
            }
            SMALL_CLASS_BY_QUANTUM[q] = (byte) cls;
        }
    }

    final int pageSize;
    final int pageShift;
    final int chunkSize;
    /** Page count of the smallest normal class. */
    private final int firstNormalPages;
    /** Total number of classes, small and normal. */
    final int classCount;

    SizeClasses(int pageSize, int chunkSize) {
        this.pageSize = pageSize;
        this.pageShift = Integer.numberOfTrailingZeros(pageSize);
        this.chunkSize = chunkSize;
        this.firstNormalPages = pagesFor(MAX_SMALL + 1);
        this.classCount = SMALL_COUNT + (chunkSize >> pageShift) - firstNormalPages + 1;
    }

    /** Returns the class of a size in {@code [0, chunkSize]}. */
    int classOf(int size) {
        if (size <= MAX_SMALL) {
            return SMALL_CLASS_BY_QUANTUM[(size + 15) >> 4];
        }
        return SMALL_COUNT + pagesFor(size) - firstNormalPages;
    }

    /** Returns the number of bytes a buffer of class {@code cls} gets. */
    int sizeOf(int cls) {
        return cls < SMALL_COUNT ? SMALL_SIZES[cls] : pagesOf(cls) << pageShift;
    }

    static boolean isSmall(int cls) {
        return cls < SMALL_COUNT;
    }

    /** Returns the page count of normal class {@code cls}. */
    int pagesOf(int cls) {
        return cls - SMALL_COUNT + firstNormalPages;
    }

    /** Returns how many pages a slab of small class {@code cls} spans: room for about 16 elements. */
    int slabPages(int cls) {
        return Math.max(1, pagesFor(SMALL_SIZES[cls] * 16));
    }

    private int pagesFor(int size) {
        return (size + pageSize - 1) >> pageShift;
    }
}
