package io.sluice.examples;

import static java.nio.charset.StandardCharsets.US_ASCII;

import io.sluice.buffer.Buffer;
import io.sluice.channel.ChannelHandler;
import io.sluice.channel.ChannelHandlerContext;
import io.sluice.codec.DecoderException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An in-memory server for a subset of the memcached text protocol ({@link MemcachedDecoder}):
 * {@code get}/{@code gets} of many keys, {@code set}/{@code add}/{@code replace} with a data block,
 * {@code delete}, {@code incr}/{@code decr}, {@code noreply}. Items never expire and are never
 * evicted (the {@code exptime} argument is parsed and ignored), so it is a demo, not a cache.
 * Recoverable errors are answered on the connection, which stays open; a command line over its
 * limit gets {@code CLIENT_ERROR line too long} and the connection closes.
 */
public final class MemcachedServer {

    /** A stored value. */
    record Item(int flags, byte[] data, long cas) {}

    /** Answers commands from one shared map; replies are flushed once per read batch. */
    @ChannelHandler.Sharable
    static final class Handler implements ChannelHandler {
        private final Map<String, Item> store = new ConcurrentHashMap<>();
        private final AtomicLong casCounter = new AtomicLong();

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            Buffer out = ctx.alloc().buffer(64);
            if (msg instanceof MemcachedError error) {
                text(out, error.reply()).writeByte('\r').writeByte('\n');
            } else {
                answer((MemcachedRequest) msg, out);
            }
            if (out.isReadable()) {
                ctx.write(out);
            } else {
                out.release();
            }
        }

        private void answer(MemcachedRequest request, Buffer out) {
            String reply = switch (request.command()) {
                case GET, GETS -> values(request, out);
                case SET -> {
                    store.put(request.key(), item(request.flags(), request.data()));
                    yield "STORED";
                }
                case ADD -> store.putIfAbsent(request.key(), item(request.flags(), request.data())) == null
                        ? "STORED" : "NOT_STORED";
                case REPLACE -> store.computeIfPresent(request.key(), (k, old) -> item(request.flags(), request.data()))
                        != null ? "STORED" : "NOT_STORED";
                case DELETE -> store.remove(request.key()) != null ? "DELETED" : "NOT_FOUND";
                case INCR, DECR -> arithmetic(request);
            };
            if (!request.noreply()) {
                text(out, reply).writeByte('\r').writeByte('\n');
            }
        }

        private Item item(int flags, byte[] data) {
            return new Item(flags, data, casCounter.incrementAndGet());
        }

        /** Writes a VALUE block per key found and returns the closing END. */
        private String values(MemcachedRequest request, Buffer out) {
            boolean withCas = request.command() == MemcachedRequest.Command.GETS;
            for (String key : request.keys()) {
                Item item = store.get(key);
                if (item != null) {
                    text(out, "VALUE " + key + " " + Integer.toUnsignedString(item.flags()) + " " + item.data().length
                            + (withCas ? " " + item.cas() : "") + "\r\n");
                    out.writeBytes(item.data()).writeByte('\r').writeByte('\n');
                }
            }
            return "END";
        }

        /** Applies incr/decr; returns the new value or the error to send. */
        private String arithmetic(MemcachedRequest request) {
            String[] reply = {"NOT_FOUND"};
            store.computeIfPresent(request.key(), (key, old) -> {
                long value;
                try {
                    value = Long.parseUnsignedLong(new String(old.data(), US_ASCII).trim());
                } catch (NumberFormatException e) {
                    reply[0] = "CLIENT_ERROR cannot increment or decrement non-numeric value";
                    return old;
                }
                long next = request.command() == MemcachedRequest.Command.INCR ? value + request.delta()
                        : Long.compareUnsigned(value, request.delta()) <= 0 ? 0 : value - request.delta();
                reply[0] = Long.toUnsignedString(next);
                return item(old.flags(), reply[0].getBytes(US_ASCII));
            });
            return reply[0];
        }

        private static Buffer text(Buffer out, String s) {
            out.writeCharSequence(s, US_ASCII);
            return out;
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            ctx.flush();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            // a decoder error closes the connection by itself once the error reply is out
            System.out.println((cause instanceof DecoderException ? "closing " : "error on ")
                    + ctx.channel().remoteAddress() + ": " + cause.getMessage());
            if (!(cause instanceof DecoderException)) {
                ctx.close();
            }
        }
    }

    private MemcachedServer() {}

    /** Starts the server as the options say (port 11211 by default) and returns once it listens. */
    public static ExampleServer start(ExampleOptions options) throws InterruptedException {
        Handler handler = new Handler();
        return RunningServer.start(options, 11211, (pipeline, workers) -> pipeline
                .addLast("codec", new MemcachedDecoder())   // new per connection: it holds partial input
                .addLast(workers, "memcached", handler));
    }
}
