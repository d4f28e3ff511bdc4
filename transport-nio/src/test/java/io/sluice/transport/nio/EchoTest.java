package io.sluice.transport.nio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.buffer.Buffer;
import io.sluice.buffer.BufferAllocator;
import io.sluice.buffer.CompositeBuffer;
import io.sluice.channel.Channel;
import io.sluice.channel.ChannelFuture;
import io.sluice.channel.spi.IoEventLoopGroup;
import java.util.Arrays;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * An echo server and a client that checks every byte that comes back: random payloads from 1 B
 * to 4 MiB, written as heap, direct and composite buffers, over one loop (server, connections and
 * client share it) and over two.
 */
@Timeout(60)
class EchoTest extends NioSocketTestSupport {
    private static final int[] SIZES = {1, 1024, 64 * 1024, 1024 * 1024, 4 * 1024 * 1024};

    /** How the client hands a payload to the channel. */
    enum Kind {
        HEAP {
            @Override
            Buffer wrap(byte[] payload) {
                return BufferAllocator.pooled().heapBuffer(payload.length).writeBytes(payload);
            }
        },
        DIRECT {
            @Override
            Buffer wrap(byte[] payload) {
                return BufferAllocator.pooled().directBuffer(payload.length).writeBytes(payload);
            }
        },
        /** Direct components: sent by one gathering write without a copy. */
        COMPOSITE_DIRECT {
            @Override
            Buffer wrap(byte[] payload) {
                return composite(payload, false);
            }
        },
        /** Heap and direct components alternating: the transport copies it into direct memory. */
        COMPOSITE_MIXED {
            @Override
            Buffer wrap(byte[] payload) {
                return composite(payload, true);
            }
        };

        abstract Buffer wrap(byte[] payload);

        /** Splits {@code payload} into up to five components. */
        private static Buffer composite(byte[] payload, boolean mixed) {
            BufferAllocator alloc = BufferAllocator.pooled();
            CompositeBuffer composite = alloc.compositeBuffer();
            int parts = Math.min(5, payload.length);
            int offset = 0;
            for (int i = 0; i < parts; i++) {
                int end = (int) ((i + 1L) * payload.length / parts); // each part has at least one byte
                int length = end - offset;
                Buffer part = mixed && i % 2 == 0 ? alloc.heapBuffer(length) : alloc.directBuffer(length);
                composite.addComponent(part.writeBytes(payload, offset, length));
                offset = end;
            }
            return composite;
        }
    }

    static Stream<Arguments> kindsAndLoops() {
        Stream.Builder<Arguments> cases = Stream.builder();
        for (int loops : new int[] {1, 2}) {
            for (Kind kind : Kind.values()) {
                cases.add(Arguments.of(kind, loops));
            }
        }
        return cases.build();
    }

    @ParameterizedTest(name = "{0} buffers, {1} event loop(s)")
    @MethodSource("kindsAndLoops")
    void echoesRandomPayloadsByteForByte(Kind kind, int loops) throws Exception {
        IoEventLoopGroup group = newGroup(loops);
        Channel server = startEchoServer(group);
        Recorder client = new Recorder();
        Channel ch = connect(group, server.localAddress(), b -> { }, client);
        Random random = new Random(0x5111CEL * 31 + kind.ordinal() * 7L + loops);

        for (int size : SIZES) {
            byte[] payload = new byte[size];
            random.nextBytes(payload);
            Buffer buf = kind.wrap(payload);
            assertEquals(size, buf.readableBytes(), "test set-up: payload buffer");
            ChannelFuture written = ch.writeAndFlush(buf);
            byte[] echoed = client.awaitBytes(size);
            awaitSuccess(written, "write of " + size + " bytes");
            assertSameBytes(payload, echoed, kind + " payload of " + size + " bytes");
            client.clearBytes();
        }
        assertTrue(client.exceptions.isEmpty(), () -> "client exceptions: " + client.exceptions);
        assertTrue(ch.isActive());
    }

    /** Many payloads written back to back before one flush come back in order. */
    @Test
    void echoesManyWritesFlushedTogetherInOrder() throws Exception {
        IoEventLoopGroup group = newGroup(2);
        Channel server = startEchoServer(group);
        Recorder client = new Recorder();
        Channel ch = connect(group, server.localAddress(), b -> { }, client);
        Random random = new Random(42);
        byte[] all = new byte[3000 * 97];
        random.nextBytes(all);
        ChannelFuture last = null;
        for (int i = 0; i < 3000; i++) {
            last = ch.write(Kind.values()[i % 2].wrap(Arrays.copyOfRange(all, i * 97, (i + 1) * 97)));
        }
        ch.flush();
        assertSameBytes(all, client.awaitBytes(all.length), "3000 writes of 97 bytes");
        awaitSuccess(last, "the last write");
    }

    /**
     * A composite of more components than one gathering write may take (IOV_MAX, 1024 on Linux)
     * must still be sent whole.
     */
    @Test
    void echoesCompositeWithMoreComponentsThanOneGatheringWrite() throws Exception {
        IoEventLoopGroup group = newGroup(1);
        Channel server = startEchoServer(group);
        Recorder client = new Recorder();
        Channel ch = connect(group, server.localAddress(), b -> { }, client);
        int components = 1500;
        int partSize = 16;
        byte[] payload = new byte[components * partSize];
        new Random(7).nextBytes(payload);
        BufferAllocator alloc = BufferAllocator.pooled();
        CompositeBuffer composite = alloc.compositeBuffer(2 * components);
        for (int i = 0; i < components; i++) {
            composite.addComponent(alloc.directBuffer(partSize).writeBytes(payload, i * partSize, partSize));
        }
        assertEquals(components, composite.numComponents(), "test set-up: components must not be merged");
        ChannelFuture written = ch.writeAndFlush(composite);
        awaitSuccess(written, "write of a " + components + "-component composite");
        byte[] echoed;
        try {
            echoed = client.awaitBytes(payload.length, 5);
        } catch (AssertionError e) {
            throw new AssertionError("the write future succeeded, but the bytes did not all arrive: "
                    + e.getMessage(), e);
        }
        assertSameBytes(payload, echoed, components + "-component composite");
    }
}
