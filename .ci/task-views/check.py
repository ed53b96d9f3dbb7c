"""Executes task-views.ipynb with nbclient on the jaio kernel and checks the saved notebook: the live
table's display was updated in place to its final state, %task printed the await graph with the
chain's frames, %cancel said what it cancelled, and %%timeline drew two overlapping lanes in ~2 s.
Usage: python3 check.py OUTPUT.ipynb"""
import re
import sys
from pathlib import Path

import nbformat
from nbclient import NotebookClient

here = Path(__file__).parent
nb = nbformat.read(here / "task-views.ipynb", as_version=4)
NotebookClient(nb, kernel_name="jaio", timeout=120).execute()
nbformat.write(nb, sys.argv[1])
problems = []


def outputs(i, kind=None):
    return [o for o in nb.cells[i].outputs if kind is None or o.output_type == kind]


def text(i):
    return "".join(o.text for o in outputs(i, "stream") if o.name == "stdout")


live = [o for o in outputs(0, "display_data") if "text/html" in o.data]
if len(live) != 1:
    problems.append(f"cell 0: one live table expected, got {len(live)}")
else:
    html = live[0].data["text/html"]
    if 'data-pending="0"' not in html or "live view ended" not in html:
        problems.append("cell 0: the live table was not updated in place to its final, empty state: " + html[:300])

graph = text(2)
lines = graph.splitlines()
if not lines or not lines[0].startswith("* Task(name='deep'"):
    problems.append("%task: no graph for 'deep': " + graph)
order = [m.group(1) for m in re.finditer(r"in (?:\S*\.)?(leaf|middle|top)\(\)", graph)]
if order != ["leaf", "middle", "top"]:
    problems.append(f"%task: the chain's frames are {order}, expected leaf, middle, top:\n{graph}")
if "waits for a Future" not in graph:
    problems.append("%task: does not say what the task waits for:\n" + graph)
if not text(3).startswith("cancelled 1: deep"):
    problems.append("%cancel: " + text(3))

svgs = [o for o in outputs(4, "display_data") if "image/svg+xml" in o.data]
if len(svgs) != 1:
    problems.append(f"%%timeline: one SVG expected, got {len(svgs)}")
else:
    svg = svgs[0].data["image/svg+xml"]
    bars = [(float(a), float(b)) for a, b in re.findall(r'<g class="lane" data-task="[^"]+" data-start="([0-9.]+)" data-end="([0-9.]+)"', svg)]
    span = float(re.search(r'data-span="([0-9.]+)"', svg).group(1))
    if len(bars) != 2 or not (bars[0][0] < bars[1][1] and bars[1][0] < bars[0][1]):
        problems.append(f"%%timeline: two overlapping lanes expected, got {bars}")
    if not 1.9 < span < 2.8:
        problems.append(f"%%timeline: the tasks took {span} s, expected about 2 (not 4)")
if text(4) != "1\n3\n2\n4\n":
    problems.append("%%timeline: the cell printed " + repr(text(4)))

if problems:
    print("task views notebook check FAILED:\n  " + "\n  ".join(problems))
    sys.exit(1)
print("task views notebook: live table updated in place to its final state, %task graph, %cancel, %%timeline: ok")
