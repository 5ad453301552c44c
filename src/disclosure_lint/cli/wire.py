"""The form a worker's result crosses the pipe in (``--jobs``): a FileResult packed into tuples.

The parent reads every worker's result one after another, alone, while the workers lint: what it
spends there bounds ``--jobs N``. Pickled as they are, a result's few hundred small objects (findings,
their spans and positions, the corpus summary's sentences and places) cost about 5.4 M instructions a
file to read back and 6.5 M to write (row 4's files): for every dataclass instance pickle builds a
dict of its fields and then copies it into the instance, interning each name again; a ``Span``
(a dataclass with slots) is rebuilt by a Python ``__setstate__`` that calls ``dataclasses.fields``.

Here a :class:`~disclosure_lint.engine.results.FileResult` is sent as one reduce: plain tuples of
its fields (strings, numbers, the packed texts as they are), and :func:`_result` rebuilds the same
objects in the parent: each made with ``object.__new__`` and its fields stored in the order its
``__init__`` stores them, no ``__init__`` run (nothing is checked or computed again), the same
values. A ``Span`` is sent as ``Span(start, end)``. Objects shared within one result (a span that
keys several of its maps, a report's stream of packed windows shared by its places) stay shared:
pickle's memo keeps them one object.

Whatever this form does not know is sent as pickle sends it: a result of another type, with a field
added to one of the classes (:data:`FAST` is then False: a test says so), with an attribute that is
no field, or carrying what only the parent's corpus stage adds (places in other reports).
"""
from __future__ import annotations

import io
import pickle
from dataclasses import fields
from operator import attrgetter

from ..corpus.summary import CellFact, Loc, ReportSummary, Unit
from ..engine.diagnostics import Diagnostic, Related, Severity
from ..engine.results import FileResult, KnownLine, Position
from ..source import Span

__all__ = ["dumps", "loads", "FAST"]

# The fields this form carries, in their classes' order; :data:`FAST` is False when a class differs.
_FIELDS = {
    FileResult: ("path", "diagnostics", "positions", "lines", "frames", "error", "texts", "locations", "contexts",
                 "report", "summary", "other_positions", "other_lines", "other_texts"),
    Diagnostic: ("path", "code", "name", "severity", "message", "span", "related", "suggestion", "fix", "source",
                 "order"),
    Related: ("span", "message", "path"),
    Position: ("line", "column", "offset", "page", "page_line"),
    ReportSummary: ("path", "identity", "anchor", "published", "cells", "stats", "units", "suppressions"),
    CellFact: ("state", "value", "loc", "label"),
    Unit: ("text", "figures", "problems", "loc"),
}
_SLOTS = {
    Loc: ("start", "end", "line", "col", "end_line", "end_col", "_frame", "frame_col", "frame_len", "_off"),
    KnownLine: ("length", "parts"),
}
FAST = (all(tuple(f.name for f in fields(c)) == names for c, names in _FIELDS.items())
        and all(c.__slots__ == names for c, names in _SLOTS.items()))
_KEYS = {c: frozenset(names) for c, names in _FIELDS.items()}
_SEVERITY = {s.value: s for s in Severity}
_new = object.__new__


class _Unknown(Exception):
    """Something this form does not carry: the result goes as pickle sends it."""


# ---- in the worker ---------------------------------------------------------------------------------

def dumps(obj) -> bytes:
    """*obj* pickled, its FileResults (and any Span) in the packed form."""
    buf = io.BytesIO()
    p = pickle.Pickler(buf, pickle.HIGHEST_PROTOCOL)
    p.dispatch_table = _TABLE
    p.dump(obj)
    return buf.getvalue()


def loads(data) -> object:
    return pickle.loads(data)


def _reduce_span(span: Span):
    return Span, (span.start, span.end)


def _reduce_result(res: FileResult):
    try:
        return _result, (_pack_result(res),)
    except _Unknown:
        return res.__reduce_ex__(pickle.HIGHEST_PROTOCOL)


def _plain(obj, cls) -> None:
    """*obj* is a *cls* holding its fields and nothing else (else :class:`_Unknown`)."""
    if type(obj) is not cls or obj.__dict__.keys() != _KEYS[cls]:
        raise _Unknown


_POSITION = attrgetter(*_FIELDS[Position])
_LOC = attrgetter(*_SLOTS[Loc])


def _position(p) -> tuple:
    if type(p) is not Position:
        raise _Unknown
    return _POSITION(p)


def _loc(loc) -> tuple:
    if type(loc) is not Loc:
        raise _Unknown
    return _LOC(loc)  # (a slot never set raises AttributeError: see _pack_result)


def _pack_result(res: FileResult) -> tuple:
    if not FAST:
        raise _Unknown
    _plain(res, FileResult)
    if res.other_positions or res.other_lines or res.other_texts:
        raise _Unknown
    diags = []
    for d in res.diagnostics:
        _plain(d, Diagnostic)
        if d.source is not None or type(d.severity) is not Severity:
            raise _Unknown
        related = []
        for r in d.related:
            _plain(r, Related)
            related.append((r.span, r.message, r.path))
        diags.append((d.path, d.code, d.name, d.severity.value, d.message, d.span, related, d.suggestion, d.fix,
                      d.order))
    positions = [_position(a) + _position(b) for a, b in res.positions.values()]
    lines = []
    for n, known in res.lines.items():
        if type(known) is not KnownLine:
            raise _Unknown
        lines.append((n, known.length, known.parts))
    try:
        summary = None if res.summary is None else _pack_summary(res.summary)
    except AttributeError:  # a place with a slot never set
        raise _Unknown from None
    return (res.path, diags, tuple(res.positions), positions, lines, tuple(res.frames), tuple(res.frames.values()),
            res.error, tuple(res.texts), tuple(res.texts.values()), res.locations, tuple(res.contexts),
            tuple(res.contexts.values()), res.report, summary)


def _cell(c) -> tuple:
    _plain(c, CellFact)
    return c.state, c.value, _loc(c.loc), c.label


def _pack_summary(s: ReportSummary) -> tuple:
    _plain(s, ReportSummary)
    units = []
    for u in s.units:
        _plain(u, Unit)
        units.append((u.text, u.figures, u.problems, _loc(u.loc)))
    return (s.path, s.identity, _loc(s.anchor), s.published, tuple(s.cells), [_cell(c) for c in s.cells.values()],
            [(row, tuple(cols), [_cell(c) for c in cols.values()]) for row, cols in s.stats.items()], units,
            s.suppressions)


_TABLE = {FileResult: _reduce_result, Span: _reduce_span}


# ---- in the parent ---------------------------------------------------------------------------------
# Each object is made as its class's __init__ leaves it: fields stored in field order (a frozen class's
# straight into its __dict__, as its __init__ does through object.__setattr__).

def _result(packed: tuple) -> FileResult:
    (path, diags, spans, positions, lines, frame_keys, frames, error, text_keys, texts, locations, context_keys,
     contexts, report, summary) = packed
    res = _new(FileResult)
    res.path = path
    res.diagnostics = _diagnostics(diags)
    res.positions = dict(zip(spans, _positions(positions)))
    res.lines = {n: _known_line(length, parts) for n, length, parts in lines}
    res.frames = dict(zip(frame_keys, frames))
    res.error = error
    res.texts = dict(zip(text_keys, texts))
    res.locations = locations
    res.contexts = dict(zip(context_keys, contexts))
    res.report = report
    res.summary = None if summary is None else _summary(*summary)
    res.other_positions = {}
    res.other_lines = {}
    res.other_texts = {}
    return res


# The loops below make their objects in line, no call per object: a result holds hundreds of them, and
# a call (arguments unpacked from a tuple) costs about as much as the object.

def _diagnostics(rows) -> list[Diagnostic]:
    new, severities = _new, _SEVERITY
    out = []
    for path, code, name, severity, message, span, related, suggestion, fix, order in rows:
        d = new(Diagnostic)
        d.path = path
        d.code = code
        d.name = name
        d.severity = severities[severity]
        d.message = message
        d.span = span
        made = []
        for r_span, r_message, r_path in related:
            r = new(Related)
            f = r.__dict__  # a frozen dataclass: its __init__ stores through object.__setattr__
            f["span"] = r_span
            f["message"] = r_message
            f["path"] = r_path
            made.append(r)
        d.related = made
        d.suggestion = suggestion
        d.fix = fix
        d.source = None
        d.order = order
        out.append(d)
    return out


def _positions(rows) -> list[tuple[Position, Position]]:
    new = _new
    out = []
    for l0, c0, o0, p0, q0, l1, c1, o1, p1, q1 in rows:
        a = new(Position)
        f = a.__dict__
        f["line"] = l0
        f["column"] = c0
        f["offset"] = o0
        f["page"] = p0
        f["page_line"] = q0
        b = new(Position)
        f = b.__dict__
        f["line"] = l1
        f["column"] = c1
        f["offset"] = o1
        f["page"] = p1
        f["page_line"] = q1
        out.append((a, b))
    return out


def _known_line(length, parts) -> KnownLine:
    k = _new(KnownLine)
    k.length = length
    k.parts = parts
    return k


def _make_loc(start, end, line, col, end_line, end_col, frame, frame_col, frame_len, off) -> Loc:
    loc = _new(Loc)
    loc.start = start
    loc.end = end
    loc.line = line
    loc.col = col
    loc.end_line = end_line
    loc.end_col = end_col
    loc._frame = frame
    loc.frame_col = frame_col
    loc.frame_len = frame_len
    loc._off = off
    return loc


def _make_cell(state, value, loc, label) -> CellFact:
    c = _new(CellFact)
    c.state = state
    c.value = value
    c.loc = _make_loc(*loc)
    c.label = label
    return c


def _summary(path, identity, anchor, published, cell_keys, cells, stats, units, suppressions) -> ReportSummary:
    s = _new(ReportSummary)
    s.path = path
    s.identity = identity
    s.anchor = _make_loc(*anchor)
    s.published = published
    s.cells = dict(zip(cell_keys, [_make_cell(*c) for c in cells]))
    s.stats = {row: dict(zip(keys, [_make_cell(*c) for c in cols])) for row, keys, cols in stats}
    new = _new
    made = []
    # A report has hundreds of units: each one's Loc is made here inline, field for field as _make_loc
    # makes it, because a call per unit was most of what the loop cost (rebuilding row 4's 60 results
    # 98.2 -> 89.9 M instructions with the loops); tests/test_wire.py checks every field against pickle.
    for text, figures, problems, (start, end, line, col, end_line, end_col, frame, frame_col, frame_len, off) in units:
        u = new(Unit)
        u.text = text
        u.figures = figures
        u.problems = problems
        loc = u.loc = new(Loc)
        loc.start = start
        loc.end = end
        loc.line = line
        loc.col = col
        loc.end_line = end_line
        loc.end_col = end_col
        loc._frame = frame
        loc.frame_col = frame_col
        loc.frame_len = frame_len
        loc._off = off
        made.append(u)
    s.units = made
    s.suppressions = suppressions
    return s
