package io.sluice.transport.nio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.channel.Channel;
import io.sluice.channel.ChannelFuture;
import io.sluice.channel.spi.IoEventLoopGroup;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** 200 client connections open at once, each echoing its own message through one server. */
@Timeout(60)
class ManyConnectionsTest extends NioSocketTestSupport {
    private static final int CONNECTIONS = 200;

    @Test
    void everyConcurrentConnectionGetsItsOwnMessageBack() throws Exception {
        IoEventLoopGroup serverGroup = newGroup(2);
        IoEventLoopGroup clientGroup = newGroup(2);
        Set<Channel> serverChildren = ConcurrentHashMap.newKeySet();
        Channel server = startServer(serverGroup, b -> { }, ch -> {
            serverChildren.add(ch);
            ch.pipeline().addLast(new EchoHandler());
        });

        List<ChannelFuture> connects = new ArrayList<>();
        List<Recorder> recorders = new ArrayList<>();
        for (int i = 0; i < CONNECTIONS; i++) {
            Recorder recorder = new Recorder();
            recorders.add(recorder);
            connects.add(connectAsync(clientGroup, server.localAddress(), b -> { }, recorder));
        }
        for (ChannelFuture f : connects) {
            awaitSuccess(f, "connect of " + f.channel());
        }
        // every connection is open at the same time: now each sends its message
        List<String> messages = new ArrayList<>();
        List<ChannelFuture> writes = new ArrayList<>();
        for (int i = 0; i < CONNECTIONS; i++) {
            String message = "connection " + i + " says " + Integer.toHexString(i * 0x9E3779B1) + ";";
            messages.add(message);
            writes.add(connects.get(i).channel().writeAndFlush(ascii(message)));
        }
        for (int i = 0; i < CONNECTIONS; i++) {
            String expected = messages.get(i);
            byte[] echoed = recorders.get(i).awaitBytes(expected.length());
            assertEquals(expected, ascii(echoed), "echo on connection " + i);
            awaitSuccess(writes.get(i), "write on connection " + i);
        }
        assertEquals(CONNECTIONS, serverChildren.size(), "accepted connections");

        Set<Object> localPorts = new HashSet<>();
        for (ChannelFuture f : connects) {
            assertTrue(f.channel().isActive(), () -> f.channel() + " still connected");
            localPorts.add(f.channel().localAddress());
        }
        assertEquals(CONNECTIONS, localPorts.size(), "distinct client endpoints");
        for (Recorder r : recorders) {
            assertTrue(r.exceptions.isEmpty(), () -> "client exceptions: " + r.exceptions);
        }

        // closing the clients closes every server side too
        for (ChannelFuture f : connects) {
            f.channel().close();
        }
        for (Channel child : serverChildren) {
            await(child.closeFuture(), "close of server side " + child);
        }
    }
}
