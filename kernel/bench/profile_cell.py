#!/usr/bin/python3
"""profile_cell.py - where one cell's milliseconds go, from the socket to the idle status.

Starts the jaio kernel from its kernelspec with a JFR recording (JDK 25: CPU samples, allocation
samples, and method tracing of the stages of a cell: JEP 520's jdk.MethodTrace gives each traced
call's start and duration, so the stages are wall-clock, not samples), runs --cells cells of
`{i}+1` and --mix-rounds rounds of the probe's eight ordinary cells over a plain ZeroMQ client that
timestamps every message as it arrives, then prints

  1. the client's view: send -> busy -> execute_input -> execute_result -> reply -> idle (p50)
  2. the kernel's wall-clock stages of each cell (p50 and mean of the traced calls, per cell)
  3. the kernel's CPU samples and allocation by stage (whole run)
  4. kernel_info round trips (the wire alone)

    install/install.sh --prefix /tmp/jp && export JUPYTER_PATH=/tmp/jp/share/jupyter
    /usr/bin/python3 kernel/bench/profile_cell.py --cells 200 --jfr /tmp/cell.jfr

Method tracing adds about a microsecond per traced call; the CPU and allocation samples are
JFR's usual low-overhead sampling. The recording is kept (--jfr) for `jfr view`.
"""

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

try:
    import zmq
    from jupyter_client.manager import KernelManager
except ImportError:
    sys.stderr.write("profile_cell.py needs jupyter_client (Debian: /usr/bin/python3 with python3-jupyter-client)\n")
    sys.exit(2)

MIX = [
    "int a{i} = {i} * 2;",
    "String s{i} = \"cell \" + a{i};",
    "int twice{i}(int x) {{ return 2 * x; }}",
    "twice{i}(a{i})",
    "var l{i} = new java.util.ArrayList<Integer>(); for (int k = 0; k < 10; k++) l{i}.add(k * {i});",
    "l{i}.stream().mapToInt(Integer::intValue).sum()",
    "record P{i}(int x, int y) {{ }}",
    "new P{i}({i}, 2).x() + s{i}.length()",
]

# The traced stages: (label, method filter). Nested calls are listed under their caller; a method
# filter is JEP 520's syntax (class::method, or a class for all of its methods).
STAGES = [
    ("wire: read + decode + dispatch (shell)", "jaio.kernel.protocol.RequestServer::onReadable"),
    ("  decode + verify HMAC", "jaio.kernel.wire.WireCodec::decode"),
    ("  queue: start the cell (busy, execute_input, history)", "jaio.kernel.protocol.ExecuteQueue::start"),
    ("    history append", "jaio.kernel.protocol.history.FileHistoryStore::append"),
    ("    hand the cell to the session", "jaio.kernel.session.JavaSession::execute"),
    ("wire: encode + sign (every message)", "jaio.kernel.wire.WireCodec::encode"),
    ("wire: iopub publish (every message)", "jaio.kernel.wire.IopubPublisher::publish"),
    ("queue: finish (reply, idle)", "jaio.kernel.protocol.ExecuteQueue::finish"),
    ("cell task (on the kernel loop)", "jaio.kernel.session.CellRunner::runCell"),
    ("  cut into parts", "jaio.kernel.session.CellParts::of"),
    ("  Java part (rewrite, snippets, value)", "jaio.kernel.session.CellRunner::runJava"),
    ("    await rewrite", "jaio.kernel.session.AwaitRewriter::rewrite"),
    ("    syntax check", "jaio.kernel.session.SyntaxCheck::firstBroken"),
    ("    JShell.eval", "jdk.jshell.JShell::eval"),
    ("      parse and classify (javac parser; JShell's processing runs inside)", "jdk.jshell.TaskFactory::parse"),
    ("        expression type (a javac attribution to learn it)", "jdk.jshell.ExpressionToTypeInfo::expressionInfo"),
    ("      analyze (javac attribution of the wrapped snippet)", "jdk.jshell.TaskFactory::analyze"),
    ("      compile (javac to bytes)", "jdk.jshell.TaskFactory::compile"),
    ("      load (define classes)", "jdk.jshell.execution.DirectExecutionControl::load"),
    ("        instrument", "jaio.kernel.session.SnippetInstrumenter::transform"),
    ("      invoke (the user's code)", "jaio.kernel.session.SessionExecutionControl::invoke"),
    ("    render the value", "jaio.kernel.session.MimeRenderer::rendered"),
    ("  flush the cell's output", "jaio.kernel.session.CellOutput::flush"),
]

# CPU and allocation samples go to the first stage whose marker is on the stack, top frame first.
SAMPLE_STAGES = [
    ("instrumentation", ("jaio.kernel.session.SnippetInstrumenter",)),
    ("class loading/definition", ("java.lang.ClassLoader.defineClass", "java.lang.ClassLoader.loadClass")),
    ("user code (invoke)", ("jaio.kernel.session.SessionExecutionControl.invoke",)),
    ("javac: expression type (ExpressionToTypeInfo)", ("jdk.jshell.ExpressionToTypeInfo",)),
    ("javac: generate (compile)", ("jdk.jshell.TaskFactory.compile",)),
    ("javac: attribute (analyze)", ("jdk.jshell.TaskFactory.analyze",)),
    ("javac: parse", ("jdk.jshell.TaskFactory.parse",)),
    ("JShell bookkeeping (eval, wraps)", ("jdk.jshell.",)),
    ("completion/analysis helper", ("jaio.kernel.session.SourceAnalysis",)),
    ("await rewrite / syntax check", ("jaio.kernel.session.AwaitRewriter", "jaio.kernel.session.SyntaxCheck",
                                      "jaio.kernel.session.SnippetSplitter")),
    ("cell output / rendering", ("jaio.kernel.session.CellOutput", "jaio.kernel.session.MimeRenderer",
                                 "jaio.kernel.session.OutputFlusher")),
    ("session other", ("jaio.kernel.session.",)),
    ("wire: JSON (Gson)", ("com.google.gson.",)),
    ("wire: HMAC", ("javax.crypto.", "sun.security.")),
    ("wire: JeroMQ", ("org.zeromq.", "zmq.")),
    ("protocol/wire other", ("jaio.kernel.protocol.", "jaio.kernel.wire.")),
    ("jaio runtime (loop)", ("jaio.",)),
]


def pct(values, q):
    vals = sorted(values)
    if not vals:
        return float("nan")
    i = min(len(vals) - 1, max(0, round(q / 100.0 * (len(vals) - 1))))
    return vals[i]


class Client:
    """A plain shell DEALER + iopub SUB pair that timestamps each message on arrival."""

    def __init__(self, km):
        self.session = km.session
        self.shell = km.connect_shell()
        self.iopub = km.connect_iopub()
        self.poller = zmq.Poller()
        self.poller.register(self.shell, zmq.POLLIN)
        self.poller.register(self.iopub, zmq.POLLIN)

    def _recv(self, socket):
        frames = socket.recv_multipart()
        _, msg = self.session.feed_identities(frames)
        return self.session.deserialize(msg)

    def request(self, msg_type, content, want_idle=True, timeout=60.0):
        """Sends a request; returns (t_send, {event: seconds after send}) for the messages with it as parent."""
        msg = self.session.msg(msg_type, content)
        msg_id = msg["header"]["msg_id"]
        wall0 = time.time_ns()
        t0 = time.perf_counter()
        self.session.send(self.shell, msg)
        events = {"sent_wall_ns": wall0}
        deadline = t0 + timeout
        while "reply" not in events or (want_idle and "idle" not in events):
            left = deadline - time.perf_counter()
            if left <= 0:
                raise TimeoutError(f"{msg_type}: no reply/idle within {timeout}s")
            for socket, _ in self.poller.poll(left * 1000):
                m = self._recv(socket)
                t = time.perf_counter() - t0
                if m["parent_header"].get("msg_id") != msg_id:
                    continue
                if socket is self.shell:
                    events["reply"] = t
                    events["status"] = m["content"].get("status")
                elif m["msg_type"] == "status":
                    events.setdefault(m["content"]["execution_state"], t)
                else:
                    events.setdefault(m["msg_type"], t)
        return events

    def execute(self, code):
        return self.request("execute_request", {"code": code, "silent": False, "store_history": True,
                                                "user_expressions": {}, "allow_stdin": False,
                                                "stop_on_error": True})

    def close(self):
        self.shell.close(0)
        self.iopub.close(0)


def jfr_settings(path, stack_depth, extra=()):
    trace = ";".join([f for _, f in STAGES] + list(extra))
    return (f"-XX:StartFlightRecording=filename={path},dumponexit=true,settings=profile,"
            f"method-trace={trace}") , f"-XX:FlightRecorderOptions=stackdepth={stack_depth}"


def jfr_events(jfr, path, events, stack_depth, window):
    """The events of the timed part of the run (after the warm-up cells)."""
    out = subprocess.run([jfr, "print", "--json", "--stack-depth", str(stack_depth), "--events", events, path],
                         capture_output=True, text=True, check=True).stdout
    return [e for e in json.loads(out)["recording"]["events"]
            if window[0] <= iso_ns(e["values"]["startTime"]) <= window[-1]]


def iso_ns(s):
    """JFR's ISO timestamps (nanosecond digits) as integer nanoseconds since the epoch."""
    from datetime import datetime, timezone
    base, _, frac = s.rstrip("Z").partition(".")
    frac = (frac + "000000000")[:9]
    dt = datetime.strptime(base[:19], "%Y-%m-%dT%H:%M:%S").replace(tzinfo=timezone.utc)
    return int(dt.timestamp()) * 1_000_000_000 + int(frac)


def duration_ns(d):
    """JFR's ISO-8601 durations (PT0.000123S) as nanoseconds."""
    if isinstance(d, (int, float)):
        return int(d)
    s = d[2:] if d.startswith("PT") else d
    total = 0.0
    num = ""
    for ch in s:
        if ch.isdigit() or ch == ".":
            num += ch
            continue
        v = float(num or 0)
        num = ""
        total += v * {"H": 3600, "M": 60, "S": 1}[ch]
    return int(total * 1e9)


def traced_calls(traces):
    """{method: [(thread, start_ns, end_ns)]} without the calls nested in a call of the same method
    (an overload calling another, or recursion), so each stage counts once."""
    raw = {}
    for e in traces:
        start = iso_ns(e["values"]["startTime"])
        end = start + duration_ns(e["values"]["duration"])
        thread = (e["values"].get("eventThread") or {}).get("javaThreadId")
        raw.setdefault(method_of(e), []).append((thread, start, end))
    calls = {}
    for method, items in raw.items():
        items.sort(key=lambda x: (x[1], -x[2]))
        kept, open_end = [], {}
        for thread, start, end in items:
            if start < open_end.get(thread, -1):
                continue
            kept.append((thread, start, end))
            open_end[thread] = end
        calls[method] = kept
    return calls


def self_times(calls):
    """{method: [self ms of each call]}: a call's duration minus the traced calls directly inside it
    on the same thread, so the stages add up to the whole without counting anything twice."""
    items = sorted(((t, start, end, m) for m, v in calls.items() for t, start, end in v),
                   key=lambda x: (x[0], x[1], -x[2]))
    out, stack = {}, []
    selfs = []
    for t, start, end, m in items:
        while stack and (stack[-1][0] != t or stack[-1][2] <= start):
            stack.pop()
        rec = [end - start]
        if stack and end <= stack[-1][2]:
            stack[-1][3][0] -= end - start
        stack.append((t, start, end, rec))
        selfs.append((m, rec))
    for m, rec in selfs:
        out.setdefault(m, []).append(max(0, rec[0]) / 1e6)
    return out


def timeline(cells, calls):
    """The hops of each execute: client send -> shell loop -> kernel loop -> shell loop -> client."""
    starts = calls.get("jaio.kernel.protocol.ExecuteQueue::start", [])
    runs = calls.get("jaio.kernel.session.CellRunner::runCell", [])
    finishes = calls.get("jaio.kernel.protocol.ExecuteQueue::finish", [])
    reads = calls.get("jaio.kernel.protocol.RequestServer::onReadable", [])
    n = min(len(cells), len(starts), len(runs), len(finishes))
    rows = {k: [] for k in ("in", "read", "start", "to_loop", "cell", "to_shell", "finish", "out", "total")}
    for i in range(n):
        c, st, run, fin = cells[i], starts[i], runs[i], finishes[i]
        read = next((r for r in reads if r[1] <= st[1] <= r[2]), None)
        if read is None:
            continue
        sent = c["sent_wall_ns"]
        idle = sent + int(c["idle"] * 1e9)
        rows["in"].append(read[1] - sent)
        rows["read"].append(st[1] - read[1])
        rows["start"].append(st[2] - st[1])
        rows["to_loop"].append(run[1] - st[2])
        rows["cell"].append(run[2] - run[1])
        rows["to_shell"].append(fin[1] - run[2])
        rows["finish"].append(fin[2] - fin[1])
        rows["out"].append(idle - fin[2])
        rows["total"].append(idle - sent)
    return rows


def method_of(event):
    m = event["values"].get("method") or {}
    t = (m.get("type") or {}).get("name", "?").replace("/", ".")
    return f"{t}::{m.get('name', '?')}"


def frames_of(event):
    st = event["values"].get("stackTrace") or {}
    out = []
    for f in st.get("frames") or []:
        m = f.get("method") or {}
        out.append(f"{(m.get('type') or {}).get('name', '?').replace('/', '.')}.{m.get('name', '?')}")
    return out


def classify(frames):
    for label, markers in SAMPLE_STAGES:
        for fr in frames:
            if fr.startswith(markers):
                return label
    return "other (JDK, GC/JIT threads excluded)"


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--kernel", default="jaio")
    ap.add_argument("--cells", type=int, default=200, help="timed `{i}+1` cells (default 200)")
    ap.add_argument("--warmup", type=int, default=20, help="untimed cells first (default 20)")
    ap.add_argument("--mix-rounds", type=int, default=10, help="rounds of the 8 ordinary cells (default 10)")
    ap.add_argument("--kernel-info", type=int, default=200, help="kernel_info round trips (default 200)")
    ap.add_argument("--jfr", help="keep the recording here (default: a temp file)")
    ap.add_argument("--jfr-tool", default=os.path.join(os.environ.get("JAVA_HOME", "/usr/lib/jvm/temurin-25-jdk-amd64"),
                                                       "bin", "jfr"))
    ap.add_argument("--no-jfr", action="store_true", help="client timestamps only (no recording, no tracing)")
    ap.add_argument("--stack-depth", type=int, default=400)
    ap.add_argument("--trace", action="append", default=[], metavar="CLASS::METHOD",
                    help="trace this method too (repeatable); listed at the end with its calls by kind of thread")
    cfg = ap.parse_args(argv)

    tmp = tempfile.mkdtemp(prefix="jaio-profile-")
    jfr_path = cfg.jfr or os.path.join(tmp, "cell.jfr")
    env = dict(os.environ)
    if not cfg.no_jfr:
        env["JDK_JAVA_OPTIONS"] = " ".join(jfr_settings(jfr_path, cfg.stack_depth, cfg.trace))
    env.setdefault("JUPYTER_RUNTIME_DIR", tmp)
    env["JUPYTER_DATA_DIR"] = tmp  # the kernel's history file goes here, not to the user's
    km = KernelManager(kernel_name=cfg.kernel)
    km.start_kernel(env=env, stdout=open(os.path.join(tmp, "kernel.log"), "wb"), stderr=subprocess.STDOUT)
    client = None
    try:
        client = Client(km)
        t_start = time.perf_counter()
        while True:
            try:
                client.request("kernel_info_request", {}, want_idle=False, timeout=5)
                break
            except TimeoutError:
                if time.perf_counter() - t_start > 60:
                    raise
        time.sleep(0.3)
        for i in range(cfg.warmup):
            client.execute(f"{i}+1")
        window = [time.time_ns()]
        trivial = [client.execute(f"{cfg.warmup + i}+1") for i in range(cfg.cells)]
        mix = [client.execute(t.format(i=1000 + r)) for r in range(cfg.mix_rounds) for t in MIX]
        window.append(time.time_ns())
        infos = [client.request("kernel_info_request", {}, want_idle=False) for _ in range(cfg.kernel_info)]
        window.append(time.time_ns())
        load = os.getloadavg()
    finally:
        if client:
            client.close()
        km.shutdown_kernel(now=False)

    print(f"# one cell, socket to idle ({cfg.kernel}; load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f})\n")
    print("## 1. the client's view (ms after the request was sent; p50 / p90)\n")
    print("| event | `{i}+1` | mix |")
    print("| --- | --- | --- |")
    for ev in ("busy", "execute_input", "execute_result", "reply", "idle"):
        a = [e[ev] * 1000 for e in trivial if ev in e]
        b = [e[ev] * 1000 for e in mix if ev in e]
        fa = f"{pct(a, 50):.2f} / {pct(a, 90):.2f}" if a else "-"
        fb = f"{pct(b, 50):.2f} / {pct(b, 90):.2f}" if b else "-"
        print(f"| {ev} | {fa} | {fb} |")
    ki = [e["reply"] * 1000 for e in infos]
    print(f"\nkernel_info round trip: p50 {pct(ki, 50):.3f} ms, p90 {pct(ki, 90):.3f} ms (n={len(ki)})")

    if cfg.no_jfr:
        return 0
    for _ in range(50):  # the recording is written when the JVM exits
        if os.path.exists(jfr_path) and os.path.getsize(jfr_path) > 0:
            break
        time.sleep(0.1)
    n_cells = cfg.cells + len(MIX) * cfg.mix_rounds
    traces = jfr_events(cfg.jfr_tool, jfr_path, "jdk.MethodTrace", 1, window)
    all_calls = traced_calls(traces)
    calls = {m: [c for c in v if c[1] < window[1]] for m, v in all_calls.items()}
    by_method = {m: [(end - start) / 1e6 for _, start, end in v] for m, v in calls.items()}
    rows = timeline(trivial + mix, calls)
    labels = [
        ("in", "client send -> the shell loop reads it (client, JeroMQ I/O thread, shell loop wake-up)"),
        ("read", "decode, verify, dispatch"),
        ("start", "queue: busy, execute_input, history, hand the cell to the session"),
        ("to_loop", "hop: shell loop -> the cell's task on the kernel loop"),
        ("cell", "the cell's task (below)"),
        ("to_shell", "hop: the task's end -> the shell loop (future completion, output flushed)"),
        ("finish", "queue: execute_reply, idle"),
        ("out", "idle published -> the client has it (JeroMQ I/O thread, client)"),
        ("total", "client: send -> idle"),
    ]
    print(f"\n## 2. the hops of an execute, wall-clock (p50 / p90 over {len(rows['total'])} cells; ms)\n")
    print("| step | p50 | p90 | mean |")
    print("| --- | --- | --- | --- |")
    for key, label in labels:
        v = [x / 1e6 for x in rows[key]]
        if v:
            print(f"| {label} | {pct(v, 50):.3f} | {pct(v, 90):.3f} | {statistics.fmean(v):.3f} |")
    reads = [c for c in all_calls.get("jaio.kernel.protocol.RequestServer::onReadable", []) if c[1] >= window[1]]
    ki_rows = {"in": [], "handle": [], "out": []}
    for c in infos:
        sent = c["sent_wall_ns"]
        read = next((r for r in reads if r[1] >= sent), None)
        if read is None:
            continue
        ki_rows["in"].append(read[1] - sent)
        ki_rows["handle"].append(read[2] - read[1])
        ki_rows["out"].append(sent + int(c["reply"] * 1e9) - read[2])
    print(f"\nkernel_info, the same split (p50 / p90, ms): "
          + ", ".join(f"{k} {pct(v, 50) / 1e6:.3f} / {pct(v, 90) / 1e6:.3f}" for k, v in ki_rows.items() if v)
          + " (handle = read, decode, busy, reply, idle on the shell loop)")
    print(f"\n## 3. the kernel's stages, wall-clock (traced calls over the {n_cells} timed cells; ms)\n")
    own = self_times(calls)
    print("| stage | calls | p50 of a call | p90 of a call | per cell: whole | per cell: own (without the stages under it) |")
    print("| --- | --- | --- | --- | --- | --- |")
    for label, flt in STAGES:
        durs = by_method.get(flt, [])
        if not durs:
            print(f"| {label} | 0 | | | | |")
            continue
        print(f"| {label} | {len(durs)} | {pct(durs, 50):.3f} | {pct(durs, 90):.3f} | {sum(durs) / n_cells:.3f} "
              f"| {sum(own.get(flt, [])) / n_cells:.3f} |")

    if cfg.trace:
        kinds = {}
        for e in traces:
            m = method_of(e)
            if m not in cfg.trace:
                continue
            t = e["values"].get("eventThread") or {}
            kind = "virtual threads" if t.get("virtual") else t.get("javaName") or "?"
            kinds.setdefault((m, kind), []).append(duration_ns(e["values"]["duration"]) / 1e6)
        print("\n## traced on request (--trace), by thread (ms)\n")
        print("| method | thread | calls | p50 | p90 |")
        print("| --- | --- | --- | --- | --- |")
        for (m, kind), v in sorted(kinds.items()):
            print(f"| {m} | {kind} | {len(v)} | {pct(v, 50):.3f} | {pct(v, 90):.3f} |")

    samples = jfr_events(cfg.jfr_tool, jfr_path, "jdk.ExecutionSample", cfg.stack_depth, window[:2])
    cpu = {}
    for e in samples:
        k = classify(frames_of(e))
        cpu[k] = cpu.get(k, 0) + 1
    allocs = jfr_events(cfg.jfr_tool, jfr_path, "jdk.ObjectAllocationSample", cfg.stack_depth, window[:2])
    alloc = {}
    for e in allocs:
        k = classify(frames_of(e))
        alloc[k] = alloc.get(k, 0) + int(e["values"].get("weight", 0))
    total_cpu = sum(cpu.values()) or 1
    total_alloc = sum(alloc.values()) or 1
    print(f"\n## 4. CPU samples ({total_cpu} Java samples) and allocation ({total_alloc / 2**20:.0f} MB sampled "
          f"weight, {total_alloc / n_cells / 1024:.0f} KB a cell) by stage, whole run\n")
    print("| stage | CPU samples | allocation |")
    print("| --- | --- | --- |")
    for k in sorted(set(cpu) | set(alloc), key=lambda x: -cpu.get(x, 0)):
        print(f"| {k} | {100 * cpu.get(k, 0) / total_cpu:.1f} % | {100 * alloc.get(k, 0) / total_alloc:.1f} % |")
    print(f"\nrecording: {jfr_path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
