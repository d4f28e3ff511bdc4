package io.sluice.examples;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The memcached example over a loopback socket: answers, error replies that keep the connection, limits. */
@Timeout(30)
class MemcachedServerTest {
    private ExampleServer server;
    private Socket socket;

    @BeforeEach
    void start() throws Exception {
        server = MemcachedServer.start(ExampleOptions.parse(new String[] {"--port", "0"}, 0));
        socket = new Socket("127.0.0.1", server.address().getPort());
        socket.setSoTimeout(10_000);
    }

    @AfterEach
    void stop() throws Exception {
        socket.close();
        server.stop();
    }

    /** Sends {@code request} and reads until the reply ends with {@code last}. */
    private String exchange(String request, String last) throws Exception {
        OutputStream out = socket.getOutputStream();
        out.write(request.getBytes(US_ASCII));
        out.flush();
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream reply = new ByteArrayOutputStream();
        while (!reply.toString(US_ASCII).endsWith(last)) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            reply.write(b);
        }
        return reply.toString(US_ASCII);
    }

    @Test
    void storesReadsAndCountsPipelined() throws Exception {
        assertEquals("STORED\r\nNOT_STORED\r\nSTORED\r\nVALUE a 7 2\r\nhi\r\nVALUE n 0 2\r\n10\r\nEND\r\n"
                        + "VALUE a 7 2 1\r\nhi\r\nEND\r\n15\r\n0\r\nNOT_FOUND\r\nDELETED\r\nNOT_FOUND\r\nEND\r\n",
                exchange("set a 7 0 2\r\nhi\r\nadd a 0 0 1\r\nx\r\nset n 0 0 2 noreply\r\n10\r\nreplace n 0 0 2\r\n10\r\n"
                        + "get a n missing\r\ngets a\r\nincr n 5\r\ndecr n 99\r\nincr none 1\r\ndelete n\r\n"
                        + "delete n\r\nget n\r\n", "NOT_FOUND\r\nEND\r\n"));
    }

    @Test
    void errorRepliesLeaveTheConnectionOpen() throws Exception {
        assertEquals("ERROR\r\nCLIENT_ERROR bad data chunk\r\nSTORED\r\n"
                        + "CLIENT_ERROR cannot increment or decrement non-numeric value\r\n",
                exchange("flush_all\r\nset k 0 0 1\r\nxyz\r\nset k 0 0 1\r\nv\r\nincr k 1\r\n", "value\r\n"));
        String keys = IntStream.range(0, 300).mapToObj(i -> "key-" + i).collect(Collectors.joining(" "));
        assertEquals("VALUE k 0 1\r\nv\r\nEND\r\n", exchange("get " + keys + " k\r\n", "END\r\n"));
    }

    @Test
    void aLineOverTheLimitIsAnsweredThenTheConnectionCloses() throws Exception {
        String reply = exchange("set " + "k".repeat(MemcachedDecoder.MAX_LINE) + "\r\n", "\u0000");
        assertEquals("CLIENT_ERROR line too long\r\n", reply, "the reply, then the end of the stream");
        try (Socket other = new Socket("127.0.0.1", server.address().getPort())) {  // others carry on
            socket = other;
            assertEquals("END\r\n", exchange("get x\r\n", "END\r\n"));
        }
    }
}
