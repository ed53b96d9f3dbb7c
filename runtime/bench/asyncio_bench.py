"""The CPython asyncio side of jaio's runtime benchmarks (stdlib only).

Usage: python3 asyncio_bench.py W1|W1e|W2|W3 [n=..] [warmup=..] [rounds=..]
Prints "RESULT <workload> <key> <value>" lines that run.sh reads.
"""
import asyncio
import gc
import os
import statistics
import sys
import time


def arg(name, default):
    for a in sys.argv[2:]:
        if a.startswith(name + "="):
            return int(a[len(name) + 1:])
    return default


def result(workload, key, value):
    print(f"RESULT {workload} {key} {value:.4f}", flush=True)


def rounds_line(workload, unit, measured):
    print(f"# {workload} rounds ({unit}): " + " ".join(f"{d:.3f}" for d in measured), flush=True)


def rss_bytes():
    """Resident set size now (not the peak), after a full collection: /proc/self/statm."""
    gc.collect()
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


async def w1(workload="W1"):
    n, warmup, rounds = arg("n", 100_000), arg("warmup", 5), arg("rounds", 10)

    async def one():
        await asyncio.sleep(0)

    measured = []
    for r in range(-warmup, rounds):
        t0 = time.perf_counter()
        tasks = [asyncio.create_task(one()) for _ in range(n)]
        await asyncio.gather(*tasks)
        per_task = (time.perf_counter() - t0) * 1e6 / n
        if r >= 0:
            measured.append(per_task)
    rounds_line(workload, "us/task", measured)
    result(workload, "us_per_task", statistics.median(measured))


async def w1e():
    """W1 with eager tasks: each body runs inside create_task up to its sleep(0)."""
    asyncio.get_running_loop().set_task_factory(asyncio.eager_task_factory)
    await w1("W1e")


async def w2():
    # mem=1: sample RSS 0.5 s after the last task was created (gc.collect() with a million tasks
    # takes a while, so the wall time is taken from a run without sampling, mem=0).
    n, mem = arg("n", 1_000_000), arg("mem", 1)
    baseline = rss_bytes() if mem else 0
    peak = [0]

    def sample():
        sampled = time.perf_counter()
        if mem:
            peak[0] = rss_bytes()
        print(f"# W2 phases: tasks created at {created - t0:.2f} s, all first steps done by {sampled - t0:.2f} s,"
              f" sampling took {time.perf_counter() - sampled:.2f} s", flush=True)

    t0 = time.perf_counter()
    tasks = [asyncio.create_task(asyncio.sleep(1)) for _ in range(n)]
    created = time.perf_counter()
    asyncio.get_running_loop().call_later(0.5 if mem else 0, sample)
    await asyncio.gather(*tasks)
    wall = time.perf_counter() - t0
    if mem:
        result("W2", "bytes_per_task", (peak[0] - baseline) / n)
    else:
        result("W2", "wall_s", wall)


async def w3():
    n, warmup, rounds = arg("n", 1_000_000), arg("warmup", 2), arg("rounds", 5)
    measured = []
    for r in range(-warmup, rounds):
        ping, pong = asyncio.Queue(), asyncio.Queue()

        async def pinger():
            for i in range(n):
                await ping.put(i)
                await pong.get()

        async def ponger():
            for _ in range(n):
                x = await ping.get()
                await pong.put(x)

        t0 = time.perf_counter()
        await asyncio.gather(asyncio.create_task(pinger()), asyncio.create_task(ponger()))
        per_trip = (time.perf_counter() - t0) * 1e6 / n
        if r >= 0:
            measured.append(per_trip)
    rounds_line("W3", "us/round trip", measured)
    result("W3", "us_per_round_trip", statistics.median(measured))


if __name__ == "__main__":
    print(f"# python {sys.version.split()[0]}", flush=True)
    asyncio.run({"W1": w1, "W1e": w1e, "W2": w2, "W3": w3}[sys.argv[1]]())
