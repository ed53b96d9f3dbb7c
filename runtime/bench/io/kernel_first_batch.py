"""W4 in a fresh jaio kernel: the first download batch a notebook user sees.

Starts the kernel by kernelspec name (as Jupyter does), runs one cell that makes a ClientSession
(trusting W4_CAFILE's certificate for an https URL), then cells that each gather 100 concurrent
downloads of URL. Two figures per batch: the batch timed inside one snippet as W4.java times it
(so it excludes compiling the cell), and the whole cell from execute_request to idle as the
frontend sees it.
Run it with Debian's Python (it has jupyter_client); a kernelspec in a private prefix is found
through JUPYTER_PATH. Prints: "kernel <first batch> <best later batch> cell <first cell> <best later cell>
cpu <the kernel process's CPU time during the first batch>", seconds.

    python3 kernel_first_batch.py URL [batches] [--kernel NAME]

With --kernel python3 (ipykernel) the same cells run in Python: w4_asyncio.py's client, gathered
with top-level await, timed the same way; so a fresh jaio kernel and a fresh ipykernel can be
compared cell for cell, as a notebook user sees them.
"""
import argparse
import os
import queue
import time

from jupyter_client.manager import start_new_kernel

SETUP = """
String w4Ca = "%(cafile)s";
var w4Session = new ClientSession().ssl(w4Ca.isEmpty() ? null : Ssl.createDefaultContext(java.nio.file.Path.of(w4Ca)));
"""

BATCH = """
var w4Os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
long w4Cpu0 = w4Os.getProcessCpuTime();
double w4Seconds = await(async(() -> {
    long t0 = System.nanoTime();
    var sizes = await(gather(java.util.stream.IntStream.range(0, 100).mapToObj(i -> async(() -> {
        try (var r = await(w4Session.get("%(url)s"))) { return await(r.read()).length; }
    })).toList()));
    if (!sizes.stream().allMatch(n -> n == 102400)) throw new IllegalStateException("bad sizes " + sizes);
    return (System.nanoTime() - t0) / 1e9;
}));
System.out.printf("W4BATCH %%.3f %%.3f%%n", w4Seconds, (w4Os.getProcessCpuTime() - w4Cpu0) / 1e9);
"""


# The same cells for ipykernel, in Python: the client of w4_asyncio.py, the batch timed the same way.
PY_SETUP = """
import sys, asyncio
sys.path.insert(0, %(here)r)
import w4_asyncio
"""

PY_BATCH = """
import time as w4_time
w4_cpu0 = w4_time.process_time()
w4_t0 = w4_time.perf_counter()
w4_sizes = await asyncio.gather(*(w4_asyncio.fetch(%(url)r) for _ in range(100)))
assert all(n == 102400 for n in w4_sizes), w4_sizes
print("W4BATCH %%.3f %%.3f" %% (w4_time.perf_counter() - w4_t0, w4_time.process_time() - w4_cpu0))
"""


def run_cell(kc, code, timeout=120):
    """Runs a cell; returns its stream output and the seconds from execute_request to idle."""
    t0 = time.perf_counter()
    msg_id = kc.execute(code)
    out = []
    while True:
        msg = kc.get_iopub_msg(timeout=timeout)
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        kind = msg["msg_type"]
        if kind == "stream":
            out.append(msg["content"]["text"])
        elif kind == "error":
            raise RuntimeError("cell failed: " + msg["content"]["ename"] + " " + msg["content"]["evalue"])
        elif kind == "status" and msg["content"]["execution_state"] == "idle":
            return "".join(out), time.perf_counter() - t0


def main():
    p = argparse.ArgumentParser()
    p.add_argument("url")
    p.add_argument("batches", type=int, nargs="?", default=3)
    p.add_argument("--kernel", default="jaio")
    a = p.parse_args()
    km, kc = start_new_kernel(kernel_name=a.kernel, startup_timeout=120)
    try:
        python = a.kernel != "jaio"
        if python:
            run_cell(kc, PY_SETUP % {"here": os.path.dirname(os.path.abspath(__file__))})
        else:
            run_cell(kc, SETUP % {"cafile": os.environ.get("W4_CAFILE", "")})
        times, cells, cpus = [], [], []
        for _ in range(a.batches):
            text, cell = run_cell(kc, (PY_BATCH if python else BATCH) % {"url": a.url})
            figures = text.split("W4BATCH", 1)[1].split()
            times.append(float(figures[0]))
            cpus.append(float(figures[1]))
            cells.append(cell)
        best = lambda xs: f"{min(xs[1:]):.3f}" if len(xs) > 1 else "-"
        print(f"kernel {times[0]:.3f} {best(times)} cell {cells[0]:.3f} {best(cells)} cpu {cpus[0]:.3f}")
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)


if __name__ == "__main__":
    try:
        main()
    except queue.Empty:
        raise SystemExit("the kernel did not answer in time")
