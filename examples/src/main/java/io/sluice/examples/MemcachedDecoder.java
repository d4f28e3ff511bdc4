package io.sluice.examples;

import static java.nio.charset.StandardCharsets.US_ASCII;

import io.sluice.buffer.Buffer;
import io.sluice.channel.ChannelHandlerContext;
import io.sluice.codec.ByteToMessageDecoder;
import io.sluice.codec.TooLongFrameException;
import java.util.Arrays;
import java.util.List;

/**
 * Decodes a subset of the memcached text protocol: a command line ending in {@code \r\n} (or
 * {@code \n}), followed for storage commands by a data block of the announced length and its own
 * {@code \r\n}. Emits a {@link MemcachedRequest} per command, or a {@link MemcachedError} for a
 * command it refuses without losing its place in the stream (unknown command, bad arguments, a key
 * over 250 bytes, a value over 1 MiB, a data block not followed by {@code \r\n}, whose line is
 * then dropped): the handler answers those and the connection carries on.
 *
 * <p>Limits are per command: a {@code get}/{@code gets} line may hold up to
 * {@link #MAX_RETRIEVAL_LINE} bytes (about a thousand keys of the maximum length), any other line
 * {@link #MAX_LINE}. A longer line cannot be resynchronised cheaply: the decoder emits
 * {@code CLIENT_ERROR line too long} and throws {@link TooLongFrameException}, and the connection
 * closes after the reply. One instance per connection (it holds the scan position and a pending
 * storage command); runs on the channel's event loop.
 */
public final class MemcachedDecoder extends ByteToMessageDecoder {
    /** Longest key, in bytes (memcached's). */
    public static final int MAX_KEY_BYTES = 250;
    /** Longest command line other than {@code get}/{@code gets}, in bytes, line ending included. */
    public static final int MAX_LINE = 2048;
    /** Longest {@code get}/{@code gets} line, in bytes, line ending included. */
    public static final int MAX_RETRIEVAL_LINE = 256 * 1024;
    /** Largest value, in bytes (memcached's default item size). */
    public static final int MAX_VALUE_BYTES = 1 << 20;

    private static final byte[] NO_DATA = {};
    private static final String BAD_FORMAT = "bad command line format";

    /** Bytes after the reader index already scanned for {@code \n} without finding one. */
    private int scanned;
    /** A storage command whose data block has not fully arrived, or null. */
    private MemcachedRequest pending;
    /** Length of the pending command's data block. */
    private int pendingBytes;
    /** Whether the next line is the tail of a malformed data block, to drop unparsed. */
    private boolean discardLine;
    /** Bytes of a refused data block (and its CRLF) still to skip. */
    private int swallow;

    @Override
    protected void decode(ChannelHandlerContext ctx, Buffer in, List<Object> out) {
        if (swallow > 0) {
            int n = Math.min(swallow, in.readableBytes());
            in.skipBytes(n);
            swallow -= n;
        } else if (pending != null) {
            readDataBlock(in, out);
        } else {
            readLine(in, out);
        }
    }

    private void readLine(Buffer in, List<Object> out) {
        int start = in.readerIndex();
        // resume the search where the last call stopped: a long partial line is scanned once
        int eol = in.indexOf(start + scanned, in.writerIndex(), (byte) '\n');
        int length = eol < 0 ? in.readableBytes() : eol - start + 1;
        int limit = isRetrieval(in) ? MAX_RETRIEVAL_LINE : MAX_LINE;
        if (length > limit) {
            out.add(new MemcachedError("CLIENT_ERROR line too long"));
            throw new TooLongFrameException("MemcachedDecoder: command line length: " + length + " (expected: <= "
                    + limit + (limit == MAX_LINE ? ", or " + MAX_RETRIEVAL_LINE + " for get and gets)" : ")"));
        }
        if (eol < 0) {
            scanned = length;
            return;
        }
        scanned = 0;
        int end = eol > start && in.getByte(eol - 1) == '\r' ? eol - 1 : eol;
        String line = in.toString(start, end - start, US_ASCII);
        in.readerIndex(eol + 1);
        if (discardLine) {
            discardLine = false;
            return;
        }
        parse(line.split(" +"), out);
    }

    /** Whether the buffered line starts with {@code get } or {@code gets } (only asked once past {@link #MAX_LINE}). */
    private static boolean isRetrieval(Buffer in) {
        if (in.readableBytes() <= MAX_LINE) {
            return false;
        }
        String head = in.toString(in.readerIndex(), 5, US_ASCII);
        return head.startsWith("get ") || head.startsWith("gets ");
    }

    private void parse(String[] t, List<Object> out) {
        MemcachedRequest.Command command = switch (t[0]) {
            case "get" -> MemcachedRequest.Command.GET;
            case "gets" -> MemcachedRequest.Command.GETS;
            case "set" -> MemcachedRequest.Command.SET;
            case "add" -> MemcachedRequest.Command.ADD;
            case "replace" -> MemcachedRequest.Command.REPLACE;
            case "delete" -> MemcachedRequest.Command.DELETE;
            case "incr" -> MemcachedRequest.Command.INCR;
            case "decr" -> MemcachedRequest.Command.DECR;
            default -> null;
        };
        if (command == null) {
            out.add(new MemcachedError("ERROR"));
            return;
        }
        try {
            Object decoded = switch (command) {
                case GET, GETS -> retrieval(command, t);
                case SET, ADD, REPLACE -> storage(command, t, out);
                case DELETE -> new MemcachedRequest(command, List.of(key(t, 1, 2, 3)), 0, 0, NO_DATA, noreply(t, 2));
                case INCR, DECR -> arithmetic(command, t);
            };
            if (decoded != null) {
                out.add(decoded);
            }
        } catch (NumberFormatException e) {
            out.add(new MemcachedError("CLIENT_ERROR " + BAD_FORMAT));
        } catch (IllegalArgumentException e) {
            out.add(new MemcachedError("CLIENT_ERROR " + e.getMessage()));
        }
    }

    private static MemcachedRequest retrieval(MemcachedRequest.Command command, String[] t) {
        if (t.length < 2) {
            throw new IllegalArgumentException(BAD_FORMAT);
        }
        for (int i = 1; i < t.length; i++) {
            key(t, i, t.length, t.length);
        }
        return new MemcachedRequest(command, List.of(Arrays.copyOfRange(t, 1, t.length)), 0, 0, NO_DATA, false);
    }

    /** Reads the header of a storage command; its data block comes next (or is skipped if too large). */
    private Object storage(MemcachedRequest.Command command, String[] t, List<Object> out) {
        String key = key(t, 1, 5, 6);
        long flags = Long.parseUnsignedLong(t[2]);
        if (flags > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException(BAD_FORMAT);
        }
        Integer.parseInt(t[3]); // exptime: parsed, not kept (this subset never expires items)
        int bytes = Integer.parseInt(t[4]);
        if (bytes < 0) {
            throw new IllegalArgumentException(BAD_FORMAT);
        }
        if (bytes > MAX_VALUE_BYTES) {
            swallow = bytes + 2;
            return new MemcachedError("SERVER_ERROR object too large for cache");
        }
        pending = new MemcachedRequest(command, List.of(key), (int) flags, 0, NO_DATA, noreply(t, 5));
        pendingBytes = bytes;
        return null;
    }

    private static MemcachedRequest arithmetic(MemcachedRequest.Command command, String[] t) {
        String key = key(t, 1, 3, 4);
        long delta;
        try {
            delta = Long.parseUnsignedLong(t[2]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid numeric delta argument");
        }
        return new MemcachedRequest(command, List.of(key), 0, delta, NO_DATA, noreply(t, 3));
    }

    private void readDataBlock(Buffer in, List<Object> out) {
        if (in.readableBytes() < pendingBytes + 2) {
            return;
        }
        byte[] data = new byte[pendingBytes];
        in.readBytes(data);
        MemcachedRequest header = pending;
        pending = null;
        if (in.getByte(in.readerIndex()) == '\r' && in.getByte(in.readerIndex() + 1) == '\n') {
            in.skipBytes(2);
            out.add(new MemcachedRequest(header.command(), header.keys(), header.flags(), 0, data, header.noreply()));
        } else {  // the block was longer than announced: drop the rest of its line, not parse it as a command
            discardLine = true;
            out.add(new MemcachedError("CLIENT_ERROR bad data chunk"));
        }
    }

    /** Returns {@code t[i]} as a key, checking the token count is {@code min} or {@code max}. */
    private static String key(String[] t, int i, int min, int max) {
        if (t.length != min && t.length != max || t[i].length() > MAX_KEY_BYTES) {
            throw new IllegalArgumentException(BAD_FORMAT);
        }
        return t[i];
    }

    /** Whether token {@code i}, if present, is {@code noreply} (anything else there is a format error). */
    private static boolean noreply(String[] t, int i) {
        if (t.length <= i) {
            return false;
        }
        if (!t[i].equals("noreply")) {
            throw new IllegalArgumentException(BAD_FORMAT);
        }
        return true;
    }
}
