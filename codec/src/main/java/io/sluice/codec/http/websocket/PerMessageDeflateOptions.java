package io.sluice.codec.http.websocket;

/**
 * What an endpoint wants from permessage-deflate (RFC 7692): pass it to
 * {@link WebSocketServerHandshakeHandler.Builder#perMessageDeflate} or
 * {@link WebSocketClientHandshakeHandler.Builder#perMessageDeflate} to offer or accept the
 * extension; without it neither side compresses. An immutable value: start from
 * {@link #defaults()} and change one choice at a time with the {@code with} methods.
 *
 * <p>The two context-takeover choices name the direction they reset, as the RFC's parameters do.
 * A server answers {@code server_no_context_takeover} when {@code serverNoContextTakeover} is set
 * (or the client asked for it), and {@code client_no_context_takeover} when
 * {@code clientNoContextTakeover} is set. A client offers the parameters it has set: with
 * {@code serverNoContextTakeover} the server must reset its compressor after each message or
 * decline; with {@code clientNoContextTakeover} the client resets its own. Without context takeover
 * each message is compressed alone: less memory of the past is needed to read it, at some cost in
 * ratio for small, similar messages.
 *
 * @param compressionLevel the deflate level of outgoing messages, 1 (fast) to 9 (small)
 * @param minMessageBytes the smallest whole message compressed, in bytes; smaller ones go out
 *     uncompressed (fragmented messages are always compressed, their size being unknown at the start)
 * @param serverNoContextTakeover whether the server's compressor starts afresh for each message
 * @param clientNoContextTakeover whether the client's compressor starts afresh for each message
 */
public record PerMessageDeflateOptions(int compressionLevel, int minMessageBytes, boolean serverNoContextTakeover,
        boolean clientNoContextTakeover) {
    /** The level used unless set: zlib's default trade-off. */
    public static final int DEFAULT_COMPRESSION_LEVEL = 6;
    /** The smallest message compressed unless set, in bytes: below it the frame grows more often than it shrinks. */
    public static final int DEFAULT_MIN_MESSAGE_BYTES = 32;

    /**
     * Checks the choices.
     *
     * @throws IllegalArgumentException if the level is not 1 to 9 or the minimum is negative
     */
    public PerMessageDeflateOptions {
        if (compressionLevel < 1 || compressionLevel > 9) {
            throw new IllegalArgumentException("compressionLevel: " + compressionLevel + " (expected: 1 to 9)");
        }
        if (minMessageBytes < 0) {
            throw new IllegalArgumentException("minMessageBytes: " + minMessageBytes + " (expected: >= 0)");
        }
    }

    /** Level 6, messages of {@value #DEFAULT_MIN_MESSAGE_BYTES} bytes and more, context kept both ways. */
    public static PerMessageDeflateOptions defaults() {
        return new PerMessageDeflateOptions(DEFAULT_COMPRESSION_LEVEL, DEFAULT_MIN_MESSAGE_BYTES, false, false);
    }

    /** Returns these options with {@code compressionLevel} (1 to 9). */
    public PerMessageDeflateOptions withCompressionLevel(int compressionLevel) {
        return new PerMessageDeflateOptions(compressionLevel, minMessageBytes, serverNoContextTakeover,
                clientNoContextTakeover);
    }

    /** Returns these options with {@code minMessageBytes} (0 compresses every message). */
    public PerMessageDeflateOptions withMinMessageBytes(int minMessageBytes) {
        return new PerMessageDeflateOptions(compressionLevel, minMessageBytes, serverNoContextTakeover,
                clientNoContextTakeover);
    }

    /** Returns these options with {@code serverNoContextTakeover}. */
    public PerMessageDeflateOptions withServerNoContextTakeover(boolean serverNoContextTakeover) {
        return new PerMessageDeflateOptions(compressionLevel, minMessageBytes, serverNoContextTakeover,
                clientNoContextTakeover);
    }

    /** Returns these options with {@code clientNoContextTakeover}. */
    public PerMessageDeflateOptions withClientNoContextTakeover(boolean clientNoContextTakeover) {
        return new PerMessageDeflateOptions(compressionLevel, minMessageBytes, serverNoContextTakeover,
                clientNoContextTakeover);
    }
}
