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
    # per finding span: (line, excerpt of that line around the span, 1-based column of its first character)
    frames: dict[Span, tuple[int, str, int]] = field(default_factory=dict)
    error: str | None = None                                 # the file could not be read at all

    def start(self, span: Span) -> Position:
        return self.positions[span][0]

    def end(self, span: Span) -> Position:
        return self.positions[span][1]


def _pos(source: Source, offset: int) -> Position:
    line, col = source.line_col(offset)
    return Position(line, col, offset)


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
    for d in diags:
        for span in [d.span] + [r.span for r in d.related]:
            if span not in res.positions:
                res.positions[span] = (_pos(source, span.start), _pos(source, span.end))
        if frame_lines:
            a, b = res.positions[d.span]
            if d.span not in res.frames and a.line <= len(source.line_starts):
                res.frames[d.span] = _excerpt(source, a)
            for ln in range(a.line, min(b.line, a.line + 2) + 1):
                if ln not in res.lines and ln <= len(source.line_starts):
                    line = source.line_text(ln)
                    res.lines[ln] = line if len(line) <= 2000 else line[:2000]
    return res
