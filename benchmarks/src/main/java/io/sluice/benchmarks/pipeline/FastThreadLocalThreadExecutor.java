package io.sluice.benchmarks.pipeline;

import io.netty.util.concurrent.FastThreadLocalThread;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A JMH executor ({@code -Djmh.executor=CUSTOM -Djmh.executor.class=<this class>}) whose worker
 * threads are Netty {@link FastThreadLocalThread}s, the kind of thread Netty's event loops run on.
 *
 * <p>Netty 4.2's {@code Recycler} pools objects only on such threads (or inside
 * {@code FastThreadLocalThread.runWithFastThreadLocal}); on a plain JMH worker every write allocates
 * a fresh {@code ChannelOutboundBuffer.Entry}, which is not what Netty costs on its own event loop.
 * Sluice does not depend on the thread type on these paths.
 */
public final class FastThreadLocalThreadExecutor extends ThreadPoolExecutor {
    static final String PROPERTY_VALUE = FastThreadLocalThreadExecutor.class.getName();

    /** The constructor JMH calls: the number of worker threads and their name prefix. */
    public FastThreadLocalThreadExecutor(int maxThreads, String prefix) {
        super(maxThreads, maxThreads, 0L, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), new Factory(prefix));
    }

    /** Whether this run's JMH workers are created by this executor. */
    static boolean inUse() {
        return "CUSTOM".equals(System.getProperty("jmh.executor"))
                && PROPERTY_VALUE.equals(System.getProperty("jmh.executor.class"));
    }

    private static final class Factory implements java.util.concurrent.ThreadFactory {
        private final String prefix;
        private final AtomicInteger counter = new AtomicInteger();

        Factory(String prefix) {
            this.prefix = prefix;
        }

        @Override
        public Thread newThread(Runnable r) {
            Thread t = new FastThreadLocalThread(r, prefix + "-jmh-ftl-worker-" + counter.incrementAndGet());
            t.setDaemon(true);
            return t;
        }
    }
}
