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

    def start(self, span: Span) -> Position:
        return self.positions[span][0]

    def end(self, span: Span) -> Position:
        return self.positions[span][1]


def _pos(source: Source, offset: int) -> Position:
    line, col = source.line_col(offset)
    return Position(line, col, offset)


def resolve_positions(path: str, source: Source, diags: list[Diagnostic], frame_lines: bool = True) -> FileResult:
    res = FileResult(path, diags)
    for d in diags:
        for span in [d.span] + [r.span for r in d.related]:
            if span not in res.positions:
                res.positions[span] = (_pos(source, span.start), _pos(source, span.end))
    if frame_lines:
        # a long line is kept up to the furthest finding on it (one-line text bodies put tables at column 5000)
        need: dict[int, int] = {}
        for d in diags:
            a, b = res.positions[d.span]
            for ln in range(a.line, min(b.line, a.line + 2) + 1):
                col = (b.column if b.line == ln else a.column) + 100
                need[ln] = max(need.get(ln, 0), col)
        for ln, col in need.items():
            if ln <= len(source.line_starts):
                line = source.line_text(ln)
                keep = max(2000, col)
                res.lines[ln] = line if len(line) <= keep else line[:keep]
    return res
