package io.sluice.transport.nio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.channel.Channel;
import io.sluice.channel.ChannelHandlerContext;
import io.sluice.channel.ChannelInputShutdownEvent;
import io.sluice.channel.ChannelOption;
import io.sluice.channel.spi.IoEventLoopGroup;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Half-close: a peer that shuts its output down is seen as an input-shutdown event on a channel
 * that allows half-closure (which can still write), and as end of connection on one that does not.
 */
@Timeout(60)
class HalfCloseTest extends NioSocketTestSupport {

    /** Records, then answers the input shutdown with a reply naming what it read, and closes. */
    static final class ReplyOnInputShutdown extends Recorder {
        final CompletableFuture<String> stateAtEvent = new CompletableFuture<>();

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
            super.userEventTriggered(ctx, event);
            if (event == ChannelInputShutdownEvent.INSTANCE) {
                NioSocketChannel ch = (NioSocketChannel) ctx.channel();
                stateAtEvent.complete("active=" + ch.isActive() + " inputShutdown=" + ch.isInputShutdown()
                        + " outputShutdown=" + ch.isOutputShutdown());
                ctx.writeAndFlush(ascii("you said: " + ascii(bytes()))).addListener(f -> ctx.close());
            }
        }
    }

    @Test
    void clientShutsOutputDownAndServerStillReplies() throws Exception {
        IoEventLoopGroup group = newGroup(2);
        BlockingQueue<ReplyOnInputShutdown> children = new LinkedBlockingQueue<>();
        Channel server = startServer(group, b -> b.childOption(ChannelOption.ALLOW_HALF_CLOSURE, true), ch -> {
            ReplyOnInputShutdown handler = new ReplyOnInputShutdown();
            ch.pipeline().addLast(handler);
            children.add(handler);
        });
        Recorder client = new Recorder();
        NioSocketChannel ch = connect(group, server.localAddress(), b -> { }, client);

        awaitSuccess(ch.writeAndFlush(ascii("hello, half-closed world")), "write");
        awaitSuccess(ch.shutdownOutput(), "shutdownOutput");
        assertTrue(ch.isOutputShutdown());

        ReplyOnInputShutdown serverSide = poll(children, "the accepted channel");
        assertSame(ChannelInputShutdownEvent.INSTANCE, poll(serverSide.userEvents, "the server's input shutdown event"));
        assertEquals("active=true inputShutdown=true outputShutdown=false",
                await(serverSide.stateAtEvent, "the server's state at the event"));
        String reply = "you said: hello, half-closed world";
        assertEquals(reply, ascii(client.awaitBytes(reply.length())), "reply after the client's half-close");

        // the server closes after replying: the client (no half-closure) reads end of stream and closes
        await(ch.closeFuture(), "the client closing on the server's close");
        await(client.inactive, "client channelInactive");
        await(serverSide.inactive, "server channelInactive");
        assertEquals(1, serverSide.inactiveCount.get());
        assertTrue(serverSide.exceptions.isEmpty(), () -> "server exceptions: " + serverSide.exceptions);
        assertTrue(client.exceptions.isEmpty(), () -> "client exceptions: " + client.exceptions);
    }

    @Test
    void withoutHalfClosureTheServerClosesOnEndOfStream() throws Exception {
        IoEventLoopGroup group = newGroup(2);
        BlockingQueue<Recorder> children = new LinkedBlockingQueue<>();
        BlockingQueue<Channel> childChannels = new LinkedBlockingQueue<>();
        Channel server = startServer(group, b -> { }, ch -> {
            Recorder recorder = new Recorder();
            ch.pipeline().addLast(recorder);
            children.add(recorder);
            childChannels.add(ch);
        });
        Recorder client = new Recorder();
        NioSocketChannel ch = connect(group, server.localAddress(), b -> { }, client);
        Channel child = poll(childChannels, "the accepted channel");
        assertFalse(child.config().isAllowHalfClosure(), "default");

        awaitSuccess(ch.writeAndFlush(ascii("last words")), "write");
        awaitSuccess(ch.shutdownOutput(), "shutdownOutput");

        Recorder serverSide = poll(children, "the accepted channel's recorder");
        await(serverSide.inactive, "server channelInactive on end of stream");
        await(child.closeFuture(), "the server's channel closing");
        assertFalse(child.isOpen());
        assertEquals("last words", ascii(serverSide.bytes()), "bytes read before end of stream");
        assertTrue(serverSide.userEvents.isEmpty(), () -> "no input shutdown event expected: " + serverSide.userEvents);
        assertTrue(serverSide.exceptions.isEmpty(), () -> "server exceptions: " + serverSide.exceptions);
        quiesce(child);
        assertEquals(1, serverSide.inactiveCount.get(), "channelInactive calls");

        // and the client, which still reads, sees the server's close as end of stream
        await(ch.closeFuture(), "the client closing");
        assertTrue(client.userEvents.isEmpty());
    }

    @Test
    void serverShutsOutputDownAndClientStillWrites() throws Exception {
        IoEventLoopGroup group = newGroup(1);
        BlockingQueue<Recorder> children = new LinkedBlockingQueue<>();
        BlockingQueue<Channel> childChannels = new LinkedBlockingQueue<>();
        Channel server = startServer(group, b -> { }, ch -> {
            Recorder recorder = new Recorder() {
                @Override
                public void channelActive(ChannelHandlerContext ctx) {
                    super.channelActive(ctx);
                    ctx.writeAndFlush(ascii("goodbye")).addListener(f -> ctx.channel().shutdownOutput());
                }
            };
            ch.pipeline().addLast(recorder);
            children.add(recorder);
            childChannels.add(ch);
        });
        Recorder client = new Recorder();
        NioSocketChannel ch = connect(group, server.localAddress(),
                b -> b.option(ChannelOption.ALLOW_HALF_CLOSURE, true), client);

        assertSame(ChannelInputShutdownEvent.INSTANCE, poll(client.userEvents, "the client's input shutdown event"));
        assertEquals("goodbye", ascii(client.bytes()), "bytes before the server's half-close");
        assertTrue(ch.isActive(), "half-closed, not closed");
        assertTrue(ch.isInputShutdown());
        assertFalse(ch.isOutputShutdown());
        NioSocketChannel child = (NioSocketChannel) poll(childChannels, "the accepted channel");
        assertTrue(child.isOutputShutdown());

        Recorder serverSide = poll(children, "the accepted channel's recorder");
        awaitSuccess(ch.writeAndFlush(ascii("see you")), "the client's write after its input shut down");
        assertEquals("see you", ascii(serverSide.awaitBytes(7)), "what the server read after its half-close");

        quiesce(ch);
        assertTrue(client.userEvents.isEmpty(), () -> "exactly one input shutdown event, then: " + client.userEvents);
        assertEquals(0, client.inactiveCount.get(), "the client stays open");
        assertTrue(client.exceptions.isEmpty(), () -> "client exceptions: " + client.exceptions);
        assertTrue(serverSide.exceptions.isEmpty(), () -> "server exceptions: " + serverSide.exceptions);

        // the client closes: the server reads end of stream and closes too
        awaitSuccess(ch.close(), "client close");
        await(serverSide.inactive, "server channelInactive");
    }

    @Test
    void shutdownOutputRightAfterAFlushSendsEveryFlushedByteFirst() throws Exception {
        IoEventLoopGroup group = newGroup(1);
        byte[] payload = new byte[8 << 20]; // far more than the socket buffer: the flush is still pending
        new java.util.Random(3).nextBytes(payload);
        BlockingQueue<io.sluice.concurrent.Future<?>> shutdowns = new LinkedBlockingQueue<>();
        Channel server = startServer(group, b -> { }, ch -> ch.pipeline().addLast(new Recorder() {
            @Override
            public void channelActive(ChannelHandlerContext ctx) {
                super.channelActive(ctx);
                ctx.writeAndFlush(direct(payload));
                shutdowns.add(ctx.channel().shutdownOutput()); // not after the write's listener: at once
            }
        }));
        Recorder client = new Recorder();
        NioSocketChannel ch = connect(group, server.localAddress(),
                b -> b.option(ChannelOption.ALLOW_HALF_CLOSURE, true), client);

        assertSame(ChannelInputShutdownEvent.INSTANCE, poll(client.userEvents, "the client's input shutdown event"));
        assertSameBytes(payload, client.bytes(), "every flushed byte arrives before the half-close");
        awaitSuccess(poll(shutdowns, "the server's shutdownOutput future"), "shutdownOutput");
        awaitSuccess(ch.close(), "client close");
    }

    @Test
    void aShutdownStillWaitingForItsBytesFailsWhenTheChannelClosesFirst() throws Exception {
        IoEventLoopGroup group = newGroup(1);
        BlockingQueue<io.sluice.concurrent.Future<?>> shutdowns = new LinkedBlockingQueue<>();
        Channel server = startServer(group, b -> { }, ch -> ch.pipeline().addLast(new Recorder() {
            @Override
            public void channelActive(ChannelHandlerContext ctx) {
                super.channelActive(ctx);
                ctx.writeAndFlush(direct(new byte[32 << 20])); // the client does not read: it stays queued
                shutdowns.add(ctx.channel().shutdownOutput());
                shutdowns.add(ctx.channel().shutdownOutput()); // a second one waits behind the first
                ctx.close();
            }
        }));
        Recorder client = new Recorder();
        NioSocketChannel ch = connect(group, server.localAddress(), b -> b.option(ChannelOption.AUTO_READ, false),
                client);
        for (int i = 0; i < 2; i++) {
            io.sluice.concurrent.Future<?> shutdown = await(poll(shutdowns, "shutdownOutput future " + i),
                    "shutdownOutput " + i);
            assertFalse(shutdown.isSuccess(), "the channel closed before the bytes were sent");
            assertTrue(shutdown.cause() instanceof java.nio.channels.ClosedChannelException,
                    () -> "cause: " + shutdown.cause());
        }
        awaitSuccess(ch.close(), "client close");
    }
}
