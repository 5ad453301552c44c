"""The PDF reader: the text layer with character positions (pypdfium2), tables from ruling lines.

Characters and their boxes come from PDFium (:mod:`.text_layer`), and so do the page's thin path
objects, the ruling lines a table is drawn with (:mod:`.ruling_lines`). The lines are turned into cells
by pdfplumber's lattice functions (:mod:`.lattice`). Characters outside tables are grouped into visual
lines (:mod:`.visual_lines`) and the lines into paragraphs (:mod:`.paragraphs`); a table that continues
on the next page is one table (:mod:`.continued_tables`). :mod:`.extracted_text` writes it all out, each
piece located. A page with text in a font the PDF does not embed (and PDFium does not have) takes its
characters from pdfminer instead (:mod:`.unembedded_fonts`). A page PDFium reads as empty is looked at
again, so that one whose content is damaged is named rather than dropped in silence (:mod:`.damaged_pages`).

A PDF with no text layer (a scan) gets one finding: dlint does not do OCR. CreationDate / ModDate
become the metadata fields ``file_created`` / ``file_modified``. Locations: ``{"page", "line"}``, the
line counted from the top of the page.
"""
from __future__ import annotations

from ...i18n import _
from ...source import Span
from ..blocks import RawDocument
from ..office import (MISSING_EXTRA, NO_TEXT, UNREADABLE, ExtractedSource, OfficeRead, TextBuilder, failed, iso_date,
                      properties_trailer)
from .extracted_text import write_pages
from .lattice import PTable, lattice, page_tables
from .text_layer import number_lines, page_chars
from .damaged_pages import content_damaged, empty_in_pdfium
from .unembedded_fonts import DROPPED, NONE, PdfminerPages, pdfminer_chars, unembedded_font_text
from .visual_lines import drop_running_lines, page_lines

__all__ = ["read_pdf"]

MAX_PAGES = 500


def read_pdf(data: bytes, path: str | None = None) -> OfficeRead:
    try:
        import pypdfium2 as pdfium
        import pypdfium2.raw as pdfium_c
    except ImportError:
        return failed(path, "pdf", MISSING_EXTRA, _("reading a PDF needs the pdf extra: pip install "
                                                    "'disclosure-lint[pdf]' (pypdfium2, pdfplumber)"))
    try:
        pdf = pdfium.PdfDocument(data)
    except Exception as exc:
        msg = str(exc)
        if "password" in msg.lower():
            return failed(path, "pdf", UNREADABLE, _("cannot read this PDF: it is encrypted with a password"))
        return failed(path, "pdf", UNREADABLE, _("cannot read this PDF: it is damaged or truncated ({error})",
                                                 error=msg[:200] or type(exc).__name__))
    pdfminer = PdfminerPages(data, len(pdf))  # (opened only if a page needs it: unembedded_fonts)
    try:
        return _read(pdf, pdfium_c, path, pdfminer)
    except Exception as exc:  # a damaged page, an unexpected object: one finding, never a traceback
        return failed(path, "pdf", UNREADABLE, _("cannot read this PDF: {error}",
                                                 error=f"{type(exc).__name__}: {exc}"[:300]))
    finally:
        pdfminer.close()
        try:
            pdf.close()
        except Exception:
            pass


def _read(pdf, pdfium_c, path: str | None, pdfminer: PdfminerPages | None = None) -> OfficeRead:
    problems = []
    plt = lattice()
    if plt is None:
        problems.append((MISSING_EXTRA, _("tables in this PDF were not recovered: they need pdfplumber, in the pdf "
                                          "extra (pip install 'disclosure-lint[pdf]'); only the prose was checked"),
                         Span(0, 0)))
    n_pages = len(pdf)
    pages = []   # (page number, prose lines, tables)
    heights: dict[int, float] = {}
    total_chars = 0
    unmapped = [0]   # glyphs whose characters the PDF does not say (no ToUnicode map)
    lost: list[int] = []   # pages whose text PDFium read in part, pdfminer not at all (unembedded_fonts)
    damaged: list[int] = []   # pages whose content PDFium could not read at all (damaged_pages)
    for k in range(min(n_pages, MAX_PAGES)):
        page = pdf[k]
        try:
            page_h = page.get_size()[1]
            lines, tables, n = _page(page, k + 1, pdfium_c, plt, unmapped, pdfminer, lost)
            if not n and pdfminer is not None and empty_in_pdfium(page, pdfium_c) and _damaged(pdfminer, k):
                damaged.append(k + 1)
        finally:
            page.close()
        total_chars += n
        pages.append((k + 1, lines, tables))
        heights[k + 1] = page_h
    if damaged:
        pages_text = ", ".join(map(str, damaged[:10])) + ("…" if len(damaged) > 10 else "")
        if total_chars == 0:
            return failed(path, "pdf", UNREADABLE, _("cannot read this PDF: the content of page(s) {pages} is "
                                                     "damaged (PDFium could not read it) and no other page holds "
                                                     "text; export the PDF again", pages=pages_text))
        problems.append((UNREADABLE, _("the content of page(s) {pages} is damaged (PDFium could not read it): "
                                       "they are missing from what was read; export the PDF again, or lint the "
                                       "report's .docx or HTML", pages=pages_text), Span(0, 0)))
    if n_pages and total_chars == 0:
        res = failed(path, "pdf", NO_TEXT, _("no text layer: dlint does not do OCR; the {n} page(s) of this PDF "
                                             "hold no text (a scan?); lint the report's HTML, its .docx or a PDF "
                                             "exported with its text", n=n_pages))
        return res
    if unmapped[0] > 0.2 * (total_chars + unmapped[0]):
        problems.append((UNREADABLE, _("{n} of {total} characters in this PDF's text layer do not map to Unicode "
                                       "(fonts without a ToUnicode table): what was read is incomplete, and dlint "
                                       "does not do OCR; export the PDF again with its fonts' text",
                                       n=unmapped[0], total=total_chars + unmapped[0]), Span(0, 0)))
    if lost:
        problems.append((UNREADABLE, _("text on page(s) {pages} is in a font the PDF does not embed, and this machine "
                                       "has none for some of its characters: they are missing from what was read "
                                       "(pdfminer, which reads them from the PDF itself, could not read the "
                                       "page); install a Chinese font (fonts-noto-cjk) or lint the report's .docx "
                                       "or HTML", pages=", ".join(map(str, lost[:10])) + ("…" if len(lost) > 10 else "")),
                         Span(0, 0)))
    if n_pages > MAX_PAGES:
        problems.append((UNREADABLE, _("only the first {cap} of {n} pages were read", cap=MAX_PAGES, n=n_pages),
                         Span(0, 0)))
    drop_running_lines(pages, heights)
    tb = TextBuilder()
    raw = RawDocument()
    write_pages(pages, tb, raw)
    raw.content_span = Span(0, tb.n)
    found = {}
    try:
        md = pdf.get_metadata_dict(skip_empty=True)
    except Exception:
        md = {}
    for key, name in (("CreationDate", "file_created"), ("ModDate", "file_modified")):
        v = iso_date(md.get(key, "") or "")
        if v:
            found[name] = v
    meta = properties_trailer(found, tb)
    src = ExtractedSource(tb.text(), path, "pdf", tb.loc_at, tb.locs)
    return OfficeRead(src, raw, meta, problems)


def _damaged(pdfminer: PdfminerPages, index: int) -> bool:
    """Whether the page PDFium found empty holds content it could not read (:mod:`.damaged_pages`); False
    where pdfminer cannot tell."""
    try:
        plpage = pdfminer.page(index)
        return plpage is not None and content_damaged(plpage)
    except Exception:  # pdfminer could not parse the page: nothing is claimed
        return False


# ---- one page ------------------------------------------------------------------------------------------

def _page(page, pno: int, pdfium_c, plt, unmapped: list | None = None, pdfminer: PdfminerPages | None = None,
          lost: list | None = None):
    w, h = page.get_size()
    unmapped = unmapped if unmapped is not None else [0]
    chars = _chars(page, pno, h, pdfium_c, unmapped, pdfminer, lost if lost is not None else [])
    visible = [c for c in chars if not c.c.isspace()]
    number_lines(visible)
    tables: list[PTable] = []
    if plt is not None and visible:
        tables = page_tables(page, pno, w, h, pdfium_c, plt, visible)
    in_table = set()
    for t in tables:
        for cell in t.cells:
            in_table.update(id(c) for c in cell.chars)
    lines = page_lines([c for c in chars if id(c) not in in_table], pno, h)
    return lines, tables, len(visible)


def _chars(page, pno: int, h: float, pdfium_c, unmapped: list, pdfminer: PdfminerPages | None, lost: list) -> list:
    """The page's characters: PDFium's, or pdfminer's where text is in a font the PDF does not embed
    (:mod:`.unembedded_fonts`: PDFium's depend on the fonts of the machine there). Where pdfminer cannot
    read the page (a rotated page, a damaged one, no pdfplumber), PDFium's reading stands, and the page
    goes to *lost* if PDFium is known to have left text out."""
    found = unembedded_font_text(page, pdfium_c) if pdfminer is not None else NONE
    if found != NONE:
        plpage = None
        try:
            plpage = pdfminer.page(pno - 1) if page.get_rotation() == 0 else None
            if plpage is not None and not plpage.rotation:
                missing = [0]
                # (PDFium measures from the top of the crop box, pdfplumber from the media box's)
                chars = pdfminer_chars(plpage, missing, h - float(plpage.height))
                unmapped[0] += missing[0]
                return chars
        except Exception:  # a page pdfminer cannot parse (a damaged font dictionary, say)
            pass
        finally:
            close = getattr(plpage, "close", None)  # (frees pdfminer's layout of the page)
            if close is not None:
                close()
        if found == DROPPED:
            lost.append(pno)
    return page_chars(page, h, pdfium_c, unmapped)
