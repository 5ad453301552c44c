#!/usr/bin/env python3
"""Instructions of readers/html_split.tokenize_split alone (the tokens the reader falls back to where
html_onepass is not sure of a page), on the real pages and on benchmarks/run.py's corpus(12).

    python benchmarks/split_probe.py         # needs valgrind; PYTHONHASHSEED=0

Each count is of a fresh process that decodes the pages and tokenizes one to warm up; the same process
without the measured loop is subtracted.
"""
from __future__ import annotations

import sys
from pathlib import Path

from instructions import instructions_of, probe_ready, real_pages  # the same callgrind run as row 1b's count

ROOT = Path(__file__).resolve().parents[1]

_PROBE = """import sys
sys.path.insert(0, {src!r}); sys.path.insert(0, {bench!r})
from pathlib import Path
from disclosure_lint.source import Source
from disclosure_lint.readers.html_split import tokenize_split
if {which!r} == "real":
    texts = [Source.from_bytes(Path(p).read_bytes()).text for p in {pages!r}]
else:
    from run import corpus
    texts = [Source.from_bytes(d).text for d in corpus(12)]
tokenize_split(texts[0])
if {measure!r}:
    for t in texts:
        tokenize_split(t)
"""


def count(which: str, measure: bool, pages: list[str]) -> int:
    return instructions_of(_PROBE.format(src=str(ROOT / "src"), bench=str(ROOT / "benchmarks"), pages=pages,
                                         which=which, measure=measure))


def main() -> int:
    if not probe_ready("split_probe"):
        return 0
    pages = real_pages()
    for which in (["real"] if pages else []) + ["synth"]:
        n = count(which, True, pages) - count(which, False, pages)
        print(f"tokenize_split on {which}: {n / 1e6:.1f} M instructions")
    return 0


if __name__ == "__main__":
    sys.exit(main())
