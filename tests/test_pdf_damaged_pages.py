"""A page whose content PDFium cannot read is named, not dropped in silence (readers/pdf/damaged_pages.py).

PDFium reads a page whose content stream does not decode as an empty page, with no error: the report was
checked without it and nobody was told (13 of 600 mutated PDFs in a fuzz run). Blank pages stay quiet.
"""
from __future__ import annotations

import zlib
from pathlib import Path

import pytest

pytest.importorskip("pypdfium2")
pytest.importorskip("pdfplumber")

from disclosure_lint import lint_bytes  # noqa: E402
from disclosure_lint.document.parse import parse_bytes  # noqa: E402

OFFICE = Path(__file__).parent / "fixtures" / "office"
_TEXT = b"BT /F1 12 Tf 72 720 Td (2023 annual report of the agency) Tj ET"


def _pdf(contents: list[bytes | None]) -> bytes:
    """A PDF of one page per item: the page's content stream as written (with its dictionary's extra keys
    before ``stream``), or None for a page with no /Contents. Font F1 is Helvetica."""
    objs: list[bytes] = []
    n = len(contents)
    # 1 catalog, 2 pages, 3 font, then a page and its content per item
    kids = " ".join(f"{4 + 2 * i} 0 R" for i in range(n)).encode()
    objs.append(b"<< /Type /Catalog /Pages 2 0 R >>")
    objs.append(b"<< /Type /Pages /Kids [" + kids + b"] /Count " + str(n).encode() + b" >>")
    objs.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    for i, c in enumerate(contents):
        ref = f" /Contents {5 + 2 * i} 0 R".encode() if c is not None else b""
        objs.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >>"
                    + ref + b" >>")
        objs.append(c if c is not None else b"<< >>")
    out = bytearray(b"%PDF-1.7\n")
    offsets = []
    for k, body in enumerate(objs, 1):
        offsets.append(len(out))
        out += f"{k} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objs) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += f"trailer\n<< /Size {len(objs) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def _stream(data: bytes, flate: bool = False, damage: bool = False) -> bytes:
    if flate:
        data = zlib.compress(data)
        if damage:
            data = data[:2] + bytes(b ^ 0x5A for b in data[2:])  # the zlib header kept, the rest garbled
    head = b"<< /Length " + str(len(data)).encode() + (b" /Filter /FlateDecode" if flate else b"") + b" >>"
    return head + b"\nstream\n" + data + b"\nendstream"


def _dl014(data: bytes) -> list[str]:
    return [d.message for d in lint_bytes(data, kind="pdf") if d.code == "DL014"]


def test_a_damaged_page_is_named_and_blank_pages_are_not():
    data = _pdf([_stream(_TEXT),                              # 1: text
                 _stream(_TEXT, flate=True, damage=True),     # 2: its stream does not decode
                 _stream(b"q Q"),                             # 3: blank, a stream that draws nothing
                 None,                                        # 4: blank, no content at all
                 _stream(b"q 0 0 10 10 re W n Q", flate=True),  # 5: blank, only a clip (compressed)
                 _stream(b"")])                               # 6: an empty stream
    found = _dl014(data)
    assert len(found) == 1 and "page(s) 2 " in found[0], found
    doc = parse_bytes(data, kind="pdf")
    assert "annual report" in doc.source.text  # the readable page is read


def test_the_same_pages_undamaged_say_nothing():
    data = _pdf([_stream(_TEXT), _stream(_TEXT, flate=True), _stream(b"q Q"), None])
    assert _dl014(data) == []


def test_the_decision_on_streams_that_decode():
    # a stream that decodes to text operators on a page PDFium found empty is damaged (PDFium could not parse
    # it); one that draws nothing, or only a clip, is a blank page
    import io

    import pdfplumber

    from disclosure_lint.readers.pdf.damaged_pages import content_damaged

    data = _pdf([_stream(b"BT /F9 12 Tf 72 720 Td (lost text) Tj ET", flate=True),
                 _stream(b"BT /F1 12 Tf [(lost) -250 (text)] TJ ET"),
                 _stream(b"q Q"), _stream(b"q 0 0 10 10 re W n Q", flate=True), None,
                 _stream(_TEXT, flate=True, damage=True)])
    with pdfplumber.open(io.BytesIO(data)) as pl:
        assert [content_damaged(p) for p in pl.pages] == [True, True, False, False, False, True]


def test_every_page_damaged_is_one_error_that_says_so():
    data = _pdf([_stream(_TEXT, flate=True, damage=True), _stream(_TEXT, flate=True, damage=True)])
    diags = [d for d in lint_bytes(data, kind="pdf") if d.code == "DL014"]
    assert len(diags) == 1 and diags[0].severity.value == "error"
    assert "page(s) 1, 2 " in diags[0].message and "damaged" in diags[0].message


def test_a_byte_flipped_in_a_real_pdf_page_is_named():
    import io

    import pdfplumber

    data = bytearray((OFFICE / "report-2022.pdf").read_bytes())
    assert _dl014(bytes(data)) == []
    # the first page's content stream, as pdfminer finds it, its compressed data garbled mid-way
    with pdfplumber.open(io.BytesIO(bytes(data))) as pl:
        objid = pl.pages[0].page_obj.contents[0].objid
    at = data.index(b"stream", data.index(f"\n{objid} 0 obj".encode()))
    body = data.index(b"\n", at) + 1
    for k in range(200, 204):
        data[body + k] ^= 0xFF
    found = _dl014(bytes(data))
    assert len(found) == 1 and "page(s) 1 " in found[0], found


def test_no_pdfminer_claims_nothing(monkeypatch):
    from disclosure_lint.readers.pdf import unembedded_fonts

    monkeypatch.setattr(unembedded_fonts.PdfminerPages, "page", lambda self, index: None)
    data = _pdf([_stream(_TEXT), _stream(_TEXT, flate=True, damage=True)])
    assert _dl014(data) == []
