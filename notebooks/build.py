#!/usr/bin/env python3
"""Builds the tutorial notebooks from their readable sources in notebooks/src/.

    python3 notebooks/build.py            # writes notebooks/NN-*.ipynb (no outputs) and expected/*.json
    python3 notebooks/build.py --execute  # also runs them on the installed "jaio" kernel and saves outputs

A source file is a sequence of blocks, each opened by a line starting with '%%%':

    %%% markdown            a markdown cell
    %%% code [ID]           a code cell; an inventory ID (S3-12) becomes the cell's tag
    %%% expect ID           the lines that ID's cell prints on stdout; a line starting with '~' is a
                            regular expression for the rest of the line (timings, ports)
    %%% solution            a code cell collapsed by default (an exercise's solution)

Expected lines go to notebooks/expected/<notebook>.json, read by the kernel's NotebooksTest.
"""
import json
import pathlib
import re
import subprocess
import sys

HERE = pathlib.Path(__file__).resolve().parent
SRC = HERE / "src"
EXPECTED = HERE / "expected"
ID = re.compile(r"^S[0-4]-\d\d$")

KERNELSPEC = {"display_name": "Java (jaio)", "language": "java", "name": "jaio"}
LANGUAGE_INFO = {"name": "java", "file_extension": ".jshell", "mimetype": "text/x-java-source"}


def blocks(text, path):
    kind, arg, lines = None, None, []
    for n, line in enumerate(text.splitlines(), 1):
        if line.startswith("%%%"):
            if kind is not None:
                yield kind, arg, lines
            words = line[3:].split()
            if not words or words[0] not in ("markdown", "code", "expect", "solution"):
                sys.exit(f"{path}:{n}: unknown block '{line}'")
            kind, arg, lines = words[0], (words[1] if len(words) > 1 else None), []
            if arg is not None and kind in ("code", "expect") and not ID.match(arg):
                sys.exit(f"{path}:{n}: '{arg}' is not an inventory ID")
        elif kind is None:
            if line.strip():
                sys.exit(f"{path}:{n}: text before the first %%% block")
        else:
            lines.append(line)
    if kind is not None:
        yield kind, arg, lines


def strip_blank_edges(lines):
    while lines and not lines[0].strip():
        lines = lines[1:]
    while lines and not lines[-1].strip():
        lines = lines[:-1]
    return lines


def source(lines):
    text = "\n".join(strip_blank_edges(lines))
    parts = text.split("\n")
    return [p + "\n" for p in parts[:-1]] + [parts[-1]]


def build(path):
    cells, expected = [], {}
    for kind, arg, lines in blocks(path.read_text(encoding="utf-8"), path):
        if kind == "expect":
            expected[arg] = strip_blank_edges(lines)
            continue
        cell = {"cell_type": "markdown" if kind == "markdown" else "code", "metadata": {}, "source": source(lines)}
        if kind != "markdown":
            cell.update(execution_count=None, outputs=[])
        if arg:
            cell["metadata"]["tags"] = [arg]
        if kind == "solution":
            cell["metadata"]["tags"] = ["solution"]
            cell["metadata"]["jupyter"] = {"source_hidden": True}
        cells.append(cell)
    for i, cell in enumerate(cells):
        cell["id"] = f"{path.stem[:2]}-{i:03d}"
    nb = {"cells": cells, "metadata": {"kernelspec": KERNELSPEC, "language_info": LANGUAGE_INFO},
          "nbformat": 4, "nbformat_minor": 5}
    out = HERE / (path.stem + ".ipynb")
    out.write_text(json.dumps(nb, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    EXPECTED.mkdir(exist_ok=True)
    (EXPECTED / (path.stem + ".json")).write_text(json.dumps(expected, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return out


def execute(nb_path):
    # nbclient against the installed kernelspec, as `jupyter nbconvert --execute` does; saves outputs.
    subprocess.run(["jupyter", "nbconvert", "--to", "notebook", "--execute", "--inplace",
                    "--ExecutePreprocessor.kernel_name=jaio", "--ExecutePreprocessor.timeout=120", str(nb_path)],
                   check=True)


def main(argv):
    only = [a for a in argv if not a.startswith("--")]
    for path in sorted(SRC.glob("*.md")):
        if only and not any(o in path.stem for o in only):
            continue
        nb = build(path)
        print("built", nb.relative_to(HERE.parent))
        if "--execute" in argv:
            execute(nb)
            print("executed", nb.relative_to(HERE.parent))


if __name__ == "__main__":
    main(sys.argv[1:])
