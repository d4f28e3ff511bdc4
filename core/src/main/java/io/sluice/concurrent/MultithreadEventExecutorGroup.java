package io.sluice.concurrent;

import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;

/**
 * A group of executors created up front. {@link #next()} is round-robin, with a mask instead of a
 * division when the count is a power of two. The termination future completes when every
 * executor has terminated.
 *
 * @param <E> the executor type
 */
public abstract class MultithreadEventExecutorGroup<E extends EventExecutor> extends AbstractEventExecutorGroup {
    private final EventExecutor[] children;
    private final List<EventExecutor> readOnlyChildren;
    private final AtomicInteger nextIndex = new AtomicInteger();
    private final boolean powerOfTwo;
    private final Future<Void> terminationFuture;

    /**
     * Creates {@code count} executors with {@code factory}, called with this group (their parent)
     * and the index.
     *
     * @throws IllegalArgumentException if {@code count < 1}
     */
    // this-escape (javac 21+): each child keeps a reference to its parent group; the factory makes
    // children, it does not call the group
    @SuppressWarnings("this-escape")
    protected MultithreadEventExecutorGroup(int count, BiFunction<EventExecutorGroup, Integer, E> factory) {
        if (count < 1) {
            throw new IllegalArgumentException("count: " + count + " (expected: >= 1)");
        }
        children = new EventExecutor[count];
        for (int i = 0; i < count; i++) {
            children[i] = factory.apply(this, i);
        }
        readOnlyChildren = Collections.unmodifiableList(Arrays.asList(children));
        powerOfTwo = Integer.bitCount(count) == 1;
        Future<?>[] terminations = new Future<?>[count];
        for (int i = 0; i < count; i++) {
            terminations[i] = children[i].terminationFuture();
        }
        terminationFuture = Futures.allOf(null, terminations);
    }

    @Override
    @SuppressWarnings("unchecked")
    public E next() {
        int i = nextIndex.getAndIncrement();
        return (E) children[powerOfTwo ? i & children.length - 1 : Math.abs(i % children.length)];
    }

    @Override
    public int executorCount() {
        return children.length;
    }

    @Override
    public Iterator<EventExecutor> iterator() {
        return readOnlyChildren.iterator();
    }

    @Override
    public Future<?> shutdownGracefully(long quietPeriod, long timeout, TimeUnit unit) {
        for (EventExecutor child : children) {
            child.shutdownGracefully(quietPeriod, timeout, unit);
        }
        return terminationFuture;
    }

    @Override
    public boolean isShuttingDown() {
        for (EventExecutor child : children) {
            if (!child.isShuttingDown()) {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean isTerminated() {
        for (EventExecutor child : children) {
            if (!child.isTerminated()) {
                return false;
            }
        }
        return true;
    }

    @Override
    public Future<?> terminationFuture() {
        return terminationFuture;
    }
}
