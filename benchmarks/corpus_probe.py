#!/usr/bin/env python3
"""The corpus layer's cost in a batch, in instructions (issue 17): per file and after the batch.

    python benchmarks/corpus_probe.py            # a few minutes; needs valgrind
    python benchmarks/corpus_probe.py fresh      # one part: file, fresh or stage

* **per file**: what ``dlint`` adds for each file of a batch when the corpus stage is on —
  ``corpus.run.lint_with_summary`` (lint, summary, the lines kept for frames) against the plain
  lint ``resolve_positions(lint_document(...))`` — over the 12 real pages (parsed once before),
  COPIES times each.  Both are counted in fresh processes; the difference is the corpus layer.
* **per file, fresh documents**: the same as the command line meets a batch: each copy parsed afresh
  (outside the count) and linted with the concise format's keep (positions only). A page parsed once
  keeps its line index from the first pass; a batch's files each build (or count) theirs.
* **stage**: ``corpus_stage`` over the 12 pages' results copied 10 times and 60 times (a copy
  differs by its path, as /tmp/c60's files do). Not a test of linearity: a sentence in more than 50
  reports is a template's (copies.MAX_SHARE), so x60 drops every sentence of the pages and x10 compares
  their ~330 distinct sentences pairwise for near-identical ones (copies._near_pairs), the larger part
  of its count.

Measured 2026-11-29 (branch s9-corpus against main 86b8393 / 2d867af): per file (parsed once) 6.19 M, unchanged
(these pages keep their index); per file, fresh documents, concise 7.94 -> 6.09 M; stage x10 372.4 -> 322.0 M,
x60 442.4 -> 164.2 M. The command line on /tmp/c10 (120 files, --jobs 1 --format concise): 10,601.6 -> 10,418.6 M,
with --no-corpus 9,332.6 / 9,340.9 M: the corpus layer 1,269 -> 1,078 M.
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
from disclosure_lint.engine.results import resolve_kept, resolve_positions
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

# As the command line meets them: each copy of a page parsed afresh (before the loop, so that parsing is not
# counted), linted with the concise format's keep (positions only), the cycle collector off as lint_one has
# it. Parsed once and linted again (above), a page's source keeps its line index from the first pass, which
# hides what building it costs a file of a batch.
_FRESH = _SETUP + """
import gc
gc.disable()
datas = [(Path(p).read_bytes(), p) for p in {pages!r}]
fresh = [[parse_source(source_from_bytes(b, p), "html") for b, p in datas] for _ in range({copies!r})]
def plain_c(d):
    ctx = Context(d, opts)
    return resolve_kept(d.path, d.source, lint_document(d, opts, context=ctx), ())
def summed_c(d):
    return lint_with_summary(d.path, d, opts, ())
if {run!r}:
    f = summed_c if {what!r} == "summed" else plain_c
    for ds in fresh:
        for d in ds:
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


def per_file_fresh(pages, copies: int) -> tuple[int, int]:
    """The same, each copy parsed afresh and linted with the concise keep (see _FRESH)."""
    out = []
    for what in ("summed", "plain"):
        code = lambda run: _FRESH.format(src=str(ROOT / "src"), pages=pages, what=what, copies=copies, run=run)
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
    what = sys.argv[1:] or ["file", "fresh", "stage"]
    if "file" in what:
        copies = 3
        summed, plain = per_file(pages, copies)
        n = copies * len(pages)
        print(f"per file: lint+summary {summed / n / 1e6:.2f} M, lint {plain / n / 1e6:.2f} M, "
              f"corpus layer {(summed - plain) / n / 1e6:.3f} M instructions per file")
    if "fresh" in what:
        copies = 3
        summed, plain = per_file_fresh(pages, copies)
        n = copies * len(pages)
        print(f"per file, fresh documents, concise: lint+summary {summed / n / 1e6:.2f} M, lint {plain / n / 1e6:.2f} M, "
              f"corpus layer {(summed - plain) / n / 1e6:.3f} M instructions per file")
    if "stage" in what:
        s10, s60 = stage(pages, 10), stage(pages, 60)
        print(f"stage: x10 ({10 * len(pages)} files) {s10 / 1e6:.1f} M, x60 ({60 * len(pages)} files) "
              f"{s60 / 1e6:.1f} M, ratio {s60 / s10:.2f} (linear: 6)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
