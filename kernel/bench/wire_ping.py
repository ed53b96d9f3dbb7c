#!/usr/bin/python3
"""wire_ping.py - the wire alone: kernel_info (or `{i}+1`) round trips of kernels, interleaved.

Starts the kernels, warms each with --warmup trivial cells, then alternates blocks of --block
round trips between them (so a change of the machine's load hits every column). By default it
drives them the way kernel_probe.py (probe.py) does: jupyter_client's asyncio client, kernel_info
timed from the request to its reply, back to back, with iopub connected and left unread; `--sync`
uses a plain blocking ZeroMQ DEALER instead. With --execute it times `{i}+1` cells (request to
reply and idle). Besides wall-clock percentiles it prints each kernel's CPU time per round trip
(its whole process tree, user + system, from /proc): unlike latency, that barely moves with the
machine's load. Kernels are kernelspec names, e.g. two builds of jaio installed under two names.

    /usr/bin/python3 kernel/bench/wire_ping.py --blocks 10 --block 100
    /usr/bin/python3 kernel/bench/wire_ping.py --kernels jaio-before,jaio --execute
"""

import argparse
import asyncio
import os
import queue
import subprocess
import sys
import tempfile
import time

try:
    import zmq
    from jupyter_client.manager import AsyncKernelManager, KernelManager
except ImportError:
    sys.stderr.write("wire_ping.py needs jupyter_client (Debian: /usr/bin/python3 with python3-jupyter-client)\n")
    sys.exit(2)

CLOCK_TICK = os.sysconf("SC_CLK_TCK")


def pct(values, q):
    vals = sorted(values)
    return vals[min(len(vals) - 1, round(q / 100.0 * (len(vals) - 1)))]


def tree_cpu_seconds(pid):
    """User + system CPU of pid and its descendants, in seconds (0 for a process gone)."""
    total, todo = 0.0, [pid]
    while todo:
        p = todo.pop()
        try:
            with open(f"/proc/{p}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
            total += (int(fields[11]) + int(fields[12])) / CLOCK_TICK
            with open(f"/proc/{p}/task/{p}/children") as f:
                todo += [int(c) for c in f.read().split()]
        except (OSError, ValueError, IndexError):
            pass
    return total


class SyncPinger:
    """A kernel driven over plain blocking ZeroMQ sockets."""

    def __init__(self, name, env):
        self.name = name
        self.km = KernelManager(kernel_name=name)
        self.km.start_kernel(env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self.pid = self.km.provisioner.pid
        self.shell = self.km.connect_shell()
        self.iopub = self.km.connect_iopub()  # connected, as a frontend's is, and drained
        self.samples, self.cpu, self.count = [], 0.0, 0

    async def start(self):
        self.kernel_info()

    def _reply(self, msg, timeout=60.0, want_idle=False):
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

    async def drain(self):
        while self.iopub.poll(0):
            self.iopub.recv_multipart()

    def kernel_info(self):
        return self._reply(self.km.session.msg("kernel_info_request", {}))

    async def kernel_info_async(self):
        return self.kernel_info()

    async def execute(self, code):
        await self.drain()
        return self._reply(self.km.session.msg("execute_request", {
            "code": code, "silent": False, "store_history": True, "user_expressions": {},
            "allow_stdin": False, "stop_on_error": True}), want_idle=True)

    async def close(self):
        self.shell.close(0)
        self.iopub.close(0)
        self.km.shutdown_kernel(now=False)


class AsyncPinger:
    """A kernel driven as kernel_probe.py drives it: AsyncKernelManager and its asyncio client."""

    def __init__(self, name, env):
        self.name = name
        self.env = env
        self.samples, self.cpu, self.count = [], 0.0, 0

    async def start(self):
        self.km = AsyncKernelManager(kernel_name=self.name)
        await self.km.start_kernel(env=self.env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self.pid = self.km.provisioner.pid
        self.kc = self.km.client()
        self.kc.start_channels()
        await self.kc.wait_for_ready(timeout=60)

    async def _shell_reply(self, msg_id, deadline):
        while True:
            m = await self.kc.get_shell_msg(timeout=max(0.001, deadline - time.perf_counter()))
            if m["parent_header"].get("msg_id") == msg_id:
                return

    async def _idle(self, msg_id, deadline):
        while True:
            m = await self.kc.get_iopub_msg(timeout=max(0.001, deadline - time.perf_counter()))
            if (m["parent_header"].get("msg_id") == msg_id and m["msg_type"] == "status"
                    and m["content"].get("execution_state") == "idle"):
                return

    async def kernel_info_async(self, timeout=60.0):
        t0 = time.perf_counter()
        msg_id = self.kc.kernel_info()
        await self._shell_reply(msg_id, t0 + timeout)
        return time.perf_counter() - t0

    async def execute(self, code, timeout=60.0):
        t0 = time.perf_counter()
        msg_id = self.kc.execute(code)
        await asyncio.gather(self._shell_reply(msg_id, t0 + timeout), self._idle(msg_id, t0 + timeout))
        return time.perf_counter() - t0

    async def drain(self):
        for getter in (self.kc.get_iopub_msg, self.kc.get_shell_msg):
            while True:
                try:
                    await getter(timeout=0.05)
                except queue.Empty:
                    break

    async def close(self):
        self.kc.stop_channels()
        await self.km.shutdown_kernel(now=False)


async def run(cfg):
    tmp = tempfile.mkdtemp(prefix="jaio-ping-")
    env = dict(os.environ, JUPYTER_DATA_DIR=tmp, JUPYTER_RUNTIME_DIR=tmp)
    make = SyncPinger if cfg.sync else AsyncPinger
    pingers = []
    try:
        for name in cfg.kernels.split(","):
            p = make(name, env)
            pingers.append(p)
            await p.start()
        for p in pingers:
            for i in range(cfg.warmup):
                await p.execute(f"{i}+1")
            for _ in range(cfg.block):
                await p.kernel_info_async()
        load0 = os.getloadavg()[0]
        cell = cfg.warmup
        for _ in range(cfg.blocks):
            for p in pingers:
                await p.drain()
                cpu0 = tree_cpu_seconds(p.pid)
                for i in range(cfg.block):
                    p.samples.append(await (p.execute(f"{cell + i}+1") if cfg.execute else p.kernel_info_async()))
                p.cpu += tree_cpu_seconds(p.pid) - cpu0
                p.count += cfg.block
            cell += cfg.block
        load1 = os.getloadavg()[0]
    finally:
        for p in pingers:
            try:
                await p.close()
            except Exception as e:  # a kernel that died must not leave the others running
                sys.stderr.write(f"{p.name}: {e}\n")
    what = "`{i}+1` cells (to reply and idle)" if cfg.execute else "kernel_info round trips"
    client = "blocking ZeroMQ client" if cfg.sync else "jupyter_client asyncio client"
    print(f"{what}, {client}, {cfg.blocks} interleaved blocks of {cfg.block} "
          f"(load average {load0:.2f} -> {load1:.2f})")
    base = pingers[-1]
    for p in pingers:
        p50, p90 = pct(p.samples, 50) * 1e3, pct(p.samples, 90) * 1e3
        cpu = p.cpu * 1e3 / p.count
        print(f"  {p.name:10s} p50 {p50:.3f} ms ({p50 / (pct(base.samples, 50) * 1e3):.2f}×)  "
              f"p90 {p90:.3f} ms  min {min(p.samples) * 1e3:.3f} ms  "
              f"CPU {cpu:.3f} ms per round trip ({cpu / max(1e-9, base.cpu * 1e3 / base.count):.2f}×)")
    return 0


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--kernels", default="jaio,python3", help="kernelspec names; ratios are to the last one")
    ap.add_argument("--warmup", type=int, default=50, help="trivial cells first (default 50)")
    ap.add_argument("--blocks", type=int, default=10)
    ap.add_argument("--block", type=int, default=100)
    ap.add_argument("--execute", action="store_true", help="time `{i}+1` cells (to reply and idle), not kernel_info")
    ap.add_argument("--sync", action="store_true", help="a blocking ZeroMQ client instead of jupyter_client's asyncio one")
    cfg = ap.parse_args(argv)
    return asyncio.run(run(cfg))


if __name__ == "__main__":
    sys.exit(main())
