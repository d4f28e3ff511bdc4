package io.sluice.examples.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.concurrent.Future;
import io.sluice.concurrent.ManualTicker;
import io.sluice.examples.ExampleOptions;
import io.sluice.examples.RunningServer;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The redis example over loopback, through a client on Sluice's own RESP pipeline and raw sockets. */
@Timeout(60)
class RedisServerTest {
    private final ManualTicker ticker = ManualTicker.create();
    private RunningServer server;
    private RespTestClient client;

    @BeforeEach
    void start() throws Exception {
        server = RedisServer.start(ExampleOptions.parse(new String[] {"--port", "0", "--io-threads", "2",
                "--maxmemory-keys", "50"}, 0), ticker);
        client = RespTestClient.connect(server.address().getPort());
    }

    @AfterEach
    void stop() {
        client.close();
        server.stop();
    }

    @Test
    void strings() throws Exception {
        assertEquals("+PONG\r\n", client.call("PING"));
        assertEquals("$2\r\nhi\r\n", client.call("ping", "hi"));
        assertEquals("$3\r\nabc\r\n", client.call("ECHO", "abc"));
        assertEquals("+OK\r\n", client.call("SET", "k", "v1"));
        assertEquals("$2\r\nv1\r\n", client.call("GET", "k"));
        assertEquals("$-1\r\n", client.call("SET", "k", "v2", "NX"));
        assertEquals("$2\r\nv1\r\n", client.call("SET", "k", "v2", "XX", "GET"));
        assertEquals("$-1\r\n", client.call("SET", "absent", "x", "XX"));
        assertEquals("$2\r\nv2\r\n", client.call("GETSET", "k", "v3"));
        assertEquals("$2\r\nv3\r\n", client.call("GETDEL", "k"));
        assertEquals("$-1\r\n", client.call("GET", "k"));
        assertEquals("+OK\r\n", client.call("MSET", "a", "1", "b", "2"));
        assertEquals("*3\r\n$1\r\n1\r\n$-1\r\n$1\r\n2\r\n", client.call("MGET", "a", "nope", "b"));
        assertEquals(":2\r\n", client.call("INCR", "a"));
        assertEquals(":12\r\n", client.call("INCRBY", "a", "10"));
        assertEquals(":11\r\n", client.call("DECR", "a"));
        assertEquals(":1\r\n", client.call("DECRBY", "a", "10"));
        assertEquals("$3\r\n1.5\r\n", client.call("INCRBYFLOAT", "a", "0.5"));
        assertEquals(":7\r\n", client.call("APPEND", "s", "hello, "));
        assertEquals(":12\r\n", client.call("APPEND", "s", "world"));
        assertEquals(":12\r\n", client.call("STRLEN", "s"));
        assertEquals("+string\r\n", client.call("TYPE", "s"));
        assertEquals("+none\r\n", client.call("TYPE", "nope"));
    }

    @Test
    void errorsInRedisOwnWords() throws Exception {
        assertEquals("-ERR unknown command 'FOO', with args beginning with: 'a' 'b' \r\n", client.call("FOO", "a", "b"));
        assertEquals("-ERR wrong number of arguments for 'get' command\r\n", client.call("GET"));
        assertEquals("+OK\r\n", client.call("SET", "s", "x"));
        assertEquals("-ERR value is not an integer or out of range\r\n", client.call("INCR", "s"));
        assertEquals("-ERR value is not an integer or out of range\r\n", client.call("INCRBY", "s", "1x"));
        assertEquals("-WRONGTYPE Operation against a key holding the wrong kind of value\r\n", client.call("LPUSH", "s", "a"));
        assertEquals("-ERR syntax error\r\n", client.call("SET", "s", "x", "NX", "XX"));
        assertEquals("-ERR invalid expire time in 'set' command\r\n", client.call("SET", "s", "x", "EX", "0"));
        assertEquals("+OK\r\n", client.call("SET", "n", "9223372036854775807"));
        assertEquals("-ERR increment or decrement would overflow\r\n", client.call("INCR", "n"));
        assertEquals("-ERR DB index is out of range\r\n", client.call("SELECT", "1"));
        assertEquals("+OK\r\n", client.call("SELECT", "0"));
    }

    @Test
    void expiryIsLazyOnAccessAndKeepsTimeToLiveWhereRedisDoes() throws Exception {
        assertEquals("+OK\r\n", client.call("SET", "t", "v", "PX", "1500"));
        assertEquals(":1500\r\n", client.call("PTTL", "t"));
        assertEquals(":2\r\n", client.call("TTL", "t"));
        assertEquals(":-2\r\n", client.call("TTL", "nottl"));
        assertEquals("+OK\r\n", client.call("SET", "p", "v"));
        assertEquals(":-1\r\n", client.call("TTL", "p"));
        assertEquals(":1\r\n", client.call("EXPIRE", "p", "10"));
        assertEquals(":1\r\n", client.call("PERSIST", "p"));
        assertEquals(":-1\r\n", client.call("TTL", "p"));
        assertEquals(":1\r\n", client.call("PEXPIRE", "p", "1000"));
        assertEquals(":1000\r\n", client.call("PTTL", "p"));
        assertEquals("+OK\r\n", client.call("SET", "kept", "v", "EX", "100"));
        assertEquals("+OK\r\n", client.call("SET", "kept", "w", "KEEPTTL"));
        assertEquals(":100\r\n", client.call("TTL", "kept"));
        ticker.advance(1499, TimeUnit.MILLISECONDS);
        assertEquals("$1\r\nv\r\n", client.call("GET", "t"));
        ticker.advance(1, TimeUnit.MILLISECONDS);
        assertEquals("$-1\r\n", client.call("GET", "t"));
        assertEquals(":0\r\n", client.call("EXISTS", "t", "p"));
        assertEquals(":1\r\n", client.call("DBSIZE"));
    }

    @Test
    void theTimerDeletesExpiredKeysNobodyTouches() throws Exception {
        Keyspace db = new Keyspace(ticker, 100);
        for (int i = 0; i < 30; i++) {
            Keyspace.Entry e = db.put(Bytes.of("k" + i), new byte[] {1});
            db.expireAt(Bytes.of("k" + i), e, ticker.nanoTime() + TimeUnit.SECONDS.toNanos(i < 20 ? 1 : 100));
        }
        db.put(Bytes.of("forever"), new byte[] {2});
        assertEquals(0, db.expireCycle(200));
        ticker.advance(2, TimeUnit.SECONDS);
        assertEquals(8, db.expireCycle(8), "a round visits at most its budget");
        assertEquals(12, db.expireCycle(200));
        assertEquals(11, db.size());
        assertEquals(0, RedisServer.expireCycle(db));
    }

    @Test
    void keysScanAndFlush() throws Exception {
        for (int i = 0; i < 25; i++) {
            assertEquals("+OK\r\n", client.call("SET", "user:" + i, "x"));
        }
        assertEquals("+OK\r\n", client.call("SET", "other", "x"));
        assertTrue(client.call("KEYS", "user:1?").startsWith("*10\r\n"));
        assertTrue(client.call("KEYS", "*").startsWith("*26\r\n"));
        assertEquals("*1\r\n$5\r\nother\r\n", client.call("KEYS", "[o]th*"));
        int seen = 0;
        String cursor = "0";
        do {
            String reply = client.call("SCAN", cursor, "MATCH", "user:*", "COUNT", "7");
            String[] lines = reply.split("\r\n");
            cursor = lines[2];
            seen += Integer.parseInt(lines[3].substring(1));
        } while (!cursor.equals("0"));
        assertEquals(25, seen);
        assertEquals(":2\r\n", client.call("DEL", "user:1", "user:2", "nope"));
        assertEquals(":1\r\n", client.call("UNLINK", "user:3"));
        assertEquals(":23\r\n", client.call("DBSIZE"));
        assertEquals("+OK\r\n", client.call("FLUSHDB"));
        assertEquals(":0\r\n", client.call("DBSIZE"));
        assertEquals("+OK\r\n", client.call("FLUSHALL"));
    }

    @Test
    void lists() throws Exception {
        assertEquals(":3\r\n", client.call("RPUSH", "l", "a", "b", "c"));
        assertEquals(":4\r\n", client.call("LPUSH", "l", "z"));
        assertEquals("*4\r\n$1\r\nz\r\n$1\r\na\r\n$1\r\nb\r\n$1\r\nc\r\n", client.call("LRANGE", "l", "0", "-1"));
        assertEquals("*2\r\n$1\r\nb\r\n$1\r\nc\r\n", client.call("LRANGE", "l", "-2", "100"));
        assertEquals("$1\r\nb\r\n", client.call("LINDEX", "l", "-2"));
        assertEquals("+OK\r\n", client.call("LSET", "l", "0", "y"));
        assertEquals("-ERR index out of range\r\n", client.call("LSET", "l", "9", "y"));
        assertEquals("$1\r\ny\r\n", client.call("LPOP", "l"));
        assertEquals("*2\r\n$1\r\nc\r\n$1\r\nb\r\n", client.call("RPOP", "l", "2"));
        assertEquals(":1\r\n", client.call("LLEN", "l"));
        assertEquals("+OK\r\n", client.call("LTRIM", "l", "1", "-1"));
        assertEquals(":0\r\n", client.call("EXISTS", "l"));
        assertEquals("$-1\r\n", client.call("LPOP", "l"));
        assertEquals("*-1\r\n", client.call("LPOP", "l", "2"));
        assertEquals(":1\r\n", client.call("RPUSH", "l", "x"));
        assertEquals("+list\r\n", client.call("TYPE", "l"));
    }

    @Test
    void setsHashesAndSortedSets() throws Exception {
        assertEquals(":2\r\n", client.call("SADD", "s", "a", "b", "a"));
        assertEquals(":1\r\n", client.call("SISMEMBER", "s", "a"));
        assertEquals(":2\r\n", client.call("SCARD", "s"));
        assertTrue(client.call("SMEMBERS", "s").startsWith("*2\r\n"));
        assertEquals(":1\r\n", client.call("SREM", "s", "a", "x"));
        assertEquals("$1\r\nb\r\n", client.call("SPOP", "s"));
        assertEquals(":0\r\n", client.call("EXISTS", "s"));

        assertEquals(":2\r\n", client.call("HSET", "h", "f", "1", "g", "2"));
        assertEquals("+OK\r\n", client.call("HMSET", "h", "i", "3"));
        assertEquals("$1\r\n1\r\n", client.call("HGET", "h", "f"));
        assertEquals("*2\r\n$1\r\n2\r\n$-1\r\n", client.call("HMGET", "h", "g", "nope"));
        assertEquals(":11\r\n", client.call("HINCRBY", "h", "f", "10"));
        assertEquals(":1\r\n", client.call("HEXISTS", "h", "g"));
        assertEquals(":1\r\n", client.call("HDEL", "h", "g"));
        assertEquals(":2\r\n", client.call("HLEN", "h"));
        assertTrue(client.call("HGETALL", "h").startsWith("*4\r\n"));
        assertEquals("-ERR wrong number of arguments for 'hset' command\r\n", client.call("HSET", "h", "f"));

        assertEquals(":3\r\n", client.call("ZADD", "z", "2", "b", "1", "a", "3", "c"));
        assertEquals("*4\r\n$1\r\na\r\n$1\r\n1\r\n$1\r\nb\r\n$1\r\n2\r\n", client.call("ZRANGE", "z", "0", "1", "WITHSCORES"));
        assertEquals("$3\r\n2.5\r\n", client.call("ZINCRBY", "z", "0.5", "b"));
        assertEquals("$3\r\n2.5\r\n", client.call("ZSCORE", "z", "b"));
        assertEquals(":1\r\n", client.call("ZRANK", "z", "b"));
        assertEquals(":3\r\n", client.call("ZCARD", "z"));
        assertEquals("*2\r\n$1\r\na\r\n$1\r\n1\r\n", client.call("ZPOPMIN", "z"));
        assertEquals(":1\r\n", client.call("ZREM", "z", "c"));
        assertEquals("+zset\r\n", client.call("TYPE", "z"));
        assertEquals("-ERR value is not a valid float\r\n", client.call("ZADD", "z", "x", "m"));
    }

    @Test
    void multiExecAndDiscard() throws Exception {
        assertEquals("+OK\r\n", client.call("MULTI"));
        assertEquals("+QUEUED\r\n", client.call("SET", "m", "1"));
        assertEquals("+QUEUED\r\n", client.call("INCR", "m"));
        assertEquals("-ERR MULTI calls can not be nested\r\n", client.call("MULTI"));
        assertEquals("*2\r\n+OK\r\n:2\r\n", client.call("EXEC"));
        assertEquals("-ERR EXEC without MULTI\r\n", client.call("EXEC"));
        assertEquals("+OK\r\n", client.call("MULTI"));
        assertEquals("+QUEUED\r\n", client.call("INCR", "m"));
        assertEquals("+OK\r\n", client.call("DISCARD"));
        assertEquals("$1\r\n2\r\n", client.call("GET", "m"));
        assertEquals("+OK\r\n", client.call("MULTI"));
        assertEquals("-ERR wrong number of arguments for 'incr' command\r\n", client.call("INCR"));
        assertEquals("-EXECABORT Transaction discarded because of previous errors.\r\n", client.call("EXEC"));
        assertEquals("+OK\r\n", client.call("MULTI"));
        assertEquals("+QUEUED\r\n", client.call("SET", "left", "queued")); // released when the client goes
    }

    @Test
    void helloThreeSwitchesRepliesToResp3() throws Exception {
        assertTrue(client.call("HELLO", "3").startsWith("%7\r\n$6\r\nserver\r\n"));
        assertEquals("_\r\n", client.call("GET", "nope"));
        assertEquals(":1\r\n", client.call("HSET", "h", "f", "v"));
        assertEquals("%1\r\n$1\r\nf\r\n$1\r\nv\r\n", client.call("HGETALL", "h"));
        assertEquals(":1\r\n", client.call("ZADD", "z", "1.5", "m"));
        assertEquals(",1.5\r\n", client.call("ZSCORE", "z", "m"));
        assertEquals("-NOPROTO unsupported protocol version\r\n", client.call("HELLO", "4"));
        assertTrue(client.call("HELLO", "2").startsWith("*14\r\n"));
        assertEquals("$-1\r\n", client.call("GET", "nope"));
    }

    @Test
    void serverCommandsForRedisCliAndRedisBenchmark() throws Exception {
        assertEquals("*2\r\n$4\r\nsave\r\n$0\r\n\r\n", client.call("CONFIG", "GET", "save"));
        assertEquals("*2\r\n$10\r\nappendonly\r\n$2\r\nno\r\n", client.call("CONFIG", "GET", "appendonly"));
        assertTrue(client.call("COMMAND", "COUNT").matches(":\\d+\r\n"));
        assertTrue(client.call("COMMAND").startsWith("*"));
        assertEquals("*0\r\n", client.call("COMMAND", "DOCS"));
        assertEquals("$-1\r\n", client.call("CLIENT", "GETNAME"));
        assertEquals("+OK\r\n", client.call("CLIENT", "SETNAME", "me"));
        assertEquals("$2\r\nme\r\n", client.call("CLIENT", "GETNAME"));
        assertTrue(client.call("CLIENT", "ID").matches(":\\d+\r\n"));
        assertTrue(client.call("INFO").contains("redis_version:"));
        assertEquals("+OK\r\n", client.call("QUIT"));
        assertTrue(client.channel().closeFuture().await(10, TimeUnit.SECONDS), "QUIT closes the connection");
    }

    @Test
    void theKeyBoundRefusesGrowthWithRedisOomError() throws Exception {
        for (int i = 0; i < 50; i++) {
            assertEquals("+OK\r\n", client.call("SET", "k" + i, "v"));
        }
        assertEquals("-OOM command not allowed when used memory > 'maxmemory'.\r\n", client.call("SET", "one-more", "v"));
        assertEquals("+OK\r\n", client.call("SET", "k0", "replaced")); // existing keys may change
        String[] many = new String[53];
        many[0] = "RPUSH";
        many[1] = "k1-list";
        assertEquals(":1\r\n", client.call("DEL", "k1"));
        for (int i = 2; i < many.length; i++) {
            many[i] = "e" + i;
        }
        assertEquals("-OOM command not allowed when used memory > 'maxmemory'.\r\n", client.call(many));
    }

    @Test
    void pipelinedRequestsFromSeveralClientsOnTwoLoopsAreAnsweredInOrder() throws Exception {
        List<RespTestClient> clients = new ArrayList<>();
        List<Future<String>> replies = new ArrayList<>();
        try {
            for (int c = 0; c < 4; c++) {
                clients.add(RespTestClient.connect(server.address().getPort()));
            }
            for (int i = 0; i < 500; i++) {
                for (RespTestClient each : clients) {
                    replies.add(each.send("INCR", "counter"));
                }
            }
            for (Future<String> reply : replies) {
                assertTrue(reply.get(10, TimeUnit.SECONDS).startsWith(":"));
            }
            assertEquals("$4\r\n2000\r\n", client.call("GET", "counter"));
        } finally {
            clients.forEach(RespTestClient::close);
        }
    }

    // ---- bad input from raw sockets --------------------------------------------------------------

    /** Sends {@code bytes} and returns everything the server sent before closing. */
    private String rawExchange(String bytes) throws Exception {
        try (Socket raw = new Socket("127.0.0.1", server.address().getPort())) {
            raw.setSoTimeout(10_000);
            raw.getOutputStream().write(bytes.getBytes(StandardCharsets.ISO_8859_1));
            raw.getOutputStream().flush();
            InputStream in = raw.getInputStream();
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            byte[] chunk = new byte[512];
            int n;
            while ((n = in.read(chunk)) >= 0) { // until the server closes
                got.write(chunk, 0, n);
            }
            return got.toString(StandardCharsets.ISO_8859_1);
        }
    }

    @Test
    void protocolErrorsGetRedisReplyThenTheConnectionClosesAndOthersCarryOn() throws Exception {
        assertEquals("+PONG\r\n-ERR Protocol error: invalid bulk length\r\n", rawExchange("PING\r\n*1\r\n$-5\r\n"));
        assertEquals("-ERR Protocol error: invalid multibulk length\r\n", rawExchange("*abc\r\n"));
        assertEquals("-ERR Protocol error: invalid multibulk length\r\n", rawExchange("*99999999999999999999999\r\n"));
        assertEquals("-ERR Protocol error: expected '$', got ':'\r\n", rawExchange("*1\r\n:1\r\n"));
        assertEquals("-ERR Protocol error: unbalanced quotes in request\r\n", rawExchange("SET a \"b\r\n"));
        assertEquals("-ERR Protocol error: invalid bulk length\r\n", rawExchange("*1\r\n$536870913\r\n"));
        assertEquals("-ERR Protocol error: too big inline request\r\n", rawExchange("x".repeat(70_000)));
        assertEquals("+OK\r\n", client.call("SET", "still", "served"));
        assertEquals("$6\r\nserved\r\n", client.call("GET", "still"));
    }

    @Test
    void inlineCommandsAsTelnetUsersTypeThem() throws Exception {
        assertEquals("+OK\r\n$11\r\nhello world\r\n+OK\r\n", rawExchange("set greeting \"hello world\"\r\nget greeting\nquit\r\n"));
    }
}
