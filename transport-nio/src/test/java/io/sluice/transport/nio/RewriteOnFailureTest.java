package io.sluice.transport.nio;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.channel.Channel;
import io.sluice.channel.ChannelFuture;
import io.sluice.channel.spi.IoEventLoopGroup;
import java.nio.channels.ClosedChannelException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * A listener that answers a failed write by writing again, on a closed channel where each write
 * fails at once, is notified inline only up to a small depth and then through the loop's queue:
 * 20,000 rounds of it (far deeper than the stack holds) end normally instead of in a
 * {@code StackOverflowError}.
 */
class RewriteOnFailureTest extends NioSocketTestSupport {
    private static final int ROUNDS = 20_000;

    @Test
    void writingAgainFromTheListenerOfAFailedWriteDoesNotOverflowTheStack() throws Exception {
        IoEventLoopGroup group = newGroup(1);
        Channel server = startEchoServer(group);
        NioSocketChannel client = connect(group, server.localAddress(), b -> { }, null);
        awaitSuccess(client.close(), "close");
        AtomicInteger failures = new AtomicInteger();
        AtomicReference<Throwable> lastCause = new AtomicReference<>();
        CountDownLatch done = new CountDownLatch(1);
        client.eventLoop().execute(() -> writeAgainOnFailure(client, failures, lastCause, done));
        await(done, ROUNDS + " rounds of failed writes (a StackOverflowError in a listener breaks the chain)");
        assertInstanceOf(ClosedChannelException.class, lastCause.get());
        assertTrue(failures.get() >= ROUNDS);
    }

    private static void writeAgainOnFailure(Channel ch, AtomicInteger failures, AtomicReference<Throwable> lastCause,
            CountDownLatch done) {
        ChannelFuture write = ch.writeAndFlush(ch.alloc().directBuffer(1).writeByte(1));
        write.addListener(f -> {
            lastCause.set(f.cause());
            if (failures.incrementAndGet() >= ROUNDS) {
                done.countDown();
            } else {
                writeAgainOnFailure(ch, failures, lastCause, done);
            }
        });
    }
}
