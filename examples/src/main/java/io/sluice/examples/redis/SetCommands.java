package io.sluice.examples.redis;

import io.sluice.codec.resp.RespInteger;
import io.sluice.codec.resp.RespMessage;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/** SADD, SREM, SMEMBERS, SISMEMBER, SCARD, SPOP (with count). */
final class SetCommands {
    private SetCommands() {}

    static void register(CommandTable t) {
        t.add("sadd", -3, true, (s, a) -> {
            SetValue set = s.db.getOrCreate(a.key(1), SetValue.class, SetValue::new);
            s.db.checkGrowth(set.members.size() + a.size() - 2);
            int added = 0;
            for (int i = 2; i < a.size(); i++) {
                added += set.members.add(a.key(i)) ? 1 : 0;
            }
            return RespInteger.of(added);
        });
        t.add("srem", -3, true, (s, a) -> {
            Bytes key = a.key(1);
            SetValue set = s.db.get(key, SetValue.class);
            int removed = 0;
            for (int i = 2; set != null && i < a.size(); i++) {
                removed += set.members.remove(a.key(i)) ? 1 : 0;
            }
            if (set != null) {
                s.db.removeIfEmpty(key, set.members.size());
            }
            return RespInteger.of(removed);
        });
        t.add("smembers", 2, false, (s, a) -> {
            SetValue set = s.db.get(a.key(1), SetValue.class);
            return s.set(set == null ? new ArrayList<>() : members(set.members));
        });
        t.add("sismember", 3, false, (s, a) -> {
            SetValue set = s.db.get(a.key(1), SetValue.class);
            return RespInteger.of(set != null && set.members.contains(a.key(2)) ? 1 : 0);
        });
        t.add("scard", 2, false, (s, a) -> {
            SetValue set = s.db.get(a.key(1), SetValue.class);
            return RespInteger.of(set == null ? 0 : set.members.size());
        });
        t.add("spop", -2, true, (s, a) -> {
            if (a.size() > 3) {
                throw new RedisException(RedisException.SYNTAX);
            }
            int count = a.size() == 3 ? a.integer(2, 0, Integer.MAX_VALUE, "ERR value is out of range, must be positive") : -1;
            Bytes key = a.key(1);
            SetValue set = s.db.get(key, SetValue.class);
            if (set == null) {
                return count < 0 ? s.nil() : s.set(new ArrayList<>());
            }
            List<Bytes> popped = new ArrayList<>();
            Iterator<Bytes> it = set.members.iterator(); // hash order: as good as random for a client
            for (int i = 0; i < Math.max(count, 1) && it.hasNext(); i++) {
                popped.add(it.next());
                it.remove();
            }
            s.db.removeIfEmpty(key, set.members.size());
            return count < 0 ? Session.bulk(popped.get(0).array()) : s.set(members(popped));
        });
    }

    static List<RespMessage> members(Iterable<Bytes> members) {
        List<RespMessage> items = new ArrayList<>();
        for (Bytes m : members) {
            items.add(Session.bulk(m.array()));
        }
        return items;
    }
}
