"""One-line bodies: crawler text extractions that put the whole page on one line.

``…办结率100%。 二、主动公开政府信息情况第二十条第（一）项 信息内容 本年制发件数…规章000…``: the
headings are inline, the tables ran together.  This reader cuts such a line into blocks:

* the tables (2, 3, 4 and the 2008-era 统计表) recovered by :mod:`disclosure_lint.recover`;
* the headings, found with the editions' own heading lists as the key: a ``二、`` is a heading
  when the words after it are a known section heading (or a variant, one typo allowed), or, for
  reports whose headings are not in any edition, after a sentence end or a space, a title that
  ends like a heading (…情况, …措施, …统计表) or a short title standing between spaces — and in
  every case only when its number continues the sequence (一, 二, 三 …).  A ``二、`` inside a
  sentence is not a heading;
* the prose between them.
"""
from __future__ import annotations

from functools import lru_cache

from ..document.normalize import cn_numeral_value, label_key
from ..source.ptext import PText
from ..recover import recover_tables
from ..recover.view import NormView
from ..source import Span
from .blocks import RawDocument, RawParagraph
from ..source.re_cache import compile_re

__all__ = ["FLAT_MIN", "is_flat", "read_flat"]

FLAT_MIN = 1000     # a line at least this long, with no table bars, is a one-line body
WEAK_TITLE = 30     # a heading not in the editions' lists: at most this long, between spaces

_SP = " \t\u00a0\u3000"
_L1 = compile_re(r"(?P<num>[一二三四五六七八九十]{1,2})[ \u3000]*[、．.]")
_L2 = compile_re(r"[（(](?P<num>[一二三四五六七八九十]{1,2})[）)]")
_BOUNDARY = set(_SP) | set("。！？；;：:”）)>")
_WEAK_END = compile_re(r"[ \u3000\u00a0\t]")
_WEAK_BAD = compile_re(r"[，,。；;！？：:、0-9０-９]")
# A title that ends the way report headings end (2008-era reports: 三、政府信息依申请公开工作情况2018年…)
_TITLED = compile_re(r"[^，,。；;！？：:、（()）《》“”0-9０-９\s]{1,28}(?:情况|措施|概述|统计表|事项)")


# Tables run together on a line: a table-3 row label, a table-2 banner, or the 统计表 header, then digits.
_TABLE_HINT = compile_re(r"本年新收政府信息公开申请数量\s*\d|第二十条第[（(][一二三四五六七八九十]{1,3}[）)]项\s*信息内容"
                         r"|指标名称\s*计\s*量\s*单\s*位|尚未审结\s*总计\s*\d")


def is_flat(line: str) -> bool:
    """A crawler's one-line body: long, or holding run-together tables, and no table bars."""
    return "|" not in line and (len(line) >= FLAT_MIN or _TABLE_HINT.search(line) is not None)


@lru_cache(maxsize=1)
def _known_headings() -> tuple[str, ...]:
    from ..document.editions import load_editions

    keys = set()
    for ed in load_editions().values():
        for s in ed.sections:
            for h in [s.get("heading", ""), *s.get("variants", [])]:
                if h:
                    keys.add(label_key(h))
        for it in ed.items:
            if it.get("heading"):
                keys.add(label_key(it["heading"]))
    return tuple(sorted(keys, key=len, reverse=True))


@lru_cache(maxsize=1)
def _by_prefix() -> dict[str, tuple[str, ...]]:
    """Known headings by their first two characters (a typo is looked for after them)."""
    out: dict[str, list[str]] = {}
    for key in _known_headings():
        out.setdefault(key[:2], []).append(key)
    return {k: tuple(v) for k, v in out.items()}


def _near(a: str, b: str) -> bool:
    """Edit distance at most 1 (a typo such as 行政法复议 in a heading)."""
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b)) <= 1
    if len(a) > len(b):
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    return a[i:] == b[i + 1:]


def _strong_title_end(view: NormView, pos: int, end: int) -> int | None:
    """End of a known heading starting at *pos* (spaces skipped; one typo allowed in a long one), or None."""
    text = view.text
    while pos < end and text[pos] in _SP:
        pos += 1
    k = view._norm_at(pos)
    norm, idx = view.norm, view.idx
    best = None
    for key in _by_prefix().get(norm[k:k + 2], ()):
        lengths = [len(key)] if len(key) < 8 else [len(key), len(key) + 1, len(key) - 1]
        for n in lengths:
            if k + n > len(idx):
                continue
            got = norm[k:k + n]
            if got == key or (len(key) >= 8 and _near(got, key)):
                e = idx[k + n - 1] + 1
                if e <= end and (best is None or e > best):
                    best = e
                break
        if best is not None and norm.startswith(key, k):
            break
    return best


def _titled_end(text: str, pos: int, end: int) -> int | None:
    while pos < end and text[pos] in _SP:
        pos += 1
    m = _TITLED.match(text, pos, end)
    return m.end() if m else None


def _weak_title_end(text: str, pos: int, end: int) -> int | None:
    """End of a short title followed by a space (``一、 概述 推进…``), or None."""
    while pos < end and text[pos] in _SP:
        pos += 1
    m = _WEAK_END.search(text, pos, min(end, pos + WEAK_TITLE + 1))
    if m is None or m.start() == pos:
        return None
    title = text[pos:m.start()]
    if _WEAK_BAD.search(title) or len(title) < 2:
        return None
    return m.start()


def _headings(view: NormView, a: int, b: int, state: dict) -> list[tuple[int, int]]:
    """[(start, title end)] of the headings in text[a:b], numbered in sequence."""
    text = view.text
    cands = []
    for pat, level in ((_L1, 1), (_L2, 2)):
        for m in pat.finditer(text, a, b):
            s = m.start()
            if s > 0 and text[s - 1] in "（(第":
                continue
            boundary = s == a or text[s - 1] in _BOUNDARY
            n = cn_numeral_value(m.group("num"))
            if not n:
                continue
            # a known heading may follow anything (…32.52元三、收到和处理…); a short unknown title only a boundary
            strong = _strong_title_end(view, m.end(), b) if level == 1 else None
            weak = None
            if strong is None and boundary:
                weak = (_titled_end(text, m.end(), b) if level == 1 else None) or _weak_title_end(text, m.end(), b)
            if strong is None and weak is None:
                continue
            cands.append((s, level, n, strong or weak, strong is not None))
    cands.sort()
    out = []
    for s, level, n, e, strong in cands:
        if out and s < out[-1][1]:
            continue  # inside the previous heading's title
        if level == 1:
            want = state["l1"] + 1
            if n == want or (strong and n == want + 1):
                state["l1"], state["l2"] = n, 0
                out.append((s, e))
        else:
            if state["l1"] and n == state["l2"] + 1:
                state["l2"] = n
                out.append((s, e))
    return out


def _paragraph(text: str, s: int, e: int) -> RawParagraph | None:
    while s < e and text[s] in _SP:
        s += 1
    while e > s and text[e - 1] in _SP:
        e -= 1
    if s >= e:
        return None
    return RawParagraph(PText.literal(text[s:e], s), Span(s, e))


def read_flat(text: str, start: int, end: int, doc: RawDocument) -> None:
    """Append the blocks of the one-line body text[start:end] to *doc*."""
    view = NormView(text, start, end)
    tables = recover_tables(view, start, end)
    state = {"l1": 0, "l2": 0}
    pos = start
    pieces = [(t.span.start, t.span.end, t) for t in tables] + [(end, end, None)]
    for ts, te, t in pieces:
        cuts = _headings(view, pos, ts, state)
        bounds = [pos]
        for hs, he in cuts:
            bounds += [hs, he]
        bounds.append(ts)
        for k in range(len(bounds) - 1):
            p = _paragraph(text, bounds[k], bounds[k + 1])
            if p is not None:
                doc.blocks.append(p)
        if t is not None:
            doc.blocks.append(t.table)
            doc.problems.extend(t.problems)
        pos = te
