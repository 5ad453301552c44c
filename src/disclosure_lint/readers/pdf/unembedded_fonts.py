"""Text in a font the PDF does not embed: its characters read through pdfminer, not PDFium.

A PDF may name a font without embedding it (``STSong-Light`` from ReportLab or iText's Asian font packs).
PDFium then draws it with a font of the machine, and where the machine has none with the glyph, a text
object of a single character gets an empty box and PDFium's text layer leaves it out: the last character
of a wrapped table cell (商业企|业) vanished, and a row label with it. pdfminer (under pdfplumber, which the
reader's tables already need) places characters from the widths in the PDF itself, whatever fonts the
machine has. So a page with text in such a font is read through pdfminer, on every machine alike; every
other page, nearly all, stays with PDFium (several times faster). The standard 14 fonts (Helvetica,
Times, Courier and their aliases) are PDFium's own and never send a page there.

pdfminer's characters are made to read as PDFium's: a glyph drawn twice on itself (fake bold) is kept
once, and a Kangxi radical (⼀, U+2F00) that a font's ToUnicode map gives is read as the ideograph (一),
as PDFium's text layer normalises it.
"""
from __future__ import annotations

import ctypes
import unicodedata

from .text_layer import Ch

__all__ = ["unembedded_font_text", "pdfminer_chars", "PdfminerPages", "NONE", "TEXT", "DROPPED"]

# What unembedded_font_text finds: no such text; such text, which PDFium read; text PDFium left out.
NONE, TEXT, DROPPED = 0, 1, 2

# The standard 14 fonts and the names PDFium takes for them: drawn from PDFium's own fonts on any machine.
_STANDARD = ("Helvetica", "Arial", "Times", "Courier", "Symbol", "ZapfDingbats")
_FORM_DEPTH = 8


def _is_standard(name: str) -> bool:
    return name.split("+", 1)[-1].replace(" ", "").startswith(_STANDARD)


def _font_name(font, pdfium_c) -> str:
    get = getattr(pdfium_c, "FPDFFont_GetBaseFontName", None) or pdfium_c.FPDFFont_GetFontName
    n = get(font, None, 0)
    if n <= 1:
        return ""
    buf = ctypes.create_string_buffer(n)
    get(font, buf, n)
    return buf.value.decode("latin-1")


def _text_objects(container, pdfium_c, depth: int = 0):
    """The page's text objects, those inside form objects (XObjects) included."""
    top = depth == 0
    n = pdfium_c.FPDFPage_CountObjects(container) if top else pdfium_c.FPDFFormObj_CountObjects(container)
    for i in range(max(n, 0)):
        obj = pdfium_c.FPDFPage_GetObject(container, i) if top else pdfium_c.FPDFFormObj_GetObject(container, i)
        if not obj:
            continue
        kind = pdfium_c.FPDFPageObj_GetType(obj)
        if kind == pdfium_c.FPDF_PAGEOBJ_TEXT:
            yield obj
        elif kind == pdfium_c.FPDF_PAGEOBJ_FORM and depth < _FORM_DEPTH:
            yield from _text_objects(obj, pdfium_c, depth + 1)


def unembedded_font_text(page, pdfium_c) -> int:
    """Whether *page* draws text in a font the PDF does not embed and PDFium does not have (not one of the
    standard 14): DROPPED where an object in such a font has no width (PDFium leaves it out of its text),
    else TEXT where such an object's text goes beyond ASCII, else NONE.

    One look at each of the page's text objects (most pages stop there: every font is embedded); the text of
    the objects in such a font is asked of PDFium's text layer only then. The answer must not depend on the
    machine's fonts: where it has one with the glyphs, PDFium reads every object and its text says so;
    where it has none, an object PDFium drops has no width, which says so as well."""
    objs = []
    names: dict = {}
    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    for obj in _text_objects(page.raw, pdfium_c):
        font = pdfium_c.FPDFTextObj_GetFont(obj)
        if not font or pdfium_c.FPDFFont_GetIsEmbedded(font):
            continue
        key = ctypes.cast(font, ctypes.c_void_p).value
        standard = names.get(key)
        if standard is None:
            standard = names[key] = _is_standard(_font_name(font, pdfium_c))
        if standard:
            continue
        if pdfium_c.FPDFPageObj_GetBounds(obj, left, bottom, right, top) and abs(right.value - left.value) < 0.01:
            return DROPPED  # PDFium's text layer skips an object this narrow (below its 0.01)
        objs.append(obj)
    if not objs:
        return NONE
    tp = page.get_textpage()
    try:
        for obj in objs:
            n = pdfium_c.FPDFTextObj_GetText(obj, tp.raw, None, 0)  # bytes, the terminator included
            if n <= 2:
                continue
            buf = ctypes.create_string_buffer(n)
            pdfium_c.FPDFTextObj_GetText(obj, tp.raw, ctypes.cast(buf, ctypes.POINTER(pdfium_c.FPDF_WCHAR)), n)
            if not buf.raw[:n - 2].decode("utf-16-le", "replace").isascii():
                return TEXT
    finally:
        tp.close()
    return NONE


def pdfminer_chars(plpage, unmapped: list, dy: float = 0.0) -> list[Ch]:
    """The characters of a pdfplumber page, as :func:`.text_layer.page_chars` gives PDFium's: boxes in points
    from the top of the page (*dy* added: PDFium measures from the crop box's top, pdfplumber from the media
    box's), a glyph drawn twice on itself kept once, Kangxi radicals read as ideographs, control and
    private-use characters left out, glyphs with no Unicode (pdfminer's ``(cid:N)``) counted in
    ``unmapped[0]``."""
    out: list[Ch] = []
    for c in plpage.dedupe_chars(tolerance=1).chars:
        text = c.get("text") or ""
        if text.startswith("(cid:") and text.endswith(")"):
            unmapped[0] += 1
            continue
        x0, x1, top, bottom = float(c["x0"]), float(c["x1"]), float(c["top"]) + dy, float(c["bottom"]) + dy
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
            if 0x2F00 <= u <= 0x2FDF:  # a Kangxi radical: PDFium's text layer gives the ideograph
                ch = unicodedata.normalize("NFKC", ch)
            out.append(Ch(ch, x0 + k * step, x0 + (k + 1) * step, top, bottom))
    return out


class PdfminerPages:
    """pdfplumber's pages of the same PDF, opened on the first page that needs them (most PDFs never do)."""

    def __init__(self, data: bytes, n_pages: int) -> None:
        self.data = data
        self.n_pages = n_pages
        self.pdf = None
        self.pages = None  # None: not opened yet; False: not usable

    def page(self, index: int):
        """The page, or None where pdfplumber is missing, cannot open the PDF, or counts its pages otherwise
        than PDFium (a page listed twice: the pages would not be the same)."""
        if self.pages is None:
            self.pages = False
            try:
                import io
                import logging

                import pdfplumber

                _quiet_pdfminer(logging)
                self.pdf = pdfplumber.open(io.BytesIO(self.data))
                pages = self.pdf.pages
                if len(pages) == self.n_pages:
                    self.pages = pages
            except Exception:  # not installed, or a PDF pdfminer cannot parse: PDFium's reading stands
                pass
        if not self.pages or index >= len(self.pages):
            return None
        return self.pages[index]

    def close(self) -> None:
        if self.pdf is not None:
            try:
                self.pdf.close()
            except Exception:
                pass


def _quiet_pdfminer(logging) -> None:
    """pdfminer's warnings about the file (a missing FontBBox, MediaBox) are not the report's: without a
    handler of its own they would reach stderr through logging's last resort. One handler, however many
    PDFs a batch reads (a handler added per PDF would pile up)."""
    log = logging.getLogger("pdfminer")
    if not any(isinstance(h, logging.NullHandler) for h in log.handlers):
        log.addHandler(logging.NullHandler())
