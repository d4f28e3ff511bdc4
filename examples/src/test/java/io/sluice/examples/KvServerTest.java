package io.sluice.examples;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.concurrent.Future;
import java.io.DataOutputStream;
import java.io.InputStream;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The key-value example over loopback: the demo client, pipelining, and bad frames from a raw socket. */
@Timeout(30)
class KvServerTest {
    private ExampleServer server;
    private int port;

    @BeforeEach
    void start() throws Exception {
        server = KvServer.start(ExampleOptions.parse(new String[] {"--port", "0"}, 0));
        port = server.address().getPort();
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    @Test
    void theDemoClientGetsTheRightAnswers() throws Exception {
        assertTrue(KvClient.demo(ExampleOptions.parse(new String[] {"--port", String.valueOf(port)}, 0)));
    }

    @Test
    void pipelinedRequestsAreAnsweredInOrder() throws Exception {
        try (KvClient client = KvClient.connect("127.0.0.1", port)) {
            List<Future<KvMessage>> answers = new ArrayList<>();
            for (int i = 0; i < 1000; i++) {
                answers.add(client.request(KvMessage.put("k" + i, new byte[i])));
                answers.add(client.request(KvMessage.get("k" + i)));
            }
            byte[] big = new byte[1 << 20]; // the largest value: spans many reads
            big[big.length - 1] = 42;
            answers.add(client.request(KvMessage.put("big", big)));
            answers.add(client.request(KvMessage.get("big")));
            for (int i = 0; i < 1000; i++) {
                assertEquals(KvMessage.Type.OK, answers.get(2 * i).get(5, TimeUnit.SECONDS).type());
                assertEquals(i, answers.get(2 * i + 1).get(5, TimeUnit.SECONDS).value().length);
            }
            assertEquals(KvMessage.Type.OK, answers.get(2000).get(5, TimeUnit.SECONDS).type());
            assertArrayEquals(big, answers.get(2001).get(5, TimeUnit.SECONDS).value());
        }
    }

    @Test
    void anOversizedHeaderClosesThatConnectionAtOnceAndOthersCarryOn() throws Exception {
        try (Socket raw = new Socket("127.0.0.1", port)) {
            DataOutputStream out = new DataOutputStream(raw.getOutputStream());
            out.writeInt(KvCodec.MAX_FRAME + 1); // only the header: refused before any body arrives
            out.flush();
            assertEquals(-1, raw.getInputStream().read(), "closed by the server");
        }
        assertTrue(KvClient.demo(ExampleOptions.parse(new String[] {"--port", String.valueOf(port)}, 0)));
    }

    @Test
    void garbageClosesThatConnection() throws Exception {
        try (Socket raw = new Socket("127.0.0.1", port)) {
            DataOutputStream out = new DataOutputStream(raw.getOutputStream());
            out.writeInt(3);
            out.writeByte(99); // no such type
            out.writeShort(0);
            out.flush();
            InputStream in = raw.getInputStream();
            assertEquals(-1, in.read());
        }
        try (Socket raw = new Socket("127.0.0.1", port)) {
            DataOutputStream out = new DataOutputStream(raw.getOutputStream());
            out.writeInt(5);
            out.writeByte(KvMessage.Type.GET.code());
            out.writeShort(10); // key longer than the frame
            out.write("ab".getBytes(UTF_8));
            out.flush();
            assertEquals(-1, raw.getInputStream().read());
        }
    }
}
