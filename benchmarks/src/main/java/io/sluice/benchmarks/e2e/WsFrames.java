package io.sluice.benchmarks.e2e;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.SplittableRandom;

/**
 * The client's side of the WebSocket echo benchmark (RFC 6455): the opening handshake, frames built
 * once before the run, and the check of each echoed frame.
 *
 * <p>Messages are {@link #VARIANTS} pre-built masked binary frames of {@code size} payload bytes,
 * each with its own random payload and mask key (masking is a client's duty; a key of zero would let
 * a server skip the XOR, so none is zero). Message {@code seq} of connection {@code id} is variant
 * {@code (id + seq) % VARIANTS}: the echo, an unmasked binary frame, must carry that variant's
 * payload, so a lost, reordered or corrupted message fails the run (reordering within
 * {@code VARIANTS} messages of the same connection excepted). Sending a message is one bulk copy;
 * checking an echo parses its header and compares its payload. Not thread-safe: one client thread.
 */
final class WsFrames {
    /** Distinct messages per size: enough to catch reordering, few enough to stay in cache. */
    static final int VARIANTS = 64;
    static final int OP_CONTINUATION = 0x0;
    static final int OP_TEXT = 0x1;
    static final int OP_BINARY = 0x2;
    static final int OP_CLOSE = 0x8;
    static final int OP_PING = 0x9;
    /** Appended to the key before hashing (RFC 6455, section 1.3). */
    private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    private final int size;
    /** The client frames: header, mask key, masked payload. */
    private final byte[][] masked = new byte[VARIANTS][];
    /** The same payloads unmasked: what each echo must carry. */
    private final ByteBuffer[] payloads = new ByteBuffer[VARIANTS];

    /** Frames of {@code size} payload bytes. */
    WsFrames(int size) {
        this.size = size;
        SplittableRandom random = new SplittableRandom(0x5EED_F00DL);
        for (int v = 0; v < VARIANTS; v++) {
            byte[] payload = new byte[size];
            random.nextBytes(payload);
            payloads[v] = ByteBuffer.wrap(payload);
            masked[v] = clientFrame(OP_BINARY, true, payload, random.nextInt() | 1);
        }
    }

    /** Bytes of one client frame on the wire. */
    int clientFrameLength() {
        return masked[0].length;
    }

    /** Appends message {@code seq} of connection {@code id} to {@code out}. */
    void put(ByteBuffer out, int id, long seq) {
        out.put(masked[variant(id, seq)]);
    }

    private static int variant(int id, long seq) {
        return (int) ((id + seq) % VARIANTS);
    }

    /**
     * Returns whether a whole echoed frame starts at {@code in}'s position (nothing is consumed).
     *
     * @throws IOException if its header is not that of an unmasked, final binary frame of {@code size} bytes
     */
    boolean complete(ByteBuffer in) throws IOException {
        int p = in.position();
        int available = in.remaining();
        if (available < 2) {
            return false;
        }
        int b0 = in.get(p) & 0xFF;
        int b1 = in.get(p + 1) & 0xFF;
        int headerLength = headerLength(b1);
        if (available < headerLength) {
            return false;
        }
        long length = payloadLength(in, p, b1);
        if (b0 != (0x80 | OP_BINARY) || (b1 & 0x80) != 0 || length != size) {
            throw new IOException(String.format("echoed frame header: 0x%02x 0x%02x, payload %d bytes (expected: 0x82,"
                    + " unmasked, %d bytes)", b0, b1, length, size));
        }
        return available >= headerLength + size;
    }

    /** Checks the whole echoed frame at {@code in}'s position (see {@link #complete}) and moves past it. */
    void verify(ByteBuffer in, int id, long seq) throws IOException {
        int p = in.position();
        int start = p + headerLength(in.get(p + 1) & 0xFF);
        int limit = in.limit();
        in.limit(start + size).position(start);
        int at = in.mismatch(payloads[variant(id, seq)].clear());
        if (at >= 0) {
            throw new IOException("corrupted echo: message " + seq + " of connection " + id + " differs at byte " + at);
        }
        in.limit(limit).position(start + size);
    }

    /** Header bytes of a server frame (no mask key) whose second byte is {@code b1}. */
    static int headerLength(int b1) {
        int length7 = b1 & 0x7F;
        return 2 + (length7 == 126 ? 2 : length7 == 127 ? 8 : 0);
    }

    /** The payload length of the frame at {@code p}, whose second byte is {@code b1}; its header is in {@code in}. */
    static long payloadLength(ByteBuffer in, int p, int b1) {
        int length7 = b1 & 0x7F;
        return length7 == 126 ? in.getShort(p + 2) & 0xFFFF : length7 == 127 ? in.getLong(p + 2) : length7;
    }

    /** A client frame: {@code payload} masked with {@code key}, the shortest length form. */
    static byte[] clientFrame(int opcode, boolean fin, byte[] payload, int key) {
        int n = payload.length;
        int extended = n <= 125 ? 0 : n <= 0xFFFF ? 2 : 8;
        ByteBuffer frame = ByteBuffer.allocate(2 + extended + 4 + n);
        frame.put((byte) ((fin ? 0x80 : 0) | opcode));
        if (extended == 0) {
            frame.put((byte) (0x80 | n));
        } else if (extended == 2) {
            frame.put((byte) (0x80 | 126)).putShort((short) n);
        } else {
            frame.put((byte) (0x80 | 127)).putLong(n);
        }
        frame.putInt(key);
        for (int i = 0; i < n; i++) {
            frame.put((byte) (payload[i] ^ key >>> 24 - 8 * (i & 3)));
        }
        return frame.array();
    }

    /**
     * Upgrades a connection: sends the opening handshake for {@link SluiceWsEchoServer#PATH} with a key
     * drawn from {@code random}, reads the response head and checks that it is a 101 with the right
     * {@code Sec-WebSocket-Accept}. Blocking.
     *
     * @return the response head, without its final empty line
     * @throws IOException if the server refuses the upgrade or answers anything else
     */
    static String handshake(InputStream in, OutputStream out, int port, SplittableRandom random) throws IOException {
        byte[] nonce = new byte[16];
        random.nextBytes(nonce);
        String key = Base64.getEncoder().encodeToString(nonce);
        out.write(("GET " + SluiceWsEchoServer.PATH + " HTTP/1.1\r\nHost: " + EchoServers.HOST + ":" + port
                + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: " + key
                + "\r\nSec-WebSocket-Version: 13\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        // byte by byte: nothing after the head may be consumed (the server sends nothing more unasked)
        while (head.size() < 4 || !head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0 || head.size() > 8192) {
                throw new IOException("handshake response: " + (b < 0 ? "closed" : "over 8 KiB") + " after "
                        + head.toString(StandardCharsets.ISO_8859_1));
            }
            head.write(b);
        }
        String response = head.toString(StandardCharsets.ISO_8859_1).strip();
        String accept = accept(key);
        if (!response.startsWith("HTTP/1.1 101 ") || response.lines().noneMatch(
                line -> line.regionMatches(true, 0, "sec-websocket-accept:", 0, 21) && line.substring(21).strip().equals(accept))) {
            throw new IOException("handshake response: " + response + " (expected: 101 with Sec-WebSocket-Accept: " + accept + ")");
        }
        return response;
    }

    /** base64(SHA-1(key + GUID)): the accept value a server must answer {@code key} with. */
    static String accept(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1").digest((key + GUID).getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1: missing (expected: in every JDK)", e);
        }
    }
}
