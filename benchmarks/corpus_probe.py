#!/usr/bin/env python3
"""The corpus layer's cost in a batch, in instructions (issue 17): per file and after the batch.

    python benchmarks/corpus_probe.py            # a few minutes; needs valgrind

* **per file**: what ``dlint`` adds for each file of a batch when the corpus stage is on —
  ``corpus.run.lint_with_summary`` (lint, summary, the lines kept for frames) against the plain
  lint ``resolve_positions(lint_document(...))`` — over the 12 real pages (parsed once before),
  COPIES times each.  Both are counted in fresh processes; the difference is the corpus layer.
* **stage**: ``corpus_stage`` over the 12 pages' results copied 10 times and 60 times (a copy
  differs by its path, as /tmp/c60's files do); the ratio shows whether it grows linearly.

Each figure is a callgrind count of a process minus the same process without the measured loop.
"""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from instructions import ROOT, instructions_of, real_pages  # noqa: E402

_SETUP = """import sys, copy
sys.path.insert(0, {src!r})
from pathlib import Path
from disclosure_lint.document.parse import source_from_bytes, parse_source
from disclosure_lint.engine.options import Options
from disclosure_lint.engine.context import Context
from disclosure_lint.engine.lint import lint_document
from disclosure_lint.engine.results import resolve_positions
from disclosure_lint.corpus.run import lint_with_summary, corpus_stage
opts = Options(kind="html")
docs = []
for p in {pages!r}:
    src = source_from_bytes(Path(p).read_bytes(), p)
    docs.append(parse_source(src, "html"))
def plain(d):
    return resolve_positions(d.path, d.source, lint_document(d, opts))
def summed(d):
    return lint_with_summary(d.path, d, opts)
for d in docs:        # warm-up: first uses, compiled patterns
    plain(d); summed(d)
"""

_PER_FILE = _SETUP + """
if {run!r}:
    f = summed if {what!r} == "summed" else plain
    for _ in range({copies!r}):
        for d in docs:
            f(d)
"""

_STAGE = _SETUP + """
base = [summed(d) for d in docs]
results = []
for i in range({copies!r}):
    for r in base:
        c = copy.deepcopy(r)
        c.path = c.summary.path = f"{{r.path[:-5]}}_{{i}}.html"
        results.append(c)
if {run!r}:
    corpus_stage(results, lambda p: opts, lambda p: None)
"""


def per_file(pages, copies: int) -> tuple[int, int]:
    """(instructions of the lint with summary, of the plain lint) for the pages, *copies* times."""
    out = []
    for what in ("summed", "plain"):
        code = lambda run: _PER_FILE.format(src=str(ROOT / "src"), pages=pages, what=what, copies=copies, run=run)
        out.append(instructions_of(code(True)) - instructions_of(code(False)))
    return out[0], out[1]


def stage(pages, copies: int) -> int:
    code = lambda run: _STAGE.format(src=str(ROOT / "src"), pages=pages, copies=copies, run=run)
    return instructions_of(code(True)) - instructions_of(code(False))


def main() -> int:
    pages = real_pages()
    if not pages:
        print("corpus_probe: no real pages (../shared/corpus/real-html)")
        return 0
    what = sys.argv[1:] or ["file", "stage"]
    if "file" in what:
        copies = 3
        summed, plain = per_file(pages, copies)
        n = copies * len(pages)
        print(f"per file: lint+summary {summed / n / 1e6:.2f} M, lint {plain / n / 1e6:.2f} M, "
              f"corpus layer {(summed - plain) / n / 1e6:.3f} M instructions per file")
    if "stage" in what:
        s10, s60 = stage(pages, 10), stage(pages, 60)
        print(f"stage: x10 ({10 * len(pages)} files) {s10 / 1e6:.1f} M, x60 ({60 * len(pages)} files) "
              f"{s60 / 1e6:.1f} M, ratio {s60 / s10:.2f} (linear: 6)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
