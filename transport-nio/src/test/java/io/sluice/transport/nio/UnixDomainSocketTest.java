package io.sluice.transport.nio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.bootstrap.Bootstrap;
import io.sluice.bootstrap.ServerBootstrap;
import io.sluice.channel.Channel;
import io.sluice.channel.ChannelFuture;
import io.sluice.channel.ChannelHandler;
import io.sluice.channel.ChannelInputShutdownEvent;
import io.sluice.channel.ChannelOption;
import io.sluice.channel.spi.IoEventLoopGroup;
import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Unix domain sockets on the NIO transport: the TCP socket cases that apply, and the socket file's life. */
@Timeout(60)
class UnixDomainSocketTest extends NioSocketTestSupport {
    @TempDir
    Path dir;

    private Channel startUnixServer(IoEventLoopGroup group, UnixDomainSocketAddress address,
            Consumer<ServerBootstrap> options, Consumer<Channel> initChild) throws InterruptedException {
        return startServer(group, address, b -> options.accept(b.channel(NioServerSocketChannel::unixDomain)),
                initChild);
    }

    private NioSocketChannel connectUnix(IoEventLoopGroup group, UnixDomainSocketAddress address,
            Consumer<Bootstrap> options, ChannelHandler handler) throws InterruptedException {
        Bootstrap b = Bootstrap.create().group(group).channel(NioSocketChannel::unixDomain).handler(handler);
        options.accept(b);
        ChannelFuture f = b.connect(address);
        closeAfterTest(f.channel());
        return (NioSocketChannel) awaitSuccess(f, "connect to " + address).channel();
    }

    private UnixDomainSocketAddress socketPath(String name) {
        return UnixDomainSocketAddress.of(dir.resolve(name));
    }

    @Test
    void echoesALargeRandomPayloadByteForByte() throws Exception {
        IoEventLoopGroup group = newGroup(2);
        UnixDomainSocketAddress address = socketPath("echo.sock");
        Channel server = startUnixServer(group, address, b -> { }, ch -> ch.pipeline().addLast(new EchoHandler()));
        assertTrue(server.isActive());
        assertEquals(address, server.localAddress());
        Recorder client = new Recorder();
        NioSocketChannel ch = connectUnix(group, address, b -> { }, client);

        byte[] payload = new byte[4 << 20];
        new Random(17).nextBytes(payload);
        awaitSuccess(ch.writeAndFlush(direct(payload)), "write 4 MiB");
        assertSameBytes(payload, client.awaitBytes(payload.length), "echo over a Unix socket");
        assertTrue(client.exceptions.isEmpty(), () -> "exceptions: " + client.exceptions);
    }

    @Test
    void halfCloseReachesTheServerWhichStillReplies() throws Exception {
        IoEventLoopGroup group = newGroup(1);
        UnixDomainSocketAddress address = socketPath("half.sock");
        BlockingQueue<HalfCloseTest.ReplyOnInputShutdown> children = new LinkedBlockingQueue<>();
        startUnixServer(group, address, b -> b.childOption(ChannelOption.ALLOW_HALF_CLOSURE, true), ch -> {
            HalfCloseTest.ReplyOnInputShutdown handler = new HalfCloseTest.ReplyOnInputShutdown();
            ch.pipeline().addLast(handler);
            children.add(handler);
        });
        Recorder client = new Recorder();
        NioSocketChannel ch = connectUnix(group, address, b -> { }, client);
        awaitSuccess(ch.writeAndFlush(ascii("over the socket file")), "write");
        awaitSuccess(ch.shutdownOutput(), "shutdownOutput");

        HalfCloseTest.ReplyOnInputShutdown serverSide = poll(children, "the accepted channel");
        assertSame(ChannelInputShutdownEvent.INSTANCE, poll(serverSide.userEvents, "the server's input shutdown"));
        String reply = "you said: over the socket file";
        assertEquals(reply, ascii(client.awaitBytes(reply.length())));
        await(ch.closeFuture(), "the client closing when the server closes");
    }

    @Test
    void theSocketFileIsRemovedWhenTheServerCloses() throws Exception {
        IoEventLoopGroup group = newGroup(1);
        UnixDomainSocketAddress address = socketPath("removed.sock");
        Channel server = startUnixServer(group, address, b -> { }, ch -> ch.pipeline().addLast(new EchoHandler()));
        assertTrue(Files.exists(address.getPath()), "the bind creates the socket file");
        awaitSuccess(server.close(), "close");
        assertFalse(Files.exists(address.getPath()), "the file is gone after close");

        // so the same path can be bound again at once
        Channel again = startUnixServer(group, address, b -> { }, ch -> ch.pipeline().addLast(new EchoHandler()));
        assertTrue(again.isActive());
    }

    @Test
    void aPathThatExistsIsNotTakenOverNorDeleted() throws Exception {
        IoEventLoopGroup group = newGroup(1);
        Path taken = Files.writeString(dir.resolve("taken.sock"), "someone else's");
        ChannelFuture f = ServerBootstrap.create().group(group).channel(NioServerSocketChannel::unixDomain)
                .childHandler(new EchoHandler()).bind(UnixDomainSocketAddress.of(taken));
        closeAfterTest(f.channel());
        await(f, "the refused bind");
        assertInstanceOf(IOException.class, f.cause());
        await(f.channel().closeFuture(), "the failed channel closing");
        assertEquals("someone else's", Files.readString(taken), "left alone");
    }

    @Test
    void connectingToAMissingSocketFileFailsAndLeaksNoDescriptor() throws Exception {
        IoEventLoopGroup group = newGroup(1);
        int fdsBefore = openFileDescriptors();
        UnixDomainSocketAddress missing = socketPath("missing.sock");
        ChannelFuture f = Bootstrap.create().group(group).channel(NioSocketChannel::unixDomain)
                .handler(new Recorder()).connect(missing);
        closeAfterTest(f.channel());
        await(f, "the failed connect");
        assertInstanceOf(IOException.class, f.cause());
        await(f.channel().closeFuture(), "the channel closing");
        if (fdsBefore >= 0) {
            pollUntil(() -> openFileDescriptors() <= fdsBefore, "file descriptors back to " + fdsBefore);
        }
    }
}
