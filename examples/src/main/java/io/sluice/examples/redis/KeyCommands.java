package io.sluice.examples.redis;

import io.sluice.codec.resp.BulkString;
import io.sluice.codec.resp.RespInteger;
import io.sluice.codec.resp.RespMessage;
import io.sluice.codec.resp.SimpleString;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** DEL, UNLINK, EXISTS, EXPIRE, PEXPIRE, TTL, PTTL, PERSIST, KEYS, SCAN, DBSIZE, FLUSHDB, FLUSHALL, TYPE. */
final class KeyCommands {
    private KeyCommands() {}

    static void register(CommandTable t) {
        CommandTable.Command del = (s, a) -> {
            int n = 0;
            for (int i = 1; i < a.size(); i++) {
                n += s.db.remove(a.key(i)) ? 1 : 0;
            }
            return RespInteger.of(n);
        };
        t.add("del", -2, true, del);
        t.add("unlink", -2, true, del);
        t.add("exists", -2, false, (s, a) -> {
            int n = 0;
            for (int i = 1; i < a.size(); i++) {
                n += s.db.entry(a.key(i)) != null ? 1 : 0;
            }
            return RespInteger.of(n);
        });
        t.add("expire", 3, true, (s, a) -> expire(s, a, "ex"));
        t.add("pexpire", 3, true, (s, a) -> expire(s, a, "px"));
        t.add("ttl", 2, false, (s, a) -> ttl(s, a, TimeUnit.SECONDS));
        t.add("pttl", 2, false, (s, a) -> ttl(s, a, TimeUnit.MILLISECONDS));
        t.add("persist", 2, true, (s, a) -> {
            Keyspace.Entry e = s.db.entry(a.key(1));
            if (e == null || e.expiresAt == Long.MAX_VALUE) {
                return RespInteger.of(0);
            }
            e.expiresAt = Long.MAX_VALUE;
            return RespInteger.of(1);
        });
        t.add("keys", 2, false, (s, a) -> keyArray(s.db.keys(a.bytes(1))));
        t.add("scan", -2, false, KeyCommands::scan);
        t.add("dbsize", 1, false, (s, a) -> RespInteger.of(s.db.size()));
        CommandTable.Command flush = (s, a) -> {
            if (a.size() > 2 || a.size() == 2 && !a.is(1, "async") && !a.is(1, "sync")) {
                throw new RedisException(RedisException.SYNTAX);
            }
            s.db.clear();
            return SimpleString.OK;
        };
        t.add("flushdb", -1, true, flush);
        t.add("flushall", -1, true, flush);
        t.add("type", 2, false, (s, a) -> {
            Keyspace.Entry e = s.db.entry(a.key(1));
            return SimpleString.of(e == null ? "none" : typeName(e.value));
        });
    }

    static String typeName(Object value) {
        if (value instanceof byte[]) {
            return "string";
        } else if (value instanceof ListValue) {
            return "list";
        } else if (value instanceof SetValue) {
            return "set";
        } else if (value instanceof HashValue) {
            return "hash";
        }
        return "zset";
    }

    /** The ticker deadline of a SET/EXPIRE time {@code n} given as {@code unit}: ex, px, exat or pxat. */
    static long deadline(Session s, String unit, long n) {
        long now = s.db.now();
        long ms = switch (unit) {
            case "ex" -> saturatedMultiply(n, 1000);
            case "px" -> n;
            case "exat" -> saturatedMultiply(n, 1000) - System.currentTimeMillis();
            default -> n - System.currentTimeMillis(); // pxat
        };
        long nanos = saturatedMultiply(ms, 1_000_000);
        long at = now + nanos;
        return nanos > 0 && at < now ? Long.MAX_VALUE - 1 : at; // far future, but still a deadline
    }

    private static long saturatedMultiply(long a, long b) {
        long r = a * b;
        return Math.abs(a) > Long.MAX_VALUE / b ? (a > 0 ? Long.MAX_VALUE / 2 : Long.MIN_VALUE / 2) : r;
    }

    private static RespMessage expire(Session s, Args a, String unit) {
        long n = a.integer(2);
        Bytes key = a.key(1);
        Keyspace.Entry e = s.db.entry(key);
        if (e == null) {
            return RespInteger.of(0);
        }
        s.db.expireAt(key, e, deadline(s, unit, n));
        return RespInteger.of(1);
    }

    private static RespMessage ttl(Session s, Args a, TimeUnit unit) {
        Keyspace.Entry e = s.db.entry(a.key(1));
        if (e == null) {
            return RespInteger.of(-2);
        }
        if (e.expiresAt == Long.MAX_VALUE) {
            return RespInteger.of(-1);
        }
        long leftMs = TimeUnit.NANOSECONDS.toMillis(e.expiresAt - s.db.now());
        return RespInteger.of(unit == TimeUnit.SECONDS ? (leftMs + 500) / 1000 : leftMs);
    }

    private static RespMessage keyArray(List<Bytes> keys) {
        List<RespMessage> items = new ArrayList<>(keys.size());
        for (Bytes k : keys) {
            items.add(BulkString.of(k.array()));
        }
        return Session.array(items);
    }

    private static RespMessage scan(Session s, Args a) {
        long cursor;
        try {
            cursor = Long.parseUnsignedLong(a.string(1));
        } catch (NumberFormatException e) {
            throw new RedisException("ERR invalid cursor");
        }
        byte[] pattern = null;
        int count = 10;
        String type = null;
        for (int i = 2; i < a.size(); i += 2) {
            if (i + 1 >= a.size()) {
                throw new RedisException(RedisException.SYNTAX);
            } else if (a.is(i, "match")) {
                pattern = a.bytes(i + 1);
            } else if (a.is(i, "count")) {
                count = a.integer(i + 1, 1, Integer.MAX_VALUE, RedisException.SYNTAX);
            } else if (a.is(i, "type")) {
                type = a.string(i + 1);
            } else {
                throw new RedisException(RedisException.SYNTAX);
            }
        }
        List<Bytes> found = new ArrayList<>();
        long next = s.db.scan(cursor, count, found);
        List<Bytes> kept = new ArrayList<>();
        for (Bytes k : found) {
            Keyspace.Entry e = s.db.entry(k);
            if ((pattern == null || Glob.matches(pattern, k.array())) && (type == null || e != null
                    && typeName(e.value).equalsIgnoreCase(type))) {
                kept.add(k);
            }
        }
        return Session.array(List.of(BulkString.of(Long.toUnsignedString(next).getBytes(StandardCharsets.US_ASCII)),
                keyArray(kept)));
    }
}
