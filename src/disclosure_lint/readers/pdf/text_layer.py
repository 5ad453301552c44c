"""The PDF's text layer, read through PDFium (pypdfium2): each character with its box.

Characters come from PDFium's raw text API (its helper objects cost more than the work): generated
characters (spaces PDFium infers) are skipped, and a glyph whose font gives no character (no
ToUnicode map) is counted, not read. Boxes are the loose ones (the font's ascent and descent), in
points from the top of the page, so 字 and ， sit on one baseline.
"""
from __future__ import annotations

from ...source.dataclass_cache import dataclass


@dataclass
class Ch:
    c: str
    x0: float
    x1: float
    top: float
    bottom: float
    line: int = 0          # the visual line on its page (1-based)

    @property
    def cy(self) -> float:
        return (self.top + self.bottom) / 2

    @property
    def h(self) -> float:
        return self.bottom - self.top


def page_chars(page, h: float, pdfium_c, unmapped: list) -> list[Ch]:
    """The characters of *page* (of height *h*) in text-layer order; ``unmapped[0]`` counts the glyphs
    that do not map to Unicode."""
    tp = page.get_textpage()
    chars: list[Ch] = []
    try:
        n = tp.count_chars()
        raw_tp = tp.raw
        rect = pdfium_c.FS_RECTF()
        generated, unicode, loose = pdfium_c.FPDFText_IsGenerated, pdfium_c.FPDFText_GetUnicode, \
            pdfium_c.FPDFText_GetLooseCharBox
        map_error = getattr(pdfium_c, "FPDFText_HasUnicodeMapError", None)
        for i in range(n):
            if generated(raw_tp, i) == 1:
                continue
            u = unicode(raw_tp, i)
            if u < 32 or u in (0xFFFE, 0xFFFF, 0xFFFD) or 0xD800 <= u <= 0xDFFF or 0xE000 <= u <= 0xF8FF \
                    or (map_error is not None and map_error(raw_tp, i) == 1):
                if u >= 32 or u == 0:
                    unmapped[0] += 1
                continue
            # the loose box (font ascent / descent) puts 字 and ， on one baseline
            if not loose(raw_tp, i, rect):
                continue
            l, b, r, t = rect.left, rect.bottom, rect.right, rect.top
            if r < l or t < b:
                continue
            chars.append(Ch(chr(u), l, r, h - t, h - b))
    finally:
        tp.close()
    return chars


def number_lines(chars: list[Ch]) -> None:
    """Each character's visual line on the page, counted from the top."""
    if not chars:
        return
    order = sorted(chars, key=lambda c: c.cy)
    line = 1
    ref = order[0]
    for c in order:
        if c.cy - ref.cy > max(ref.h, 1.0) * 0.5:
            line += 1
            ref = c
        c.line = line
