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
    texts: dict[Span, str] = field(default_factory=dict)    # what each finding's span covers, exactly
    contexts: dict[Span, tuple[str, str]] = field(default_factory=dict)  # a little text either side (same line)
    report: dict = field(default_factory=dict)               # agency, level, year, edition (batch formats)

    def start(self, span: Span) -> Position:
        return self.positions[span][0]

    def end(self, span: Span) -> Position:
        return self.positions[span][1]

    def text(self, span: Span) -> str:
        return self.texts.get(span, "")

    def context(self, span: Span) -> tuple[str, str]:
        return self.contexts.get(span, ("", ""))


def _pos(source: Source, offset: int) -> Position:
    line, col = source.line_col(offset)
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


def resolve_positions(path: str, source: Source, diags: list[Diagnostic], frame_lines: bool = True) -> FileResult:
    res = FileResult(path, diags)
    for d in diags:
        for span in [d.span] + [r.span for r in d.related]:
            if span not in res.positions:
                res.positions[span] = (_pos(source, span.start), _pos(source, span.end))
        if d.span not in res.texts:
            res.texts[d.span] = source.text[d.span.start:d.span.end]
            res.contexts[d.span] = _context(source, d.span)
        if frame_lines:
            a, b = res.positions[d.span]
            for ln in range(a.line, min(b.line, a.line + 2) + 1):
                if ln not in res.lines and ln <= len(source.line_starts):
                    line = source.line_text(ln)
                    res.lines[ln] = line if len(line) <= 2000 else line[:2000]
    return res
