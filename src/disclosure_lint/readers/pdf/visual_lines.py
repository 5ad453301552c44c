"""Characters grouped into the visual lines of a page, and the lines that are not the report dropped.

A visual line is the characters whose centres lie within half a character height of one another, read
left to right; a wide gap between two characters is a space. A page number in the top or bottom margin,
and a running header or footer (a date, the title, a URL, "3/10") that recurs on other pages, are not
part of the report.
"""
from __future__ import annotations

from ...source.dataclass_cache import dataclass

from .text_layer import Ch
from ...source.re_cache import compile_re

_PAGE_NO = compile_re(r"^[-—–\s]*(?:第\s*)?\d{1,4}\s*(?:页|/\s*\d{1,4})?[-—–\s]*$")
_DIGITS = compile_re(r"\d+")


@dataclass
class Line:
    chars: list
    page: int
    x0: float = 0.0
    x1: float = 0.0
    top: float = 0.0
    bottom: float = 0.0
    text: str = ""

    @property
    def h(self) -> float:
        return max(self.bottom - self.top, 1.0)


def cluster(chars: list[Ch]) -> list[list[Ch]]:
    """Characters grouped into visual lines, each sorted left to right."""
    out: list[list[Ch]] = []
    for c in sorted(chars, key=lambda c: (c.cy, c.x0)):
        if out:
            cur = out[-1]
            ref = cur[0]
            if abs(c.cy - ref.cy) <= max(ref.h, c.h, 1.0) * 0.5:
                cur.append(c)
                continue
        out.append([c])
    return [sorted(g, key=lambda c: c.x0) for g in out]


def line_text(group: list[Ch]) -> str:
    out = []
    prev = None
    for c in group:
        if c.c.isspace():
            if out and out[-1] != " ":
                out.append(" ")
            prev = c
            continue
        if prev is not None and not prev.c.isspace() and c.x0 - prev.x1 > max(c.h, prev.h) * 0.8 and out \
                and out[-1] != " ":
            out.append(" ")
        out.append(c.c)
        prev = c
    return "".join(out).strip()


def page_lines(chars: list[Ch], pno: int, page_h: float) -> list[Line]:
    lines = []
    for g in cluster(chars):
        vis = [c for c in g if not c.c.isspace()]
        if not vis:
            continue
        ln = Line(vis, pno, min(c.x0 for c in vis), max(c.x1 for c in vis), min(c.top for c in vis),
                  max(c.bottom for c in vis), line_text(g))
        if not ln.text:
            continue
        # a page number in the top or bottom margin is not part of the report
        if (ln.top > page_h * 0.9 or ln.bottom < page_h * 0.1) and _PAGE_NO.match(ln.text):
            continue
        lines.append(ln)
    return lines


def drop_running_lines(pages, heights: dict) -> None:
    """Running headers and footers (a date, the title, a URL, "3/10") are not the report: a line in the
    top or bottom margin whose text, digits aside, recurs on another page is dropped."""
    if len(pages) < 2:
        return
    seen: dict[str, set] = {}
    for pno, lines, _t in pages:
        h = heights.get(pno, 842.0)
        for ln in lines:
            if ln.bottom < h * 0.09 or ln.top > h * 0.91:
                seen.setdefault(_DIGITS.sub("#", ln.text), set()).add(pno)
    running = {k for k, v in seen.items() if len(v) >= 2}
    if not running:
        return
    for pno, lines, _t in pages:
        h = heights.get(pno, 842.0)
        lines[:] = [ln for ln in lines if not ((ln.bottom < h * 0.09 or ln.top > h * 0.91)
                                               and _DIGITS.sub("#", ln.text) in running)]
