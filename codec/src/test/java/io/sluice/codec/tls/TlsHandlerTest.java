package io.sluice.codec.tls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.buffer.Buffer;
import io.sluice.buffer.Buffers;
import io.sluice.channel.ChannelFuture;
import io.sluice.codec.DecoderHarness;
import io.sluice.codec.tls.TlsPair.Split;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** A client and a server handler talking through embedded channels, records cut every way. */
@Timeout(60)
class TlsHandlerTest {

    static Stream<Arguments> protocolsAndSplits() {
        List<Arguments> all = new ArrayList<>();
        for (String protocol : new String[] {"TLSv1.3", "TLSv1.2"}) {
            for (Split split : Split.values()) {
                all.add(Arguments.of(protocol, split));
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("protocolsAndSplits")
    void handshakesAndCarriesDataBothWays(String protocol, Split split) throws Exception {
        TlsPair.run(protocol, split, pair -> {
            pair.handshake();
            assertTrue(pair.clientTls.handshakeFuture().isSuccess(), () -> "client: " + pair.clientTls.handshakeFuture().cause());
            assertTrue(pair.serverTls.handshakeFuture().isSuccess(), () -> "server: " + pair.serverTls.handshakeFuture().cause());
            assertEquals(protocol, pair.clientTls.engine().getSession().getProtocol());
            assertTrue(pair.clientSink.events.contains(TlsHandshakeCompletionEvent.SUCCESS));
            assertTrue(pair.serverSink.events.contains(TlsHandshakeCompletionEvent.SUCCESS));

            int size = split == Split.BYTE_BY_BYTE ? 8_000 : 200_000;
            byte[] toServer = DecoderHarness.body(size, 1);
            byte[] toClient = DecoderHarness.body(size / 2, 2);
            pair.client.writeOutbound(Buffers.copyOf(toServer));
            pair.server.writeOutbound(Buffers.copyOf(toClient));
            pair.pump();
            assertArrayEquals(toServer, pair.serverSink.received.toByteArray());
            assertArrayEquals(toClient, pair.clientSink.received.toByteArray());
            assertTrue(pair.clientSink.exceptions.isEmpty(), () -> pair.clientSink.exceptions.toString());
            assertTrue(pair.serverSink.exceptions.isEmpty(), () -> pair.serverSink.exceptions.toString());
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("protocols")
    void smallWritesShareOneRecordAndPromisesCompleteWhenWritten(String protocol) throws Exception {
        TlsPair.run(protocol, Split.WHOLE, pair -> {
            pair.handshake();
            List<ChannelFuture> writes = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                writes.add(pair.client.write(Buffers.copyOf(new byte[] {(byte) i, 1, 2, 3, 4, 5, 6, 7, 8, 9})));
            }
            assertTrue(writes.stream().noneMatch(ChannelFuture::isDone), "nothing is sent before the flush");
            pair.client.flush();
            pair.client.runPendingTasks();
            assertTrue(writes.stream().allMatch(ChannelFuture::isSuccess));
            assertEquals(1, pair.client.outboundMessages().size(), "one buffer for one flush");
            Buffer sent = (Buffer) pair.client.outboundMessages().peek();
            assertEquals(1, records(sent), "1000 bytes of small writes in one record");
            pair.pump();
            assertEquals(1000, pair.serverSink.received.size());
            assertEquals(1, pair.serverSink.reads, "one record decrypted into one read");
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("protocols")
    void largeWritesBecomeFullRecordsFourToABuffer(String protocol) throws Exception {
        TlsPair.run(protocol, Split.COALESCED, pair -> {
            pair.handshake();
            pair.client.writeOutbound(Buffers.copyOf(DecoderHarness.body(100 * 1024, 3)));
            List<Integer> recordsPerBuffer = new ArrayList<>();
            for (Object msg : pair.client.outboundMessages()) {
                recordsPerBuffer.add(records((Buffer) msg));
            }
            assertEquals(List.of(4, 3), recordsPerBuffer, "100 KiB: 7 records of up to 16 KiB, at most 4 a buffer");
            pair.pump();
            assertEquals(100 * 1024, pair.serverSink.received.size());
            assertEquals(1, pair.serverSink.reads, "whole records of one read decrypted into one buffer");
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("protocols")
    void writesBeforeTheHandshakeCompletesAreSentAfterIt(String protocol) throws Exception {
        TlsPair.run(protocol, Split.WHOLE, pair -> {
            ChannelFuture early = pair.client.writeAndFlush(Buffers.copyOf(DecoderHarness.ascii("early")));
            assertFalse(early.isDone());
            pair.pump();
            assertTrue(early.isSuccess());
            assertEquals("early", pair.serverSink.received.toString(java.nio.charset.StandardCharsets.US_ASCII));
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("protocols")
    void closeSendsCloseNotifyAndThePeerAnswersAndCloses(String protocol) throws Exception {
        TlsPair.run(protocol, Split.WHOLE, pair -> {
            pair.handshake();
            ChannelFuture closed = pair.client.close();
            assertFalse(closed.isDone(), "the client waits for the server's close_notify");
            pair.pump();
            assertTrue(pair.serverSink.events.contains(TlsCloseCompletionEvent.INSTANCE));
            assertFalse(pair.server.isOpen(), "the server answered and closed");
            assertTrue(pair.clientSink.events.contains(TlsCloseCompletionEvent.INSTANCE));
            assertTrue(closed.isSuccess());
            assertFalse(pair.client.isOpen());
            assertTrue(pair.clientSink.exceptions.isEmpty() && pair.serverSink.exceptions.isEmpty());
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("protocols")
    void closeWaitsForThePeersCloseNotifyAtMostTheConfiguredTime(String protocol) throws Exception {
        TlsPair.run(protocol, Split.WHOLE, pair -> {
            pair.handshake();
            ChannelFuture closed = pair.client.close();
            pair.client.advanceTimeBy(2_999, java.util.concurrent.TimeUnit.MILLISECONDS);
            assertFalse(closed.isDone());
            pair.client.advanceTimeBy(1, java.util.concurrent.TimeUnit.MILLISECONDS);
            assertTrue(closed.isSuccess());
            assertFalse(pair.client.isOpen());
            Buffer closeNotify = (Buffer) pair.client.readOutbound();
            int alertOrHiddenAlert = protocol.equals("TLSv1.3") ? 23 : 21; // TLS 1.3 sends alerts as encrypted data
            assertEquals(alertOrHiddenAlert, closeNotify.getUnsignedByte(closeNotify.readerIndex()));
            closeNotify.release();
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("protocols")
    void writesAfterCloseFailAndAreReleased(String protocol) throws Exception {
        TlsPair.run(protocol, Split.WHOLE, pair -> {
            pair.handshake();
            ChannelFuture unflushed = pair.client.write(Buffers.copyOf(new byte[10]));
            pair.client.close();
            assertInstanceOf(java.nio.channels.ClosedChannelException.class, unflushed.cause());
            ChannelFuture late = pair.client.write(Buffers.copyOf(new byte[10]));
            pair.client.runPendingTasks();
            assertTrue(late.isDone() && !late.isSuccess());
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("protocols")
    void closeGracefullySendsWhatWasWrittenThenCloseNotify(String protocol) throws Exception {
        TlsPair.run(protocol, Split.RANDOM, pair -> {
            pair.handshake();
            byte[] last = DecoderHarness.body(50_000, 4);
            ChannelFuture write = pair.client.write(Buffers.copyOf(last)); // not flushed: closeGracefully flushes it
            ChannelFuture closed = pair.client.closeGracefully();
            pair.pump();
            assertTrue(write.isSuccess());
            assertArrayEquals(last, pair.serverSink.received.toByteArray());
            assertTrue(pair.serverSink.events.contains(TlsCloseCompletionEvent.INSTANCE));
            assertTrue(closed.isSuccess(), "closed once the server's close_notify came back");
            assertFalse(pair.server.isOpen());
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("protocols")
    void withAutoReadOffAPartialRecordAsksForMore(String protocol) throws Exception {
        TlsPair.run(protocol, Split.WHOLE, pair -> {
            pair.handshake();
            pair.server.config().autoRead(false);
            pair.client.writeOutbound(Buffers.copyOf(new byte[100]));
            Buffer record = pair.client.readOutbound();
            int before = pair.server.readRequests();
            pair.server.writeOneInbound(record.readRetainedSlice(10));
            pair.server.pipeline().fireChannelReadComplete();
            assertEquals(before + 1, pair.server.readRequests(), "nothing for the application yet: read on");
            pair.server.writeOneInbound(record);
            pair.server.pipeline().fireChannelReadComplete();
            assertEquals(before + 1, pair.server.readRequests(), "the application got data: reading is its call");
            assertEquals(100, pair.serverSink.received.size());
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("protocols")
    void emptyWritesCompleteAndMixWithData(String protocol) throws Exception {
        TlsPair.run(protocol, Split.WHOLE, pair -> {
            pair.handshake();
            ChannelFuture empty = pair.client.write(Buffers.copyOf(new byte[0]));
            ChannelFuture data = pair.client.write(Buffers.copyOf(new byte[] {1, 2, 3}));
            ChannelFuture emptyAgain = pair.client.writeAndFlush(Buffers.copyOf(new byte[0]));
            pair.pump();
            assertTrue(empty.isSuccess() && data.isSuccess() && emptyAgain.isSuccess());
            assertArrayEquals(new byte[] {1, 2, 3}, pair.serverSink.received.toByteArray());
        });
    }

    static Stream<String> protocols() {
        return Stream.of("TLSv1.3", "TLSv1.2");
    }

    /** Counts the TLS records in {@code buffer}'s readable bytes. */
    static int records(Buffer buffer) {
        int count = 0;
        for (int at = buffer.readerIndex(); at < buffer.writerIndex(); count++) {
            at += TlsRecords.recordLength(buffer, at);
        }
        return count;
    }
}
