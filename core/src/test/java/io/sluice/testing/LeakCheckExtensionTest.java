package io.sluice.testing;

import io.sluice.buffer.Buffer;
import io.sluice.buffer.BufferAllocator;
import io.sluice.buffer.Buffers;
import io.sluice.buffer.LeakDetectionLevel;
import io.sluice.buffer.LeakDetector;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionContext;

/** Drives {@link LeakCheckExtension}'s callbacks directly with a mocked context. */
class LeakCheckExtensionTest {
    private LeakDetectionLevel savedLevel;

    @BeforeEach
    void paranoid() {
        savedLevel = LeakDetector.level();
        LeakDetector.level(LeakDetectionLevel.PARANOID);
    }

    @AfterEach
    void restoreLevel() {
        LeakDetector.level(savedLevel);
    }

    /** A context whose store is a plain map, as JUnit's is. */
    private static ExtensionContext context(String displayName) {
        Map<Object, Object> map = new HashMap<>();
        ExtensionContext.Store store = mock(ExtensionContext.Store.class);
        doAnswer(inv -> map.put(inv.getArgument(0), inv.getArgument(1))).when(store).put(any(), any());
        when(store.remove(any(), any())).thenAnswer(inv -> {
            Class<?> type = inv.getArgument(1);
            return type.cast(map.remove(inv.getArgument(0)));
        });
        ExtensionContext context = mock(ExtensionContext.class);
        when(context.getStore(any())).thenReturn(store);
        when(context.getDisplayName()).thenReturn(displayName);
        return context;
    }

    @Test
    void leakedBufferFailsTheTestWithItsAllocationSiteAndTouches() {
        LeakCheckExtension extension = new LeakCheckExtension(Duration.ofMillis(20));
        ExtensionContext context = context("leaky()");
        long mark = LeakDetector.mark();
        extension.beforeEach(context);
        Buffer leaked = BufferAllocator.unpooled().heapBuffer(16);
        try {
            leaked.touch("my-handler");
            AssertionError error = assertThrows(AssertionError.class, () -> extension.afterEach(context));
            String message = error.getMessage();
            assertTrue(message.startsWith("1 buffer leaked"), message);
            assertTrue(message.contains("leaky()"), "names the test: " + message);
            assertTrue(message.contains("leakedBufferFailsTheTestWithItsAllocationSiteAndTouches"),
                    "the allocation stack names this method: " + message);
            assertTrue(message.contains("my-handler"), "names the touch hint: " + message);
            assertTrue(LeakDetector.unreleasedSince(mark).isEmpty(), "a reported leak is forgotten");
        } finally {
            leaked.release();
        }
    }

    @Test
    void everyLeakIsCounted() {
        LeakCheckExtension extension = new LeakCheckExtension(Duration.ofMillis(20));
        ExtensionContext context = context("two leaks");
        extension.beforeEach(context);
        Buffer first = BufferAllocator.unpooled().directBuffer(8);
        Buffer second = Buffers.copyOf(new byte[] {1, 2, 3});
        try {
            AssertionError error = assertThrows(AssertionError.class, () -> extension.afterEach(context));
            assertTrue(error.getMessage().startsWith("2 buffers leaked"), error.getMessage());
            assertTrue(error.getMessage().indexOf("LEAK:") != error.getMessage().lastIndexOf("LEAK:"),
                    "one report per buffer: " + error.getMessage());
        } finally {
            first.release();
            second.release();
        }
    }

    @Test
    void releasedBuffersPass() {
        LeakCheckExtension extension = new LeakCheckExtension();
        ExtensionContext context = context("clean");
        extension.beforeEach(context);
        Buffer buf = BufferAllocator.pooled().buffer(64);
        buf.retainedSlice().release();
        buf.release();
        assertDoesNotThrow(() -> extension.afterEach(context));
    }

    @Test
    void buffersFromBeforeTheTestAreNotItsLeaks() {
        Buffer older = BufferAllocator.unpooled().heapBuffer(8);
        LeakCheckExtension extension = new LeakCheckExtension(Duration.ofMillis(20));
        ExtensionContext context = context("later");
        extension.beforeEach(context);
        assertDoesNotThrow(() -> extension.afterEach(context));
        older.release();
    }

    @Test
    void afterEachWithoutBeforeEachDoesNothing() {
        assertDoesNotThrow(() -> new LeakCheckExtension().afterEach(context("no mark")));
    }

    @Test
    void releaseOnAnotherThreadWithinTheGracePeriodPasses() throws Exception {
        LeakCheckExtension extension = new LeakCheckExtension(Duration.ofSeconds(2));
        ExtensionContext context = context("async release");
        extension.beforeEach(context);
        Buffer buf = BufferAllocator.unpooled().heapBuffer(8);
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try {
            Future<Boolean> released = executor.submit(() -> go.await(5, TimeUnit.SECONDS) && buf.release());
            go.countDown();
            assertDoesNotThrow(() -> extension.afterEach(context));
            assertTrue(released.get(5, TimeUnit.SECONDS));
        } finally {
            executor.shutdownNow();
            assertTrue(executor.awaitTermination(5, TimeUnit.SECONDS));
            if (buf.refCnt() > 0) {
                buf.release();
            }
        }
    }
}
