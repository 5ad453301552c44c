"""Chinese text in a font the PDF does not embed is read through pdfminer (readers/pdf/unembedded_fonts.py).

PDFium's text layer depends on the machine's fonts there: with no Chinese font installed, a one-character
text object gets no width and is left out (the ReportLab fixture lost 业, 构, 果 and 息 of its wrapped
table cells: 商业企, 三、本年度办理结). These tests hold on any machine, with or without such a font.
"""
from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest

pdfium = pytest.importorskip("pypdfium2")
pytest.importorskip("pdfplumber")
import pypdfium2.raw as pdfium_c  # noqa: E402

from disclosure_lint import lint_bytes  # noqa: E402
from disclosure_lint.document import Table  # noqa: E402
from disclosure_lint.document.parse import parse_path  # noqa: E402
from disclosure_lint.readers import pdf as pdf_reader  # noqa: E402
from disclosure_lint.readers.pdf.unembedded_fonts import unembedded_font_text, pdfminer_chars  # noqa: E402

OFFICE = Path(__file__).parent / "fixtures" / "office"
RL_PDF = OFFICE / "report-2022-reportlab.pdf"       # STSong-Light, not embedded
EMBEDDED = [OFFICE / "report-2022.pdf", OFFICE / "report-2022-libreoffice.pdf"]


def _decisions(path: Path) -> list[bool]:
    doc = pdfium.PdfDocument(str(path))
    try:
        return [unembedded_font_text(doc[k], pdfium_c) for k in range(len(doc))]
    finally:
        doc.close()


def _save(pdf) -> bytes:
    import io

    buf = io.BytesIO()
    pdf.save(buf)
    return buf.getvalue()


def _labels(data: bytes) -> str:
    from disclosure_lint.document.parse import parse_bytes

    doc = parse_bytes(data, "x.pdf", "pdf")
    return " ".join(t.text() for t in doc.blocks if isinstance(t, Table))


def _whole(labels: str) -> None:
    for whole in ("商业企业", "科研机构", "三、本年度办理结果", "5.属于三类内部事务信息"):
        assert whole in labels


def _text(data: bytes) -> str:
    from disclosure_lint.document.parse import parse_bytes

    return parse_bytes(data, "x.pdf", "pdf").source.text


def _drop_everything_on_this_machine(monkeypatch):
    """PDFium as on a machine with no Chinese font where every object is one glyph: no width, no text."""
    def no_width(obj, left, bottom, right, top):
        left.value = right.value = 100.0
        bottom.value, top.value = 0.0, 8.0
        return True

    monkeypatch.setattr(pdfium_c, "FPDFPageObj_GetBounds", no_width)


def test_only_the_pdf_with_an_unembedded_font_is_read_through_pdfminer():
    assert all(_decisions(RL_PDF))
    for path in EMBEDDED:
        assert not any(_decisions(path)), path.name


def test_a_machine_without_a_chinese_font_decides_the_same(monkeypatch):
    # Where PDFium drops every object (one glyph each, say), their text is empty: their width, none, says it.
    def no_text(obj, tp, buf, n):
        return 2

    monkeypatch.setattr(pdfium_c, "FPDFTextObj_GetText", no_text)
    _drop_everything_on_this_machine(monkeypatch)
    assert all(_decisions(RL_PDF))
    for path in EMBEDDED:
        assert not any(_decisions(path))  # embedded fonts: never, whatever the widths


def test_the_wrapped_cells_keep_every_character_whatever_pdfium_reads(monkeypatch):
    # PDFium's characters are not asked for on such a page: what a machine's fonts do to them cannot matter
    def refuse(*args):
        raise AssertionError("PDFium's text layer read on a page with an unembedded Chinese font")

    monkeypatch.setattr(pdf_reader, "page_chars", refuse)
    _whole(_labels(RL_PDF.read_bytes()))


def test_pdfium_still_reads_the_pages_whose_fonts_are_embedded(monkeypatch):
    def refuse(*args):
        raise AssertionError("pdfminer used for a page whose fonts are embedded")

    monkeypatch.setattr(pdf_reader, "pdfminer_chars", refuse)
    assert parse_path(EMBEDDED[0]).blocks


def test_without_pdfplumber_the_pdf_is_still_read_and_says_what_is_missing(monkeypatch):
    import sys

    monkeypatch.setitem(sys.modules, "pdfplumber", None)
    diags = lint_bytes(RL_PDF.read_bytes(), select=["DL013", "DL014"])
    assert [d.code for d in diags][:1] == ["DL013"]  # (and DL014 where this machine has no Chinese font: below)
    _drop_everything_on_this_machine(monkeypatch)
    diags = lint_bytes(RL_PDF.read_bytes(), select=["DL013", "DL014"])
    assert [d.code for d in diags] == ["DL013", "DL014"] and "fonts-noto-cjk" in diags[1].message


def test_pdfminer_characters_as_pdfium_gives_them():
    page = SimpleNamespace(dedupe_chars=lambda tolerance: page, chars=[
        {"text": "本", "x0": 10, "x1": 18, "top": 5, "bottom": 13},
        {"text": "(cid:71)", "x0": 18, "x1": 26, "top": 5, "bottom": 13},   # no Unicode: counted
        {"text": "\ue001", "x0": 26, "x1": 34, "top": 5, "bottom": 13},     # private use: counted
        {"text": "\x02", "x0": 34, "x1": 34, "top": 5, "bottom": 13},       # a control character: dropped
        {"text": "fi", "x0": 40, "x1": 50, "top": 5, "bottom": 13},         # a ligature: its box shared
    ])
    unmapped = [0]
    got = [(c.c, c.x0, c.x1, c.top, c.bottom) for c in pdfminer_chars(page, unmapped)]
    assert got == [("本", 10, 18, 5, 13), ("f", 40, 45, 5, 13), ("i", 45, 50, 5, 13)]
    assert unmapped == [2]


# ---- pages pypdfium2 derives from the ReportLab fixture: cropped, drawn from a form, stamped ------------------

def test_a_cropped_page_is_measured_from_its_crop_box():
    pdf = pdfium.PdfDocument(RL_PDF.read_bytes())
    for k in range(len(pdf)):
        l, b, r, t = pdf[k].get_mediabox()
        pdf[k].set_cropbox(l + 20, b + 30, r - 10, t - 40)
    _whole(_labels(_save(pdf)))


def test_text_inside_a_form_object_is_found():
    src = pdfium.PdfDocument(RL_PDF.read_bytes())
    out = pdfium.PdfDocument.new()
    for k in range(len(src)):
        w, h = src[k].get_size()
        page = out.new_page(w, h)
        page.insert_obj(src.page_as_xobject(k, out).as_pageobject())
        page.gen_content()
    data = _save(out)
    doc = pdfium.PdfDocument(data)
    assert all(unembedded_font_text(doc[k], pdfium_c) for k in range(len(doc)))
    _whole(_labels(data))


def test_a_standard_font_never_sends_a_page_to_pdfminer(monkeypatch):
    # A blank in Helvetica, not embedded (PDFium's own font): no width on any machine, and no reason to leave PDFium
    pdf = pdfium.PdfDocument(EMBEDDED[0].read_bytes())
    page = pdf[0]
    obj = pdfium_c.FPDFPageObj_NewTextObj(pdf.raw, b"Helvetica", 12.0)
    pdfium_c.FPDFText_SetText(obj, (pdfium_c.FPDF_WCHAR * 2)(32, 0))
    pdfium_c.FPDFPage_InsertObject(page.raw, obj)
    page.gen_content()
    data = _save(pdf)
    doc = pdfium.PdfDocument(data)
    assert unembedded_font_text(doc[0], pdfium_c) == 0

    def refuse(*args):
        raise AssertionError("pdfminer used for a blank in a standard font")

    monkeypatch.setattr(pdf_reader, "pdfminer_chars", refuse)
    assert "一、总体情况" in _text(data)


def test_a_page_pdfminer_cannot_read_stays_with_pdfium_and_says_what_it_lost(monkeypatch):
    def broken(*args):
        raise ValueError("a damaged font dictionary")

    monkeypatch.setattr(pdf_reader, "pdfminer_chars", broken)
    assert "一、总体情况" in _text(RL_PDF.read_bytes())  # read, not 'cannot read this PDF'
    _drop_everything_on_this_machine(monkeypatch)
    diags = lint_bytes(RL_PDF.read_bytes(), select=["DL014"])
    assert [d.code for d in diags] == ["DL014"] and "1, 2, 3, 4" in diags[0].message


def test_a_pdf_pdfminer_cannot_open_is_read_by_pdfium(monkeypatch):
    class Miscounted(pdf_reader.PdfminerPages):
        def __init__(self, data, n_pages):
            super().__init__(data, n_pages + 1)  # as if pdfminer counted a page PDFium does not

    monkeypatch.setattr(pdf_reader, "PdfminerPages", Miscounted)
    assert "一、总体情况" in _text(RL_PDF.read_bytes())  # page counts differ: PDFium reads every page


def test_fake_bold_and_kangxi_radicals_read_as_pdfium_reads_them():
    seen = {}

    class Page:
        chars = [{"text": "⼀", "x0": 0, "x1": 8, "top": 0, "bottom": 8}]

        def dedupe_chars(self, tolerance):
            seen["tolerance"] = tolerance
            return self

    assert [c.c for c in pdfminer_chars(Page(), [0])] == ["一"] and seen == {"tolerance": 1}


def test_pdfminer_is_quieted_once_however_many_pdfs_are_read():
    import logging

    for _ in range(3):
        _text(RL_PDF.read_bytes())
    handlers = [h for h in logging.getLogger("pdfminer").handlers if isinstance(h, logging.NullHandler)]
    assert len(handlers) == 1
