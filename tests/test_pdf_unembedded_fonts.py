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
from disclosure_lint.readers.pdf.unembedded_fonts import cjk_in_unembedded_font, pdfminer_chars  # noqa: E402

OFFICE = Path(__file__).parent / "fixtures" / "office"
RL_PDF = OFFICE / "report-2022-reportlab.pdf"       # STSong-Light, not embedded
EMBEDDED = [OFFICE / "report-2022.pdf", OFFICE / "report-2022-libreoffice.pdf"]


def _decisions(path: Path) -> list[bool]:
    doc = pdfium.PdfDocument(str(path))
    try:
        return [cjk_in_unembedded_font(doc[k], pdfium_c) for k in range(len(doc))]
    finally:
        doc.close()


def test_only_the_pdf_with_an_unembedded_chinese_font_is_read_through_pdfminer():
    assert all(_decisions(RL_PDF))
    for path in EMBEDDED:
        assert not any(_decisions(path)), path.name


def test_a_machine_without_a_chinese_font_decides_the_same(monkeypatch):
    # Where PDFium drops every object (one glyph each, say), their text is empty: their width, none, says it.
    def no_text(obj, tp, buf, n):
        return 2

    def no_width(obj, left, bottom, right, top):
        left.value = right.value = 100.0
        bottom.value, top.value = 0.0, 8.0
        return True

    monkeypatch.setattr(pdfium_c, "FPDFTextObj_GetText", no_text)
    monkeypatch.setattr(pdfium_c, "FPDFPageObj_GetBounds", no_width)
    assert all(_decisions(RL_PDF))
    for path in EMBEDDED:
        assert not any(_decisions(path))  # embedded fonts: never, whatever the widths


def test_the_wrapped_cells_keep_every_character_whatever_pdfium_reads(monkeypatch):
    # PDFium's characters are not asked for on such a page: what a machine's fonts do to them cannot matter
    def refuse(*args):
        raise AssertionError("PDFium's text layer read on a page with an unembedded Chinese font")

    monkeypatch.setattr(pdf_reader, "page_chars", refuse)
    doc = parse_path(RL_PDF)
    labels = " ".join(t.text() for t in doc.blocks if isinstance(t, Table))
    for whole in ("商业企业", "科研机构", "三、本年度办理结果", "5.属于三类内部事务信息"):
        assert whole in labels


def test_pdfium_still_reads_the_pages_whose_fonts_are_embedded(monkeypatch):
    def refuse(*args):
        raise AssertionError("pdfminer used for a page whose fonts are embedded")

    monkeypatch.setattr(pdf_reader, "pdfminer_chars", refuse)
    assert parse_path(EMBEDDED[0]).blocks


def test_without_pdfplumber_the_pdf_is_still_read_and_says_what_is_missing(monkeypatch):
    import sys

    monkeypatch.setitem(sys.modules, "pdfplumber", None)
    diags = lint_bytes(RL_PDF.read_bytes(), select=["DL013", "DL014"])
    assert [d.code for d in diags] == ["DL013"]


def test_pdfminer_characters_as_pdfium_gives_them():
    page = SimpleNamespace(chars=[
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
