#!/usr/bin/python3
"""probe.py - jaio and ipykernel through the same kernel_probe.py run, and the ratios of issue 14.

Installs the jaio kernelspec (with its AOT cache, as users get it) into a temporary prefix, runs
../shared/tools/kernel_probe.py for `--kernel jaio --lang java` and then for `--kernel python3`
(ipykernel) in one run, one after the other, and prints every figure side by side with its ratio,
the target and a verdict, plus the load average around each kernel's run. Only ratios from one run
mean anything: the machine's load moves both columns.

    /usr/bin/python3 kernel/bench/probe.py                      # install, probe both, print the table
    /usr/bin/python3 kernel/bench/probe.py --probe /path/to/kernel_probe.py --out /tmp/probe
    /usr/bin/python3 kernel/bench/probe.py --tables /tmp/probe/jaio.json /tmp/probe/python3.json

On a shared machine, take the benchmark lock first: `flock /tmp/jaio-bench.lock ...`.
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

# (figure, how to read it from the probe's JSON, unit, target). A target is ("ratio", x): jaio's
# figure at most x times ipykernel's; or ("abs", x): jaio's figure at most x in its unit. The
# start-up, interrupt and shutdown targets are "no worse than today": the ratios measured on a quiet
# machine before the work (0.53×, 0.45×, 1.00×) with 10 % for noise.
FIGURES = [
    ("`{i}+1` p50", ("execute_latency_ms", "p50"), "ms", ("ratio", 3.0)),
    ("`{i}+1` p90", ("execute_latency_ms", "p90"), "ms", None),
    ("mix p50", ("execute_mix_latency_ms", "p50"), "ms", ("ratio", 3.0)),
    ("mix p90", ("execute_mix_latency_ms", "p90"), "ms", None),
    ("kernel CPU per cell", ("execute_cpu_ms_per_call",), "ms", ("ratio", 3.0)),
    ("kernel_info p50", ("kernel_info_latency_ms", "p50"), "ms", ("ratio", 1.2)),
    ("kernel_info p90", ("kernel_info_latency_ms", "p90"), "ms", None),
    ("complete p50", ("complete_latency_ms", "p50"), "ms", ("ratio", 1.0)),
    ("RSS after the executes", ("rss_mb", "after_executes"), "MB", ("abs", 120.0)),
    ("start-up (start -> kernel_info_reply)", ("startup_s",), "s", ("ratio", 0.58)),
    ("first execute after ready", ("first_execute_s",), "s", None),
    ("interrupt of a sleeping cell", ("interrupt_s",), "s", ("ratio", 0.50)),
    ("interrupt of a busy cell", ("interrupt_busy_s",), "s", None),
    ("shutdown", ("shutdown_s",), "s", ("ratio", 1.1)),
]


def dig(doc, path):
    for key in path:
        if not isinstance(doc, dict) or doc.get(key) is None:
            return None
        doc = doc[key]
    return doc


def load_range(doc):
    """The lowest and highest 1-minute load average seen around the probes of one kernel."""
    values = [v[0] for part in (doc.get("loadavg") or {}).values() for v in part.values() if v]
    return (min(values), max(values)) if values else None


def table(jaio, ipy):
    lines = []
    lj, lp = load_range(jaio), load_range(ipy)
    executes = dig(jaio, ("rss_mb", "executes"))
    lines.append(f"jaio probed {jaio.get('started_utc')} (load average {lj[0]:.2f}-{lj[1]:.2f}), "
                 f"ipykernel {ipy.get('started_utc')} (load average {lp[0]:.2f}-{lp[1]:.2f}); "
                 f"RSS after {executes} executes" if lj and lp else "")
    lines.append("")
    lines.append("| figure | jaio | ipykernel | ratio | target | verdict |")
    lines.append("| --- | --- | --- | --- | --- | --- |")
    for name, path, unit, target in FIGURES:
        a, b = dig(jaio, path), dig(ipy, path)
        ratio = a / b if isinstance(a, (int, float)) and isinstance(b, (int, float)) and b else None
        fa = f"{a:.3g} {unit}" if a is not None else "-"
        fb = f"{b:.3g} {unit}" if b is not None else "-"
        fr = f"{ratio:.2f}×" if ratio is not None else "-"
        goal, verdict = "", ""
        if target:
            kind, limit = target
            goal = f"≤ {limit:g}×" if kind == "ratio" else f"≤ {limit:g} {unit}"
            value = ratio if kind == "ratio" else a
            verdict = "-" if value is None else ("met" if value <= limit else "**missed**")
        lines.append(f"| {name} | {fa} | {fb} | {fr} | {goal} | {verdict} |")
    errors = {k: v for k, v in (("jaio", jaio.get("probe_errors")), ("ipykernel", ipy.get("probe_errors"))) if v}
    if errors:
        lines.append("")
        lines.append(f"probe errors: {json.dumps(errors)}")
    return "\n".join(lines)


def run_probe(cfg, kernel, lang, out, env):
    cmd = [sys.executable, cfg.probe, "--kernel", kernel, "--out", out] + (["--lang", lang] if lang else [])
    cmd += cfg.probe_args
    sys.stderr.write(f"[probe.py] {' '.join(cmd)}\n")
    with open(os.devnull, "w") as devnull:
        rc = subprocess.call(cmd, env=env, stdout=devnull)
    if not os.path.exists(out):
        sys.exit(f"probe.py: {kernel}: kernel_probe.py wrote no result (exit {rc})")
    with open(out) as f:
        return json.load(f)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--probe", default=os.path.join(REPO, "..", "shared", "tools", "kernel_probe.py"),
                    help="kernel_probe.py (default: ../shared/tools/kernel_probe.py beside the repository)")
    ap.add_argument("--prefix", help="install the kernelspec here (default: a new temporary directory)")
    ap.add_argument("--no-install", action="store_true",
                    help="use the jaio kernelspec Jupyter already finds (JUPYTER_PATH)")
    ap.add_argument("--out", help="keep jaio.json and python3.json here (default: the temporary directory)")
    ap.add_argument("--python-kernel", default="python3", help="ipykernel's kernelspec name (default python3)")
    ap.add_argument("--tables", nargs=2, metavar=("JAIO_JSON", "IPYKERNEL_JSON"),
                    help="print the table of two earlier results, run nothing")
    ap.add_argument("probe_args", nargs=argparse.REMAINDER,
                    help="after --, arguments for kernel_probe.py (e.g. -- --probes latency,complete)")
    cfg = ap.parse_args(argv)
    cfg.probe_args = [a for a in cfg.probe_args if a != "--"]

    if cfg.tables:
        docs = []
        for path in cfg.tables:
            with open(path) as f:
                docs.append(json.load(f))
        print(table(*docs))
        return 0

    if not os.path.exists(cfg.probe):
        sys.exit(f"probe.py: no kernel_probe.py at {cfg.probe}: pass --probe PATH")
    tmp = tempfile.mkdtemp(prefix="jaio-probe-")
    out = cfg.out or tmp
    os.makedirs(out, exist_ok=True)
    env = dict(os.environ)
    env["JUPYTER_DATA_DIR"] = os.path.join(tmp, "data")  # the kernels' history files, not the user's
    env["JUPYTER_RUNTIME_DIR"] = os.path.join(tmp, "runtime")
    if not cfg.no_install:
        prefix = cfg.prefix or os.path.join(tmp, "prefix")
        subprocess.check_call([os.path.join(REPO, "install", "install.sh"), "--prefix", prefix],
                              stdout=sys.stderr)
        kernels = os.path.join(prefix, "share", "jupyter")
        env["JUPYTER_PATH"] = kernels + (os.pathsep + env["JUPYTER_PATH"] if env.get("JUPYTER_PATH") else "")
    jaio = run_probe(cfg, "jaio", "java", os.path.join(out, "jaio.json"), env)
    ipy = run_probe(cfg, cfg.python_kernel, None, os.path.join(out, "python3.json"), env)
    print(table(jaio, ipy))
    print(f"\nresults: {out}/jaio.json, {out}/python3.json")
    return 0


if __name__ == "__main__":
    sys.exit(main())
