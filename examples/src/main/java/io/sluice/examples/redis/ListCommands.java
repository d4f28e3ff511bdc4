package io.sluice.examples.redis;

import io.sluice.codec.resp.RespInteger;
import io.sluice.codec.resp.RespMessage;
import io.sluice.codec.resp.SimpleString;
import java.util.ArrayList;
import java.util.List;

/** LPUSH, RPUSH, LPOP, RPOP (with count), LLEN, LRANGE, LINDEX, LSET, LTRIM. */
final class ListCommands {
    private ListCommands() {}

    static void register(CommandTable t) {
        t.add("lpush", -3, true, (s, a) -> push(s, a, true));
        t.add("rpush", -3, true, (s, a) -> push(s, a, false));
        t.add("lpop", -2, true, (s, a) -> pop(s, a, true));
        t.add("rpop", -2, true, (s, a) -> pop(s, a, false));
        t.add("llen", 2, false, (s, a) -> {
            ListValue list = s.db.get(a.key(1), ListValue.class);
            return RespInteger.of(list == null ? 0 : list.size());
        });
        t.add("lrange", 4, false, (s, a) -> {
            long start = a.integer(2);
            long stop = a.integer(3);
            ListValue list = s.db.get(a.key(1), ListValue.class);
            List<RespMessage> items = new ArrayList<>();
            if (list != null) {
                long[] r = clamp(start, stop, list.size());
                for (long i = r[0]; i <= r[1]; i++) {
                    items.add(Session.bulk(list.get((int) i)));
                }
            }
            return Session.array(items);
        });
        t.add("lindex", 3, false, (s, a) -> {
            long index = a.integer(2);
            ListValue list = s.db.get(a.key(1), ListValue.class);
            if (list == null) {
                return s.nil();
            }
            long i = index < 0 ? list.size() + index : index;
            return i < 0 || i >= list.size() ? s.nil() : Session.bulk(list.get((int) i));
        });
        t.add("lset", 4, true, (s, a) -> {
            long index = a.integer(2);
            ListValue list = s.db.get(a.key(1), ListValue.class);
            if (list == null) {
                throw new RedisException("ERR no such key");
            }
            long i = index < 0 ? list.size() + index : index;
            if (i < 0 || i >= list.size()) {
                throw new RedisException("ERR index out of range");
            }
            list.set((int) i, a.bytes(3));
            return SimpleString.OK;
        });
        t.add("ltrim", 4, true, (s, a) -> {
            long start = a.integer(2);
            long stop = a.integer(3);
            Bytes key = a.key(1);
            ListValue list = s.db.get(key, ListValue.class);
            if (list != null) {
                long[] r = clamp(start, stop, list.size());
                list.trim((int) r[0], (int) r[1]);
                s.db.removeIfEmpty(key, list.size());
            }
            return SimpleString.OK;
        });
    }

    /** Redis' index range rule: negatives count from the end; returns {from, to} within the list (to < from: empty). */
    static long[] clamp(long start, long stop, int size) {
        if (start < 0) {
            start = Math.max(0, size + start);
        }
        if (stop < 0) {
            stop = size + stop;
        }
        stop = Math.min(stop, size - 1L);
        return start > stop ? new long[] {0, -1} : new long[] {start, stop};
    }

    private static RespMessage push(Session s, Args a, boolean left) {
        ListValue list = s.db.getOrCreate(a.key(1), ListValue.class, ListValue::new);
        s.db.checkGrowth(list.size() + a.size() - 2);
        for (int i = 2; i < a.size(); i++) {
            if (left) {
                list.addFirst(a.bytes(i));
            } else {
                list.addLast(a.bytes(i));
            }
        }
        return RespInteger.of(list.size());
    }

    private static RespMessage pop(Session s, Args a, boolean left) {
        if (a.size() > 3) {
            throw new RedisException(RedisException.SYNTAX);
        }
        int count = a.size() == 3 ? a.integer(2, 0, Integer.MAX_VALUE, "ERR value is out of range, must be positive") : -1;
        Bytes key = a.key(1);
        ListValue list = s.db.get(key, ListValue.class);
        if (list == null) {
            return count < 0 ? s.nil() : s.nilArray();
        }
        RespMessage reply;
        if (count < 0) {
            reply = Session.bulk(left ? list.removeFirst() : list.removeLast());
        } else {
            List<RespMessage> items = new ArrayList<>();
            for (int i = 0; i < count && list.size() > 0; i++) {
                items.add(Session.bulk(left ? list.removeFirst() : list.removeLast()));
            }
            reply = Session.array(items);
        }
        s.db.removeIfEmpty(key, list.size());
        return reply;
    }
}
