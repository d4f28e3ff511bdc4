package io.sluice.examples.redis;

import io.sluice.codec.resp.RespInteger;
import io.sluice.codec.resp.RespMessage;
import io.sluice.codec.resp.SimpleString;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** GET, SET (EX/PX/EXAT/PXAT/NX/XX/GET/KEEPTTL), GETSET, GETDEL, MSET, MGET, INCR and friends, APPEND, STRLEN. */
final class StringCommands {
    private StringCommands() {}

    static void register(CommandTable t) {
        t.add("get", 2, false, (s, a) -> s.bulkOrNil(s.db.get(a.key(1), byte[].class)));
        t.add("set", -3, true, StringCommands::set);
        t.add("getset", 3, true, (s, a) -> {
            Bytes key = a.key(1);
            byte[] old = s.db.get(key, byte[].class);
            s.db.put(key, a.bytes(2));
            return s.bulkOrNil(old);
        });
        t.add("getdel", 2, true, (s, a) -> {
            Bytes key = a.key(1);
            byte[] old = s.db.get(key, byte[].class);
            if (old != null) {
                s.db.remove(key);
            }
            return s.bulkOrNil(old);
        });
        t.add("mset", -3, true, (s, a) -> {
            if (a.size() % 2 == 0) {
                throw new RedisException("ERR wrong number of arguments for 'mset' command");
            }
            for (int i = 1; i < a.size(); i += 2) {
                s.db.put(a.key(i), a.bytes(i + 1));
            }
            return SimpleString.OK;
        });
        t.add("mget", -2, false, (s, a) -> {
            List<RespMessage> values = new ArrayList<>();
            for (int i = 1; i < a.size(); i++) {
                Keyspace.Entry e = s.db.entry(a.key(i));
                values.add(e != null && e.value instanceof byte[] v ? Session.bulk(v) : s.nil());
            }
            return Session.array(values);
        });
        t.add("incr", 2, true, (s, a) -> incrBy(s, a.key(1), 1));
        t.add("decr", 2, true, (s, a) -> incrBy(s, a.key(1), -1));
        t.add("incrby", 3, true, (s, a) -> incrBy(s, a.key(1), a.integer(2)));
        t.add("decrby", 3, true, (s, a) -> {
            long by = a.integer(2);
            if (by == Long.MIN_VALUE) {
                throw new RedisException("ERR decrement would overflow");
            }
            return incrBy(s, a.key(1), -by);
        });
        t.add("incrbyfloat", 3, true, (s, a) -> {
            Bytes key = a.key(1);
            Keyspace.Entry e = s.db.entry(key);
            byte[] old = s.db.get(key, byte[].class);
            double value = old == null ? 0 : Args.parseDouble(new String(old, StandardCharsets.US_ASCII), RedisException.NOT_FLOAT);
            double sum = value + a.number(2);
            if (Double.isNaN(sum) || Double.isInfinite(sum)) {
                throw new RedisException("ERR increment would produce NaN or Infinity");
            }
            byte[] text = Session.formatDouble(sum).getBytes(StandardCharsets.US_ASCII);
            keepTtl(s, key, e, text);
            return Session.bulk(text);
        });
        t.add("append", 3, true, (s, a) -> {
            Bytes key = a.key(1);
            Keyspace.Entry e = s.db.entry(key);
            byte[] old = s.db.get(key, byte[].class);
            byte[] tail = a.bytes(2);
            byte[] joined = old == null ? tail : new byte[old.length + tail.length];
            if (old != null) {
                System.arraycopy(old, 0, joined, 0, old.length);
                System.arraycopy(tail, 0, joined, old.length, tail.length);
            }
            keepTtl(s, key, e, joined);
            return RespInteger.of(joined.length);
        });
        t.add("strlen", 2, false, (s, a) -> {
            byte[] v = s.db.get(a.key(1), byte[].class);
            return RespInteger.of(v == null ? 0 : v.length);
        });
    }

    /** Replaces a string value, keeping the key's time to live. */
    private static void keepTtl(Session s, Bytes key, Keyspace.Entry e, byte[] value) {
        if (e != null) {
            e.value = value;
        } else {
            s.db.put(key, value);
        }
    }

    private static RespMessage incrBy(Session s, Bytes key, long by) {
        Keyspace.Entry e = s.db.entry(key);
        byte[] old = s.db.get(key, byte[].class);
        long value = old == null ? 0 : Args.parseLong(new String(old, StandardCharsets.US_ASCII));
        long sum = value + by;
        if (((value ^ sum) & (by ^ sum)) < 0) {
            throw new RedisException("ERR increment or decrement would overflow");
        }
        keepTtl(s, key, e, Long.toString(sum).getBytes(StandardCharsets.US_ASCII));
        return RespInteger.of(sum);
    }

    private static RespMessage set(Session s, Args a) {
        boolean nx = false;
        boolean xx = false;
        boolean get = false;
        boolean keepTtl = false;
        long expireAt = Long.MAX_VALUE;
        boolean expiry = false;
        for (int i = 3; i < a.size(); i++) {
            if (a.is(i, "nx")) {
                nx = true;
            } else if (a.is(i, "xx")) {
                xx = true;
            } else if (a.is(i, "get")) {
                get = true;
            } else if (a.is(i, "keepttl")) {
                keepTtl = true;
            } else if ((a.is(i, "ex") || a.is(i, "px") || a.is(i, "exat") || a.is(i, "pxat")) && i + 1 < a.size() && !expiry) {
                expiry = true;
                long n = a.integer(i + 1);
                if (n <= 0) {
                    throw new RedisException("ERR invalid expire time in 'set' command");
                }
                expireAt = KeyCommands.deadline(s, a.string(i).toLowerCase(java.util.Locale.ROOT), n);
                i++;
            } else {
                throw new RedisException(RedisException.SYNTAX);
            }
        }
        if (nx && xx || keepTtl && expiry) {
            throw new RedisException(RedisException.SYNTAX);
        }
        Bytes key = a.key(1);
        Keyspace.Entry e = s.db.entry(key);
        byte[] old = null;
        if (get && e != null) {
            old = s.db.get(key, byte[].class); // WRONGTYPE before anything changes
        }
        if (nx && e != null || xx && e == null) {
            return get ? s.bulkOrNil(old) : s.nil();
        }
        long ttl = keepTtl && e != null ? e.expiresAt : Long.MAX_VALUE;
        Keyspace.Entry written = s.db.put(key, a.bytes(2));
        if (ttl != Long.MAX_VALUE || expiry) {
            s.db.expireAt(key, written, expiry ? expireAt : ttl);
        }
        return get ? s.bulkOrNil(old) : SimpleString.OK;
    }
}
