#!/usr/bin/python3
"""wire_ping.py - the wire alone: kernel_info round trips of two kernels, interleaved.

Starts the kernels, warms each with --warmup trivial cells, then alternates blocks of --block
kernel_info_request round trips between them (so a change of the machine's load hits every
column) over a plain ZeroMQ DEALER, the way jupyter_client sends them. Prints the p50/p90 of each
kernel and the ratio to the last one. With --execute it times `{i}+1` cells instead (request to
reply and idle), e.g. to compare two builds of jaio installed under two kernelspec names. A quick
check for changes to the wire; kernel_probe.py (probe.py) remains the measure of record.

    /usr/bin/python3 kernel/bench/wire_ping.py --blocks 10 --block 100
    /usr/bin/python3 kernel/bench/wire_ping.py --kernels jaio-before,jaio --execute
"""

import argparse
import os
import subprocess
import sys
import tempfile
import time

try:
    import zmq
    from jupyter_client.manager import KernelManager
except ImportError:
    sys.stderr.write("wire_ping.py needs jupyter_client (Debian: /usr/bin/python3 with python3-jupyter-client)\n")
    sys.exit(2)


def pct(values, q):
    vals = sorted(values)
    return vals[min(len(vals) - 1, round(q / 100.0 * (len(vals) - 1)))]


class Pinger:
    def __init__(self, name, trivial, env):
        self.name = name
        self.km = KernelManager(kernel_name=name)
        self.km.start_kernel(env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self.shell = self.km.connect_shell()
        self.iopub = self.km.connect_iopub()  # connected, as a frontend's is, and drained
        self.trivial = trivial
        self.samples = []

    def _reply(self, msg, timeout=60.0, want_idle=False):
        """Seconds from sending {@code msg} to its reply (and, if want_idle, its idle status)."""
        msg_id = msg["header"]["msg_id"]
        t0 = time.perf_counter()
        self.km.session.send(self.shell, msg)
        replied, idle = False, not want_idle
        poller = zmq.Poller()
        poller.register(self.shell, zmq.POLLIN)
        if want_idle:
            poller.register(self.iopub, zmq.POLLIN)
        while not (replied and idle):
            ready = dict(poller.poll(timeout * 1000))
            if not ready:
                raise TimeoutError(f"{self.name}: no reply in {timeout}s")
            for socket in ready:
                _, m = self.km.session.feed_identities(socket.recv_multipart())
                m = self.km.session.deserialize(m, content=socket is self.iopub)
                if m["parent_header"].get("msg_id") != msg_id:
                    continue
                if socket is self.shell:
                    replied = True
                elif m["msg_type"] == "status" and m["content"].get("execution_state") == "idle":
                    idle = True
        return time.perf_counter() - t0

    def drain(self):
        while self.iopub.poll(0):
            self.iopub.recv_multipart()

    def kernel_info(self):
        return self._reply(self.km.session.msg("kernel_info_request", {}))

    def execute(self, code):
        self.drain()
        return self._reply(self.km.session.msg("execute_request", {
            "code": code, "silent": False, "store_history": True, "user_expressions": {},
            "allow_stdin": False, "stop_on_error": True}), want_idle=True)

    def close(self):
        self.shell.close(0)
        self.iopub.close(0)
        self.km.shutdown_kernel(now=False)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--kernels", default="jaio,python3")
    ap.add_argument("--warmup", type=int, default=50, help="trivial cells first (default 50)")
    ap.add_argument("--blocks", type=int, default=10)
    ap.add_argument("--block", type=int, default=100)
    ap.add_argument("--execute", action="store_true", help="time `{i}+1` cells (to reply and idle), not kernel_info")
    cfg = ap.parse_args(argv)
    tmp = tempfile.mkdtemp(prefix="jaio-ping-")
    env = dict(os.environ, JUPYTER_DATA_DIR=tmp, JUPYTER_RUNTIME_DIR=tmp)
    pingers = []
    try:
        for name in cfg.kernels.split(","):
            pingers.append(Pinger(name, "{i}+1", env))
        for p in pingers:
            p.kernel_info()
            for i in range(cfg.warmup):
                p.execute(f"{i}+1")
            for _ in range(cfg.block):
                p.kernel_info()
        load0 = os.getloadavg()[0]
        cell = cfg.warmup
        for _ in range(cfg.blocks):
            for p in pingers:
                p.drain()
                if cfg.execute:
                    p.samples += [p.execute(f"{cell + i}+1") for i in range(cfg.block)]
                else:
                    p.samples += [p.kernel_info() for _ in range(cfg.block)]
            cell += cfg.block
        load1 = os.getloadavg()[0]
    finally:
        for p in pingers:
            p.close()
    what = "`{i}+1` cells (to reply and idle)" if cfg.execute else "kernel_info round trips"
    print(f"{what}, {cfg.blocks} interleaved blocks of {cfg.block} "
          f"(load average {load0:.2f} -> {load1:.2f})")
    base = pct(pingers[-1].samples, 50)
    for p in pingers:
        p50, p90 = pct(p.samples, 50) * 1e3, pct(p.samples, 90) * 1e3
        print(f"  {p.name:10s} p50 {p50:.3f} ms  p90 {p90:.3f} ms  ({p50 / (base * 1e3):.2f}× {pingers[-1].name})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
