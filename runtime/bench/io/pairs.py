"""Summarises `run.sh pairs`: reads lines "round P IMPL COLD WARM SEQ COLD_CPU" from stdin and prints,
per implementation, the median over rounds of its cold and warm figures (and of the process CPU
time of the cold batch) divided by asyncio's of the same round (a round's processes ran back to back, so a ratio within one round is what counts on a
shared machine whose load moves from minute to minute), with the spread of those ratios."""
import statistics
import sys
from collections import defaultdict

rounds = defaultdict(dict)
for line in sys.stdin:
    f = line.split()
    if len(f) == 7 and f[0] == "round":
        rounds[f[1]][f[2]] = (float(f[3]), float(f[4]), float(f[6]))
impls = sorted({i for r in rounds.values() for i in r if i != "asyncio"})
print(f"median of per-round ratios to asyncio over {len(rounds)} rounds (min-max in brackets)")
for impl in impls:
    cold = [r[impl][0] / r["asyncio"][0] for r in rounds.values() if impl in r and "asyncio" in r]
    warm = [r[impl][1] / r["asyncio"][1] for r in rounds.values() if impl in r and "asyncio" in r]
    cpu = [r[impl][2] / r["asyncio"][2] for r in rounds.values() if impl in r and "asyncio" in r]
    if cold:
        print(f"{impl:24s} cold {statistics.median(cold):.2f}x [{min(cold):.2f}-{max(cold):.2f}]"
              f"  warm {statistics.median(warm):.2f}x [{min(warm):.2f}-{max(warm):.2f}]"
              f"  cold-batch CPU {statistics.median(cpu):.2f}x [{min(cpu):.2f}-{max(cpu):.2f}]")
a = [r["asyncio"] for r in rounds.values() if "asyncio" in r]
if a:
    print(f"{"asyncio itself":24s} cold {min(x[0] for x in a):.3f}-{max(x[0] for x in a):.3f} s"
          f"  warm {min(x[1] for x in a):.3f}-{max(x[1] for x in a):.3f} s"
          f"  cold-batch CPU {min(x[2] for x in a):.3f}-{max(x[2] for x in a):.3f} s")
