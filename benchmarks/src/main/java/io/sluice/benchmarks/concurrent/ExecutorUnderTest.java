package io.sluice.benchmarks.concurrent;

import io.sluice.channel.spi.IoEventLoop;
import io.sluice.concurrent.DefaultEventExecutor;
import io.sluice.concurrent.EventExecutor;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One single-thread executor of the comparison, behind a common face: execute a task, know its
 * thread, shut down. The {@code kind} names are the benchmarks' {@code executor} parameter values.
 */
abstract class ExecutorUnderTest {
    static final String SLUICE = "sluice";
    static final String SLUICE_IO_LOOP = "sluiceIoLoop";
    static final String NETTY_DEFAULT_EVENT_LOOP = "nettyDefaultEventLoop";
    static final String NETTY_SINGLE_THREAD_EVENT_EXECUTOR = "nettySingleThreadEventExecutor";
    static final String JDK_THREAD_POOL = "jdkThreadPool";

    private Thread thread;
    /** /proc status file of the executor's thread (Linux only), or null. */
    private Path procStatus;
    private long switchesAtStart = -1;

    /** Hands {@code task} over to the executor's thread. */
    abstract void execute(Runnable task);

    /** Shuts the executor down and waits (bounded) for its thread to end. */
    abstract void shutdown() throws InterruptedException;

    /**
     * Called at tear-down; prints diagnostics: voluntary context switches of the executor's thread
     * (each one is a park/wait that ended in a wake-up), per operation since set-up.
     */
    void report(long operations, String op) {
        long now = voluntarySwitches();
        if (switchesAtStart >= 0 && now >= 0 && operations > 0) {
            System.out.printf("%n[%s] consumer voluntary context switches/%s: %.4f (%d %ss)%n",
                    getClass().getSimpleName(), op, (double) (now - switchesAtStart) / operations, operations, op);
        }
    }

    private long voluntarySwitches() {
        if (procStatus == null) {
            return -1;
        }
        try {
            for (String line : Files.readAllLines(procStatus)) {
                if (line.startsWith("voluntary_ctxt_switches:")) {
                    return Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
                }
            }
        } catch (IOException | RuntimeException e) {
            // diagnostics only
        }
        return -1;
    }

    /** Finds the thread's /proc entry by its native name (the JVM sets it, cut to 15 chars). */
    private static Path findProcStatus(Thread t) {
        String name = t.getName().length() > 15 ? t.getName().substring(0, 15) : t.getName();
        Path found = null;
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Paths.get("/proc/self/task"))) {
            for (Path task : tasks) {
                if (name.equals(Files.readString(task.resolve("comm")).trim())) {
                    if (found != null) {
                        return null; // ambiguous
                    }
                    found = task.resolve("status");
                }
            }
        } catch (IOException | RuntimeException e) {
            return null;
        }
        return found;
    }

    /** Returns the executor's thread, known once {@link #verify()} ran. */
    final Thread thread() {
        return thread;
    }

    /**
     * Runs a task on the executor and waits (bounded) for it, so that a benchmark never measures
     * an executor that drops tasks; also learns the executor's thread.
     */
    final void verify() throws InterruptedException {
        CountDownLatch ran = new CountDownLatch(1);
        AtomicReference<Thread> runner = new AtomicReference<>();
        execute(() -> {
            runner.set(Thread.currentThread());
            ran.countDown();
        });
        if (!ran.await(5, TimeUnit.SECONDS)) {
            throw new IllegalStateException(this + " did not run a task within 5 s");
        }
        Thread t = runner.get();
        if (t == Thread.currentThread()) {
            throw new IllegalStateException(this + " ran the task on the submitting thread");
        }
        thread = t;
        procStatus = findProcStatus(t);
        switchesAtStart = voluntarySwitches();
    }

    private static ThreadFactory named(String name) {
        return r -> new Thread(r, name);
    }

    static ExecutorUnderTest create(String kind) throws InterruptedException {
        ExecutorUnderTest e;
        switch (kind) {
            case SLUICE:
                e = new Sluice(DefaultEventExecutor.create("bench"), null);
                break;
            case SLUICE_IO_LOOP:
                ParkingIoHandler handler = new ParkingIoHandler();
                e = new Sluice(IoEventLoop.create("bench-io", handler), handler);
                break;
            case NETTY_DEFAULT_EVENT_LOOP:
                e = new Netty(new io.netty.channel.DefaultEventLoop(named("bench-netty-el")));
                break;
            case NETTY_SINGLE_THREAD_EVENT_EXECUTOR:
                e = new Netty(new io.netty.util.concurrent.DefaultEventExecutor(named("bench-netty-ex")));
                break;
            case JDK_THREAD_POOL:
                e = new Jdk(new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(),
                        named("bench-jdk")));
                break;
            default:
                throw new IllegalArgumentException("unknown executor: " + kind);
        }
        e.verify();
        return e;
    }

    private static final class Sluice extends ExecutorUnderTest {
        private final EventExecutor executor;
        private final ParkingIoHandler handler;

        Sluice(EventExecutor executor, ParkingIoHandler handler) {
            this.executor = executor;
            this.handler = handler;
        }

        @Override
        void execute(Runnable task) {
            executor.execute(task);
        }

        @Override
        void shutdown() {
            if (!executor.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS)) {
                throw new IllegalStateException(executor + " did not terminate");
            }
        }

        @Override
        void report(long operations, String op) {
            super.report(operations, op);
            if (handler != null && operations > 0) {
                System.out.printf("[sluiceIoLoop] IoHandler.wakeUp calls/%s: %.4f, blocking waits/%s: %.4f%n",
                        op, (double) handler.wakeUps.get() / operations, op,
                        (double) handler.blockingWaits / operations);
            }
        }

        @Override
        public String toString() {
            return executor.toString();
        }
    }

    private static final class Netty extends ExecutorUnderTest {
        private final io.netty.util.concurrent.EventExecutor executor;

        Netty(io.netty.util.concurrent.EventExecutor executor) {
            this.executor = executor;
        }

        @Override
        void execute(Runnable task) {
            executor.execute(task);
        }

        @Override
        void shutdown() {
            if (!executor.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS)) {
                throw new IllegalStateException(executor + " did not terminate");
            }
        }

        @Override
        public String toString() {
            return executor.getClass().getName();
        }
    }

    private static final class Jdk extends ExecutorUnderTest {
        private final ThreadPoolExecutor executor;

        Jdk(ThreadPoolExecutor executor) {
            this.executor = executor;
            executor.prestartCoreThread();
        }

        @Override
        void execute(Runnable task) {
            executor.execute(task);
        }

        @Override
        void shutdown() throws InterruptedException {
            executor.shutdownNow();
            if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
                throw new IllegalStateException(executor + " did not terminate");
            }
        }

        @Override
        public String toString() {
            return "ThreadPoolExecutor(1)";
        }
    }
}
