#!/usr/bin/env python3
"""Row 1 of run.py in instructions: the in-process lint of run.py's synthetic corpus(12) vs a bare
``lxml.html.fromstring`` of the same bytes, steady (the corpus linted once before the measured pass), as
benchmarks/instructions.py counts row 1b on the real pages.

    python benchmarks/synth_probe.py          # needs valgrind; about two minutes; PYTHONHASHSEED is fixed

The lxml count is of a process that parses only (no lint before it): a lint's warm-up pass holds lxml
parses whose count moves with libxml2's random hash seeds, which moved an lxml figure taken as the
difference of two linting processes by 15% (146 to 176 M for the same code).
"""
from __future__ import annotations

import sys
from pathlib import Path

from instructions import instructions_of, probe_ready

ROOT = Path(__file__).resolve().parents[1]

_PROBE = """import sys
sys.path.insert(0, {src!r}); sys.path.insert(0, {bench!r})
import lxml.html
from run import corpus
files = corpus(12)
if {what!r} != "lxml" and {what!r} != "lxml-none":
    from disclosure_lint import lint_bytes
    for d in files:
        lint_bytes(d, kind="html")
lxml.html.fromstring(files[0])
if {what!r} == "lint":
    for d in files:
        lint_bytes(d, kind="html")
elif {what!r} == "lxml":
    for d in files:
        lxml.html.fromstring(d)
"""


def count(what: str) -> int:
    return instructions_of(_PROBE.format(src=str(ROOT / "src"), bench=str(ROOT / "benchmarks"), what=what))


def main() -> int:
    if not probe_ready("synth_probe"):
        return 0
    base = count("none")
    lint = count("lint") - base
    lxml = count("lxml") - count("lxml-none")
    print(f"row 1 in instructions: corpus(12), steady: lxml.html.fromstring {lxml / 1e6:.1f} M, "
          f"dlint lint {lint / 1e6:.1f} M -> ratio {lint / lxml:.2f}x (target <= 5x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
