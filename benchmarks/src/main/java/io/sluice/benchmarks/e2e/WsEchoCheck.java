package io.sluice.benchmarks.e2e;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Checks a WebSocket echo server once, before it is measured ({@code run-e2e.sh ws} runs it against
 * both servers and requires identical output): one connection, the handshake, then a fixed script of
 * frames sent one at a time, each answer read in full before the next is sent, so batching cannot
 * change the bytes. The script: binary messages of 0, 1, 64, 125, 126, 16384, 65535 and 65536 bytes
 * (every length form, up to the frame limit), a UTF-8 text message, a message in two fragments (one
 * aggregated echo expected), a ping (a pong with its payload expected), then a close with 1000 (the
 * same close expected, then the end of the stream).
 *
 * <p>Each answer must carry what was sent (else exit status 1). Prints the handshake response's
 * status line and headers (names lower-cased, sorted, without {@code Date}), one line per answer frame
 * (header bytes, payload length) and the SHA-256 of every byte received after the handshake.
 *
 * <pre>java -cp benchmarks.jar io.sluice.benchmarks.e2e.WsEchoCheck --port N</pre>
 */
public final class WsEchoCheck {
    private WsEchoCheck() {}

    /** One step of the script: the frames to send and the answer expected (opcode, payload). */
    private record Step(List<byte[]> frames, int answerOpcode, byte[] answer) {}

    public static void main(String[] argv) throws Exception {
        Args args = Args.parse(argv, Set.of("port"), Set.of());
        int port = args.intValue("port", 0);
        if (port <= 0) {
            throw new IllegalArgumentException("--port: " + port + " (expected: the server's port)");
        }
        try (Socket socket = new Socket(EchoServers.HOST, port)) {
            socket.setSoTimeout(10_000);
            socket.setTcpNoDelay(true);
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            String head = WsFrames.handshake(in, out, port, new SplittableRandom(1));
            System.out.println("handshake: " + normalized(head));
            MessageDigest received = MessageDigest.getInstance("SHA-256");
            DataInputStream frames = new DataInputStream(in);
            SplittableRandom random = new SplittableRandom(2);
            for (Step step : script(random)) {
                for (byte[] frame : step.frames()) {
                    out.write(frame);
                }
                out.flush();
                byte[] answer = readFrame(frames, received);
                int opcode = answer[0] & 0x0F;
                byte[] payload = Arrays.copyOfRange(answer, WsFrames.headerLength(answer[1] & 0xFF), answer.length);
                System.out.printf(Locale.ROOT, "answer: header %s, payload %d bytes%n",
                        HexFormat.of().formatHex(answer, 0, WsFrames.headerLength(answer[1] & 0xFF)), payload.length);
                if (opcode != step.answerOpcode() || !Arrays.equals(payload, step.answer())) {
                    System.out.printf(Locale.ROOT, "FAIL: opcode 0x%x with %d bytes (expected: 0x%x with the %d bytes sent)%n",
                            opcode, payload.length, step.answerOpcode(), step.answer().length);
                    System.exit(1);
                }
            }
            if (in.read() >= 0) {
                System.out.println("FAIL: bytes after the close frame (expected: the end of the stream)");
                System.exit(1);
            }
            System.out.println("received sha256: " + HexFormat.of().formatHex(received.digest()));
        }
    }

    private static List<Step> script(SplittableRandom random) {
        List<Step> steps = new ArrayList<>();
        for (int size : new int[] {0, 1, 64, 125, 126, 16384, 65535, 65536}) {
            byte[] payload = new byte[size];
            random.nextBytes(payload);
            steps.add(new Step(List.of(WsFrames.clientFrame(WsFrames.OP_BINARY, true, payload, random.nextInt() | 1)),
                    WsFrames.OP_BINARY, payload));
        }
        byte[] text = "echo, écho, эхо, 回声".getBytes(StandardCharsets.UTF_8);
        steps.add(new Step(List.of(WsFrames.clientFrame(WsFrames.OP_TEXT, true, text, 0x12345678)), WsFrames.OP_TEXT, text));
        byte[] whole = new byte[300];
        random.nextBytes(whole);
        steps.add(new Step(List.of(
                WsFrames.clientFrame(WsFrames.OP_BINARY, false, Arrays.copyOf(whole, 100), 0x0F0F0F0F),
                WsFrames.clientFrame(WsFrames.OP_CONTINUATION, true, Arrays.copyOfRange(whole, 100, 300), 0x70707070)),
                WsFrames.OP_BINARY, whole));
        byte[] ping = "are you there?".getBytes(StandardCharsets.US_ASCII);
        steps.add(new Step(List.of(WsFrames.clientFrame(WsFrames.OP_PING, true, ping, 0x01020304)), 0xA, ping));
        byte[] close = {0x03, (byte) 0xE8}; // 1000, no reason
        steps.add(new Step(List.of(WsFrames.clientFrame(WsFrames.OP_CLOSE, true, close, 0x55AA55AA)), WsFrames.OP_CLOSE, close));
        return steps;
    }

    /** Reads one unmasked server frame (header and payload), adding its bytes to {@code digest}. */
    private static byte[] readFrame(DataInputStream in, MessageDigest digest) throws IOException {
        byte[] start = new byte[2];
        in.readFully(start);
        int headerLength = WsFrames.headerLength(start[1] & 0xFF);
        ByteBuffer header = ByteBuffer.allocate(headerLength).put(start);
        in.readFully(header.array(), 2, headerLength - 2);
        long length = WsFrames.payloadLength(header, 0, start[1] & 0xFF);
        if ((start[1] & 0x80) != 0 || length > 1 << 20) {
            throw new EOFException("answer header: " + HexFormat.of().formatHex(header.array())
                    + " (expected: unmasked, at most 1 MiB)");
        }
        byte[] frame = Arrays.copyOf(header.array(), headerLength + (int) length);
        in.readFully(frame, headerLength, (int) length);
        digest.update(frame);
        return frame;
    }

    /**
     * The status line and the headers, names lower-cased, sorted, without {@code Date} (Sluice's HTTP
     * encoder adds one, Netty's handshaker does not): what both servers must agree on.
     */
    private static String normalized(String head) {
        List<String> lines = head.lines().toList();
        return lines.get(0) + " | " + String.join(" | ", lines.stream().skip(1)
                .filter(line -> !line.regionMatches(true, 0, "date:", 0, 5))
                .map(line -> line.substring(0, line.indexOf(':')).toLowerCase(Locale.ROOT) + ":"
                        + line.substring(line.indexOf(':') + 1).strip())
                .sorted()
                .toList());
    }
}
