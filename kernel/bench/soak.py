#!/usr/bin/env python3
"""Soak: runs N mixed cells (await, tasks, declarations, output) through a real kernel with
jupyter_client and reports RSS and per-cell latency over time, for jaio and, side by side, ipykernel.

    install/install.sh --prefix /tmp/jp && export JUPYTER_PATH=/tmp/jp/share/jupyter
    /usr/bin/python3 kernel/bench/soak.py --kernel jaio --cells 3000 [--only-await] [--out jaio.json]
    /usr/bin/python3 kernel/bench/soak.py --kernel python3 --cells 3000

Prints RSS at cell 300 and at the last cell, their ratio (target <= 1.10), and the p50 of the first
and the last 100 cells (target: last <= 1.2x first). The machine may be shared: compare runs of one
session only.
"""
import argparse
import json
import statistics
import sys
import time

from jupyter_client.manager import start_new_kernel

JAVA_CELLS = [
    "await sleep(0.001);",
    "var t = createTask(sleep(0.001, {i})); await t",
    "int x = {i};",
    "System.out.println(\"line \" + {i});",
    "var tasks = new ArrayList<Task<Integer>>(); for (int k = 0; k < 5; k++) tasks.add(createTask(sleep(0.001, k)));\nawait gather(tasks.toArray(new Task[0]));",
    "String s = \"cell \" + {i}; s.length()",
]
PY_CELLS = [
    "await asyncio.sleep(0.001)",
    "t = asyncio.create_task(asyncio.sleep(0.001, {i})); await t",
    "x = {i}",
    "print('line', {i})",
    "tasks = [asyncio.create_task(asyncio.sleep(0.001, k)) for k in range(5)]\nawait asyncio.gather(*tasks)",
    "s = 'cell ' + str({i}); len(s)",
]


def rss_mb(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024.0
    return float("nan")


def kernel_pid(km):
    prov = getattr(km, "provisioner", None)
    if prov is not None and getattr(prov, "process", None) is not None:
        return prov.process.pid
    return km.kernel.pid


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--kernel", default="jaio")
    ap.add_argument("--cells", type=int, default=3000)
    ap.add_argument("--only-await", action="store_true", help="every cell is `await sleep(0.001);` (the issue's first reproduction)")
    ap.add_argument("--code", help="run only this cell ({i} is the cell number)")
    ap.add_argument("--warmup", type=int, default=300, help="the cell whose RSS is the baseline")
    ap.add_argument("--out")
    ap.add_argument("--histogram-at", default="", help="comma-separated cells at which to write `jcmd GC.class_histogram` and `VM.native_memory summary` (jaio; the latter needs -XX:NativeMemoryTracking)")
    a = ap.parse_args()
    java = a.kernel != "python3"
    cells = JAVA_CELLS if java else PY_CELLS
    if a.only_await:
        cells = cells[:1]
    if a.code:
        cells = [a.code]
    if not java:
        cells = ["import asyncio"] + cells
    km, kc = start_new_kernel(kernel_name=a.kernel)
    pid = kernel_pid(km)
    try:
        if not java:
            kc.execute_interactive("import asyncio", timeout=30)
        samples = []
        rss = {0: rss_mb(pid)}
        for i in range(1, a.cells + 1):
            code = cells[i % len(cells)].replace("{i}", str(i))
            t0 = time.perf_counter()
            reply = kc.execute_interactive(code, timeout=60, output_hook=lambda m: None)
            samples.append(time.perf_counter() - t0)
            if reply["content"]["status"] != "ok":
                print(f"cell {i} failed: {code!r}: {reply['content']}", file=sys.stderr)
                return 1
            if str(i) in a.histogram_at.split(","):
                import subprocess
                with open(f"histogram-{i}.txt", "w") as f:
                    subprocess.run(["jcmd", str(pid), "GC.class_histogram"], stdout=f, check=False)
                with open(f"nmt-{i}.txt", "w") as f:
                    subprocess.run(["jcmd", str(pid), "VM.native_memory", "summary"], stdout=f, check=False)
            if i % 100 == 0 or i == a.warmup:
                rss[i] = rss_mb(pid)
                print(f"cell {i}: RSS {rss[i]:.0f} MB, p50 of the last 100 {statistics.median(samples[-100:]) * 1000:.1f} ms", flush=True)
        base = rss.get(a.warmup, rss[min(rss, key=lambda k: abs(k - a.warmup))])
        last = rss[a.cells] if a.cells in rss else rss_mb(pid)
        p50_first = statistics.median(samples[:100]) * 1000
        p50_last = statistics.median(samples[-100:]) * 1000
        result = {
            "kernel": a.kernel, "cells": a.cells, "only_await": a.only_await,
            "rss_start_mb": rss[0], "rss_warmup_mb": base, "rss_last_mb": last, "rss_ratio": last / base,
            "p50_first100_ms": p50_first, "p50_last100_ms": p50_last, "p50_ratio": p50_last / p50_first,
            "rss_by_cell": rss,
        }
        print(json.dumps({k: v for k, v in result.items() if k != "rss_by_cell"}, indent=1))
        if a.out:
            with open(a.out, "w") as f:
                json.dump(result, f, indent=1)
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
