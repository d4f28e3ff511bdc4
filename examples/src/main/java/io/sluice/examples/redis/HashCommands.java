package io.sluice.examples.redis;

import io.sluice.codec.resp.RespInteger;
import io.sluice.codec.resp.RespMessage;
import io.sluice.codec.resp.SimpleString;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** HSET, HGET, HMSET, HMGET, HDEL, HGETALL, HLEN, HEXISTS, HINCRBY. */
final class HashCommands {
    private HashCommands() {}

    static void register(CommandTable t) {
        t.add("hset", -4, true, (s, a) -> RespInteger.of(set(s, a, "hset")));
        t.add("hmset", -4, true, (s, a) -> {
            set(s, a, "hmset");
            return SimpleString.OK;
        });
        t.add("hget", 3, false, (s, a) -> {
            HashValue hash = s.db.get(a.key(1), HashValue.class);
            return s.bulkOrNil(hash == null ? null : hash.fields.get(a.key(2)));
        });
        t.add("hmget", -3, false, (s, a) -> {
            HashValue hash = s.db.get(a.key(1), HashValue.class);
            List<RespMessage> values = new ArrayList<>();
            for (int i = 2; i < a.size(); i++) {
                values.add(s.bulkOrNil(hash == null ? null : hash.fields.get(a.key(i))));
            }
            return Session.array(values);
        });
        t.add("hdel", -3, true, (s, a) -> {
            Bytes key = a.key(1);
            HashValue hash = s.db.get(key, HashValue.class);
            int removed = 0;
            for (int i = 2; hash != null && i < a.size(); i++) {
                removed += hash.fields.remove(a.key(i)) != null ? 1 : 0;
            }
            if (hash != null) {
                s.db.removeIfEmpty(key, hash.fields.size());
            }
            return RespInteger.of(removed);
        });
        t.add("hgetall", 2, false, (s, a) -> {
            HashValue hash = s.db.get(a.key(1), HashValue.class);
            List<RespMessage> pairs = new ArrayList<>();
            if (hash != null) {
                for (Map.Entry<Bytes, byte[]> e : hash.fields.entrySet()) {
                    pairs.add(Session.bulk(e.getKey().array()));
                    pairs.add(Session.bulk(e.getValue()));
                }
            }
            return s.map(pairs);
        });
        t.add("hlen", 2, false, (s, a) -> {
            HashValue hash = s.db.get(a.key(1), HashValue.class);
            return RespInteger.of(hash == null ? 0 : hash.fields.size());
        });
        t.add("hexists", 3, false, (s, a) -> {
            HashValue hash = s.db.get(a.key(1), HashValue.class);
            return RespInteger.of(hash != null && hash.fields.containsKey(a.key(2)) ? 1 : 0);
        });
        t.add("hincrby", 4, true, (s, a) -> {
            long by = a.integer(3);
            HashValue hash = s.db.getOrCreate(a.key(1), HashValue.class, HashValue::new);
            Bytes field = a.key(2);
            byte[] old = hash.fields.get(field);
            long value;
            try {
                value = old == null ? 0 : Args.parseLong(new String(old, StandardCharsets.US_ASCII));
            } catch (RedisException e) {
                throw new RedisException("ERR hash value is not an integer");
            }
            long sum = value + by;
            if (((value ^ sum) & (by ^ sum)) < 0) {
                throw new RedisException("ERR increment or decrement would overflow");
            }
            s.db.checkGrowth(hash.fields.size() + 1);
            hash.fields.put(field, Long.toString(sum).getBytes(StandardCharsets.US_ASCII));
            return RespInteger.of(sum);
        });
    }

    private static int set(Session s, Args a, String name) {
        if (a.size() % 2 != 0) {
            throw new RedisException("ERR wrong number of arguments for '" + name + "' command");
        }
        HashValue hash = s.db.getOrCreate(a.key(1), HashValue.class, HashValue::new);
        s.db.checkGrowth(hash.fields.size() + (a.size() - 2) / 2);
        int added = 0;
        for (int i = 2; i < a.size(); i += 2) {
            added += hash.fields.put(a.key(i), a.bytes(i + 1)) == null ? 1 : 0;
        }
        return added;
    }
}
