package io.sluice.codec.resp;

import io.sluice.buffer.IllegalReferenceCountException;
import io.sluice.buffer.ReferenceCounted;
import io.sluice.buffer.ReferenceCounting;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;

/**
 * A value holding other values: an array ({@code *}), or RESP3's set ({@code ~}), push
 * ({@code >}), map ({@code %}) or attribute ({@code |}). A map's or attribute's children alternate
 * key, value, key, value; its wire count is the number of pairs.
 *
 * <p>Ownership: the aggregate owns its children and has a reference count of its own, starting
 * at 1; when it drops to 0 every reference-counted child is released once. Thread-safe counting.
 * Decoded aggregates are never nested deeper than the decoder's limit; the decoder builds them
 * without recursion.
 */
public final class RespAggregate implements RespMessage, ReferenceCounted {
    private static final AtomicIntegerFieldUpdater<RespAggregate> REF_CNT =
            AtomicIntegerFieldUpdater.newUpdater(RespAggregate.class, "refCnt");

    private final RespType type;
    private final List<RespMessage> children;
    /** The reference count; updated through {@link #REF_CNT} only. */
    private volatile int refCnt = 1;

    private RespAggregate(RespType type, List<RespMessage> children) {
        this.type = type;
        this.children = children;
    }

    /**
     * Returns an aggregate of {@code type} owning {@code children} (the list is kept, not copied).
     *
     * @throws IllegalArgumentException if {@code type} is not an aggregate type, or if a map or
     *     attribute has an odd number of children
     */
    public static RespAggregate of(RespType type, List<RespMessage> children) {
        Objects.requireNonNull(children, "children");
        if (!Objects.requireNonNull(type, "type").isAggregate()) {
            throw new IllegalArgumentException("type: " + type + " (expected: ARRAY, SET, PUSH, MAP or ATTRIBUTE)");
        }
        if ((type == RespType.MAP || type == RespType.ATTRIBUTE) && (children.size() & 1) != 0) {
            throw new IllegalArgumentException("children of a " + type + ": " + children.size()
                    + " (expected: an even number, key then value)");
        }
        return new RespAggregate(type, children);
    }

    /** Returns an array owning {@code children}. */
    public static RespAggregate array(List<RespMessage> children) {
        return of(RespType.ARRAY, children);
    }

    /** Returns an array owning {@code children}. */
    public static RespAggregate array(RespMessage... children) {
        return of(RespType.ARRAY, List.of(children));
    }

    @Override
    public RespType type() {
        return type;
    }

    /** Returns the children, in wire order (for a map: key, value, key, value...). */
    public List<RespMessage> children() {
        return children;
    }

    /** Returns the number of children. */
    public int size() {
        return children.size();
    }

    /** Returns the child at {@code index}. */
    public RespMessage get(int index) {
        return children.get(index);
    }

    @Override
    public int refCnt() {
        return refCnt;
    }

    @Override
    public RespAggregate retain() {
        return retain(1);
    }

    @Override
    public RespAggregate retain(int increment) {
        if (increment <= 0) {
            throw new IllegalArgumentException("increment: " + increment + " (expected: > 0)");
        }
        for (;;) {
            int count = refCnt;
            if (count == 0 || count + increment < 0) {
                throw new IllegalReferenceCountException("refCnt: " + count + " (expected: > 0 to retain " + increment + ")");
            }
            if (REF_CNT.compareAndSet(this, count, count + increment)) {
                return this;
            }
        }
    }

    @Override
    public boolean release() {
        return release(1);
    }

    @Override
    public boolean release(int decrement) {
        if (decrement <= 0) {
            throw new IllegalArgumentException("decrement: " + decrement + " (expected: > 0)");
        }
        for (;;) {
            int count = refCnt;
            if (count < decrement) {
                throw new IllegalReferenceCountException("refCnt: " + count + " (expected: >= " + decrement + " to release)");
            }
            if (REF_CNT.compareAndSet(this, count, count - decrement)) {
                if (count == decrement) {
                    for (RespMessage child : children) {
                        ReferenceCounting.release(child);
                    }
                    return true;
                }
                return false;
            }
        }
    }

    @Override
    public RespAggregate touch() {
        return touch(null);
    }

    @Override
    public RespAggregate touch(Object hint) {
        for (RespMessage child : children) {
            ReferenceCounting.touch(child, hint);
        }
        return this;
    }

    @Override
    public String toString() {
        return type + children.toString();
    }
}
