"""Bytes to text: encoding detection, the line index and spans.

A :class:`Source` is the decoded text of one input plus everything needed to turn
half-open code-point offsets into 1-based line/column pairs.  Offsets are kept
everywhere else; line and column are computed only when output asks for them.
"""
from __future__ import annotations

import bisect
import codecs
import re
from itertools import accumulate
from .dataclass_cache import dataclass, field  # dataclasses.dataclass, its code cached

from ..i18n import N_, _
from .lazy_re import lazy
from .re_cache import compile_re

__all__ = ["Span", "new_span", "Source", "decode", "DecodeResult"]


@dataclass(frozen=True, order=True, slots=True)
class Span:
    """Half-open range ``[start, end)`` of code-point offsets into a decoded source."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if self.start < 0 or self.end < self.start:
            raise ValueError(f"bad span {self.start}..{self.end}")

    def __len__(self) -> int:
        return self.end - self.start

    def cover(self, other: "Span") -> "Span":
        return Span(min(self.start, other.start), max(self.end, other.end))


# A frozen dataclass's __init__ sets each field through object.__setattr__ and then calls __post_init__:
# about 370 ns a span, and a page makes thousands.  The same check and the same fields, set through the
# slots' descriptors: about 210 ns.  The class stays the dataclass it is (fields, replace, asdict, pickle).
_SET_START, _SET_END = Span.__dict__["start"].__set__, Span.__dict__["end"].__set__


def _span_init(self, start: int, end: int) -> None:
    if start < 0 or end < start:
        raise ValueError(f"bad span {start}..{end}")
    _SET_START(self, start)
    _SET_END(self, end)


_span_init.__qualname__ = "Span.__init__"
Span.__init__ = _span_init


def _span_maker():
    """``Span(start, end)`` made in C (source/_span.c, where it was built: a quarter of the cost), else the
    class itself. The same objects: the C maker hands anything it does not make itself to the class."""
    import os

    from .compiled import load

    fast = load(__package__, "_span", os.path.dirname(__file__))
    if fast is None:
        return Span
    try:
        fast.bind(Span)
    except TypeError:  # a Span without its two plain slots (never, as it stands)
        return Span
    return fast.make


new_span = _span_maker()  # for the readers' hot paths: a page makes about a thousand spans


_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# Declarations are looked for in the head of the file only, as browsers do.
_DECL_WINDOW = 4096
_META_CHARSET = compile_re(rb"""<meta\b[^>]{0,500}?\bcharset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{1,40})""", re.I)
_XML_DECL = compile_re(rb"""^\s*<\?xml[^>]{0,200}?encoding\s*=\s*["']([A-Za-z0-9_.:-]{1,40})["']""", re.I)

_MAGIC = (
    (b"%PDF-", N_("a PDF file")),
    (b"PK\x03\x04", N_("a ZIP archive (a .docx, .xlsx or .zip file)")),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", N_("an OLE file (a .doc or .xls file)")),
    (b"\x89PNG", N_("a PNG image")),
    (b"\xff\xd8\xff", N_("a JPEG image")),
    (b"GIF8", N_("a GIF image")),
    (b"{\\rtf", N_("an RTF document")),
)

_GB_ALIASES = {"gb2312", "gbk", "gb_2312", "gb_2312-80", "x-gbk", "cp936", "euc-cn", "gb18030", "csgb2312", "chinese"}


@dataclass
class DecodeResult:
    text: str
    encoding: str
    how: str  # "bom", "declared", "utf-8", "gb18030", "detected", "fallback"
    problems: list[str] = field(default_factory=list)
    binary: str | None = None  # a description when the input is not text at all


def _norm_codec(name: str) -> str | None:
    name = name.strip().lower()
    if name in _GB_ALIASES:
        return "gb18030"
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def _gb18030(data: bytes) -> str:
    """``data.decode("gb18030")``, by the GBK codec when it accepts the bytes: it is twice as fast, and
    wherever it accepts them the two give the same text (GB18030 extends GBK character for character; a
    test goes over every GBK sequence)."""
    try:
        return data.decode("gbk")
    except UnicodeDecodeError:
        return data.decode("gb18030")


def _declared(head: bytes) -> str | None:
    m = _XML_DECL.search(head) or _META_CHARSET.search(head)
    if not m:
        return None
    return m.group(1).decode("ascii", "replace")


_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 12, 13))


def _looks_binary(data: bytes) -> str | None:
    for magic, what in _MAGIC:
        if data.startswith(magic):
            return what
    sample = data[:8192]
    if not sample:
        return None
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))  # counted in C
    if controls > len(sample) * 0.10:
        return N_("binary data")
    return None


def decode(data: bytes) -> DecodeResult:
    """Decode *data* in the documented order: BOM, declaration, UTF-8, GB18030, fallback."""
    for bom, enc in _BOMS:
        if data.startswith(bom):
            text = data[len(bom):].decode(enc, errors="replace")
            res = DecodeResult(text, enc, "bom")
            if "\ufffd" in text and b"\xef\xbf\xbd" not in data:
                res.problems.append(_("invalid {encoding} sequences were replaced with U+FFFD", encoding=enc))
            return res
    binary = _looks_binary(data)
    if binary == "binary data":  # many control bytes: BOM-less UTF-16 looks like this too
        from .encoding_detect import detect

        found = detect(data)
        if found is not None and found[1].startswith(("utf-16", "utf-32")):
            return DecodeResult(found[0], found[1], "detected")
    if binary:
        return DecodeResult(data.decode("latin-1"), "latin-1", "fallback", binary=binary)
    problems: list[str] = []
    declared = _declared(data[:_DECL_WINDOW])
    if declared:
        codec = _norm_codec(declared)
        if codec is None:
            problems.append(_("the page declares an unknown charset {charset}", charset=repr(declared)))
        else:
            try:
                text = _gb18030(data) if codec == "gb18030" else data.decode(codec)
            except UnicodeDecodeError as exc:
                problems.append(_("the page declares {charset} but is not valid {codec} (byte {byte})",
                                  charset=repr(declared), codec=codec, byte=exc.start))
            else:
                if codec not in ("utf-8", "ascii") and not data.isascii():
                    # A declaration that lies: multi-byte UTF-8 is almost never valid by accident.
                    try:
                        utf8 = data.decode("utf-8")
                    except UnicodeDecodeError:
                        return DecodeResult(text, codec, "declared", problems)
                    problems.append(_("the page declares {charset} but is valid UTF-8; read as UTF-8",
                                      charset=repr(declared)))
                    return DecodeResult(utf8, "utf-8", "utf-8", problems)
                return DecodeResult(text, codec, "declared", problems)
    try:
        return DecodeResult(data.decode("utf-8"), "utf-8", "utf-8", problems)
    except UnicodeDecodeError:
        pass
    # Not UTF-8. GBK/GB18030 is the usual answer, but Big5 and BOM-less UTF-16 bytes are mostly
    # valid GB18030 too: only when Big5 is impossible and no NUL bytes hint at UTF-16 is a strict
    # GB18030 decode taken as is; otherwise a detector decides (imported only here).
    try:
        gb = _gb18030(data)
    except UnicodeDecodeError:
        gb = None
    if gb is not None and b"\x00" not in data:
        try:
            big5 = data.decode("big5")
        except UnicodeDecodeError:
            return DecodeResult(gb, "gb18030", "gb18030", problems)
        from .encoding_detect import gb_or_big5

        text, enc = gb_or_big5(gb, big5)
        return DecodeResult(text, enc, "detected" if enc == "big5" else "gb18030", problems)
    from .encoding_detect import detect

    found = detect(data)
    if found is not None:
        return DecodeResult(found[0], found[1], "detected", problems)
    if gb is not None:
        return DecodeResult(gb, "gb18030", "gb18030", problems)
    problems.append(_("the bytes are neither UTF-8 nor GB18030; invalid sequences were replaced with U+FFFD"))
    return DecodeResult(data.decode("utf-8", errors="replace"), "utf-8", "fallback", problems)


_LINE_BREAK = lazy(r"\r\n|\r|\n")


def _line_starts(text: str) -> list[int]:
    """0 and the offset after every line break (``\\r\\n``, ``\\r`` or ``\\n``), as _LINE_BREAK finds them.

    Split and summed in C, without a match object per line (five times faster than the pattern): a
    ``\\r\\n`` becomes ``\\x00\\n`` and a lone ``\\r`` ``\\n``, which keeps every offset."""
    if "\r" in text:
        text = text.replace("\r\n", "\x00\n").replace("\r", "\n")
    lengths = [len(line) + 1 for line in text.split("\n")]
    lengths.pop()
    return list(accumulate(lengths, initial=0))


class Source:
    """Decoded text of one input, with its origin and a lazily built line index."""

    __slots__ = ("path", "text", "encoding", "how", "problems", "binary", "_line_starts")

    def __init__(self, text: str, path: str | None = None, *, encoding: str = "utf-8", how: str = "text",
                 problems: list[str] | None = None, binary: str | None = None) -> None:
        self.path = path
        self.text = text
        self.encoding = encoding
        self.how = how
        self.problems = list(problems or [])
        self.binary = binary
        self._line_starts: list[int] | None = None

    @classmethod
    def from_bytes(cls, data: bytes, path: str | None = None) -> "Source":
        res = decode(data)
        return cls(res.text, path, encoding=res.encoding, how=res.how, problems=res.problems, binary=res.binary)

    @property
    def line_starts(self) -> list[int]:
        if self._line_starts is None:
            self._line_starts = _line_starts(self.text)
        return self._line_starts

    def line_col(self, offset: int) -> tuple[int, int]:
        """1-based line and column (in code points) of *offset*."""
        offset = max(0, min(offset, len(self.text)))
        starts = self.line_starts
        i = bisect.bisect_right(starts, offset) - 1
        return i + 1, offset - starts[i] + 1

    def line_text(self, line: int) -> str:
        starts = self.line_starts
        start = starts[line - 1]
        end = starts[line] if line < len(starts) else len(self.text)
        return self.text[start:end].rstrip("\r\n")

    def slice(self, span: Span) -> str:
        return self.text[span.start:span.end]
