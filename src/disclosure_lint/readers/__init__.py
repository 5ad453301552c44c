"""Readers: one per input format, each turning a Source into a RawDocument."""
from __future__ import annotations

import re

from ..source import Source
from .blocks import RawDocument

__all__ = ["sniff_kind", "read"]

_HTML_HINT = re.compile(r"<(?:!doctype|html|head|body|meta|p|div|table|span|br|h[1-6]|td|tr)\b", re.I)


def sniff_kind(source: Source, path: str | None = None) -> str:
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
