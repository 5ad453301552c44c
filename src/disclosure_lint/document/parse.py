"""bytes → Source → Document, with bad input turned into problems rather than exceptions."""
from __future__ import annotations

import os

from .build import build_document
from . import Document, MetaField, Metadata, Section
from ..i18n import _
from ..readers import BINARY_KINDS, read, read_binary, sniff_kind
from ..readers.blocks import RawDocument
from ..source import Source, Span
from ..source.gc_pause import gc_paused

__all__ = ["parse_bytes", "parse_text", "parse_path", "parse_source", "source_from_bytes", "MAX_BYTES"]

# Larger inputs are read, but only this much is parsed (a 50 MB page is almost always a crawl accident).
MAX_BYTES = 64 * 1024 * 1024


def parse_source(source: Source, kind: str | None = None) -> Document:
    """The source read into a Document, Python's cycle collector paused meanwhile (source.gc_pause)."""
    with gc_paused():
        return _parse_source(source, kind)


def _parse_source(source: Source, kind: str | None) -> Document:
    kind = kind or sniff_kind(source, source.path)
    if kind in BINARY_KINDS:
        return _parse_binary(source, kind)
    if source.binary:
        doc = build_document(source, RawDocument(), kind)
        doc.problems.append(("DL001", _("the input is not a text report: it looks like {kind}", kind=_(source.binary)),
                             Span(0, 0)))
        return doc
    raw = read(source, kind)
    doc = build_document(source, raw, kind)
    if raw.release is not None:
        raw.release()
    for p in source.problems:
        doc.problems.append(("DL001", p, Span(0, 0)))
    return doc


def _parse_binary(source: Source, kind: str) -> Document:
    """A .docx or PDF: the reader's extracted text becomes the document's source."""
    try:
        data = source.text.encode("latin-1") if source.binary else source.text.encode("utf-8")
    except UnicodeEncodeError:
        data = source.text.encode("utf-8")
    res = read_binary(data, kind, source.path)
    doc = build_document(res.source, res.raw, kind)
    for name, (value, span) in res.meta.items():
        doc.metadata.set(MetaField(name, value, span))
    doc.problems.extend(res.problems)
    for p in source.problems:
        if "larger than" in p:
            doc.problems.append(("DL001", p, Span(0, 0)))
    return doc


def source_from_bytes(data: bytes, path: str | None = None) -> Source:
    truncated = len(data) > MAX_BYTES
    if truncated:
        data = data[:MAX_BYTES]
    src = Source.from_bytes(data, path)
    if truncated:
        src.problems.append(_("the input is larger than {size} MB; only the first part was read",
                              size=MAX_BYTES // (1024 * 1024)))
    return src


def parse_bytes(data: bytes, path: str | None = None, kind: str | None = None) -> Document:
    return parse_source(source_from_bytes(data, path), kind)


def parse_text(text: str, *, kind: str = "html", path: str | None = None) -> Document:
    return parse_source(Source(text, path), kind)


def parse_path(path: str | os.PathLike, kind: str | None = None) -> Document:
    """Read a regular file (at most :data:`MAX_BYTES` of it); a FIFO or device raises
    :class:`~disclosure_lint.source.safe_io.NotRegularFile` (an ``OSError``) instead of blocking."""
    from ..source.safe_io import read_regular

    data = read_regular(path, MAX_BYTES)
    return parse_bytes(data, os.fspath(path), kind)


def empty_document(path: str | None = None) -> Document:
    src = Source("", path)
    return Document(src, "text", Metadata(), None, [], Section(None, 0), Span(0, 0))
