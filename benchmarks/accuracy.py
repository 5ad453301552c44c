#!/usr/bin/env python3
"""Reading accuracy on the real corpus: what dlint reads in each file, and what it finds.

    python benchmarks/accuracy.py [CORPUS]      # default ../shared/corpus (real/ and real-html/)
    python benchmarks/accuracy.py --json        # the same numbers, machine-readable

Per file: the tables found (table 2, 3, 4 as matched to the edition, and the 2008-era 统计表),
how their cells were read (as written, or recovered from run-together digits: forced, chosen,
ambiguous, unsplit), and the findings by code.  Then, for every report present both as a text
extraction (real/) and as a page (real-html/): cell agreement (text cells read = HTML value,
read ≠ HTML value, not read) and the findings by code side by side.  A regression in reading
shows up as a number here; a cell read wrongly ("differ") is the number that must stay 0.
"""
from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from disclosure_lint import lint_path, parse_path  # noqa: E402
from disclosure_lint.engine.context import Context  # noqa: E402
from disclosure_lint.document import Number  # noqa: E402
from disclosure_lint.document.normalize import label_key  # noqa: E402

MODES = ("forced", "chosen", "ambiguous", "unsplit")


def stat_table(doc):
    """The 2008-era statistics table: {row label key: [本年度, 历年累计] cells}."""
    for t in doc.tables():
        heads = " ".join(c.text for r in t.rows[:3] for c in r.labels)
        if "指标名称" not in heads:
            continue
        out = {}
        for r in t.rows:
            if len(r.values) >= 1 and r.labels:
                key = label_key(r.labels[0].text)
                out.setdefault(key, r.values[:2])
        return out
    return None


def cells_of(doc):
    """{(table, row, column): cell} for every schema-matched or 统计表 cell."""
    ctx = Context(doc)
    out = {}
    for name, view in ctx.tables.items():
        for (r, c), cell in view.cells.items():
            out[(name, r, c)] = cell
    st = stat_table(doc)
    if st:
        for r, vals in st.items():
            for i, cell in enumerate(vals):
                out[("stat2008", r, i)] = cell
    return out, ctx


def describe(path: Path) -> dict:
    doc = parse_path(path)
    cells, ctx = cells_of(doc)
    modes = Counter(getattr(c, "recovery", "") or "as written" for c in cells.values())
    tables = sorted({k[0] for k in cells})
    findings = Counter(d.code for d in lint_path(path))
    return {"file": path.name, "kind": doc.kind, "tables": tables, "cells": len(cells),
            "read": sum(1 for c in cells.values() if isinstance(c.value, Number)),
            "modes": {m: modes.get(m, 0) for m in (*MODES, "as written") if modes.get(m)},
            "findings": dict(sorted(findings.items())), "_cells": cells}


def agreement(text: dict, html: dict) -> dict:
    same = differ = unread = missing = 0
    wrong = []
    for key, hc in html["_cells"].items():
        tc = text["_cells"].get(key)
        if not isinstance(hc.value, Number):
            continue
        if tc is None:
            missing += 1
        elif not isinstance(tc.value, Number):
            unread += 1
        elif tc.value.value == hc.value.value:
            same += 1
        else:
            differ += 1
            wrong.append(f"{key}: text {tc.value.value} ≠ html {hc.value.value}")
    return {"same": same, "differ": differ, "unread": unread, "missing": missing, "wrong": wrong[:5]}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", nargs="?", default=str(ROOT.parent / "shared" / "corpus"))
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    corpus = Path(args.corpus)
    if not corpus.is_dir():
        print(f"no corpus at {corpus}: nothing to measure", file=sys.stderr)
        return 0
    files = sorted(p for sub in ("real", "real-html") for p in (corpus / sub).glob("*")
                   if p.suffix in (".txt", ".html", ".htm"))
    rows = [describe(p) | {"dir": p.parent.name} for p in files]
    by_name = {(r["dir"], Path(r["file"]).stem): r for r in rows}
    pairs = []
    for (d, stem), r in by_name.items():
        if d == "real" and r["kind"] == "text" and ("real-html", stem) in by_name:
            h = by_name[("real-html", stem)]
            pairs.append({"report": stem, **agreement(r, h), "text_findings": r["findings"],
                          "html_findings": h["findings"]})
    totals = Counter()
    for p in pairs:
        for k in ("same", "differ", "unread", "missing"):
            totals[k] += p[k]
    if args.json:
        json.dump({"files": [{k: v for k, v in r.items() if not k.startswith("_")} for r in rows],
                   "pairs": pairs, "totals": totals}, sys.stdout, ensure_ascii=False, indent=1)
        print()
        return 0
    print(f"{'file':36} {'tables':28} {'cells':>5} {'read':>5}  how read / findings by code")
    for r in rows:
        modes = " ".join(f"{k}={v}" for k, v in r["modes"].items())
        fnd = " ".join(f"{k}:{v}" for k, v in r["findings"].items())
        print(f"{r['dir'] + '/' + r['file']:36} {','.join(r['tables']):28} {r['cells']:>5} {r['read']:>5}  {modes}")
        print(f"{'':36} {'':28} {'':>5} {'':>5}  {fnd}")
    print("\ntext extraction vs HTML page (cells the HTML reads as numbers)")
    print(f"{'report':22} {'same':>5} {'differ':>6} {'unread':>6} {'missing':>7}  findings text | html")
    for p in pairs:
        t = " ".join(f"{k}:{v}" for k, v in p["text_findings"].items())
        h = " ".join(f"{k}:{v}" for k, v in p["html_findings"].items())
        print(f"{p['report']:22} {p['same']:>5} {p['differ']:>6} {p['unread']:>6} {p['missing']:>7}  {t} | {h}")
        for w in p["wrong"]:
            print(f"{'':22}   WRONG {w}")
    print(f"{'total':22} {totals['same']:>5} {totals['differ']:>6} {totals['unread']:>6} {totals['missing']:>7}")
    return 1 if totals["differ"] else 0


if __name__ == "__main__":
    sys.exit(main())
