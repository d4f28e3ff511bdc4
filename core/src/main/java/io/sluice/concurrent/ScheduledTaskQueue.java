package io.sluice.concurrent;

import java.util.Arrays;

/**
 * A binary min-heap of scheduled tasks by deadline, where each task knows its index so
 * cancellation removes it in O(log n) (a {@link java.util.PriorityQueue} removes in O(n)).
 * Owned by one executor thread; not thread-safe.
 */
final class ScheduledTaskQueue {
    private ScheduledTask<?>[] heap = new ScheduledTask<?>[16];
    private int size;

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    ScheduledTask<?> peek() {
        return size == 0 ? null : heap[0];
    }

    void add(ScheduledTask<?> task) {
        if (size == heap.length) {
            heap = Arrays.copyOf(heap, size * 2);
        }
        siftUp(size++, task);
    }

    ScheduledTask<?> poll() {
        if (size == 0) {
            return null;
        }
        ScheduledTask<?> first = heap[0];
        removeAt(0);
        return first;
    }

    /** Removes {@code task} if it is queued here. @return whether it was */
    boolean remove(ScheduledTask<?> task) {
        int i = task.heapIndex;
        if (i < 0 || i >= size || heap[i] != task) {
            return false;
        }
        removeAt(i);
        return true;
    }

    /** Removes and returns every task. */
    ScheduledTask<?>[] drain() {
        ScheduledTask<?>[] all = Arrays.copyOf(heap, size);
        for (ScheduledTask<?> task : all) {
            task.heapIndex = -1;
        }
        Arrays.fill(heap, 0, size, null);
        size = 0;
        return all;
    }

    private void removeAt(int i) {
        ScheduledTask<?> removed = heap[i];
        removed.heapIndex = -1;
        ScheduledTask<?> last = heap[--size];
        heap[size] = null;
        if (i < size) {
            siftDown(i, last);
            if (heap[i] == last) {
                siftUp(i, last);
            }
        }
    }

    private void siftUp(int i, ScheduledTask<?> task) {
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            ScheduledTask<?> p = heap[parent];
            if (task.compareTo(p) >= 0) {
                break;
            }
            set(i, p);
            i = parent;
        }
        set(i, task);
    }

    private void siftDown(int i, ScheduledTask<?> task) {
        int half = size >>> 1;
        while (i < half) {
            int child = 2 * i + 1;
            ScheduledTask<?> c = heap[child];
            int right = child + 1;
            if (right < size && c.compareTo(heap[right]) > 0) {
                c = heap[child = right];
            }
            if (task.compareTo(c) <= 0) {
                break;
            }
            set(i, c);
            i = child;
        }
        set(i, task);
    }

    private void set(int i, ScheduledTask<?> task) {
        heap[i] = task;
        task.heapIndex = i;
    }
}
