package io.sluice.examples.redis;

import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeSet;

/** A sorted set: members by score (then by member bytes), and each member's score. */
final class ZSetValue {
    /** One member with its score, as ordered in the set. */
    record Node(double score, Bytes member) {}

    private static final Comparator<Node> ORDER = Comparator.comparingDouble(Node::score).thenComparing(Node::member);

    private final Map<Bytes, Double> scores = new HashMap<>();
    private final TreeSet<Node> ordered = new TreeSet<>(ORDER);

    int size() {
        return scores.size();
    }

    Double score(Bytes member) {
        return scores.get(member);
    }

    /** Sets {@code member}'s score; returns whether it is new. */
    boolean put(Bytes member, double score) {
        Double old = scores.put(member, score);
        if (old != null) {
            ordered.remove(new Node(old, member));
        }
        ordered.add(new Node(score, member));
        return old == null;
    }

    boolean remove(Bytes member) {
        Double old = scores.remove(member);
        if (old == null) {
            return false;
        }
        ordered.remove(new Node(old, member));
        return true;
    }

    /** The members from rank {@code from} to {@code to} inclusive (already clamped). */
    Iterator<Node> range(int from) {
        Iterator<Node> it = ordered.iterator();
        for (int i = 0; i < from; i++) {
            it.next();
        }
        return it;
    }

    Node pollFirst() {
        Node first = ordered.pollFirst();
        if (first != null) {
            scores.remove(first.member());
        }
        return first;
    }

    /** The 0-based rank of {@code member}, or -1. */
    int rank(Bytes member) {
        Double score = scores.get(member);
        return score == null ? -1 : ordered.headSet(new Node(score, member)).size();
    }
}
