#!/usr/bin/env python3
"""Instructions of the HTML reader's back half (``_Reader.read``: blocks, tables, cells) and of
``build_document``, each alone, on the real pages and on benchmarks/run.py's corpus(12).

    python benchmarks/doc_probe.py [real|synth] [read|build]    # needs valgrind; PYTHONHASHSEED=0

Each count is of a fresh process that decodes the pages, reads and builds every page once to warm up,
then makes every page's reader (and, for the build, its RawDocument); the same process without the
measured loop is subtracted.
"""
from __future__ import annotations

import sys
from pathlib import Path

from instructions import instructions_of, probe_ready, real_pages  # the same callgrind run as row 1b's count

ROOT = Path(__file__).resolve().parents[1]

_PROBE = """import sys, gc
sys.path.insert(0, {src!r}); sys.path.insert(0, {bench!r})
from pathlib import Path
from disclosure_lint.source import Source
from disclosure_lint.readers.html import _Reader
from disclosure_lint.document.build import build_document
if {which!r} == "real":
    sources = [Source.from_bytes(Path(p).read_bytes()) for p in {pages!r}]
else:
    from run import corpus
    sources = [Source.from_bytes(d) for d in corpus(12)]
gc.disable()
for s in sources:
    build_document(s, _Reader(s).read(), "html")
readers = [_Reader(s) for s in sources]
if {stage!r} == "build":
    raws = [r.read() for r in readers]
    if {measure!r}:
        for s, raw in zip(sources, raws):
            build_document(s, raw, "html")
elif {measure!r}:
    for r in readers:
        r.read()
"""


def count(which: str, stage: str, measure: bool, pages: list[str]) -> int:
    return instructions_of(_PROBE.format(src=str(ROOT / "src"), bench=str(ROOT / "benchmarks"), pages=pages,
                                         which=which, stage=stage, measure=measure))


def main() -> int:
    if not probe_ready("doc_probe"):
        return 0
    pages = real_pages()
    args = sys.argv[1:]
    for which in [w for w in (["real"] if pages else []) + ["synth"] if not args or w in args]:
        for stage in [s for s in ("read", "build") if not args or s in args or args == [which]]:
            n = count(which, stage, True, pages) - count(which, stage, False, pages)
            print(f"{stage} on {which}: {n / 1e6:.1f} M instructions")
    return 0


if __name__ == "__main__":
    sys.exit(main())
