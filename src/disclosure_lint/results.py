"""Results of linting one file, with positions resolved to line/column (output needs nothing else)."""
from __future__ import annotations

from dataclasses import dataclass, field

from .diagnostics import Diagnostic
from .source import Source, Span

__all__ = ["Position", "FileResult", "resolve_positions"]


@dataclass(frozen=True)
class Position:
    line: int
    column: int
    offset: int

    def as_dict(self) -> dict:
        return {"line": self.line, "column": self.column, "offset": self.offset}


@dataclass
class FileResult:
    path: str
    diagnostics: list[Diagnostic]
    positions: dict[Span, tuple[Position, Position]] = field(default_factory=dict)
    lines: dict[int, str] = field(default_factory=dict)     # source lines the code frames show
    error: str | None = None                                 # the file could not be read at all
    summary: object | None = None       # the report's corpus.ReportSummary, when the corpus stage asked for it
    # Related places in other reports (cross-report findings): keyed by (path, span), and the lines
    # their code frames show, keyed by (path, line).
    other_positions: dict[tuple[str, Span], tuple[Position, Position]] = field(default_factory=dict)
    other_lines: dict[tuple[str, int], str] = field(default_factory=dict)

    def start(self, span: Span) -> Position:
        return self.positions[span][0]

    def end(self, span: Span) -> Position:
        return self.positions[span][1]

    def elsewhere(self, related) -> str | None:
        """The other file a related place lies in, or None when it lies in this file."""
        p = getattr(related, "path", None)
        return p if p and p != self.path else None

    def related_range(self, related) -> tuple[Position, Position]:
        other = self.elsewhere(related)
        if other is not None:
            return self.other_positions[(other, related.span)]
        return self.positions[related.span]


def _pos(source: Source, offset: int) -> Position:
    line, col = source.line_col(offset)
    return Position(line, col, offset)


def resolve_positions(path: str, source: Source, diags: list[Diagnostic], frame_lines: bool = True) -> FileResult:
    res = FileResult(path, diags)
    for d in diags:
        for span in [d.span] + [r.span for r in d.related if not r.path or r.path == path]:
            if span not in res.positions:
                res.positions[span] = (_pos(source, span.start), _pos(source, span.end))
        if frame_lines:
            a, b = res.positions[d.span]
            for ln in range(a.line, min(b.line, a.line + 2) + 1):
                if ln not in res.lines and ln <= len(source.line_starts):
                    line = source.line_text(ln)
                    res.lines[ln] = line if len(line) <= 2000 else line[:2000]
    return res
