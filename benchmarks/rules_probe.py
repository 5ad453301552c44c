#!/usr/bin/env python3
"""Instructions of lint_document per rule and per fact, in one callgrind run (issue 17: where the facts and
rules stage spends).

    python benchmarks/rules_probe.py [real|synth|text] [--facts]     # needs valgrind; about two minutes

One process reads the pages, lints them once (steady: every pattern compiled, every table loaded), then
runs the rules of a fresh Context per page in the engine's order. Callgrind dumps its count at every
``os.getppid()`` (``--dump-before``), which the probe calls between two rules, so each rule's count is
exact and the facts it asks for first are counted with it. With ``--facts`` the facts (match_tables,
document_numbers, document_dates, …) are wrapped to call it on entry and exit, so that they are counted
on their own (the wrappers cost a little). "WHOLE" is lint_document itself on other copies of the pages.
"""
from __future__ import annotations

import glob
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from instructions import probe_ready, real_pages

ROOT = Path(__file__).resolve().parents[1]

FACTS = ["facts.numbers:document_numbers", "facts.dates:document_dates", "facts.breakdowns:find_breakdowns",
         "facts.breakdowns:find_rate_pairs", "document.tables:match_tables", "facts.shift:repair_short_rows",
         "document.detect:detect", "document.structure:match_sections", "facts.identity_report:identity_findings",
         "checks._hygiene:_join_units", "document.editions:load_editions"]

_PROBE = """import sys, os, gc, importlib
sys.path.insert(0, {src!r}); sys.path.insert(0, {bench!r})
from pathlib import Path
from disclosure_lint import lint_bytes
from disclosure_lint.document.parse import parse_bytes
from disclosure_lint.engine.context import Context
from disclosure_lint.engine.options import Options
from disclosure_lint.engine import lint as L
from disclosure_lint.i18n import use_language, get_language
labels = []
def M(label):
    os.getppid()
    labels.append(label)
if {which!r} == "synth":
    from run import corpus
    datas = [(d, "html") for d in corpus(12)]
else:
    datas = [(Path(p).read_bytes(), {kind!r}) for p in {pages!r}]
for d, k in datas:
    lint_bytes(d, kind=k)
docs = [parse_bytes(d, None, k) for d, k in datas]
docs2 = [parse_bytes(d, None, k) for d, k in datas]
opts = Options()
stack = []
def wrap(modname, fname):
    mod = importlib.import_module("disclosure_lint." + modname)
    orig = getattr(mod, fname)
    def w(*a, **k):
        M(fname); stack.append(fname)
        try:
            return orig(*a, **k)
        finally:
            stack.pop(); M(stack[-1] if stack else "?")
    setattr(mod, fname, w)
for item in {facts!r}:
    wrap(*item.rsplit(":", 1))
gc.disable()
for doc in docs:
    with use_language(opts.lang or get_language()):
        ctx = Context(doc, opts)
        rules = [r for r in L.selected_rules(opts) if r.scope == "report"]
        ctx.selected = frozenset(r.code for r in rules)
        for spec in rules:
            M(spec.code); stack[:] = [spec.code]
            list(spec.func(ctx) or ())
        M("engine")
if not {facts!r}:
    for doc in docs2:
        M("WHOLE")
        L.lint_document(doc, opts)
M("end")
sys.stderr.write("LABELS\\t" + "\\t".join(labels) + "\\n")
"""


def segments(code: str) -> dict[str, int]:
    """Instructions between consecutive marks of a ``python -c code`` process, summed per label."""
    tmp = tempfile.mkdtemp()
    try:
        env = dict(os.environ, PYTHONHASHSEED="0")
        p = subprocess.run(["valgrind", "--tool=callgrind", "--dump-before=os_getppid*",
                            f"--callgrind-out-file={tmp}/cg.%p", sys.executable, "-c", code],
                           capture_output=True, text=True, env=env)
        m = re.search(r"LABELS\t(.*)", p.stderr)
        if p.returncode != 0 or m is None:
            raise RuntimeError(f"callgrind failed ({p.returncode}): {p.stderr[-500:]}")
        counts = []
        for f in sorted(glob.glob(f"{tmp}/cg.*.*"), key=lambda f: int(f.rsplit(".", 1)[1])):
            with open(f) as fh:
                counts.append(next(int(line.split()[1]) for line in fh if line.startswith("totals:")))
    finally:
        shutil.rmtree(tmp)
    out: dict[str, int] = {}
    for label, n in zip(m.group(1).split("\t"), counts[1:]):  # dump k ends at mark k: the first is the set-up
        out[label] = out.get(label, 0) + n
    out.pop("end", None)
    return out


def main() -> int:
    args = sys.argv[1:]
    which = next((a for a in args if a in ("real", "synth", "text")), "real")
    if not probe_ready("rules_probe"):
        return 0
    pages = real_pages()
    if which == "text":
        pages = sorted(str(p) for p in Path(pages[0]).parents[1].glob("real/*.txt")) if pages else []
    if which != "synth" and not pages:
        print("rules_probe: ../shared/corpus not found, skipped")
        return 0
    facts = FACTS if "--facts" in args else []
    agg = segments(_PROBE.format(src=str(ROOT / "src"), bench=str(ROOT / "benchmarks"), which=which,
                                 kind="text" if which == "text" else "html", pages=pages, facts=facts))
    whole = agg.pop("WHOLE", 0)
    print(f"{which}: lint_document {whole / 1e6:.1f} M" if whole else f"{which}: (lint_document not run with --facts)",
          f"- the rules and facts below sum to {sum(agg.values()) / 1e6:.1f} M")
    for label, n in sorted(agg.items(), key=lambda x: -x[1]):
        if n >= 0.3e6:
            print(f"  {label:24s} {n / 1e6:8.2f} M")
    return 0


if __name__ == "__main__":
    sys.exit(main())
