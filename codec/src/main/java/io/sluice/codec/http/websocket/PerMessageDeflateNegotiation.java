package io.sluice.codec.http.websocket;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The permessage-deflate parameters of the opening handshake (RFC 7692, section 7.1), for both
 * sides. JDK {@link java.util.zip.Deflater}s always use a 32 KiB window (15 bits), while an
 * {@link java.util.zip.Inflater} reads any window up to that: so this endpoint can limit the peer's
 * window freely but cannot limit its own below 15 bits. A server therefore declines an offer with
 * {@code server_max_window_bits} below 15, never limits the client ({@code client_max_window_bits}
 * in an offer is accepted and left out of the answer), and a client never offers
 * {@code client_max_window_bits}.
 */
final class PerMessageDeflateNegotiation {
    static final String NAME = "permessage-deflate";
    static final String SERVER_NO_CONTEXT_TAKEOVER = "server_no_context_takeover";
    static final String CLIENT_NO_CONTEXT_TAKEOVER = "client_no_context_takeover";
    static final String SERVER_MAX_WINDOW_BITS = "server_max_window_bits";
    static final String CLIENT_MAX_WINDOW_BITS = "client_max_window_bits";
    /** The only window a JDK deflater compresses with. */
    private static final int JDK_WINDOW_BITS = 15;

    private PerMessageDeflateNegotiation() {}

    /**
     * What both sides agreed.
     *
     * @param serverNoContextTakeover the server resets its compressor (and the client its
     *     decompressor) after each message
     * @param clientNoContextTakeover the client resets its compressor (and the server its
     *     decompressor) after each message
     */
    record Agreement(boolean serverNoContextTakeover, boolean clientNoContextTakeover) {
        /** The answer's {@code Sec-WebSocket-Extensions} value, or a client's offer of the same. */
        String header() {
            return NAME + (serverNoContextTakeover ? "; " + SERVER_NO_CONTEXT_TAKEOVER : "")
                    + (clientNoContextTakeover ? "; " + CLIENT_NO_CONTEXT_TAKEOVER : "");
        }

        /** The compressor of a {@code server}'s (or a client's) outgoing messages. */
        PerMessageDeflateEncoder encoder(boolean server, PerMessageDeflateOptions options) {
            return new PerMessageDeflateEncoder(options.compressionLevel(), options.minMessageBytes(),
                    server ? serverNoContextTakeover : clientNoContextTakeover);
        }

        /**
         * The decompressor of a {@code server}'s (or a client's) incoming messages, bounded by
         * {@code maxMessageBytes}, or by the default message limit when that is 0 (no aggregation).
         */
        PerMessageDeflateDecoder decoder(boolean server, int maxMessageBytes) {
            return new PerMessageDeflateDecoder(maxMessageBytes > 0 ? maxMessageBytes
                    : WebSocketMessageAggregator.DEFAULT_MAX_MESSAGE_BYTES,
                    server ? clientNoContextTakeover : serverNoContextTakeover);
        }
    }

    /**
     * A server's choice: the first permessage-deflate offer in {@code offers} it can honour, agreed
     * with {@code options}, or null when there is none (the connection then runs uncompressed). An
     * offer is declined, as RFC 7692 section 5 requires, for an unknown or repeated parameter or an
     * invalid value, and for {@code server_max_window_bits} below 15.
     */
    static Agreement accept(List<WebSocketExtension> offers, PerMessageDeflateOptions options) {
        for (WebSocketExtension offer : offers) {
            if (!offer.name().equals(NAME)) {
                continue; // another extension: not ours to answer
            }
            Agreement a = acceptOne(offer, options);
            if (a != null) {
                return a;
            }
        }
        return null;
    }

    private static Agreement acceptOne(WebSocketExtension offer, PerMessageDeflateOptions options) {
        boolean serverReset = options.serverNoContextTakeover();
        boolean clientReset = options.clientNoContextTakeover();
        Set<String> seen = new HashSet<>();
        for (WebSocketExtension.Param p : offer.params()) {
            if (!seen.add(p.name())) {
                return null;
            }
            switch (p.name()) {
                case SERVER_NO_CONTEXT_TAKEOVER -> {
                    if (p.value() != null) {
                        return null;
                    }
                    serverReset = true;
                }
                case CLIENT_NO_CONTEXT_TAKEOVER -> {
                    if (p.value() != null) {
                        return null;
                    }
                    clientReset = true; // the client will reset anyway: say so, and reset the inflater too
                }
                case SERVER_MAX_WINDOW_BITS -> {
                    if (windowBits(p.value()) != JDK_WINDOW_BITS) {
                        return null; // invalid, or a window the JDK's deflater cannot keep to
                    }
                }
                case CLIENT_MAX_WINDOW_BITS -> {
                    if (p.value() != null && windowBits(p.value()) < 0) {
                        return null;
                    }
                }
                default -> {
                    return null;
                }
            }
        }
        return new Agreement(serverReset, clientReset);
    }

    /** A client's {@code Sec-WebSocket-Extensions} offer for {@code options}. */
    static String offer(PerMessageDeflateOptions options) {
        return new Agreement(options.serverNoContextTakeover(), options.clientNoContextTakeover()).header();
    }

    /**
     * A client's check of the server's {@code answer} to {@link #offer}: null when the server
     * declined (no element), the agreement otherwise.
     *
     * @throws IllegalArgumentException naming what the server may not answer: another extension, more
     *     than one element, a parameter unknown, repeated, with an invalid value or never offered
     *     ({@code client_max_window_bits}), or no {@code server_no_context_takeover} when it was offered
     */
    static Agreement check(List<WebSocketExtension> answer, PerMessageDeflateOptions options) {
        if (answer.isEmpty()) {
            return null;
        }
        if (answer.size() > 1 || !answer.get(0).name().equals(NAME)) {
            throw new IllegalArgumentException("Sec-WebSocket-Extensions: " + answer + " (expected: " + NAME
                    + " at most once, as offered)");
        }
        boolean serverReset = false;
        boolean clientReset = options.clientNoContextTakeover();
        Set<String> seen = new HashSet<>();
        for (WebSocketExtension.Param p : answer.get(0).params()) {
            if (!seen.add(p.name())) {
                throw answerError(p, "each parameter once");
            }
            switch (p.name()) {
                case SERVER_NO_CONTEXT_TAKEOVER -> {
                    requireNoValue(p);
                    serverReset = true;
                }
                case CLIENT_NO_CONTEXT_TAKEOVER -> {
                    requireNoValue(p);
                    clientReset = true;
                }
                case SERVER_MAX_WINDOW_BITS -> {
                    if (windowBits(p.value()) < 0) { // any valid window: the inflater reads them all
                        throw answerError(p, "a window of 8 to 15 bits");
                    }
                }
                default -> throw answerError(p, SERVER_NO_CONTEXT_TAKEOVER + ", " + CLIENT_NO_CONTEXT_TAKEOVER
                        + " or " + SERVER_MAX_WINDOW_BITS + ", the parameters offered or allowed");
            }
        }
        if (options.serverNoContextTakeover() && !serverReset) {
            throw new IllegalArgumentException("Sec-WebSocket-Extensions: " + answer.get(0) + " (expected: "
                    + SERVER_NO_CONTEXT_TAKEOVER + ", as offered)");
        }
        return new Agreement(serverReset, clientReset);
    }

    private static void requireNoValue(WebSocketExtension.Param p) {
        if (p.value() != null) {
            throw answerError(p, p.name() + " without a value");
        }
    }

    private static IllegalArgumentException answerError(WebSocketExtension.Param p, String expected) {
        return new IllegalArgumentException("Sec-WebSocket-Extensions parameter: " + p + " (expected: " + expected + ")");
    }

    /** The value of a window-bits parameter: 8 to 15 without leading zeros; -1 when invalid or absent. */
    static int windowBits(String value) {
        if (value == null || value.isEmpty() || value.length() > 2 || value.charAt(0) == '0'
                || !value.chars().allMatch(Character::isDigit)) {
            return -1;
        }
        int bits = Integer.parseInt(value);
        return bits >= 8 && bits <= 15 ? bits : -1;
    }
}
