"""Results of linting one file, with positions resolved to line/column (output needs nothing else)."""
from __future__ import annotations

import zlib
from ..source.dataclass_cache import dataclass, field  # dataclasses.dataclass, its code cached

from .diagnostics import Diagnostic
from .few_lines import FewLines
from ..source import Source, Span

__all__ = ["Position", "FileResult", "KnownLine", "resolve_positions", "resolve_kept", "kept_lines", "pack", "unpack"]

PACK = 200  # code points from which a kept text is held zlib-compressed


def pack(text: str) -> str | bytes:
    """*text* as a batch holds it until output: short ones as they are, long ones compressed (Word
    HTML markup compresses five- to tenfold; a batch holds every file's result). See :func:`unpack`.

    ``zlib.compress`` sets up a 256 KB state (32 KB window, memLevel 8) for each call: about 50-130 µs
    however short the text, a tenth of an lxml parse of the page for a file's few windows. A 16 KB window
    and memLevel 4 cost about 4-10 µs; a kept window is a few kilobytes, so the compression barely
    changes, and the stream is the same zlib format (``zlib.decompress`` reads it)."""
    if len(text) < PACK:
        return text
    z = zlib.compressobj(1, zlib.DEFLATED, 14, 4)
    return z.compress(text.encode("utf-8", "surrogatepass")) + z.flush()


def unpack(kept) -> str:
    if isinstance(kept, str):
        return kept
    return zlib.decompress(kept).decode("utf-8", "surrogatepass")


@dataclass(frozen=True)
class Position:
    line: int
    column: int
    offset: int
    page: int | None = None          # PDF: the page, and the line counted on that page
    page_line: int | None = None

    def as_dict(self) -> dict:
        d = {"line": self.line, "column": self.column, "offset": self.offset}
        if self.page is not None:
            d["page"] = self.page
            if self.page_line:
                d["page_line"] = self.page_line
        return d


class KnownLine:
    """What a result knows of one source line for code frames: its length as known, and windows of its
    text at their columns (0-based code points); the rest of the line is not kept. Windows laid later
    may overlap earlier ones (they are the same text); a gap between windows reads as spaces.

    A batch keeps one result per file until output: whole lines (Word HTML runs to 100 KB a line)
    would make its memory grow with the files' sizes, windows keep it to what is reported.
    """

    __slots__ = ("length", "parts")

    MARGIN = 400  # code points kept either side of a place (a code frame shows far fewer)

    def __init__(self, length: int = 0) -> None:
        self.length = length
        self.parts: list[tuple] = []  # (column, length, packed text, offset of this window in it)

    def lay(self, start: int, text: str) -> None:
        if text:
            self.parts.append((start, len(text), pack(text), 0))
            self.length = max(self.length, start + len(text))

    def lay_packed(self, start: int, n: int, kept) -> None:
        """Lay a window of *n* code points already packed (:func:`pack`)."""
        if n:
            self.parts.append((start, n, kept, 0))
            self.length = max(self.length, start + n)

    def lay_many(self, windows: list[tuple[int, str]]) -> None:
        """Lay several windows of the line, packed together (one page's markup compresses well)."""
        if not windows:
            return
        kept = pack("".join(t for _s, t in windows))
        off = 0
        for start, t in windows:
            self.parts.append((start, len(t), kept, off))
            self.length = max(self.length, start + len(t))
            off += len(t)

    def text(self, lo: int, hi: int) -> str:
        """The line's text in ``[lo, hi)`` as known (spaces where nothing is known)."""
        hi = min(hi, self.length)
        if hi <= lo:
            return ""
        buf = [" "] * (hi - lo)
        unpacked: dict[int, str] = {}
        for s, n, t, off in self.parts:
            a, b = max(s, lo), min(s + n, hi)
            if a < b:
                u = unpacked.get(id(t))
                if u is None:
                    u = unpacked[id(t)] = unpack(t)
                buf[a - lo:b - lo] = u[off + a - s:off + b - s]
        return "".join(buf)

    def frame(self, col0: int, col1: int | None) -> tuple[str, int]:
        """A window of the line for a code frame around ``[col0, col1)`` (0-based; *col1* None when the
        span runs on past this line: the window then runs to the line's end), and the 1-based column
        of its first character."""
        n = self.length
        c0 = min(col0, n)
        lo = max(0, c0 - self.MARGIN)
        hi = n if col1 is None else min(n, max(c0, col1) + self.MARGIN)
        return self.text(lo, hi), lo + 1


@dataclass
class FileResult:
    path: str
    diagnostics: list[Diagnostic]
    positions: dict[Span, tuple[Position, Position]] = field(default_factory=dict)
    lines: dict[int, KnownLine] = field(default_factory=dict)  # lines the cross-report findings' frames show
    # per finding span: (line, excerpt of that line around the span (packed), 1-based column of its first
    # character); read them with frame()
    frames: dict[Span, tuple[int, str | bytes, int]] = field(default_factory=dict)
    error: str | None = None                                 # the file could not be read at all
    texts: dict[Span, str | bytes] = field(default_factory=dict)  # the text each reported span covers (packed)
    locations: dict[Span, dict] = field(default_factory=dict)  # .docx: paragraph, or table / row / cell
    contexts: dict[Span, tuple[str, str]] = field(default_factory=dict)  # a little text either side (same line)
    report: dict = field(default_factory=dict)               # agency, level, year, edition (batch formats)
    summary: object | None = None       # the report's corpus.ReportSummary, when the corpus stage asked for it
    # Related places in other reports (cross-report findings): keyed by (path, span), and what is known
    # of the lines their code frames show, keyed by (path, line).
    other_positions: dict[tuple[str, Span], tuple[Position, Position]] = field(default_factory=dict)
    other_lines: dict[tuple[str, int], KnownLine] = field(default_factory=dict)
    other_texts: dict[tuple[str, Span], str] = field(default_factory=dict)  # the text each of those covers

    def start(self, span: Span) -> Position:
        return self.positions[span][0]

    def text(self, span: Span) -> str:
        return unpack(self.texts.get(span, ""))

    def location(self, span: Span) -> dict | None:
        return self.locations.get(span)

    def frame(self, span: Span) -> tuple[int, str, int] | None:
        """The code frame of a finding: (line, excerpt of it, 1-based column of the excerpt's start)."""
        f = self.frames.get(span)
        return None if f is None else (f[0], unpack(f[1]), f[2])

    def end(self, span: Span) -> Position:
        return self.positions[span][1]

    def context(self, span: Span) -> tuple[str, str]:
        return self.contexts.get(span, ("", ""))
    def elsewhere(self, related) -> str | None:
        """The other file a related place lies in, or None when it lies in this file."""
        p = getattr(related, "path", None)
        return p if p and p != self.path else None

    def related_range(self, related) -> tuple[Position, Position]:
        other = self.elsewhere(related)
        if other is not None:
            return self.other_positions[(other, related.span)]
        return self.positions[related.span]



def _pos(source: Source, offset: int, end: bool = False, lines: FewLines | None = None) -> Position:
    line, col = (source if lines is None else lines).line_col(offset)
    locate = getattr(source, "locate", None)   # an extracted text (.docx, PDF) knows the original's places
    if locate is not None:
        loc = locate(max(offset - 1, 0) if end and offset else offset)
        if loc and "page" in loc:
            return Position(line, col, offset, loc["page"], loc.get("line"))
    return Position(line, col, offset)


CONTEXT = 24  # characters of context kept either side of a finding, within its line (baseline matching)


def _context(source: Source, span: Span) -> tuple[str, str]:
    text = source.text
    a = max(0, span.start - CONTEXT)
    nl = max(text.rfind("\n", a, span.start), text.rfind("\r", a, span.start))
    before = text[(nl + 1 if nl >= 0 else a):span.start]
    b = min(len(text), span.end + CONTEXT)
    after = text[span.end:b]
    cut = min((i for i in (after.find("\n"), after.find("\r")) if i >= 0), default=-1)
    return before, (after[:cut] if cut >= 0 else after)
FRAME_CONTEXT = 400  # code points kept either side of a span's start for its code frame


def _excerpt(source: Source, a: Position, lines: FewLines | None = None) -> tuple[int, str | bytes, int]:
    if lines is not None:
        line_start, line_end = lines.line_bounds(a.offset)
    else:
        starts = source.line_starts
        line_start = starts[a.line - 1]
        line_end = starts[a.line] if a.line < len(starts) else len(source.text)
    lo = max(line_start, a.offset - FRAME_CONTEXT)
    hi = min(line_end, a.offset + FRAME_CONTEXT)
    text = source.text[lo:hi]
    if hi == line_end:
        text = text.rstrip("\r\n")
    return a.line, pack(text), lo - line_start + 1


def finding_offsets(path: str, diags: list[Diagnostic]) -> list[int]:
    """Every offset whose line and column the positions of *diags* need (in the file *path*)."""
    offsets = []
    for d in diags:
        for span in [d.span] + [r.span for r in d.related if not r.path or r.path == path]:
            offsets += (span.start, span.end)
    return offsets


def _few_lines(path: str, source: Source, diags: list[Diagnostic]) -> FewLines | None:
    """The places of *diags* counted without the source's line index, when nothing has built it yet
    (see :mod:`.few_lines`); None when it is built (then it answers at once)."""
    if getattr(source, "_line_starts", None) is not None:
        return None
    return FewLines(source.text, finding_offsets(path, diags))


def resolve_positions(path: str, source: Source, diags: list[Diagnostic], frame_lines: bool = True,
                      texts: bool = True, contexts: bool = True, lines: FewLines | None = None) -> FileResult:
    """The positions of *diags* and, unless told not to, what an output may show of them: the text each
    span covers (*texts*), a little text either side of each finding (*contexts*, for baselines) and the
    code frames of their lines (*frame_lines*). *lines*: the lines of every offset of
    :func:`finding_offsets`, counted already (corpus/summary.py's summarise_counting)."""
    res = FileResult(path, diags)
    locate = getattr(source, "locate", None)
    if lines is None:
        lines = _few_lines(path, source, diags) if diags else None
    packed: dict[str, str | bytes] = {}  # one copy of a text several findings cover (a repeated passage)
    for d in diags:
        for span in [d.span] + [r.span for r in d.related if not r.path or r.path == path]:
            if span not in res.positions:
                res.positions[span] = (_pos(source, span.start, lines=lines),
                                       _pos(source, span.end, end=len(span) > 0, lines=lines))
                if texts:
                    text = source.slice(span)
                    kept = packed.get(text)
                    if kept is None:
                        kept = packed[text] = pack(text)
                    res.texts[span] = kept
                if locate is not None:
                    loc = locate(span.start)
                    if loc and "page" not in loc:
                        res.locations[span] = loc
        if contexts and d.span not in res.contexts:
            res.contexts[d.span] = _context(source, d.span)
    if frame_lines:
        for d in diags:
            a = res.positions[d.span][0]
            # (a position from the source's own lines is always on one of them)
            if d.span not in res.frames and (lines is not None or a.line <= len(source.line_starts)):
                res.frames[d.span] = _excerpt(source, a, lines)
    return res


def resolve_kept(path: str, source: Source, diags: list[Diagnostic], keep: tuple | None,
                 lines: FewLines | None = None) -> FileResult:
    """:func:`resolve_positions` making only the parts *keep* names of "texts", "contexts" and "frames"
    (what an output reads of a result, cli/keep.py); None makes everything."""
    if keep is None:
        return resolve_positions(path, source, diags, lines=lines)
    return resolve_positions(path, source, diags, frame_lines="frames" in keep, texts="texts" in keep,
                             contexts="contexts" in keep, lines=lines)


def kept_lines(source: Source, diags: list[Diagnostic]) -> dict[int, int]:
    """The lines a cross-report finding's code frame is laid over, and how much of each: the lines of
    this file's own findings (up to two past a finding's first line), each up to the furthest finding
    on it (at least 2,000 code points; one-line text bodies put tables at column 5000). A frame laid on
    such a line shows the line's own text around it, not only the summary's short window."""
    need: dict[int, int] = {}
    n_lines = len(source.line_starts)
    for d in diags:
        a, b = source.line_col(d.span.start), source.line_col(d.span.end)
        for ln in range(a[0], min(b[0], a[0] + 2) + 1):
            col = (b[1] if b[0] == ln else a[1]) + 100
            need[ln] = max(need.get(ln, 0), col)
    out: dict[int, int] = {}
    text, starts = source.text, source.line_starts
    for ln, col in need.items():
        if ln <= n_lines:
            start = starts[ln - 1]
            end = starts[ln] if ln < n_lines else len(text)
            while end > start and text[end - 1] in "\r\n":
                end -= 1
            out[ln] = min(end - start, max(2000, col))
    return out
