"""What the .docx and PDF readers share: the extracted text they build, where each part came from, and
what a reader returns (:class:`OfficeRead`, or one reading problem from :func:`failed`).

A document that is not text (a Word file, a PDF) is read into an *extracted text*: one line per
paragraph, one line per table row (cells separated by `` | ``). That text becomes the document's
:class:`~disclosure_lint.source.Source`, so every offset, span and rule works exactly as for HTML
and text input. Alongside it the reader records, for ranges of offsets, where the text is in the
original: the page and the line on that page (PDF), the paragraph or the table, row and cell
(.docx). Output asks :meth:`ExtractedSource.locate` for that, never the rules.
"""
from __future__ import annotations

import bisect
import datetime as dt
import re
from ..source.dataclass_cache import dataclass, field

from ..source import Source, Span
from .blocks import RawDocument
from ..source.re_cache import compile_re

__all__ = ["ExtractedSource", "OfficeRead", "TextBuilder", "READ_CODES", "failed", "iso_date", "properties_trailer"]

# The reader problem codes (document.problems), one per reason a document could not be (fully) read.
REFUSED = "DL011"        # a refused archive: zip bomb, macros, external relationships, not a Word file
NO_TEXT = "DL012"        # a PDF with no text layer (a scan)
MISSING_EXTRA = "DL013"  # the optional libraries the format needs are not installed
UNREADABLE = "DL014"     # damaged, truncated or encrypted: the reader could not get the text out
READ_CODES = (REFUSED, NO_TEXT, MISSING_EXTRA, UNREADABLE)


class ExtractedSource(Source):
    """The text a reader extracted from a binary document, with its locations in the original."""

    __slots__ = ("format", "_loc_at", "_locs")

    def __init__(self, text: str, path: str | None, fmt: str, loc_at: list[int], locs: list[dict],
                 problems: list[str] | None = None, binary: str | None = None) -> None:
        super().__init__(text, path, encoding="utf-8", how=f"extracted from {fmt}", problems=problems, binary=binary)
        self.format = fmt          # "docx" or "pdf"
        self._loc_at = loc_at      # sorted start offsets
        self._locs = locs          # the location that holds from each start offset on

    def locate(self, offset: int) -> dict | None:
        """Where *offset* lies in the original document: ``{"page", "line"}`` or ``{"paragraph"}`` /
        ``{"table", "row", "cell"}``; ``None`` outside anything located (the properties trailer)."""
        i = bisect.bisect_right(self._loc_at, offset) - 1
        if i < 0:
            return None
        return self._locs[i]


@dataclass
class OfficeRead:
    """What a .docx or PDF reader returns: the extracted text, its blocks, metadata and reading problems."""

    source: ExtractedSource
    raw: RawDocument
    meta: dict = field(default_factory=dict)        # name -> (value, Span)
    problems: list = field(default_factory=list)    # (code, message, Span)


def failed(path: str | None, fmt: str, code: str, message: str) -> OfficeRead:
    """No content: one problem saying why."""
    src = ExtractedSource("", path, fmt, [], [], binary=f"a {fmt} file that was not read")
    return OfficeRead(src, RawDocument(content_span=Span(0, 0)), {}, [(code, message, Span(0, 0))])


class TextBuilder:
    """Accumulates the extracted text and the location of each piece."""

    def __init__(self) -> None:
        self._parts: list[str] = []
        self.n = 0
        self.loc_at: list[int] = []
        self.locs: list[dict] = []

    def add(self, text: str, loc: dict | None = None) -> int:
        """Append *text* (located at *loc* when given); return its start offset."""
        start = self.n
        if loc is not None and text:
            if self.locs and self.loc_at[-1] == start:
                self.locs[-1] = loc
            elif not self.locs or self.locs[-1] != loc:
                self.loc_at.append(start)
                self.locs.append(loc)
        self._parts.append(text)
        self.n += len(text)
        return start

    def mark(self, loc: dict) -> None:
        """Locate the current offset (an empty cell: its zero-length span still has a place)."""
        if self.loc_at and self.loc_at[-1] == self.n:
            self.locs[-1] = loc
        else:
            self.loc_at.append(self.n)
            self.locs.append(loc)

    def plain(self, text: str) -> int:
        """Append text that belongs to no location (separators, line ends)."""
        start = self.n
        if text and self.locs and self.locs[-1] is not None and self.loc_at[-1] != start:
            self.loc_at.append(start)
            self.locs.append(None)  # type: ignore[arg-type]
        self._parts.append(text)
        self.n += len(text)
        return start

    def text(self) -> str:
        return "".join(self._parts)


_CJK = compile_re(r"[\u2e80-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef]")


def joiner(left: str, right: str) -> str:
    """What goes between two pieces of one wrapped text: nothing in Chinese, a space between words."""
    if not left or not right:
        return ""
    a, b = left[-1], right[0]
    if a.isspace() or b.isspace() or _CJK.match(a) or _CJK.match(b):
        return ""
    if a.isdigit() and b.isdigit():
        return ""   # a number wrapped across lines is one number
    return " "


def iso_date(value: str) -> str | None:
    """A W3CDTF date (docx core properties) or a PDF date string (``D:20230120083000+08'00'``) as ISO 8601."""
    v = (value or "").strip()
    if v.startswith("D:"):
        m = re.match(r"D:(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?", v)
        if not m:
            return None
        y, mo, d, h, mi, s = (int(x) if x else None for x in m.groups())
        try:
            return dt.datetime(y, mo or 1, d or 1, h or 0, mi or 0, s or 0).isoformat(sep=" ")
        except ValueError:
            return None
    m = re.match(r"(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2}))?)?", v)
    if not m:
        return None
    y, mo, d, h, mi, s = (int(x) if x else 0 for x in m.groups())
    try:
        return dt.datetime(y, mo, d, h, mi, s).isoformat(sep=" ")
    except ValueError:
        return None


def properties_trailer(found: dict, tb: TextBuilder) -> dict:
    """The file's created / modified dates (*found*), written after the content as a line of their own so
    each has a span; returns the metadata fields ``name -> (value, Span)``."""
    meta = {}
    if not found:
        return meta
    tb.plain("\n")
    labels = {"file_created": "created", "file_modified": "modified"}
    first = True
    tb.plain("[document properties] ")
    for key in ("file_created", "file_modified"):
        if key not in found:
            continue
        if not first:
            tb.plain("; ")
        first = False
        tb.plain(labels[key] + " ")
        start = tb.plain(found[key])
        meta[key] = (found[key], Span(start, start + len(found[key])))
    tb.plain("\n")
    return meta
