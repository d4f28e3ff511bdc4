package io.sluice.codec;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.Objects;
import java.util.RandomAccess;

/**
 * The list a {@link ByteToMessageDecoder} hands to {@code decode}: a growable array with none of
 * the bookkeeping an {@code ArrayList} pays for on every frame (a modification count per add, a
 * clearing loop after the messages were passed on). The decoder takes each message out with
 * {@link #take} and ends with {@link #reset}, which has nothing left to clear.
 */
final class DecoderOutput extends AbstractList<Object> implements RandomAccess {
    private static final int INITIAL_CAPACITY = 8;
    /**
     * The largest array kept between calls: one read of many tiny frames can grow the list to
     * thousands of slots, which an idle connection should not hold on to.
     */
    static final int MAX_KEPT_CAPACITY = 64;

    private Object[] elements = new Object[INITIAL_CAPACITY];
    private int size;

    @Override
    public int size() {
        return size;
    }

    @Override
    public Object get(int index) {
        return elements[Objects.checkIndex(index, size)];
    }

    @Override
    public Object set(int index, Object element) {
        Object[] es = elements;
        Object old = es[Objects.checkIndex(index, size)];
        es[index] = element;
        return old;
    }

    @Override
    public boolean add(Object element) {
        int s = size;
        Object[] es = elements;
        if (s == es.length) {
            es = grow();
        }
        es[s] = element;
        size = s + 1;
        return true;
    }

    @Override
    public void add(int index, Object element) {
        Objects.checkIndex(index, size + 1);
        if (size == elements.length) {
            grow();
        }
        Object[] es = elements;
        System.arraycopy(es, index, es, index + 1, size - index);
        es[index] = element;
        size++;
    }

    @Override
    public Object remove(int index) {
        Object[] es = elements;
        Object old = es[Objects.checkIndex(index, size)];
        int s = --size;
        System.arraycopy(es, index + 1, es, index, s - index);
        es[s] = null;
        return old;
    }

    @Override
    public void clear() {
        Arrays.fill(elements, 0, size, null);
        reset();
    }

    /** Returns the message at {@code index} and drops the list's reference to it. */
    Object take(int index) {
        Object[] es = elements;
        Object element = es[index];
        es[index] = null;
        return element;
    }

    /** Empties a list whose messages were all {@linkplain #take taken}; a grown array is let go. */
    void reset() {
        size = 0;
        if (elements.length > MAX_KEPT_CAPACITY) {
            elements = new Object[INITIAL_CAPACITY];
        }
    }

    /** The length of the array behind the list (for tests). */
    int capacity() {
        return elements.length;
    }

    private Object[] grow() {
        return elements = Arrays.copyOf(elements, elements.length * 2);
    }
}
