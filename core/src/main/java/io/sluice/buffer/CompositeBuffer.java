package io.sluice.buffer;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * A buffer made of other buffers (components) without copying them: e.g. a header and a body
 * written with one gathering write.
 *
 * <p>{@link #addComponent(Buffer)} takes ownership of the buffer and appends its readable bytes,
 * advancing the writer index so they become readable (unlike Netty, there is no variant that leaves
 * them unreadable). Releasing the composite releases its components. Writing past the last
 * component adds a new component from the composite's allocator. When an add takes the count
 * above {@link #maxNumComponents()}, all components, the new one included, are merged into one
 * (one copy, as Netty does), so the count stays bounded.
 */
public final class CompositeBuffer extends CountedBuffer {
    private final AbstractAllocator alloc;
    private final boolean direct;
    private final int maxComponents;
    private Component[] components = new Component[4];
    private int count;
    /** The component found last, checked first by lookups (sequential access stays O(1)). */
    private Component lastHit;

    CompositeBuffer(AbstractAllocator alloc, boolean direct, int maxComponents) {
        super(Integer.MAX_VALUE, false);
        this.alloc = alloc;
        this.direct = direct;
        this.maxComponents = maxComponents;
    }

    /** A component: bytes {@code [offset, end)} of the composite are {@code buf[offset + adjustment ...]}. */
    private static final class Component {
        final AbstractBuffer buf;
        int adjustment;
        int offset;
        int end;

        Component(AbstractBuffer buf, int adjustment, int offset, int end) {
            this.buf = buf;
            this.adjustment = adjustment;
            this.offset = offset;
            this.end = end;
        }

        int length() {
            return end - offset;
        }
    }

    /** Returns the number of components. */
    public int numComponents() {
        return count;
    }

    /** Returns the number of components above which they are merged. */
    public int maxNumComponents() {
        return maxComponents;
    }

    /**
     * Appends the readable bytes of {@code buffer}, taking ownership of it, and advances the writer
     * index past them. @return this buffer
     */
    public CompositeBuffer addComponent(Buffer buffer) {
        return addComponent(count, buffer);
    }

    /** Adds each buffer in order; see {@link #addComponent(Buffer)}. @return this buffer */
    public CompositeBuffer addComponents(Buffer... buffers) {
        for (Buffer buffer : buffers) {
            addComponent(buffer);
        }
        return this;
    }

    /**
     * Inserts the readable bytes of {@code buffer} as component {@code cIndex}, taking ownership;
     * the writer index advances by its readable bytes. @return this buffer
     */
    public CompositeBuffer addComponent(int cIndex, Buffer buffer) {
        AbstractBuffer buf = (AbstractBuffer) buffer;
        try {
            ensureAccessible();
            if (readOnly) {
                throw new java.nio.ReadOnlyBufferException();
            }
            if (cIndex < 0 || cIndex > count) {
                throw new IndexOutOfBoundsException("cIndex: " + cIndex + " (expected: 0-" + count + ")");
            }
            buf.ensureAccessible();
        } catch (RuntimeException e) {
            ReferenceCounting.safeRelease(buffer);
            throw e;
        }
        int length = buf.readableBytes();
        if (length == 0) {
            buf.release();
            return this;
        }
        int offset = cIndex == 0 ? 0 : components[cIndex - 1].end;
        insert(cIndex, new Component(buf, buf.readerIndex - offset, offset, offset + length));
        shiftFrom(cIndex + 1, length);
        writerIndex += length;
        if (count > maxComponents) {
            consolidate();
        }
        return this;
    }

    private void insert(int cIndex, Component c) {
        if (count == components.length) {
            components = Arrays.copyOf(components, count * 2);
        }
        System.arraycopy(components, cIndex, components, cIndex + 1, count - cIndex);
        components[cIndex] = c;
        count++;
    }

    /** Moves components from {@code cIndex} on by {@code delta} bytes. */
    private void shiftFrom(int cIndex, int delta) {
        for (int i = cIndex; i < count; i++) {
            Component c = components[i];
            c.offset += delta;
            c.end += delta;
            c.adjustment -= delta;
        }
    }

    /**
     * Removes and releases component {@code cIndex}; later bytes move down and the indexes are
     * adjusted as if its bytes were cut out. @return this buffer
     */
    public CompositeBuffer removeComponent(int cIndex) {
        ensureAccessible();
        checkComponentIndex(cIndex);
        Component c = components[cIndex];
        int length = c.length();
        System.arraycopy(components, cIndex + 1, components, cIndex, count - cIndex - 1);
        components[--count] = null;
        lastHit = null;
        shiftFrom(cIndex, -length);
        readerIndex = cut(readerIndex, c.offset, length);
        writerIndex = cut(writerIndex, c.offset, length);
        c.buf.release();
        return this;
    }

    private static int cut(int index, int from, int length) {
        return index <= from ? index : Math.max(from, index - length);
    }

    private void checkComponentIndex(int cIndex) {
        if (cIndex < 0 || cIndex >= count) {
            throw new IndexOutOfBoundsException("cIndex: " + cIndex + " (expected: 0-" + (count - 1) + ")");
        }
    }

    /** Returns a view of component {@code cIndex}'s bytes; not retained. */
    public Buffer component(int cIndex) {
        ensureAccessible();
        checkComponentIndex(cIndex);
        Component c = components[cIndex];
        return c.buf.slice(c.offset + c.adjustment, c.length());
    }

    /** Returns the index of the component holding byte {@code offset}. */
    public int toComponentIndex(int offset) {
        checkIndex(offset, 1);
        return toComponentIndexUnchecked(offset);
    }

    private Component componentAt(int offset) {
        Component c = lastHit;
        if (c != null && offset >= c.offset && offset < c.end) {
            return c;
        }
        c = components[toComponentIndexUnchecked(offset)];
        lastHit = c;
        return c;
    }

    private int toComponentIndexUnchecked(int offset) {
        int lo = 0;
        int hi = count - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (components[mid].offset <= offset) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }

    /** Merges all components into one new buffer. @return this buffer */
    public CompositeBuffer consolidate() {
        ensureAccessible();
        if (count <= 1) {
            return this;
        }
        int length = capacity();
        AbstractBuffer merged = newComponentBuffer(length);
        _copyTo(0, merged, 0, length);
        merged.writerIndex = length;
        for (int i = 0; i < count; i++) {
            components[i].buf.release();
            components[i] = null;
        }
        components[0] = new Component(merged, 0, 0, length);
        count = 1;
        lastHit = null;
        return this;
    }

    /** Removes and releases the components that were read entirely. @return this buffer */
    public CompositeBuffer discardReadComponents() {
        ensureAccessible();
        int n = 0;
        while (n < count && components[n].end <= readerIndex) {
            n++;
        }
        if (n > 0) {
            dropFirst(n);
        }
        return this;
    }

    private void dropFirst(int n) {
        int discarded = components[n - 1].end;
        for (int i = 0; i < n; i++) {
            components[i].buf.release();
        }
        System.arraycopy(components, n, components, 0, count - n);
        Arrays.fill(components, count - n, count, null);
        count -= n;
        lastHit = null;
        shiftFrom(0, -discarded);
        readerIndex -= discarded;
        writerIndex -= discarded;
        shiftMarks(discarded);
    }

    /** Drops read bytes without copying: whole components go, the first partial one is trimmed. */
    @Override
    public Buffer discardReadBytes() {
        ensureAccessible();
        if (readOnly) {
            throw new java.nio.ReadOnlyBufferException();
        }
        discardReadComponents();
        if (readerIndex > 0 && count > 0) {
            int cut = readerIndex;
            Component first = components[0];
            first.offset += cut;
            shiftFrom(0, -cut);
            readerIndex = 0;
            writerIndex -= cut;
            shiftMarks(cut);
        }
        return this;
    }

    private AbstractBuffer newComponentBuffer(int capacity) {
        return (AbstractBuffer) (direct ? alloc.directBuffer(capacity) : alloc.heapBuffer(capacity));
    }

    @Override
    public int capacity() {
        return count == 0 ? 0 : components[count - 1].end;
    }

    @Override
    public Buffer capacity(int newCapacity) {
        checkNewCapacity(newCapacity);
        int capacity = capacity();
        if (newCapacity > capacity) {
            int extra = newCapacity - capacity;
            AbstractBuffer buf = newComponentBuffer(extra);
            buf.writerIndex = extra;
            if (count + 1 > maxComponents) {
                consolidate();
            }
            insert(count, new Component(buf, -capacity, capacity, newCapacity));
        } else if (newCapacity < capacity) {
            while (count > 0 && components[count - 1].offset >= newCapacity) {
                components[--count].buf.release();
                components[count] = null;
            }
            if (count > 0) {
                components[count - 1].end = newCapacity;
            }
            lastHit = null;
            trimIndexesTo(newCapacity);
        }
        return this;
    }

    @Override
    int newCapacity(int minNewCapacity) {
        int current = capacity();
        // grow by at least the current size, so many small writes do not make many components
        return (int) Math.min(maxCapacity, Math.max(minNewCapacity, Math.min((long) current * 2, current + (4L << 20))));
    }

    @Override
    public BufferAllocator alloc() {
        return alloc;
    }

    @Override
    public boolean isDirect() {
        for (int i = 0; i < count; i++) {
            if (!components[i].buf.isDirect()) {
                return false;
            }
        }
        return count > 0 || direct;
    }

    @Override
    public boolean hasArray() {
        return count == 1 && components[0].buf.hasArray();
    }

    @Override
    public byte[] array() {
        if (!hasArray()) {
            throw new UnsupportedOperationException("array: none in a composite buffer of " + count
                    + " components (expected: hasArray() first)");
        }
        return components[0].buf.array();
    }

    @Override
    public int arrayOffset() {
        if (!hasArray()) {
            throw new UnsupportedOperationException("array: none in a composite buffer of " + count
                    + " components (expected: hasArray() first)");
        }
        return components[0].buf.arrayOffset() + components[0].adjustment;
    }

    @Override
    public Buffer unwrap() {
        return null;
    }

    @Override
    void deallocate() {
        for (int i = 0; i < count; i++) {
            components[i].buf.release();
            components[i] = null;
        }
        count = 0;
        lastHit = null;
    }

    // ---- primitive access: within one component, or assembled from smaller pieces -------------

    @Override
    byte _getByte(int index) {
        Component c = componentAt(index);
        return c.buf._getByte(index + c.adjustment);
    }

    @Override
    short _getShort(int index) {
        Component c = componentAt(index);
        if (index + 2 <= c.end) {
            return c.buf._getShort(index + c.adjustment);
        }
        return (short) ((_getByte(index) & 0xff) << 8 | _getByte(index + 1) & 0xff);
    }

    @Override
    int _getInt(int index) {
        Component c = componentAt(index);
        if (index + 4 <= c.end) {
            return c.buf._getInt(index + c.adjustment);
        }
        return (_getShort(index) & 0xffff) << 16 | _getShort(index + 2) & 0xffff;
    }

    @Override
    long _getLong(int index) {
        Component c = componentAt(index);
        if (index + 8 <= c.end) {
            return c.buf._getLong(index + c.adjustment);
        }
        return (_getInt(index) & 0xffffffffL) << 32 | _getInt(index + 4) & 0xffffffffL;
    }

    @Override
    void _setByte(int index, int value) {
        Component c = componentAt(index);
        c.buf._setByte(index + c.adjustment, value);
    }

    @Override
    void _setShort(int index, int value) {
        Component c = componentAt(index);
        if (index + 2 <= c.end) {
            c.buf._setShort(index + c.adjustment, value);
        } else {
            _setByte(index, value >>> 8);
            _setByte(index + 1, value);
        }
    }

    @Override
    void _setInt(int index, int value) {
        Component c = componentAt(index);
        if (index + 4 <= c.end) {
            c.buf._setInt(index + c.adjustment, value);
        } else {
            _setShort(index, value >>> 16);
            _setShort(index + 2, value);
        }
    }

    @Override
    void _setLong(int index, long value) {
        Component c = componentAt(index);
        if (index + 8 <= c.end) {
            c.buf._setLong(index + c.adjustment, value);
        } else {
            _setInt(index, (int) (value >>> 32));
            _setInt(index + 4, (int) value);
        }
    }

    // ---- bulk access, component by component --------------------------------------------------

    @Override
    void _getBytes(int index, byte[] dst, int dstIndex, int length) {
        while (length > 0) {
            Component c = componentAt(index);
            int n = Math.min(length, c.end - index);
            c.buf._getBytes(index + c.adjustment, dst, dstIndex, n);
            index += n;
            dstIndex += n;
            length -= n;
        }
    }

    @Override
    void _getBytes(int index, ByteBuffer dst, int dstOffset, int length) {
        while (length > 0) {
            Component c = componentAt(index);
            int n = Math.min(length, c.end - index);
            c.buf._getBytes(index + c.adjustment, dst, dstOffset, n);
            index += n;
            dstOffset += n;
            length -= n;
        }
    }

    @Override
    void _setBytes(int index, byte[] src, int srcIndex, int length) {
        while (length > 0) {
            Component c = componentAt(index);
            int n = Math.min(length, c.end - index);
            c.buf._setBytes(index + c.adjustment, src, srcIndex, n);
            index += n;
            srcIndex += n;
            length -= n;
        }
    }

    @Override
    void _setBytes(int index, ByteBuffer src, int srcOffset, int length) {
        while (length > 0) {
            Component c = componentAt(index);
            int n = Math.min(length, c.end - index);
            c.buf._setBytes(index + c.adjustment, src, srcOffset, n);
            index += n;
            srcOffset += n;
            length -= n;
        }
    }

    @Override
    void _copyTo(int index, AbstractBuffer dst, int dstIndex, int length) {
        while (length > 0) {
            Component c = componentAt(index);
            int n = Math.min(length, c.end - index);
            c.buf._copyTo(index + c.adjustment, dst, dstIndex, n);
            index += n;
            dstIndex += n;
            length -= n;
        }
    }

    @Override
    ByteBuffer _nioBuffer(int index, int length) {
        if (length > 0) {
            Component c = componentAt(index);
            if (index + length <= c.end) {
                return c.buf._nioBuffer(index + c.adjustment, length);
            }
        }
        ByteBuffer copy = direct ? ByteBuffer.allocateDirect(length) : ByteBuffer.allocate(length);
        _getBytes(index, copy, 0, length);
        return copy;
    }

    @Override
    public int nioBufferCount() {
        int n = 0;
        for (int i = 0; i < count; i++) {
            n += components[i].buf.nioBufferCount();
        }
        return n;
    }

    @Override
    public ByteBuffer[] nioBuffers(int index, int length) {
        checkIndex(index, length);
        if (length == 0) {
            return new ByteBuffer[0];
        }
        int first = toComponentIndexUnchecked(index);
        int last = toComponentIndexUnchecked(index + length - 1);
        ByteBuffer[] out = new ByteBuffer[last - first + 1];
        for (int i = first; i <= last; i++) {
            Component c = components[i];
            int from = Math.max(index, c.offset);
            int to = Math.min(index + length, c.end);
            out[i - first] = c.buf._nioBuffer(from + c.adjustment, to - from);
        }
        return out;
    }

    @Override
    public String toString() {
        return super.toString().replace(")", ", components: " + count + ")");
    }
}
