package io.sluice.examples.redis;

/**
 * Redis' glob patterns (KEYS, SCAN MATCH): {@code *} any run, {@code ?} one byte, {@code [abc]},
 * {@code [^a]}, {@code [a-z]}, and {@code \x} for a literal. Iterative: a {@code *} is retried
 * from the last star only, so no pattern takes exponential time.
 */
final class Glob {
    private Glob() {}

    static boolean matches(byte[] p, byte[] s) {
        int pi = 0;
        int si = 0;
        int starP = -1;
        int starS = 0;
        while (si < s.length) {
            if (pi < p.length && p[pi] == '*') {
                starP = pi++;
                starS = si;
                continue;
            }
            if (pi < p.length) {
                int next = matchOne(p, pi, s[si]);
                if (next >= 0) {
                    pi = next;
                    si++;
                    continue;
                }
            }
            if (starP < 0) {
                return false;
            }
            pi = starP + 1; // let the last star take one more byte
            si = ++starS;
        }
        while (pi < p.length && p[pi] == '*') {
            pi++;
        }
        return pi == p.length;
    }

    /** If {@code p[pi..]}'s first element matches {@code c}, the index after it; else -1. */
    private static int matchOne(byte[] p, int pi, byte c) {
        byte b = p[pi];
        if (b == '?') {
            return pi + 1;
        }
        if (b == '\\' && pi + 1 < p.length) {
            return p[pi + 1] == c ? pi + 2 : -1;
        }
        if (b != '[') {
            return b == c ? pi + 1 : -1;
        }
        int i = pi + 1;
        boolean negate = i < p.length && p[i] == '^';
        if (negate) {
            i++;
        }
        boolean found = false;
        while (i < p.length && p[i] != ']') {
            if (p[i] == '\\' && i + 1 < p.length) {
                found |= p[i + 1] == c;
                i += 2;
            } else if (i + 2 < p.length && p[i + 1] == '-' && p[i + 2] != ']') {
                int lo = Math.min(p[i] & 0xff, p[i + 2] & 0xff);
                int hi = Math.max(p[i] & 0xff, p[i + 2] & 0xff);
                found |= (c & 0xff) >= lo && (c & 0xff) <= hi;
                i += 3;
            } else {
                found |= p[i] == c;
                i++;
            }
        }
        return found != negate ? Math.min(i + 1, p.length) : -1;
    }
}
