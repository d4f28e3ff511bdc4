package io.sluice.examples.redis;

import io.sluice.codec.resp.RespInteger;
import io.sluice.codec.resp.RespMessage;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/** ZADD (NX/XX/CH/INCR), ZRANGE (by rank, WITHSCORES), ZSCORE, ZREM, ZCARD, ZPOPMIN, ZINCRBY, ZRANK. */
final class ZSetCommands {
    private ZSetCommands() {}

    static void register(CommandTable t) {
        t.add("zadd", -4, true, ZSetCommands::zadd);
        t.add("zincrby", 4, true, (s, a) -> {
            double by = a.number(2);
            ZSetValue zset = s.db.getOrCreate(a.key(1), ZSetValue.class, ZSetValue::new);
            Bytes member = a.key(3);
            Double old = zset.score(member);
            double score = (old == null ? 0 : old) + by;
            if (Double.isNaN(score)) {
                throw new RedisException("ERR resulting score is not a number (NaN)");
            }
            s.db.checkGrowth(zset.size() + 1);
            zset.put(member, score);
            return s.dbl(score);
        });
        t.add("zrange", -4, false, (s, a) -> {
            boolean withScores = false;
            for (int i = 4; i < a.size(); i++) {
                if (!a.is(i, "withscores")) {
                    throw new RedisException(RedisException.SYNTAX);
                }
                withScores = true;
            }
            long start = a.integer(2);
            long stop = a.integer(3);
            ZSetValue zset = s.db.get(a.key(1), ZSetValue.class);
            List<RespMessage> items = new ArrayList<>();
            if (zset != null) {
                long[] r = ListCommands.clamp(start, stop, zset.size());
                Iterator<ZSetValue.Node> it = r[1] < r[0] ? null : zset.range((int) r[0]);
                for (long i = r[0]; it != null && i <= r[1]; i++) {
                    ZSetValue.Node n = it.next();
                    RespMessage member = Session.bulk(n.member().array());
                    // RESP3 pairs each member with its score; RESP2 flattens them
                    items.add(withScores && s.protocol == 3 ? Session.array(List.of(member, s.dbl(n.score()))) : member);
                    if (withScores && s.protocol != 3) {
                        items.add(s.dbl(n.score()));
                    }
                }
            }
            return Session.array(items);
        });
        t.add("zscore", 3, false, (s, a) -> {
            ZSetValue zset = s.db.get(a.key(1), ZSetValue.class);
            Double score = zset == null ? null : zset.score(a.key(2));
            return score == null ? s.nil() : s.dbl(score);
        });
        t.add("zrem", -3, true, (s, a) -> {
            Bytes key = a.key(1);
            ZSetValue zset = s.db.get(key, ZSetValue.class);
            int removed = 0;
            for (int i = 2; zset != null && i < a.size(); i++) {
                removed += zset.remove(a.key(i)) ? 1 : 0;
            }
            if (zset != null) {
                s.db.removeIfEmpty(key, zset.size());
            }
            return RespInteger.of(removed);
        });
        t.add("zcard", 2, false, (s, a) -> {
            ZSetValue zset = s.db.get(a.key(1), ZSetValue.class);
            return RespInteger.of(zset == null ? 0 : zset.size());
        });
        t.add("zpopmin", -2, true, (s, a) -> {
            if (a.size() > 3) {
                throw new RedisException(RedisException.SYNTAX);
            }
            int count = a.size() == 3 ? a.integer(2, 0, Integer.MAX_VALUE, "ERR value is out of range, must be positive") : 1;
            Bytes key = a.key(1);
            ZSetValue zset = s.db.get(key, ZSetValue.class);
            List<RespMessage> items = new ArrayList<>();
            for (int i = 0; zset != null && i < count && zset.size() > 0; i++) {
                ZSetValue.Node n = zset.pollFirst();
                items.add(Session.bulk(n.member().array()));
                items.add(s.dbl(n.score()));
            }
            if (zset != null) {
                s.db.removeIfEmpty(key, zset.size());
            }
            return Session.array(items);
        });
        t.add("zrank", 3, false, (s, a) -> {
            ZSetValue zset = s.db.get(a.key(1), ZSetValue.class);
            int rank = zset == null ? -1 : zset.rank(a.key(2));
            return rank < 0 ? s.nil() : RespInteger.of(rank);
        });
    }

    private static RespMessage zadd(Session s, Args a) {
        boolean nx = false;
        boolean xx = false;
        boolean ch = false;
        boolean incr = false;
        int i = 2;
        for (; i < a.size(); i++) {
            if (a.is(i, "nx")) {
                nx = true;
            } else if (a.is(i, "xx")) {
                xx = true;
            } else if (a.is(i, "ch")) {
                ch = true;
            } else if (a.is(i, "incr")) {
                incr = true;
            } else {
                break;
            }
        }
        int pairs = a.size() - i;
        if (pairs == 0 || pairs % 2 != 0) {
            throw new RedisException(RedisException.SYNTAX);
        }
        if (nx && xx) {
            throw new RedisException("ERR XX and NX options at the same time are not compatible");
        }
        if (incr && pairs != 2) {
            throw new RedisException("ERR INCR option supports a single increment-element pair");
        }
        double[] scores = new double[pairs / 2];
        for (int k = 0; k < scores.length; k++) {
            scores[k] = a.number(i + 2 * k); // every score checked before anything changes
        }
        Bytes key = a.key(1);
        ZSetValue zset = s.db.get(key, ZSetValue.class);
        if (zset == null) {
            if (xx) {
                return incr ? s.nil() : RespInteger.of(0);
            }
            zset = s.db.getOrCreate(key, ZSetValue.class, ZSetValue::new);
        }
        s.db.checkGrowth(zset.size() + scores.length);
        int changed = 0;
        double last = 0;
        for (int k = 0; k < scores.length; k++) {
            Bytes member = a.key(i + 2 * k + 1);
            Double old = zset.score(member);
            if (nx && old != null || xx && old == null) {
                if (incr) {
                    s.db.removeIfEmpty(key, zset.size());
                    return s.nil();
                }
                continue;
            }
            double score = incr ? (old == null ? 0 : old) + scores[k] : scores[k];
            last = score;
            boolean added = zset.put(member, score);
            changed += added || ch && old != score ? 1 : 0;
        }
        s.db.removeIfEmpty(key, zset.size());
        return incr ? s.dbl(last) : RespInteger.of(changed);
    }
}
