#!/usr/bin/env python3
"""Instructions of the HTML reader's back half (``_Reader.read``: blocks, tables, cells) and of
``build_document``, each alone, on the real pages and on benchmarks/run.py's corpus(12).

    python benchmarks/doc_probe.py [real|synth] [read|build]    # needs valgrind; PYTHONHASHSEED=0

The readers (the front half done: tokens, lxml's tree, the nodes) are made once, in another process, and
pickled; each count is of a fresh process that loads them twice, reads and builds the first copy to warm
up, then reads (and, for the build, builds) the second.  The same process without the measured loop is
subtracted.  Made in the counted process, the readers put an lxml parse in each count, and libxml2 seeds
its hash tables at random: the two counts then moved by about 1% of a thousand million instructions each,
more than the changes being measured (the same code read 156.8 M and 161.6 M).  Loaded from a pickle,
the count repeats to the instruction.

Both processes end with ``os._exit``: Python's collection at exit would free the pages' trees in the
subtracted process only (the build frees them, by the reader's release), and subtract that from the
build's count; a change in what a tree node holds then moved the build's count the wrong way (nodes of
five slots instead of seven: 1.6 M more, where the build with its freeing counts 0.6 M less).  So the
build's count holds the freeing of the trees, as a lint's does.
"""
from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

from instructions import instructions_of, probe_ready, real_pages  # the same callgrind run as row 1b's count

ROOT = Path(__file__).resolve().parents[1]

_PREPARE = """import sys, pickle
sys.setrecursionlimit(100000)
sys.path.insert(0, {src!r}); sys.path.insert(0, {bench!r})
from pathlib import Path
from disclosure_lint.source import Source
from disclosure_lint.readers.html import _Reader
if {which!r} == "real":
    sources = [Source.from_bytes(Path(p).read_bytes()) for p in {pages!r}]
else:
    from run import corpus
    sources = [Source.from_bytes(d) for d in corpus(12)]
with open({out!r}, "wb") as f:
    pickle.dump([_Reader(s) for s in sources], f, protocol=5)
"""

_PROBE = """import sys, gc, pickle
sys.setrecursionlimit(100000)
sys.path.insert(0, {src!r})
from disclosure_lint.readers.html import _Reader
from disclosure_lint.document.build import build_document
gc.disable()
with open({out!r}, "rb") as f:
    warm = pickle.load(f)
for r in warm:
    build_document(r.source, r.read(), "html")
with open({out!r}, "rb") as f:
    readers = pickle.load(f)
if {stage!r} == "build":
    raws = [r.read() for r in readers]
    if {measure!r}:
        for r, raw in zip(readers, raws):
            build_document(r.source, raw, "html")
elif {measure!r}:
    for r in readers:
        r.read()
import os
os._exit(0)  # no collection at exit (see above)
"""


def count(which: str, stage: str, measure: bool, pickled: str) -> int:
    return instructions_of(_PROBE.format(src=str(ROOT / "src"), out=pickled, stage=stage, measure=measure))


def prepare(which: str, pages: list[str], out: str) -> None:
    code = _PREPARE.format(src=str(ROOT / "src"), bench=str(ROOT / "benchmarks"), which=which, pages=pages, out=out)
    subprocess.run([sys.executable, "-c", code], check=True, env=dict(os.environ, PYTHONHASHSEED="0"))


def main() -> int:
    if not probe_ready("doc_probe"):
        return 0
    pages = real_pages()
    args = sys.argv[1:]
    with tempfile.TemporaryDirectory() as tmp:
        for which in [w for w in (["real"] if pages else []) + ["synth"] if not args or w in args]:
            pickled = str(Path(tmp) / f"{which}.pickle")
            prepare(which, pages, pickled)
            for stage in [s for s in ("read", "build") if not args or s in args or args == [which]]:
                n = count(which, stage, True, pickled) - count(which, stage, False, pickled)
                print(f"{stage} on {which}: {n / 1e6:.1f} M instructions")
    return 0


if __name__ == "__main__":
    sys.exit(main())
