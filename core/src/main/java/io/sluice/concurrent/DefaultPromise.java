package io.sluice.concurrent;

import io.sluice.internal.EventLoopThread;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The standard {@link Promise}. Listeners run on the given executor (inline when completed on it),
 * or on the completing thread when the executor is {@code null} or has terminated. Notifications
 * nested inline more than 8 deep on one thread (a listener completing a promise whose listener
 * completes another...) go through the executor's queue instead, so a chain of them cannot
 * overflow the stack; as in Netty.
 *
 * @param <V> the result type
 */
public class DefaultPromise<V> implements Promise<V> {
    private static final Logger LOG = LoggerFactory.getLogger(DefaultPromise.class);
    private static final VarHandle RESULT;
    private static final VarHandle WAITERS;
    /** Result of a successful completion with a {@code null} value. */
    private static final Object SUCCESS = new Object();
    /** Marks a pending promise that can no longer be cancelled. */
    private static final Object UNCANCELLABLE = new Object();

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            RESULT = lookup.findVarHandle(DefaultPromise.class, "result", Object.class);
            WAITERS = lookup.findVarHandle(DefaultPromise.class, "waiters", Waiter.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final EventExecutor executor;
    /** null (pending), UNCANCELLABLE, SUCCESS, a Failure, or the value. */
    private volatile Object result;
    /**
     * null, one listener, or a List of them. Written under {@code this}; volatile so completion can
     * see without locking that nobody listens (the common case for a write's promise).
     */
    private volatile Object listeners;
    /**
     * Threads parked in {@code await}: a stack (as in {@link java.util.concurrent.FutureTask}) that a waiter
     * pushes before it checks {@link #isDone()} and the completer takes whole after publishing its result, so
     * no waiter is missed. Parking instead of {@code Object.wait} keeps a virtual thread that waits from
     * pinning its carrier.
     */
    private volatile Waiter waiters;
    /** Whether a thread is running the listeners. Guarded by {@code this}. */
    private boolean notifying;

    /** Creates a pending promise whose listeners run on {@code executor} (may be {@code null}). */
    public DefaultPromise(EventExecutor executor) {
        this.executor = executor;
    }

    private static final class Failure {
        final Throwable cause;

        Failure(Throwable cause) {
            this.cause = cause;
        }
    }

    @Override
    public EventExecutor executor() {
        return executor;
    }

    // ---- completion -----------------------------------------------------------------------------

    @Override
    public Promise<V> setSuccess(V value) {
        if (!trySuccess(value)) {
            throw new IllegalStateException("promise: " + this + " (expected: not complete yet)");
        }
        return this;
    }

    @Override
    public boolean trySuccess(V value) {
        return complete(value == null ? SUCCESS : value);
    }

    @Override
    public Promise<V> setFailure(Throwable cause) {
        if (!tryFailure(cause)) {
            throw new IllegalStateException("promise: " + this + " (expected: not complete yet)", cause);
        }
        return this;
    }

    @Override
    public boolean tryFailure(Throwable cause) {
        return complete(new Failure(Objects.requireNonNull(cause, "cause")));
    }

    @Override
    public boolean setUncancellable() {
        if (RESULT.compareAndSet(this, null, UNCANCELLABLE)) {
            return true;
        }
        return !isCancelled();
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
        if (RESULT.compareAndSet(this, null, new Failure(new CancellationException("cancelled")))) {
            completed();
            return true;
        }
        return false;
    }

    private boolean complete(Object value) {
        if (RESULT.compareAndSet(this, null, value) || RESULT.compareAndSet(this, UNCANCELLABLE, value)) {
            completed();
            return true;
        }
        return false;
    }

    /** After the result is published: wakes the waiting threads and runs the listeners. */
    private void completed() {
        if (waiters != null) {
            for (Waiter w = (Waiter) WAITERS.getAndSet(this, null); w != null; w = w.next) {
                Thread t = w.thread;
                if (t != null) {
                    w.thread = null;
                    LockSupport.unpark(t);
                }
            }
        }
        // an addListener racing with completion reads the result after publishing its listener: one of us runs it
        if (listeners != null) {
            notifyListeners();
        }
    }

    /** A thread parked in {@code await}. */
    private static final class Waiter {
        /** The parked thread; null once woken by the completer or gone. */
        volatile Thread thread = Thread.currentThread();
        Waiter next;
    }

    /** Pushes a waiter for the calling thread. */
    private Waiter pushWaiter() {
        Waiter w = new Waiter();
        do {
            w.next = waiters;
        } while (!WAITERS.compareAndSet(this, w.next, w));
        return w;
    }

    /** Takes {@code node} out of the stack (a waiter that timed out or was interrupted); as FutureTask does. */
    private void removeWaiter(Waiter node) {
        node.thread = null;
        retry:
        for (;;) {
            Waiter pred = null;
            for (Waiter q = waiters, next; q != null; q = next) {
                next = q.next;
                if (q.thread != null) {
                    pred = q;
                } else if (pred != null) {
                    pred.next = next;
                    if (pred.thread == null) { // pred left meanwhile: start again
                        continue retry;
                    }
                } else if (!WAITERS.compareAndSet(this, q, next)) {
                    continue retry;
                }
            }
            return;
        }
    }

    // ---- state ----------------------------------------------------------------------------------

    @Override
    public boolean isDone() {
        Object r = result;
        return r != null && r != UNCANCELLABLE;
    }

    @Override
    public boolean isSuccess() {
        Object r = result;
        return r != null && r != UNCANCELLABLE && !(r instanceof Failure);
    }

    @Override
    public boolean isCancelled() {
        Object r = result;
        return r instanceof Failure && ((Failure) r).cause instanceof CancellationException;
    }

    @Override
    public boolean isCancellable() {
        return result == null;
    }

    @Override
    public Throwable cause() {
        Object r = result;
        return r instanceof Failure ? ((Failure) r).cause : null;
    }

    @Override
    @SuppressWarnings("unchecked")
    public V getNow() {
        Object r = result;
        return r == null || r == UNCANCELLABLE || r == SUCCESS || r instanceof Failure ? null : (V) r;
    }

    // ---- listeners ------------------------------------------------------------------------------

    @Override
    public Promise<V> addListener(FutureListener<? super V> listener) {
        Objects.requireNonNull(listener, "listener");
        synchronized (this) {
            if (listeners == null) {
                listeners = listener;
            } else if (listeners instanceof List) {
                asList(listeners).add(listener);
            } else {
                List<Object> list = new ArrayList<>(4);
                list.add(listeners);
                list.add(listener);
                listeners = list;
            }
        }
        if (isDone()) {
            notifyListeners();
        }
        return this;
    }

    @Override
    public Promise<V> removeListener(FutureListener<? super V> listener) {
        synchronized (this) {
            if (listeners == listener) {
                listeners = null;
            } else if (listeners instanceof List) {
                asList(listeners).remove(listener);
            }
        }
        return this;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> asList(Object listeners) {
        return (List<Object>) listeners;
    }

    private void notifyListeners() {
        EventExecutor ex = executor;
        if (ex == null) {
            runListeners();
            return;
        }
        if (ex.inEventLoop()) {
            if (ListenerNesting.tryEnter()) {
                try {
                    runListeners();
                } finally {
                    ListenerNesting.exit();
                }
                return;
            }
            // nested too deeply (listeners completing promises whose listeners complete others):
            // go through the executor's queue, which unwinds the stack
        }
        try {
            ex.execute(this::runListeners);
        } catch (RejectedExecutionException e) {
            // the executor has terminated: better late on this thread than never
            runListeners();
        }
    }

    private void runListeners() {
        Object pending;
        synchronized (this) {
            if (notifying || listeners == null) {
                return;
            }
            notifying = true;
            pending = listeners;
            listeners = null;
        }
        for (;;) {
            if (pending instanceof List) {
                for (Object listener : asList(pending)) {
                    runListener(listener);
                }
            } else {
                runListener(pending);
            }
            synchronized (this) {
                if (listeners == null) {
                    notifying = false;
                    return;
                }
                pending = listeners;
                listeners = null;
            }
        }
    }

    @SuppressWarnings("unchecked")
    private void runListener(Object listener) {
        try {
            ((FutureListener<V>) listener).operationComplete(this);
        } catch (Throwable t) {
            LOG.warn("A listener of {} threw", this, t);
        }
    }

    // ---- waiting --------------------------------------------------------------------------------

    /** Throws if the calling thread must not block on this future. */
    void checkBlocking() {
        EventExecutor ex = executor;
        if (ex != null && ex.inEventLoop()) {
            throw new BlockingOperationException("await: on " + this + " from its own executor's thread"
                    + " (expected: another thread; it would deadlock)");
        }
        Thread current = Thread.currentThread();
        if (current instanceof EventLoopThread loop && loop.forbidsBlocking()) {
            throw new BlockingOperationException("await: on I/O event loop " + current.getName() + " for " + this
                    + " (expected: a listener instead; an event loop must not block)");
        }
    }

    @Override
    public Promise<V> await() throws InterruptedException {
        if (isDone()) {
            return this;
        }
        if (Thread.interrupted()) {
            throw new InterruptedException(toString());
        }
        checkBlocking();
        Waiter w = pushWaiter();
        try {
            while (!isDone()) {
                LockSupport.park(this);
                if (Thread.interrupted()) {
                    throw new InterruptedException(toString());
                }
            }
        } finally {
            if (w.thread != null) {
                removeWaiter(w);
            }
        }
        return this;
    }

    @Override
    public Promise<V> awaitUninterruptibly() {
        boolean interrupted = false;
        while (!isDone()) {
            try {
                await();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return this;
    }

    @Override
    public boolean await(long timeout, TimeUnit unit) throws InterruptedException {
        return await0(unit.toNanos(timeout), true);
    }

    @Override
    public boolean awaitUninterruptibly(long timeout, TimeUnit unit) {
        try {
            return await0(unit.toNanos(timeout), false);
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    private boolean await0(long timeoutNanos, boolean interruptible) throws InterruptedException {
        if (isDone()) {
            return true;
        }
        if (timeoutNanos <= 0) {
            return false;
        }
        if (interruptible && Thread.interrupted()) {
            throw new InterruptedException(toString());
        }
        checkBlocking();
        long deadline = System.nanoTime() + timeoutNanos;
        boolean interrupted = false;
        Waiter w = pushWaiter();
        try {
            while (!isDone()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                LockSupport.parkNanos(this, left);
                if (Thread.interrupted()) {
                    if (interruptible) {
                        throw new InterruptedException(toString());
                    }
                    interrupted = true;
                }
            }
            return true;
        } finally {
            if (w.thread != null) {
                removeWaiter(w);
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public Promise<V> sync() throws InterruptedException {
        await();
        rethrowIfFailed();
        return this;
    }

    @Override
    public Promise<V> syncUninterruptibly() {
        awaitUninterruptibly();
        rethrowIfFailed();
        return this;
    }

    private void rethrowIfFailed() {
        Throwable cause = cause();
        if (cause != null) {
            throwUnchecked(cause);
        }
    }

    /** Throws {@code t} as it is, checked or not (sync's contract: the cause, as thrown). */
    @SuppressWarnings("unchecked")
    static <E extends Throwable> void throwUnchecked(Throwable t) throws E {
        throw (E) t;
    }

    @Override
    public V get() throws InterruptedException, ExecutionException {
        await();
        return getOrThrow();
    }

    @Override
    public V get(long timeout, TimeUnit unit) throws InterruptedException, ExecutionException, TimeoutException {
        if (!await(timeout, unit)) {
            throw new TimeoutException("not done within " + timeout + " " + unit + ": " + this);
        }
        return getOrThrow();
    }

    private V getOrThrow() throws ExecutionException {
        Throwable cause = cause();
        if (cause == null) {
            return getNow();
        }
        if (cause instanceof CancellationException) {
            throw (CancellationException) cause;
        }
        throw new ExecutionException(cause);
    }

    @Override
    public String toString() {
        Object r = result;
        String state;
        if (r == null || r == UNCANCELLABLE) {
            state = r == null ? "incomplete" : "uncancellable";
        } else if (r instanceof Failure) {
            state = "failure: " + ((Failure) r).cause;
        } else {
            state = "success: " + (r == SUCCESS ? null : r);
        }
        return getClass().getSimpleName() + '@' + Integer.toHexString(hashCode()) + '(' + state + ')';
    }
}
