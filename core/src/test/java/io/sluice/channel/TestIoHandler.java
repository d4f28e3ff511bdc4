package io.sluice.channel;

import io.sluice.channel.spi.IoHandler;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * An {@link IoHandler} for tests: it waits by parking (bounded by the timeout), {@link #wakeUp()}
 * makes a concurrent or the next wait return (like a selector's wake-up), and it counts and logs
 * every call. "I/O readiness" is simulated with {@link #fireIo(String)}: a pending event ends the
 * wait and {@link #processReady()} logs it as {@code io:<name>} and runs its optional action.
 */
public final class TestIoHandler implements IoHandler {
    /** Everything the loop did, in order: "wait", "ready", "io:x", plus what tests add. */
    public final Queue<String> log = new ConcurrentLinkedQueue<>();
    public final AtomicInteger waitCalls = new AtomicInteger();
    public final AtomicInteger processReadyCalls = new AtomicInteger();
    public final AtomicInteger wakeUpCalls = new AtomicInteger();
    public final AtomicInteger prepareToShutdownCalls = new AtomicInteger();
    public final AtomicInteger destroyCalls = new AtomicInteger();
    public volatile Thread prepareToShutdownThread;
    public volatile Thread destroyThread;
    /** Whether to log "wait" and "ready" (off for floods, where only counts matter). */
    public volatile boolean logTurns = true;

    private final AtomicBoolean woken = new AtomicBoolean();
    private final Queue<Object[]> readyIo = new ConcurrentLinkedQueue<>();
    private volatile Thread thread;

    /** Creates a handler with nothing logged yet. */
    public TestIoHandler() {}

    /** Simulates I/O becoming ready; the loop logs {@code io:name} in its next processReady. */
    public void fireIo(String name) {
        fireIo(name, null);
    }

    /** Like {@link #fireIo(String)}, and runs {@code action} on the loop while processing it. */
    public void fireIo(String name, Runnable action) {
        readyIo.add(new Object[] {name, action});
        wakeUp0();
    }

    /** Returns a snapshot of the log. */
    public List<String> logSnapshot() {
        return new ArrayList<>(log);
    }

    @Override
    public void waitForIo(long timeoutNanos) {
        thread = Thread.currentThread();
        waitCalls.incrementAndGet();
        if (logTurns) {
            log.add("wait");
        }
        if (timeoutNanos <= 0) {
            return;
        }
        boolean forever = timeoutNanos >= Long.MAX_VALUE / 2;
        long deadline = forever ? 0 : System.nanoTime() + timeoutNanos;
        while (!woken.getAndSet(false) && readyIo.isEmpty()) {
            long left = forever ? Long.MAX_VALUE : deadline - System.nanoTime();
            if (left <= 0) {
                return;
            }
            LockSupport.parkNanos(this, left);
        }
    }

    @Override
    public void wakeUp() {
        wakeUpCalls.incrementAndGet();
        wakeUp0();
    }

    private void wakeUp0() {
        woken.set(true);
        Thread t = thread;
        if (t != null) {
            LockSupport.unpark(t);
        }
    }

    @Override
    public void processReady() {
        processReadyCalls.incrementAndGet();
        if (logTurns) {
            log.add("ready");
        }
        for (Object[] event; (event = readyIo.poll()) != null; ) {
            log.add("io:" + event[0]);
            if (event[1] != null) {
                ((Runnable) event[1]).run();
            }
        }
    }

    @Override
    public void prepareToShutdown() {
        prepareToShutdownCalls.incrementAndGet();
        prepareToShutdownThread = Thread.currentThread();
        log.add("prepareToShutdown");
    }

    @Override
    public void destroy() {
        destroyCalls.incrementAndGet();
        destroyThread = Thread.currentThread();
        log.add("destroy");
    }
}
