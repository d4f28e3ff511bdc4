package io.sluice.examples.redis;

import io.sluice.codec.resp.RespDecoder;
import io.sluice.codec.resp.RespEncoder;
import io.sluice.concurrent.Ticker;
import io.sluice.examples.ExampleOptions;
import io.sluice.examples.ExampleServer;
import io.sluice.examples.RunningServer;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An in-memory server that speaks RESP2 and RESP3 to redis-cli and redis-benchmark: strings,
 * lists, sets, hashes, sorted sets, expiry, MULTI/EXEC, and the server commands those clients send.
 *
 * <p>Options: {@code --maxmemory-keys N} (default 1,000,000) bounds the keys, and the elements of
 * any one collection, so no client can grow the server without limit; {@code --io-threads N}
 * spreads connections over N event loops, all sharing one {@link Keyspace} behind one lock (why:
 * see there); {@code --worker-threads N} runs the commands on a worker group instead.
 * Expired keys are deleted when touched and by a timer every 100 ms (200 keys a round at most).
 */
public final class RedisServer {
    /** Keys with a time to live checked per active-expiry round. */
    static final int EXPIRE_BUDGET = 200;

    private RedisServer() {}

    /** Starts the server as the options say and returns once it listens. */
    public static ExampleServer start(ExampleOptions options) throws InterruptedException {
        return start(options, Ticker.system());
    }

    /** Starts a server whose expiry runs on {@code ticker}'s time (tests move it by hand). */
    static RunningServer start(ExampleOptions options, Ticker ticker) throws InterruptedException {
        Keyspace db = new Keyspace(ticker, options.intValue("maxmemory-keys", 1_000_000, 1));
        CommandTable table = commands();
        AtomicLong ids = new AtomicLong();
        RunningServer server = RunningServer.start(options, 6379, (pipeline, workers) -> pipeline
                .addLast("resp-decoder", RespDecoder.forRequests())
                .addLast("resp-encoder", RespEncoder.create())
                .addLast(workers, "redis", new RedisHandler(table, new Session(ids.incrementAndGet(), db))));
        server.loops().next().scheduleAtFixedRate(() -> expireCycle(db), 100, 100, TimeUnit.MILLISECONDS);
        return server;
    }

    /** One active-expiry round; returns the keys deleted. */
    static int expireCycle(Keyspace db) {
        db.lock().lock();
        try {
            return db.expireCycle(EXPIRE_BUDGET);
        } finally {
            db.lock().unlock();
        }
    }

    /** Every command the server knows. */
    static CommandTable commands() {
        CommandTable table = new CommandTable();
        ServerCommands.register(table);
        StringCommands.register(table);
        KeyCommands.register(table);
        ListCommands.register(table);
        SetCommands.register(table);
        HashCommands.register(table);
        ZSetCommands.register(table);
        return table;
    }
}
