package io.sluice.codec.tls;

import io.sluice.buffer.Buffer;
import io.sluice.buffer.Buffers;
import io.sluice.channel.ChannelHandler;
import io.sluice.channel.ChannelHandlerContext;
import io.sluice.channel.embedded.EmbeddedChannel;
import io.sluice.codec.DecoderHarness;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A TLS client and server in two {@link EmbeddedChannel}s, wired by hand: {@link #pump()} moves
 * each side's encrypted output to the other side's input, cut into chunks as {@link Split} says,
 * until neither has anything left to send. Each side ends in a {@link Sink} recording plaintext,
 * user events and exceptions.
 */
final class TlsPair {
    /** How encrypted bytes are cut on their way to the peer. */
    enum Split {
        /** Each outbound buffer as it is. */
        WHOLE,
        /** One byte per read. */
        BYTE_BY_BYTE,
        /** Seeded random chunks of 1-300 bytes. */
        RANDOM,
        /** Everything pending from one side joined into one read. */
        COALESCED
    }

    /** Records what reaches the end of a pipeline; releases buffers after copying them. */
    static final class Sink implements ChannelHandler {
        final ByteArrayOutputStream received = new ByteArrayOutputStream();
        final List<Object> events = new ArrayList<>();
        final List<Throwable> exceptions = new ArrayList<>();
        int reads;

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            Buffer buffer = (Buffer) msg;
            try {
                received.writeBytes(Buffers.toByteArray(buffer));
                reads++;
            } finally {
                buffer.release();
            }
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
            events.add(event);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            exceptions.add(cause);
        }
    }

    final TlsHandler clientTls;
    final TlsHandler serverTls;
    final Sink clientSink = new Sink();
    final Sink serverSink = new Sink();
    final EmbeddedChannel client;
    final EmbeddedChannel server;
    private final Split split;
    private final Random random = new Random(42);

    TlsPair(TlsContext clientContext, TlsContext serverContext, Split split) {
        this(clientContext.newHandler("localhost", 443), serverContext.newHandler(), split);
    }

    TlsPair(TlsHandler clientTls, TlsHandler serverTls, Split split) {
        this.clientTls = clientTls;
        this.serverTls = serverTls;
        this.split = split;
        this.server = new EmbeddedChannel(serverTls, serverSink);
        this.client = new EmbeddedChannel(clientTls, clientSink);
    }

    /** Wires two channels built elsewhere (their handlers and sinks are the caller's). */
    TlsPair(EmbeddedChannel client, EmbeddedChannel server, Split split) {
        this.clientTls = null;
        this.serverTls = null;
        this.split = split;
        this.server = server;
        this.client = client;
    }

    /** Moves bytes both ways until both sides are quiet. @return how many buffers moved */
    int pump() {
        int moved = 0;
        for (int step; (step = transfer(client, server) + transfer(server, client)) > 0; ) {
            moved += step;
        }
        return moved;
    }

    /** Moves what {@code from} has sent to {@code to}. @return how many buffers moved */
    int transfer(EmbeddedChannel from, EmbeddedChannel to) {
        from.runPendingTasks();
        List<Buffer> sent = new ArrayList<>();
        for (Object msg; (msg = from.readOutbound()) != null; ) {
            sent.add((Buffer) msg);
        }
        if (sent.isEmpty()) {
            return 0;
        }
        if (!to.isOpen()) {
            sent.forEach(Buffer::release);
            return sent.size();
        }
        byte[] bytes = drain(sent);
        int[] chunks = switch (split) {
            case WHOLE -> wholeSizes;
            case BYTE_BY_BYTE -> DecoderHarness.byteByByte(bytes.length);
            case RANDOM -> DecoderHarness.randomSplits(bytes.length, random, 300);
            case COALESCED -> DecoderHarness.whole(bytes.length);
        };
        int offset = 0;
        for (int chunk : chunks) {
            if (!to.isOpen()) {
                break;
            }
            to.writeOneInbound(to.alloc().directBuffer(chunk).writeBytes(bytes, offset, chunk));
            offset += chunk;
        }
        if (to.isOpen()) {
            to.pipeline().fireChannelReadComplete();
            to.runPendingTasks();
        }
        return sent.size();
    }

    /** The sizes of the buffers {@link #drain} joined, for {@link Split#WHOLE}. */
    private int[] wholeSizes;

    private byte[] drain(List<Buffer> sent) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        wholeSizes = new int[sent.size()];
        for (int i = 0; i < sent.size(); i++) {
            Buffer buffer = sent.get(i);
            wholeSizes[i] = buffer.readableBytes();
            out.writeBytes(Buffers.toByteArray(buffer));
            buffer.release();
        }
        return out.toByteArray();
    }

    /** Runs the handshake to its end. */
    TlsPair handshake() {
        pump();
        return this;
    }

    /** What a test does with a fresh pair. */
    @FunctionalInterface
    interface Body {
        void accept(TlsPair pair) throws Exception;
    }

    /** Runs {@code body} with a pair speaking only {@code protocol}, then finishes both channels. */
    static void run(String protocol, Split split, Body body) throws Exception {
        TlsPair pair = new TlsPair(TlsTestContexts.client(protocol), TlsTestContexts.server(protocol), split);
        try {
            body.accept(pair);
        } finally {
            pair.finish();
        }
    }

    /** Closes both channels and releases whatever is left in their queues. */
    void finish() {
        client.finishAndReleaseAll();
        server.finishAndReleaseAll();
    }
}
