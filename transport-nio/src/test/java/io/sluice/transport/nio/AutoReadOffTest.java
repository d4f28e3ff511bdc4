package io.sluice.transport.nio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.channel.Channel;
import io.sluice.channel.ChannelOption;
import io.sluice.channel.spi.IoEventLoopGroup;
import java.io.ByteArrayOutputStream;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * With AUTO_READ off, an accepted channel reads only when asked: bytes that sit in the kernel are
 * not delivered until {@code read()}, and each {@code read()} delivers one buffer.
 */
@Timeout(60)
class AutoReadOffTest extends NioSocketTestSupport {

    /** A server whose children do not read by themselves; the test gets each child's recorder. */
    private Channel startNonReadingServer(IoEventLoopGroup group, BlockingQueue<Recorder> children)
            throws InterruptedException {
        return startServer(group, b -> b.childOption(ChannelOption.AUTO_READ, false), ch -> {
            Recorder recorder = new Recorder();
            ch.pipeline().addLast(recorder);
            children.add(recorder);
        });
    }

    /** Waits until the kernel holds {@code bytes} unread bytes for {@code ch}, then lets its loop turn. */
    private static void awaitUnreadInKernel(NioSocketChannel ch, int bytes) throws InterruptedException {
        pollUntil(() -> kernelReadableBytes(ch) >= bytes, bytes + " bytes arriving at " + ch);
        quiesce(ch); // the loop has selected since: had it wanted to read, it would have
    }

    @Test
    void messagesArriveOnlyAfterEachReadCall() throws Exception {
        IoEventLoopGroup group = newGroup(2);
        BlockingQueue<Recorder> children = new LinkedBlockingQueue<>();
        Channel server = startNonReadingServer(group, children);
        Channel client = connect(group, server.localAddress(), b -> { }, null);
        Recorder recorder = poll(children, "the accepted channel");
        NioSocketChannel child = (NioSocketChannel) await(recorder.active, "the accepted channel's activation");
        assertFalse(child.config().isAutoRead());

        String[] messages = {"first message", "the second one, a little longer", "third"};
        StringBuilder expected = new StringBuilder();
        for (int i = 0; i < messages.length; i++) {
            awaitSuccess(client.writeAndFlush(ascii(messages[i])), "write of message " + (i + 1));
            awaitUnreadInKernel(child, messages[i].length());
            assertEquals(i, recorder.readCount.get(), "reads before read() number " + (i + 1));
            assertEquals(expected.toString(), ascii(recorder.bytes()), "bytes before read() number " + (i + 1));

            child.read();
            byte[] chunk = poll(recorder.reads, "the read after read() number " + (i + 1));
            assertEquals(messages[i], ascii(chunk), "read number " + (i + 1));
            expected.append(messages[i]);
            quiesce(child);
            assertEquals(i + 1, recorder.readCount.get(), "reads after read() number " + (i + 1));
            assertEquals(i + 1, recorder.readCompleteCount.get(), "read batches after read() number " + (i + 1));
            assertEquals(0, kernelReadableBytes(child), "unread bytes after read() number " + (i + 1));
        }
        assertTrue(recorder.exceptions.isEmpty(), () -> "exceptions: " + recorder.exceptions);
    }

    @Test
    void eachReadCallDeliversOneBufferUntilEverythingIsRead() throws Exception {
        IoEventLoopGroup group = newGroup(1);
        BlockingQueue<Recorder> children = new LinkedBlockingQueue<>();
        Channel server = startNonReadingServer(group, children);
        Channel client = connect(group, server.localAddress(), b -> { }, null);
        Recorder recorder = poll(children, "the accepted channel");
        NioSocketChannel child = (NioSocketChannel) await(recorder.active, "the accepted channel's activation");

        byte[] payload = new byte[20_000]; // several read buffers' worth (2 KiB to start with)
        new Random(3).nextBytes(payload);
        awaitSuccess(client.writeAndFlush(direct(payload)), "write");
        awaitUnreadInKernel(child, payload.length);
        assertEquals(0, recorder.readCount.get(), "reads before any read()");

        ByteArrayOutputStream received = new ByteArrayOutputStream();
        int calls = 0;
        while (received.size() < payload.length) {
            int unreadBefore = kernelReadableBytes(child);
            child.read();
            calls++;
            byte[] chunk = poll(recorder.reads, "the read after read() number " + calls);
            received.write(chunk, 0, chunk.length);
            quiesce(child);
            assertEquals(calls, recorder.readCount.get(), "one buffer per read(): after call " + calls);
            assertTrue(recorder.reads.isEmpty(), "one buffer per read(): after call " + calls);
            assertEquals(unreadBefore - chunk.length, kernelReadableBytes(child),
                    "the rest stays in the kernel after call " + calls);
            assertTrue(calls <= payload.length, "read() keeps delivering nothing");
        }
        assertTrue(calls > 1, "a 20,000-byte payload should take more than one read(), took " + calls);
        assertSameBytes(payload, received.toByteArray(), "bytes read with read() calls");
        assertSameBytes(payload, recorder.bytes(), "bytes recorded");
    }

    @Test
    void turningAutoReadBackOnReadsWhatWaited() throws Exception {
        IoEventLoopGroup group = newGroup(2);
        BlockingQueue<Recorder> children = new LinkedBlockingQueue<>();
        Channel server = startNonReadingServer(group, children);
        Channel client = connect(group, server.localAddress(), b -> { }, null);
        Recorder recorder = poll(children, "the accepted channel");
        NioSocketChannel child = (NioSocketChannel) await(recorder.active, "the accepted channel's activation");

        byte[] payload = new byte[300_000];
        new Random(5).nextBytes(payload);
        client.writeAndFlush(direct(payload));
        pollUntil(() -> kernelReadableBytes(child) > 0, "bytes arriving");
        quiesce(child);
        assertEquals(0, recorder.readCount.get(), "reads while AUTO_READ is off");

        child.config().autoRead(true);
        assertSameBytes(payload, recorder.awaitBytes(payload.length), "bytes read once AUTO_READ is on");
    }
}
