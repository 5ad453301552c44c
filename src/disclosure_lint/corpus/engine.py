"""The corpus stage: cross-report rules over per-report summaries, with the engine's selection,
severity and suppression, and their findings placed in the per-file results.

    summaries = [summary_of_each_report, ...]          # ReportSummary, e.g. from JSON
    diags = lint_summaries(summaries, options)          # {path: [Diagnostic]}

``options`` is one :class:`~disclosure_lint.engine.options.Options` or a function from a report's path to its
options (configuration differs per folder); a finding is filtered and graded by the options of
the report it sits on, and suppressed by that report's ``disable`` / ``disable-file`` comments.
"""
from __future__ import annotations

import traceback

TYPE_CHECKING = False  # typing.TYPE_CHECKING: typing is for annotations only, and costs ~10 M instructions to import
if TYPE_CHECKING:
    from typing import Callable

from ..engine.diagnostics import Diagnostic, Severity
from ..engine.lint import INTERNAL, _severity, matches
from ..engine.options import Options
from ..engine.registry import all_rules
# imported here, not in the functions that use them: a function-level import costs an importlib lookup per
# call, and attach() calls them for every place of every finding
from ..engine.results import CONTEXT, KnownLine, Position
from ..i18n import get_language, use_language
from ..source import Span
from .context import CorpusContext
from .summary import Loc, ReportSummary

__all__ = ["lint_summaries", "attach", "loc_index"]


def _selects(code: str, options: Options) -> bool:
    s = matches(code, tuple(options.select) + tuple(options.extend_select))
    return bool(s) and s > matches(code, options.ignore)


def _suppressed(summary: ReportSummary, code: str, span: Span) -> bool:
    for codes, a, b in summary.suppressions:
        if any(code.startswith(c) for c in codes) and a <= span.start <= b:
            return True
    return False


def lint_summaries(summaries: list[ReportSummary], options: Options | Callable[[str], Options] | None = None,
                   ctx: CorpusContext | None = None) -> dict[str, list[Diagnostic]]:
    # The language is decided once, not read from the environment for each of the stage's messages (a
    # corpus of one agency's reports makes tens of thousands: they were half the stage's time).
    with use_language(get_language()):
        return _lint_summaries(summaries, options, ctx)


def _lint_summaries(summaries: list[ReportSummary], options: Options | Callable[[str], Options] | None,
                    ctx: CorpusContext | None) -> dict[str, list[Diagnostic]]:
    options = options or Options()
    opts_of = options if callable(options) else (lambda _p, o=options: o)
    cache: dict[str, Options] = {}

    def opts(path: str) -> Options:
        if path not in cache:
            cache[path] = opts_of(path)
        return cache[path]

    by_path = {s.path: s for s in summaries}
    ctx = ctx or CorpusContext(summaries)
    specs = [r for r in all_rules() if r.scope == "corpus"]
    specs = [r for r in specs if any(_selects(r.code, opts(s.path)) for s in summaries)]
    ctx.selected = frozenset(r.code for r in specs)
    out: dict[str, list[Diagnostic]] = {}
    seen: set[tuple] = set()
    for spec in specs:
        try:
            for f in spec.func(ctx) or ():
                path = f.path or (summaries[0].path if summaries else "")
                code = f.code or spec.code
                o = opts(path)
                if not _selects(code, o):
                    continue
                summary = by_path.get(path)
                if summary is not None and _suppressed(summary, code, f.span):
                    continue
                key = (path, code, f.span, f.message)
                if key in seen:
                    continue
                seen.add(key)
                out.setdefault(path, []).append(Diagnostic(path, code, spec.name, _severity(spec, f, o), f.message,
                                                           f.span, list(f.related), f.suggestion))
        except Exception as exc:  # a rule must never crash the run
            tb = traceback.extract_tb(exc.__traceback__)[-1]
            path = summaries[0].path if summaries else ""
            out.setdefault(path, []).append(Diagnostic(
                path, INTERNAL, "internal-error", Severity.ERROR,
                f"rule {spec.code} ({spec.name}) failed: {type(exc).__name__}: {exc} "
                f"[{tb.filename.rsplit('/', 1)[-1]}:{tb.lineno}]; please report this", summary_anchor(by_path, path)))
    for v in out.values():
        v.sort(key=Diagnostic.sort_key)
    return out


def summary_anchor(by_path, path) -> Span:
    s = by_path.get(path)
    return s.anchor.span if s is not None else Span(0, 0)


def loc_index(summary: ReportSummary) -> dict[tuple[int, int], Loc]:
    """Every place a summary knows, by its span's ``(start, end)`` (a tuple: no Span made per place and
    hashed in Python; two spans are equal exactly when these are)."""
    idx = getattr(summary, "_loc_index", None)
    if idx is None:
        idx = {(summary.anchor.start, summary.anchor.end): summary.anchor}
        for c in summary.cells.values():
            idx.setdefault((c.loc.start, c.loc.end), c.loc)
        for cols in summary.stats.values():
            for c in cols.values():
                idx.setdefault((c.loc.start, c.loc.end), c.loc)
        for u in summary.units:
            idx.setdefault((u.loc.start, u.loc.end), u.loc)
        summary._loc_index = idx
    return idx


def _positions(loc: Loc):
    return (Position(loc.line, loc.col, loc.start), Position(loc.end_line, loc.end_col, loc.end))


def _lay_frame(lines: dict, key, loc: Loc) -> None:
    """Lay the summary's window of the line at its columns over what is known of the line already
    (several places on one long line, or the line's own text kept for this file's findings); the full
    format cuts around the column again."""
    known = lines.get(key)
    if known is None:
        known = lines[key] = KnownLine()
    loc.lay_on(known)


def _loc_text(loc: Loc) -> str | None:
    """The text a place covers, cut from the window of its line the summary kept (None when the window
    does not hold all of it)."""
    if loc.line != loc.end_line or not loc.frame_len:
        return None
    a, b = loc.col - loc.frame_col, loc.end_col - loc.frame_col
    if a < 0 or b < a or b > loc.frame_len:
        return None
    return loc.frame[a:b]


def _loc_context(loc: Loc) -> tuple[str, str]:
    """A little text either side of a place, from the same window (the same line)."""
    frame, a, b = loc.frame, loc.col - loc.frame_col, loc.end_col - loc.frame_col
    return frame[max(0, a - CONTEXT):a], frame[b:b + CONTEXT]


def attach(results, diags: dict[str, list[Diagnostic]], summaries: list[ReportSummary]) -> None:
    """Add cross-report diagnostics to the per-file results, with every position they need."""
    from ..engine.diagnostics import Diagnostic as _D

    by_path = {s.path: s for s in summaries}
    for res in results:
        found = diags.get(res.path)
        if not found:
            continue
        own = by_path.get(res.path)
        for d in found:
            spans = [(None, d.span)] + [(r.path if r.path and r.path != res.path else None, r.span) for r in d.related]
            for other, span in spans:
                summary = own if other is None else by_path.get(other)
                if summary is None:
                    loc = None
                elif span.start == summary.anchor.start and span.end == summary.anchor.end:
                    # the anchor (DL606 / DL607 sit on it): the index, which holds it under its span, is not
                    # built for it
                    loc = summary.anchor
                else:
                    loc = loc_index(summary).get((span.start, span.end))
                if loc is None:
                    loc = Loc(span.start, span.end, 1, 1, 1, 1)
                # the text each place covers, as for a file's own findings (JSON's "text", the baseline's
                # fingerprint, the CSV and HTML quotes)
                text = _loc_text(loc)
                if other is None:
                    if span not in res.positions:
                        res.positions[span] = _positions(loc)
                    if text is not None and span not in res.texts:
                        res.texts[span] = text
                        if span is d.span and span not in res.contexts:
                            res.contexts[span] = _loc_context(loc)
                    if span is d.span and loc.frame_len:
                        _lay_frame(res.lines, loc.line, loc)
                else:
                    res.other_positions[(other, span)] = _positions(loc)
                    if text is not None:
                        res.other_texts[(other, span)] = text
                    if loc.frame_len:
                        _lay_frame(res.other_lines, (other, loc.line), loc)
        res.diagnostics = sorted(res.diagnostics + found, key=_D.sort_key)
