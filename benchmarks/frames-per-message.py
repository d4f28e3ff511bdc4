#!/usr/bin/env python3
"""Server CPU per message by leaf frame, from async-profiler's collapsed stacks (run-e2e.sh
native-profile). Each line of a collapsed file is 'frame;frame;...;leaf COUNT'; a sample is
INTERVAL_US of CPU time, so a leaf's samples * interval / messages is its microseconds per message.
Kernel frames end in _[k]; frames the JIT inlined end in _[i].

With two or more files, also prints each leaf's difference from the last file (the baseline,
say the bare java.nio loop), largest first: where the first server spends more per message.

Usage: python3 benchmarks/frames-per-message.py INTERVAL_US TOP NAME=FILE:MESSAGES [...]"""
import collections, sys


def load(path):
    leaves, total, user = collections.Counter(), 0, 0
    for line in open(path):
        stack, _, count = line.rstrip('\n').rpartition(' ')
        if not count.isdigit():
            continue
        n = int(count)
        leaf = stack.split(';')[-1]
        leaves[leaf] += n
        total += n
        if not leaf.endswith('_[k]'):
            user += n
    return leaves, total, user


def main():
    interval, top = float(sys.argv[1]), int(sys.argv[2])
    runs = []
    for arg in sys.argv[3:]:
        name, _, rest = arg.partition('=')
        path, _, msgs = rest.rpartition(':')
        leaves, total, user = load(path)
        per = interval / float(msgs)  # us of CPU per sample, per message
        runs.append((name, {k: v * per for k, v in leaves.items()}, total * per, user * per))
    for name, leaves, total, user in runs:
        print(f"{name}: {total:.3f} us/msg sampled: kernel {total - user:.3f}, user space {user:.3f}")
        for leaf, us in sorted(leaves.items(), key=lambda kv: -kv[1])[:top]:
            print(f"  {us:7.3f} us/msg  {leaf}")
    if len(runs) > 1:
        base_name, base, _, _ = runs[-1]
        for name, leaves, _, _ in runs[:-1]:
            print(f"{name} minus {base_name}, per message (largest differences first):")
            keys = set(leaves) | set(base)
            diff = sorted(keys, key=lambda k: -(leaves.get(k, 0) - base.get(k, 0)))
            for leaf in diff[:top]:
                print(f"  {leaves.get(leaf, 0) - base.get(leaf, 0):+7.3f} us/msg  {leaf}")


if __name__ == '__main__':
    main()
