package io.sluice.examples.redis;

import io.sluice.codec.resp.BulkString;
import io.sluice.codec.resp.RespAggregate;
import io.sluice.codec.resp.RespDouble;
import io.sluice.codec.resp.RespMessage;
import io.sluice.codec.resp.RespNull;
import io.sluice.codec.resp.RespType;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * One connection's state (protocol version, name, id, an open MULTI) and the replies whose shape
 * depends on the protocol: RESP3 gets nulls, maps, sets and doubles, RESP2 their RESP2 forms.
 * Thread: the connection's event loop.
 */
final class Session {
    final long id;
    final Keyspace db;
    int protocol = 2;
    String name;
    /** Requests queued since MULTI (retained), or null outside MULTI. */
    List<RespAggregate> queued;
    /** A command could not be queued: EXEC will abort. */
    boolean queueFailed;
    /** QUIT was received: close after replying. */
    boolean quit;

    Session(long id, Keyspace db) {
        this.id = id;
        this.db = db;
    }

    RespMessage nil() {
        return protocol == 3 ? RespNull.NULL : RespNull.BULK_STRING;
    }

    RespMessage nilArray() {
        return protocol == 3 ? RespNull.NULL : RespNull.ARRAY;
    }

    RespMessage bulkOrNil(byte[] value) {
        return value == null ? nil() : BulkString.of(value);
    }

    static RespMessage bulk(byte[] value) {
        return BulkString.of(value);
    }

    static RespMessage array(List<RespMessage> items) {
        return RespAggregate.array(items);
    }

    /** Key-value pairs: a RESP3 map, or a flat RESP2 array. */
    RespMessage map(List<RespMessage> pairs) {
        return RespAggregate.of(protocol == 3 ? RespType.MAP : RespType.ARRAY, pairs);
    }

    RespMessage set(List<RespMessage> members) {
        return RespAggregate.of(protocol == 3 ? RespType.SET : RespType.ARRAY, members);
    }

    RespMessage dbl(double value) {
        return protocol == 3 ? RespDouble.of(value) : bulk(formatDouble(value).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }

    /** Bulk strings of {@code values}. */
    static List<RespMessage> bulks(Iterable<byte[]> values) {
        List<RespMessage> items = new ArrayList<>();
        for (byte[] v : values) {
            items.add(BulkString.of(v));
        }
        return items;
    }

    /** A double as Redis writes it: integers without a fraction, others in their shortest form. */
    static String formatDouble(double value) {
        if (Double.isInfinite(value)) {
            return value > 0 ? "inf" : "-inf";
        }
        if (value == Math.rint(value) && Math.abs(value) < 1e17) {
            return Long.toString((long) value);
        }
        return new BigDecimal(Double.toString(value)).stripTrailingZeros().toPlainString();
    }
}
