package io.sluice.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.sluice.buffer.Buffer;
import io.sluice.buffer.BufferAllocator;
import io.sluice.buffer.Buffers;
import java.io.DataInputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Starts the rot13 example on a free loopback port and talks to it with a plain socket. */
@Timeout(30)
class Rot13ServerTest {
    /** The expected mapping, written out rather than computed the way the server computes it. */
    private static final String PLAIN = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final String ROTATED = "NOPQRSTUVWXYZABCDEFGHIJKLMnopqrstuvwxyzabcdefghijklm";

    private static byte[] expectedRot13(byte[] input) {
        byte[] output = input.clone();
        for (int i = 0; i < output.length; i++) {
            int at = PLAIN.indexOf(output[i]);
            if (at >= 0) {
                output[i] = (byte) ROTATED.charAt(at);
            }
        }
        return output;
    }

    private static ExampleServer start(int workerThreads) throws InterruptedException {
        return Rot13Server.start(ExampleOptions.parse(
                new String[] {"--port", "0", "--worker-threads", String.valueOf(workerThreads)}, 0));
    }

    /** Sends {@code sent} (from another thread, so a large payload cannot deadlock) and reads as many bytes back. */
    private static byte[] exchange(Socket socket, byte[] sent) throws Exception {
        OutputStream out = socket.getOutputStream();
        Thread writer = new Thread(() -> {
            try {
                out.write(sent);
                out.flush();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        writer.start();
        byte[] received = new byte[sent.length];
        new DataInputStream(socket.getInputStream()).readFully(received);
        writer.join();
        return received;
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 2})
    void encodesAndDecodesText(int workerThreads) throws Exception {
        ExampleServer server = start(workerThreads);
        try (Socket socket = new Socket("127.0.0.1", server.address().getPort())) {
            socket.setSoTimeout(10_000);
            String plain = "Hello, World! The quick brown fox jumps over the lazy dog. 0123456789 @[`{\n";
            String encoded = "Uryyb, Jbeyq! Gur dhvpx oebja sbk whzcf bire gur ynml qbt. 0123456789 @[`{\n";
            byte[] answer = exchange(socket, plain.getBytes(StandardCharsets.US_ASCII));
            assertEquals(encoded, new String(answer, StandardCharsets.US_ASCII));
            byte[] back = exchange(socket, answer); // the other way: rot13 is its own inverse
            assertEquals(plain, new String(back, StandardCharsets.US_ASCII));
        } finally {
            server.stop();
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 2})
    void encodesAMultiKilobytePayloadOfEveryByteValue(int workerThreads) throws Exception {
        ExampleServer server = start(workerThreads);
        try (Socket socket = new Socket("127.0.0.1", server.address().getPort())) {
            socket.setSoTimeout(10_000);
            byte[] sent = new byte[200 * 1024];
            new Random(13).nextBytes(sent);
            assertArrayEquals(expectedRot13(sent), exchange(socket, sent));
        } finally {
            server.stop();
        }
    }

    @Test
    void rewritesASolelyOwnedBufferInPlace() {
        Buffer in = BufferAllocator.unpooled().buffer(16).writeBytes("Sluice!".getBytes(StandardCharsets.US_ASCII));
        Buffer out = Rot13Server.rot13(in, BufferAllocator.unpooled());
        try {
            assertSame(in, out);
            assertEquals("Fyhvpr!", out.toString(StandardCharsets.US_ASCII));
        } finally {
            out.release();
        }
    }

    @Test
    void copiesAReadOnlyBufferAndReleasesIt() {
        Buffer source = Buffers.copyOf("Sluice!", StandardCharsets.US_ASCII);
        Buffer readOnly = source.asReadOnly(); // shares the source's count: one release frees both
        Buffer out = Rot13Server.rot13(readOnly, BufferAllocator.unpooled());
        try {
            assertNotSame(readOnly, out);
            assertEquals("Fyhvpr!", out.toString(StandardCharsets.US_ASCII));
            assertEquals(0, source.refCnt(), "rot13 released the reference it took over");
        } finally {
            out.release();
        }
    }

    @Test
    void leavesSharedMemoryAlone() {
        Buffer shared = Buffers.copyOf("Sluice!", StandardCharsets.US_ASCII);
        Buffer out = Rot13Server.rot13(shared.retainedSlice(), BufferAllocator.unpooled());
        try {
            assertEquals("Fyhvpr!", out.toString(StandardCharsets.US_ASCII));
            assertEquals("Sluice!", shared.toString(StandardCharsets.US_ASCII), "the other holder's bytes are unchanged");
            assertEquals(1, shared.refCnt());
        } finally {
            out.release();
            shared.release();
        }
    }
}
