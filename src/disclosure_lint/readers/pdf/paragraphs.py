"""Which visual lines make one paragraph.

A line that reaches the right margin continues into the next one unless that one is indented, starts
with a heading number, follows a gap or is in another type size, so a sentence (and a number) wrapped
over two lines, or over a page break, is one paragraph. A title wrapped in two centred lines is one too.
"""
from __future__ import annotations


from .visual_lines import Line
from ...source.re_cache import compile_re

_HEADING = compile_re(r"^\s*(?:[一二三四五六七八九十]{1,3}\s*[、．.]|[（(][一二三四五六七八九十\d]{1,3}[）)]|\d{1,2}\s*[、．.](?!\d))")


def page_margins(pages) -> dict:
    """Each page's left and right text margins, and the body's line height (``"body_h"``)."""
    margins = {}
    for pno, lines, _t in pages:
        if lines:
            margins[pno] = (min(ln.x0 for ln in lines), max(ln.x1 for ln in lines))
    heights = sorted(ln.h for _p, lines, _t in pages for ln in lines)
    if heights:
        margins["body_h"] = heights[len(heights) // 2]
    return margins


def line_continues(a: Line, b: Line, margins: dict) -> bool:
    """Line *b* carries on the paragraph whose last line is *a*."""
    left_a, right_a = margins.get(a.page, (a.x0, a.x1))
    left_b, _ = margins.get(b.page, (b.x0, b.x1))
    if a.x1 < right_a - 1.5 * a.h:
        return False            # a line that stops short ends its paragraph
    if _HEADING.match(b.text):
        return False
    if b.page == a.page and b.top - a.bottom > 1.2 * a.h:
        return False            # a gap between paragraphs
    body_h = margins.get("body_h", a.h)
    if abs(b.h - a.h) > 0.35 * max(a.h, b.h) or (a.h > 1.15 * body_h) != (b.h > 1.15 * body_h):
        return False            # a change of type size: a title, a heading
    if b.x0 > left_b + 0.6 * b.h:
        # an indented line starts a paragraph, unless both lines are centred: a title wrapped in two
        mid = (left_b + margins.get(b.page, (b.x0, b.x1))[1]) / 2
        large = a.h > 1.15 * body_h   # a title's type is larger than the body's
        right_b = margins.get(b.page, (b.x0, b.x1))[1]
        return (b.page == a.page and (large or a.x0 > left_a + 0.3 * a.h) and abs((b.x0 + b.x1) / 2 - mid) <= b.h
                and abs((a.x0 + a.x1) / 2 - mid) <= a.h and b.x1 < right_b - b.h)
    return True
