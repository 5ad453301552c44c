"""Baselines: record today's findings, then report only the new ones.

A finding is matched by its file (relative to the baseline's folder), its code, the exact text its
span covers and a little text either side *on the same line* — never by line number or offset — so
findings survive edits elsewhere in the file, lines moved, and a different language of messages.
Matching counts occurrences: three identical findings in the baseline excuse three, a fourth is new.
"""
from __future__ import annotations

import hashlib
import json
import os
from collections import Counter
from dataclasses import replace

__all__ = ["BaselineError", "fingerprint", "write_baseline", "load_baseline", "filter_new", "VERSION"]

VERSION = 1


class BaselineError(Exception):
    pass


def _rel(path: str, base_dir: str) -> str:
    if path in ("<stdin>", "-"):
        return "<stdin>"
    try:
        rel = os.path.relpath(os.path.abspath(path), base_dir)
    except ValueError:  # another drive on Windows
        rel = os.path.abspath(path)
    return rel.replace(os.sep, "/")


def _norm(s: str) -> str:
    return " ".join(s.split())


def fingerprint(rel_path: str, code: str, text: str, before: str, after: str) -> str:
    h = hashlib.sha256()
    for part in (rel_path, code, _norm(before), _norm(text), _norm(after)):
        h.update(part.encode("utf-8", "surrogatepass"))
        h.update(b"\0")
    return h.hexdigest()[:32]


def _prints(res, base_dir: str):
    rel = _rel(res.path, base_dir)
    for d in res.diagnostics:
        before, after = res.context(d.span)
        yield d, fingerprint(rel, d.code, res.text(d.span), before, after)


def write_baseline(results, path: str) -> int:
    base_dir = os.path.dirname(os.path.abspath(path))
    entries = []
    for res in results:
        for d, fp in _prints(res, base_dir):
            entries.append({"fingerprint": fp, "path": _rel(res.path, base_dir), "code": d.code,
                            "text": res.text(d.span)[:200], "message": d.message})
    doc = {"dlint-baseline": VERSION, "findings": entries}
    tmp = f"{path}.tmp{os.getpid()}"
    with open(tmp, "w", encoding="utf-8") as fh:
        json.dump(doc, fh, ensure_ascii=False, indent=1)
        fh.write("\n")
    os.replace(tmp, path)
    return len(entries)


def load_baseline(path: str) -> Counter:
    try:
        with open(path, "rb") as fh:
            data = fh.read(256 * 1024 * 1024 + 1)
    except OSError as exc:
        raise BaselineError(f"--baseline {path}: cannot read: {exc.strerror or exc}") from None
    try:
        doc = json.loads(data.decode("utf-8"))
        if not isinstance(doc, dict) or doc.get("dlint-baseline") != VERSION:
            raise ValueError("not a dlint baseline (version 1)")
        return Counter(str(e["fingerprint"]) for e in doc["findings"])
    except (ValueError, KeyError, TypeError, UnicodeDecodeError) as exc:
        raise BaselineError(f"--baseline {path}: not a dlint baseline file ({exc}); "
                            "write one with --write-baseline") from None


def filter_new(results, known: Counter, baseline_path: str):
    """The results with every finding the baseline knows removed (FileResults are copied, not changed)."""
    base_dir = os.path.dirname(os.path.abspath(baseline_path))
    left = Counter(known)
    out = []
    for res in results:
        keep = []
        for d, fp in _prints(res, base_dir):
            if left[fp] > 0:
                left[fp] -= 1
            else:
                keep.append(d)
        out.append(replace(res, diagnostics=keep))
    return out
