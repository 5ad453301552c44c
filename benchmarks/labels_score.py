#!/usr/bin/env python3
"""Score dlint against the hand-checked labels in ``benchmarks/labels/*.csv``.

    python benchmarks/labels_score.py            # needs ../shared (the corpus); files not present are skipped

A label row is ``file, code, text, context, verdict, note``: ``file`` is relative to the directory
above the repository (``shared/corpus/…``) or to the repository (``examples/…``); ``text`` is what
the finding's span slices to and ``context`` a piece of the text around it (markup removed).
Verdicts: ``true`` (a real defect dlint reports), ``false`` (a false alarm dlint reports),
``expected`` / ``missed`` (a real defect dlint should report and does not yet).
Prints per code: true and false findings, findings no label covers (to be hand-checked), and
labelled defects not found — so precision and recall are numbers a later run can compare.
"""
from __future__ import annotations

import csv
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

import disclosure_lint  # noqa: E402
from disclosure_lint import lint_path  # noqa: E402


def _path(name: str) -> Path:
    return (ROOT.parent / name) if name.startswith("shared/") else (ROOT / name)


def _plain(s: str) -> str:
    return re.sub(r"<[^>]*>|\s+", "", s)


def main() -> int:
    labels = []
    for f in sorted((ROOT / "benchmarks" / "labels").glob("*.csv")):
        with open(f, encoding="utf-8", newline="") as fh:
            labels.extend(csv.DictReader(fh))
    codes = sorted({r["code"] for r in labels})
    by_file: dict[str, list[dict]] = {}
    for r in labels:
        by_file.setdefault(r["file"], []).append(r)
    stats: Counter = Counter()
    unlabelled = []
    missed = []
    for name, rows in sorted(by_file.items()):
        path = _path(name)
        if not path.exists():
            continue
        text = disclosure_lint.parse_path(str(path)).source.text
        found = lint_path(str(path), select=codes)
        used = set()
        for d in found:
            q = text[d.span.start:d.span.end]
            around = _plain(text[max(0, d.span.start - 400):d.span.end + 200])
            hit = next((i for i, r in enumerate(rows) if i not in used and r["code"] == d.code and r["text"] == q
                        and _plain(r["context"]) in around), None)
            if hit is None:
                unlabelled.append((name, d.code, q, d.message[:100]))
                stats[(d.code, "unlabelled")] += 1
                continue
            used.add(hit)
            verdict = rows[hit]["verdict"]
            stats[(d.code, "true" if verdict in ("true", "expected", "missed") else "false")] += 1
        for i, r in enumerate(rows):
            if i not in used and r["verdict"] in ("true", "expected", "missed"):
                missed.append((name, r["code"], r["text"], r["verdict"]))
                stats[(r["code"], "not found")] += 1
    print(f"{'code':8} {'true':>5} {'false':>5} {'unlabelled':>10} {'not found':>9}")
    for c in codes:
        print(f"{c:8} {stats[(c, 'true')]:5} {stats[(c, 'false')]:5} {stats[(c, 'unlabelled')]:10} {stats[(c, 'not found')]:9}")
    t = sum(v for (c, k), v in stats.items() if k == "true")
    f = sum(v for (c, k), v in stats.items() if k == "false")
    n = sum(v for (c, k), v in stats.items() if k == "not found")
    print(f"precision {t}/{t + f}" + (f" = {t / (t + f):.3f}" if t + f else "") + f"; recall {t}/{t + n}"
          + (f" = {t / (t + n):.3f}" if t + n else ""))
    for u in unlabelled:
        print("unlabelled:", *u)
    for m in missed:
        print("not found:", *m)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
