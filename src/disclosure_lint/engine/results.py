"""Results of linting one file, with positions resolved to line/column (output needs nothing else)."""
from __future__ import annotations

from dataclasses import dataclass, field

from .diagnostics import Diagnostic
from ..source import Source, Span

__all__ = ["Position", "FileResult", "resolve_positions"]


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


@dataclass
class FileResult:
    path: str
    diagnostics: list[Diagnostic]
    positions: dict[Span, tuple[Position, Position]] = field(default_factory=dict)
    lines: dict[int, str] = field(default_factory=dict)     # source lines the code frames show
    # per finding span: (line, excerpt of that line around the span, 1-based column of its first character)
    frames: dict[Span, tuple[int, str, int]] = field(default_factory=dict)
    error: str | None = None                                 # the file could not be read at all
    texts: dict[Span, str] = field(default_factory=dict)     # the text each reported span covers, exactly
    locations: dict[Span, dict] = field(default_factory=dict)  # .docx: paragraph, or table / row / cell
    contexts: dict[Span, tuple[str, str]] = field(default_factory=dict)  # a little text either side (same line)
    report: dict = field(default_factory=dict)               # agency, level, year, edition (batch formats)
    summary: object | None = None       # the report's corpus.ReportSummary, when the corpus stage asked for it
    # Related places in other reports (cross-report findings): keyed by (path, span), and the lines
    # their code frames show, keyed by (path, line).
    other_positions: dict[tuple[str, Span], tuple[Position, Position]] = field(default_factory=dict)
    other_lines: dict[tuple[str, int], str] = field(default_factory=dict)

    def start(self, span: Span) -> Position:
        return self.positions[span][0]

    def text(self, span: Span) -> str:
        return self.texts.get(span, "")

    def location(self, span: Span) -> dict | None:
        return self.locations.get(span)

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



def _pos(source: Source, offset: int, end: bool = False) -> Position:
    line, col = source.line_col(offset)
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


def _excerpt(source: Source, a: Position) -> tuple[int, str, int]:
    starts = source.line_starts
    line_start = starts[a.line - 1]
    line_end = starts[a.line] if a.line < len(starts) else len(source.text)
    lo = max(line_start, a.offset - FRAME_CONTEXT)
    hi = min(line_end, a.offset + FRAME_CONTEXT)
    text = source.text[lo:hi]
    if hi == line_end:
        text = text.rstrip("\r\n")
    return a.line, text, lo - line_start + 1


def resolve_positions(path: str, source: Source, diags: list[Diagnostic], frame_lines: bool = True) -> FileResult:
    res = FileResult(path, diags)
    locate = getattr(source, "locate", None)
    for d in diags:
        for span in [d.span] + [r.span for r in d.related if not r.path or r.path == path]:
            if span not in res.positions:
                res.positions[span] = (_pos(source, span.start), _pos(source, span.end, end=len(span) > 0))
                res.texts[span] = source.slice(span)
                if locate is not None:
                    loc = locate(span.start)
                    if loc and "page" not in loc:
                        res.locations[span] = loc
        if d.span not in res.contexts:
            res.contexts[d.span] = _context(source, d.span)
    if frame_lines:
        # a long line is kept up to the furthest finding on it (one-line text bodies put tables at column 5000)
        need: dict[int, int] = {}
        for d in diags:
            a, b = res.positions[d.span]
            if d.span not in res.frames and a.line <= len(source.line_starts):
                res.frames[d.span] = _excerpt(source, a)
            for ln in range(a.line, min(b.line, a.line + 2) + 1):
                col = (b.column if b.line == ln else a.column) + 100
                need[ln] = max(need.get(ln, 0), col)
        for ln, col in need.items():
            if ln <= len(source.line_starts):
                line = source.line_text(ln)
                keep = max(2000, col)
                res.lines[ln] = line if len(line) <= keep else line[:keep]
    return res
