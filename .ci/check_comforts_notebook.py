"""Executes kernel/src/test/jupyter/comforts.ipynb with nbclient on the jaio kernel and checks what
each cell shows: %time and %timeit in IPython's format, a streamed shell command, HTML, a table of
records, a finished progress bar, a %maven dependency from Maven Central and its chart as a PNG."""
import re
import sys

import nbformat
from nbclient import NotebookClient

path = sys.argv[1]
nb = nbformat.read(path, as_version=4)
NotebookClient(nb, kernel_name="jaio", timeout=300).execute()
cells = [c for c in nb.cells if c.cell_type == "code"]


def stdout(cell):
    return "".join(o.get("text", "") for o in cell.outputs if o.output_type == "stream" and o.name == "stdout")


def data(cell, mime):
    found = [o["data"][mime] for o in cell.outputs if "data" in o and mime in o["data"]]
    return found[-1] if found else None


passed = 0


def check(cond, what):
    global passed
    if not cond:
        print("comforts notebook: FAILED:", what)
        sys.exit(1)
    passed += 1
    print("comforts notebook: ok:", what)


duration = r"[0-9.e+-]+ (s|ms|µs|ns)"
check(re.match(r"CPU times: user %s, sys %s, total %s\nWall time: %s\n$" % ((duration,) * 4), stdout(cells[0])) and data(cells[0], "text/plain") == "42", "%time shows the timing, then the value")
wall = re.search(r"Wall time: ([0-9.]+) ms", stdout(cells[1]))
check(wall and 190 <= float(wall.group(1)) < 2000, "%%time of await sleep(0.2) reports about 200 ms wall: " + stdout(cells[1]))
check(re.match(r"%s ± %s per loop \(mean ± std\. dev\. of 3 runs, 1,000 loops each\)\n$" % (duration, duration), stdout(cells[2])), "%timeit in IPython's format")
check(stdout(cells[3]) == "hello from the shell\n", "!echo streams into the cell")
check(data(cells[4], "text/html") == "<b>bold</b> text", "%%html")
check("<td>Bergen</td><td>291000</td>" in (data(cells[5], "text/html") or ""), "a list of records is a table")
updates = [o for o in cells[6].outputs if o.output_type == "display_data"]
check(updates and "5/5" in updates[-1]["data"]["text/plain"] and "100%" in updates[-1]["data"]["text/plain"], "the progress bar reached 100%")
check(data(cells[6], "text/plain") == "[0, 1, 4, 9, 16]", "gather over progress(...) gives the values in order")
check("Added org.jfree:jfreechart:1.5.6" in stdout(cells[7]) or stdout(cells[7]) == "", "%maven loads JFreeChart from Maven Central")
png = data(cells[8], "image/png")
check(png is not None and len(png) > 1000, "the chart is shown as a PNG")
print("comforts notebook: %d passed, 0 failed" % passed)
