"""Readers: one per input format, each turning a Source into a RawDocument."""
from __future__ import annotations

import re

from ..source import Source
from .blocks import RawDocument
from ..source.lazy_re import lazy

__all__ = ["sniff_kind", "read", "read_binary", "BINARY_KINDS", "KINDS"]

BINARY_KINDS = ("docx", "pdf")   # read from the bytes, into an extracted text (readers/office.py)
KINDS = ("html", "text") + BINARY_KINDS

_HTML_HINT = lazy(r"<(?:!doctype|html|head|body|meta|p|div|table|span|br|h[1-6]|td|tr)\b", re.I)


def sniff_kind(source: Source, path: str | None = None) -> str:
    if source.binary:  # by content, whatever the name says
        head = source.text[:8]
        if head.startswith("%PDF-"):
            return "pdf"
        if head.startswith("PK\x03\x04"):
            return "docx"   # any ZIP: the .docx reader says clearly when it is not a Word file
    if path:
        low = path.lower()
        if low.endswith((".html", ".htm", ".xhtml", ".shtml")):
            return "html"
        if low.endswith((".txt", ".text", ".md")):
            return "text"
    head = source.text[:4096]
    return "html" if _HTML_HINT.search(head) else "text"


def read(source: Source, kind: str) -> RawDocument:
    if kind == "html":
        from .html import read_html
        return read_html(source)
    from .text import read_text
    return read_text(source)


def read_binary(data: bytes, kind: str, path: str | None = None):
    """A .docx or PDF read into an extracted text: an :class:`~.office.OfficeRead`."""
    if kind == "pdf":
        from .pdf import read_pdf
        return read_pdf(data, path)
    from .docx import read_docx
    return read_docx(data, path)
