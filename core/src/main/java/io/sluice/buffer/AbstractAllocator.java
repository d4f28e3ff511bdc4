package io.sluice.buffer;

/**
 * Argument checks, buffer construction, leak tracking and reallocation shared by the allocators;
 * subclasses decide where memory regions come from and where they go.
 */
abstract class AbstractAllocator implements BufferAllocator {
    /** Components a composite buffer holds by default before it consolidates. */
    static final int DEFAULT_MAX_COMPONENTS = 16;

    private final boolean preferDirect;

    AbstractAllocator(boolean preferDirect) {
        this.preferDirect = preferDirect;
    }

    /** Gives {@code buf} a region of at least {@code capacity} bytes. */
    abstract void allocateRegion(RootBuffer buf, int capacity);

    /** Returns the region of {@code buf} (whose count reached zero, or which is moving). */
    abstract void free(RootBuffer buf);

    @Override
    public final boolean isDirectPreferred() {
        return preferDirect;
    }

    @Override
    public final Buffer buffer() {
        return buffer(DEFAULT_INITIAL_CAPACITY, DEFAULT_MAX_CAPACITY);
    }

    @Override
    public final Buffer buffer(int initialCapacity) {
        return buffer(initialCapacity, DEFAULT_MAX_CAPACITY);
    }

    @Override
    public final Buffer buffer(int initialCapacity, int maxCapacity) {
        return newBuffer(preferDirect, initialCapacity, maxCapacity);
    }

    @Override
    public final Buffer heapBuffer() {
        return heapBuffer(DEFAULT_INITIAL_CAPACITY, DEFAULT_MAX_CAPACITY);
    }

    @Override
    public final Buffer heapBuffer(int initialCapacity) {
        return heapBuffer(initialCapacity, DEFAULT_MAX_CAPACITY);
    }

    @Override
    public final Buffer heapBuffer(int initialCapacity, int maxCapacity) {
        return newBuffer(false, initialCapacity, maxCapacity);
    }

    @Override
    public final Buffer directBuffer() {
        return directBuffer(DEFAULT_INITIAL_CAPACITY, DEFAULT_MAX_CAPACITY);
    }

    @Override
    public final Buffer directBuffer(int initialCapacity) {
        return directBuffer(initialCapacity, DEFAULT_MAX_CAPACITY);
    }

    @Override
    public final Buffer directBuffer(int initialCapacity, int maxCapacity) {
        return newBuffer(true, initialCapacity, maxCapacity);
    }

    @Override
    public final Buffer ioBuffer(int initialCapacity) {
        return directBuffer(initialCapacity, DEFAULT_MAX_CAPACITY);
    }

    @Override
    public final CompositeBuffer compositeBuffer() {
        return compositeBuffer(DEFAULT_MAX_COMPONENTS);
    }

    @Override
    public final CompositeBuffer compositeBuffer(int maxComponents) {
        if (maxComponents < 1) {
            throw new IllegalArgumentException("maxComponents: " + maxComponents + " (expected: >= 1)");
        }
        CompositeBuffer composite = new CompositeBuffer(this, preferDirect, maxComponents);
        composite.leak = LeakDetector.track(composite);
        return composite;
    }

    private Buffer newBuffer(boolean direct, int initialCapacity, int maxCapacity) {
        if (initialCapacity < 0 || initialCapacity > maxCapacity) {
            throw new IllegalArgumentException("initialCapacity: " + initialCapacity + " (expected: 0-"
                    + "maxCapacity(" + maxCapacity + "))");
        }
        RootBuffer buf = newRoot(direct, maxCapacity);
        allocateRegion(buf, initialCapacity);
        buf.capacity = initialCapacity;
        buf.leak = LeakDetector.track(buf);
        return buf;
    }

    private RootBuffer newRoot(boolean direct, int maxCapacity) {
        return direct ? new NioMemoryBuffer(this, maxCapacity, true) : new HeapBuffer(this, maxCapacity);
    }

    /** Moves {@code buf} to a region of at least {@code newCapacity} bytes, keeping its content. */
    final void reallocate(RootBuffer buf, int newCapacity) {
        RootBuffer donor = newRoot(buf.isDirect(), buf.maxCapacity());
        allocateRegion(donor, newCapacity);
        int keep = Math.min(buf.capacity, newCapacity);
        if (keep > 0) {
            buf._copyTo(0, donor, 0, keep);
        }
        free(buf);
        buf.takeRegion(donor);
    }
}
