#!/usr/bin/env python3
"""CPU time of the HTML lint's stages against lxml's parse, on the real pages and on run.py's corpus(12).

    python benchmarks/time_probe.py [real|synth] [--repeats N]     # about a minute

The other probes count instructions (callgrind), which repeat to the instruction but are not time: libxml2
runs more instructions a nanosecond than our Python stages and than the regex engine, by a ratio that
differs from one kind of page to another.  On corpus(12) the lint counts 5.3x lxml's instructions and takes
about 7.7x its CPU time; on the real pages 4.0x and about 5.4-6x (rows 1 and 1b of run.py, timed in turns).
This probe prints each stage's best-of-N CPU time (interleaved rounds, the garbage collector off for all
of them, as lint_all runs the lint) and its ratio to lxml's parse:

* ``lxml``: ``lxml.html.fromstring`` of each page (the unit);
* ``lxml+walk``: the same and a walk of every element reading its tag, text, tail, source line and one
  attribute: the front half of a reader that lets lxml build the only tree (issue 17's suggestion), before
  it recovers any offset;
* ``split``: ``html_split._SPLIT_RUNS.split`` of each decoded page: the regex engine alone;
* ``one pass``: html_onepass.read_in_one_pass (the split, the tokens and the tree): our front half;
* ``parse``: ``parse_bytes`` (decoding, both halves of the reader, the document built);
* ``lint``: ``lint_bytes``, as row 1 and 1b.
"""
from __future__ import annotations

import argparse
import gc
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))


def stages(files: list[bytes]) -> dict:
    import lxml.html

    from disclosure_lint import lint_bytes
    from disclosure_lint.document.parse import parse_bytes
    from disclosure_lint.readers.html_onepass import read_in_one_pass
    from disclosure_lint.readers.html_split import _SPLIT_RUNS
    from disclosure_lint.source import Source

    texts = [Source.from_bytes(d).text for d in files]

    def walk():
        for d in files:
            for el in lxml.html.fromstring(d).iter():
                el.tag, el.text, el.tail, el.sourceline, el.get("rowspan")

    return {
        "lxml": lambda: [lxml.html.fromstring(d) for d in files],
        "lxml+walk": walk,
        "split": lambda: [_SPLIT_RUNS.split(t) for t in texts],
        "one pass": lambda: [read_in_one_pass(t) for t in texts],
        "parse": lambda: [parse_bytes(d, kind="html") for d in files],
        "lint": lambda: [lint_bytes(d, kind="html") for d in files],
    }


def measure(files: list[bytes], repeats: int) -> dict[str, float]:
    from run import best_in_turns

    fns = stages(files)
    for fn in fns.values():
        fn()  # warm: imports, patterns compiled at first use, tables loaded
    gc_was = gc.isenabled()
    gc.disable()  # for every stage, as lint_all runs the lint
    try:
        return dict(zip(fns, best_in_turns(list(fns.values()), repeats)))
    finally:
        if gc_was:
            gc.enable()


def main() -> int:
    from run import corpus, real_pages

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("which", nargs="*", help="real, synth or both (the default)")
    ap.add_argument("--repeats", type=int, default=10)
    args = ap.parse_args()
    for which in args.which or ["real", "synth"]:
        if which not in ("real", "synth"):
            ap.error(f"unknown pages {which!r}: real or synth")
        files = real_pages() if which == "real" else corpus(12)
        if not files:
            print(f"{which}: ../shared/corpus/real-html not found, skipped")
            continue
        best = measure(files, args.repeats)
        unit = best["lxml"]
        print(f"{which} ({len(files)} pages, best of {args.repeats}): " +
              "; ".join(f"{name} {t * 1000:.1f} ms ({t / unit:.2f}x)" for name, t in best.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
