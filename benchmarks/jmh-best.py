#!/usr/bin/env python3
"""The best iteration of each benchmark in JMH JSON results (-rf json -rff FILE): the highest for
throughput (the 'frames' counter when there is one), the lowest for average time. On a machine
loaded by other work the least disturbed iteration is a steadier figure than the mean. Prints
Sluice / Netty for each set of parameters that has both (the 'impl' parameter).

Usage: python3 benchmarks/jmh-best.py results.json [more.json ...]"""
import json, sys
rows = {}
for f in sys.argv[1:]:
    for b in json.load(open(f)):
        params = dict(b.get('params', {}))
        impl = params.pop('impl', None)
        mode = b['mode']
        # prefer the 'frames' secondary metric when present
        metric = b['primaryMetric']
        if 'frames' in b.get('secondaryMetrics', {}):
            metric = b['secondaryMetrics']['frames']
        raw = [x for fork in metric['rawData'] for x in fork]
        best = max(raw) if mode == 'thrpt' else min(raw)
        key = (b['benchmark'].split('.')[-1], tuple(sorted(params.items())))
        rows.setdefault(key, {})[impl] = (best, metric['scoreUnit'])
for key, impls in sorted(rows.items()):
    s = impls.get('sluice'); n = impls.get('netty')
    line = f"{key[0]} {dict(key[1])}: " + ", ".join(f"{k} {v[0]:.3f} {v[1]}" for k, v in impls.items())
    if s and n:
        line += f"  sluice/netty {s[0] / n[0]:.2f}"
    print(line)
