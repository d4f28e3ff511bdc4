package io.sluice.codec.tls;

import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The default executor for the slow parts of a handshake the engine hands out as delegated tasks
 * (key exchange, certificate checks): one shared pool of daemon threads, one per processor, that
 * go away after a minute without work. The event loop never runs those tasks itself.
 */
final class DelegatedTasks {
    private static final AtomicInteger THREADS = new AtomicInteger();

    private DelegatedTasks() {}

    /** Returns the shared pool (created on first use). */
    static Executor defaultExecutor() {
        return Holder.POOL;
    }

    private static final class Holder {
        static final Executor POOL = create();

        private static Executor create() {
            int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
            ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS,
                    new LinkedBlockingQueue<>(), task -> {
                        Thread thread = new Thread(task, "sluice-tls-task-" + THREADS.incrementAndGet());
                        thread.setDaemon(true);
                        return thread;
                    });
            pool.allowCoreThreadTimeOut(true);
            return pool;
        }
    }
}
