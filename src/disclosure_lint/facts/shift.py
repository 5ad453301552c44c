"""Rows with a cell too few: find where the gap is, instead of reading every later value one column off.

A dropped or merged cell shifts every value after it one column to the left.  Reading the row as
if nothing had happened puts each of those values under the wrong header and breaks the
identities of four unrelated columns.  For a row with exactly one value too few, every place the
gap could be is tried: the values are put in their columns around it, and the identities the row
takes part in are evaluated (the gap being unknown, like a blank).  The places where nothing
breaks are the fits.  Cells that sit in the same column in every fit are kept; the others are
left out of the table, so no identity is evaluated on a guess.  What was found is recorded in
``view.shifted`` for DL109.

A text extraction drops trailing blank cells, so there a row whose gap may be its last cell is
read as before (a blank at the end), and reported only when that reading breaks an identity.
"""
from __future__ import annotations

from ..source.dataclass_cache import dataclass  # dataclasses.dataclass, its code cached

from ..document import Blank, Cell, Row
from ..source.ptext import PText
from ..source import Span

__all__ = ["Shift", "repair_short_rows"]


@dataclass
class Shift:
    key: str                 # the row key ("data" for table 4)
    row: Row
    found: int               # values in the row
    want: int                # columns of the schema
    fits: list[int]          # column positions where the gap fits the identities
    columns: list[str]       # the schema's column keys, in order
    kept: int                # cells kept in the table (placed the same way in every fit)
    merged: Cell | None = None   # a cell holding two figures (“2 0”), when that explains the gap


def _columns(view) -> list[str]:
    if view.name == "table4":
        return [f"{g}.{c}" for g in view.groups for c in view.columns]
    return list(view.columns)


def _assign(view, key, cols, values, gap, row=None):
    for j, c in enumerate(cols):
        if j == gap:
            if row is not None:  # while fitting: the gap is unknown but not negative, like a blank
                view.cells[(key, c)] = Cell(PText.literal("", row.span.start), "", Span(row.span.start, row.span.start),
                                            Blank(Span(row.span.start, row.span.start)))
            continue
        view.cells[(key, c)] = values[j if j < gap else j - 1]


def _clear(view, key, cols):
    for c in cols:
        view.cells.pop((key, c), None)


def _touching(instances, key):
    return [i for i in instances if any(ref[0] == key for ref in i.refs)]


def _breaks(views, edition, key) -> bool:
    from .arith import evaluate

    return any(i.status in ("fail", "bound") for i in _touching(evaluate(views, edition), key))


def _merged(values) -> Cell | None:
    import re

    for c in values:
        if c.value.kind == "text" and re.fullmatch(r"\s*\d+(?:\s+\d+)+\s*", c.text):
            return c
    return None


def repair_short_rows(views: dict, edition) -> None:
    if edition is None:
        return
    for view in views.values():
        if view.name not in ("table3", "table4"):
            continue
        for key, row, n in view.short_rows:
            cols = _columns(view)
            values = view.short_values.get(key)
            if values is None:
                continue
            from_text = all(t.from_text for t in view.tables)
            if from_text:
                if not _breaks(views, edition, key):
                    continue  # trailing blank cells the extraction dropped: read as before
            _clear(view, key, cols)
            fits: list[int] = []
            if len(cols) - n == 1:
                for gap in range(len(cols)):
                    _assign(view, key, cols, values, gap, row)
                    if not _breaks(views, edition, key):
                        fits.append(gap)
                    _clear(view, key, cols)
            kept = 0
            if fits:
                lo, hi = min(fits), max(fits)
                for j, c in enumerate(cols):
                    if j < lo:
                        view.cells[(key, c)] = values[j]
                        kept += 1
                    elif j > hi:
                        view.cells[(key, c)] = values[j - 1]
                        kept += 1
            view.shifted.append(Shift(key, row, n, len(cols), fits, cols, kept, _merged(values)))
