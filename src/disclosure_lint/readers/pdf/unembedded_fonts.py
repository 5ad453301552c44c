"""Chinese text in a font the PDF does not embed: its characters read through pdfminer, not PDFium.

A PDF may name a Chinese font without embedding it (``STSong-Light`` from ReportLab or iText's Asian
font packs). PDFium then draws it with a font of the machine, and where the machine has no Chinese font,
a text object of a single character gets an empty box and PDFium's text layer leaves it out: the
last character of a wrapped table cell (商业企|业) vanished, and a row label with it. pdfminer (under
pdfplumber, which the reader's tables already need) places characters from the widths in the PDF
itself, whatever fonts the machine has. So a page whose Chinese text is in such a font is read through
pdfminer, on every machine alike; every other page, nearly all, stays with PDFium (ten times faster).
"""
from __future__ import annotations

import ctypes

from .text_layer import Ch

__all__ = ["cjk_in_unembedded_font", "pdfminer_chars", "PdfminerPages"]


def _is_cjk(ch: str) -> bool:
    o = ord(ch)
    return 0x2E80 <= o <= 0x9FFF or 0xF900 <= o <= 0xFAFF or 0xFF00 <= o <= 0xFFEF or o >= 0x20000


def cjk_in_unembedded_font(page, pdfium_c) -> bool:
    """Whether a text object of *page* draws Chinese text in a font the PDF does not embed, or draws text
    in such a font that PDFium gives no width (and so leaves out of its text layer).

    One look at each of the page's objects (most pages stop there: every font is embedded); the text of
    the objects in an unembedded font is asked of PDFium's text layer only then. The answer must not
    depend on the machine's fonts: where it has a Chinese font, PDFium reads every object and its text
    says Chinese; where it has none, an object PDFium drops has no width, which says so as well."""
    raw = page.raw
    objs = []
    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    for i in range(pdfium_c.FPDFPage_CountObjects(raw)):
        obj = pdfium_c.FPDFPage_GetObject(raw, i)
        if pdfium_c.FPDFPageObj_GetType(obj) != pdfium_c.FPDF_PAGEOBJ_TEXT:
            continue
        font = pdfium_c.FPDFTextObj_GetFont(obj)
        if font and not pdfium_c.FPDFFont_GetIsEmbedded(font):
            if pdfium_c.FPDFPageObj_GetBounds(obj, left, bottom, right, top) and abs(right.value - left.value) < 0.01:
                return True  # PDFium's text layer skips an object this narrow (below its 0.01)
            objs.append(obj)
    if not objs:
        return False
    tp = page.get_textpage()
    try:
        for obj in objs:
            n = pdfium_c.FPDFTextObj_GetText(obj, tp.raw, None, 0)  # bytes, the terminator included
            if n <= 2:
                continue
            buf = ctypes.create_string_buffer(n)
            pdfium_c.FPDFTextObj_GetText(obj, tp.raw, ctypes.cast(buf, ctypes.POINTER(pdfium_c.FPDF_WCHAR)), n)
            if any(map(_is_cjk, buf.raw[:n - 2].decode("utf-16-le", "replace"))):
                return True
    finally:
        tp.close()
    return False


def pdfminer_chars(plpage, unmapped: list) -> list[Ch]:
    """The characters of a pdfplumber page, as :func:`.text_layer.page_chars` gives PDFium's: boxes in points
    from the top of the page, control and private-use characters left out, glyphs with no Unicode
    (pdfminer's ``(cid:N)``) counted in ``unmapped[0]``."""
    out: list[Ch] = []
    for c in plpage.chars:
        text = c.get("text") or ""
        if text.startswith("(cid:") and text.endswith(")"):
            unmapped[0] += 1
            continue
        x0, x1, top, bottom = float(c["x0"]), float(c["x1"]), float(c["top"]), float(c["bottom"])
        if x1 < x0 or bottom < top:
            continue
        # A glyph that stands for several characters (a ligature) shares its box among them.
        step = (x1 - x0) / len(text) if text else 0.0
        for k, ch in enumerate(text):
            u = ord(ch)
            if u < 32 or u in (0xFFFE, 0xFFFF, 0xFFFD) or 0xD800 <= u <= 0xDFFF or 0xE000 <= u <= 0xF8FF:
                if u >= 32 or u == 0:
                    unmapped[0] += 1
                continue
            out.append(Ch(ch, x0 + k * step, x0 + (k + 1) * step, top, bottom))
    return out


class PdfminerPages:
    """pdfplumber's pages of the same PDF, opened on the first page that needs them (most PDFs never do)."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        self.pdf = None

    def page(self, index: int):
        """The page, or None where pdfplumber is missing or cannot open the PDF."""
        if self.pdf is None:
            try:
                import io

                import pdfplumber

                self.pdf = pdfplumber.open(io.BytesIO(self.data))
            except Exception:  # not installed, or a PDF pdfminer cannot parse: PDFium's reading stands
                self.pdf = False
        if self.pdf is False or index >= len(self.pdf.pages):
            return None
        return self.pdf.pages[index]

    def close(self) -> None:
        if self.pdf:
            try:
                self.pdf.close()
            except Exception:
                pass
