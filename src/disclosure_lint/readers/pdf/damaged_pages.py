"""Pages whose content PDFium could not read at all: a content stream that does not decode (a damaged upload,
a byte flipped in a compressed stream), or one PDFium could not parse.

PDFium reads such a page as empty, with no error, so the report would be checked without it and nobody told.
A page PDFium reads as empty (no object at all) is therefore looked at once more, through pdfminer (under
pdfplumber, already installed for tables): its content streams are decoded here, and the page is damaged
when one of them does not decode, or decodes to text-showing operators (text that PDFium did not find).
A page that is truly blank (no content stream, or one that draws nothing: a white page, a page with only a
clip) is not damaged. Where pdfminer is missing or cannot open the PDF, nothing is claimed.
"""
from __future__ import annotations

import zlib

from ...source.re_cache import compile_re

__all__ = ["empty_in_pdfium", "content_damaged"]

# A string or an array followed by a text-showing operator (Tj, TJ, ', "): the page shows text.
_SHOWS_TEXT = compile_re(rb"[)>\]]\s*(?:Tj|TJ|'|\")")
_FLATE = ("FlateDecode", "Fl")
_MAX_STREAM = 64 << 20  # a content stream decoded here is never larger than this (a zip bomb is damage too)


def empty_in_pdfium(page, pdfium_c) -> bool:
    """Whether PDFium found no object at all on *page* (a blank page, or one whose content it could not read)."""
    return pdfium_c.FPDFPage_CountObjects(page.raw) == 0


def _name(obj) -> str:
    return getattr(obj, "name", obj if isinstance(obj, str) else "")


def _decoded(stream) -> bytes | None:
    """The stream's data, or None where it does not decode. Flate (nearly every content stream) is decoded
    here, so that a damaged one is told apart: pdfminer's own decoding keeps what it can of it and says
    nothing. Other filters go through pdfminer."""
    if stream.rawdata is None:
        return stream.data  # decoded already (pdfminer drops the raw data once it has decoded it)
    filters = stream.get_filters()
    if not filters:
        return stream.rawdata
    params = filters[0][1]
    if len(filters) == 1 and _name(filters[0][0]) in _FLATE and not (isinstance(params, dict) and params.get("Predictor")):
        try:
            d = zlib.decompressobj()
            out = d.decompress(stream.rawdata, _MAX_STREAM)
        except zlib.error:
            return None
        return out if d.eof and not d.unconsumed_tail else None  # cut off, or larger than any page's content
    try:  # another filter, or a predictor (rare on content): pdfminer decodes it
        return stream.get_data()
    except Exception:
        return None


def content_damaged(plpage) -> bool:
    """Whether a page that PDFium found empty holds content all the same (pdfplumber's *plpage*): a content
    stream that does not decode, or text-showing operators."""
    from pdfminer.pdftypes import resolve1

    contents = getattr(plpage.page_obj, "contents", None) or []
    for ref in contents:
        stream = resolve1(ref)
        if not hasattr(stream, "get_filters"):
            continue  # not a stream: nothing to draw
        data = _decoded(stream)
        if data is None or _SHOWS_TEXT.search(data):
            return True
    return False
