"""Resolving table rows into a grid: rowspan and colspan expanded.

Every grid position points at its cell, so every value knows its row label and
its column header.  Spans that overflow, overlap or make absurdly large grids
are clipped and recorded as problems (DL002), never raised.
"""
from __future__ import annotations

from .cells import cell_value, value_like
from . import Blank, Cell, NotApplicable, Number, Row, Table, TextValue, Unread
from ..i18n import _
from ..readers.blocks import RawTable
from ..source import Span

__all__ = ["resolve"]

MAX_COLSPAN = 200
MAX_WIDTH = 400


def resolve(raw: RawTable) -> Table:
    problems: list[tuple[str, Span]] = []
    grid: list[dict[int, Cell]] = []
    pending: dict[int, tuple[Cell, int]] = {}  # column -> (cell, rows still to cover)
    nrows = len(raw.rows)
    for r, raw_row in enumerate(raw.rows):
        row: dict[int, Cell] = {}
        for col, (cell, left) in list(pending.items()):
            row[col] = cell
            if left <= 1:
                del pending[col]
            else:
                pending[col] = (cell, left - 1)
        c = 0
        for rc in raw_row.cells:
            while c in row:
                c += 1
            colspan = rc.colspan
            if colspan > MAX_COLSPAN or c + colspan > MAX_WIDTH:
                problems.append((_("colspan={colspan} was clipped", colspan=colspan), rc.span))
                colspan = max(1, min(colspan, MAX_COLSPAN, MAX_WIDTH - c))
            rowspan = rc.rowspan
            if rowspan > nrows - r:
                if rowspan - (nrows - r) > 1 and not raw.from_text:
                    problems.append((_("rowspan={rowspan} runs past the table's last row", rowspan=rowspan), rc.span))
                rowspan = nrows - r
            pt = rc.ptext.collapse_space()
            # a blank cell's span is its content (the &nbsp;), else the whole cell
            blank_at = rc.ptext.span() if len(rc.ptext) else rc.span
            value = Unread(rc.span, rc.ptext.text) if rc.recovery in ("ambiguous", "unsplit") else cell_value(pt, blank_at)
            cell = Cell(pt, rc.ptext.text, rc.span, value, r, c, rowspan, colspan, rc.is_header, rc.recovery)
            for dc in range(colspan):
                if c + dc in row:
                    problems.append((_("cells overlap: a rowspan and a colspan claim the same position"), rc.span))
                    continue
                row[c + dc] = cell
                if rowspan > 1:
                    pending[c + dc] = (cell, rowspan - 1)
            c += colspan
            if c >= MAX_WIDTH:
                break
        grid.append(row)
    width = max((max(r) + 1 for r in grid if r), default=0)
    rows: list[Row] = []
    widths = set()
    for r, (raw_row, cells_at) in enumerate(zip(raw.rows, grid)):
        cells = [cells_at[c] for c in sorted(cells_at)]
        holes = [c for c in range(max(cells_at) + 1 if cells_at else 0) if c not in cells_at]
        if holes and not raw.from_text:
            problems.append((_("row {row} has no cell at column {column}", row=r + 1, column=holes[0] + 1),
                             raw_row.span))
        widths.add(len(cells_at))
        row = Row(r, cells, raw_row.span)
        _split_labels(row)
        rows.append(row)
    if not raw.from_text and len(widths) > 1 and rows:
        short = [r for r in rows if len(grid[r.index]) < width]
        if short and len(short) < len(rows):
            problems.append((_("{short} of {n} rows are narrower than the table ({width} columns): ragged rows",
                               short=len(short), n=len(rows), width=width), short[0].span))
    return Table(raw.span, rows, width, problems, raw.from_text)


def _split_labels(row: Row) -> None:
    """Leading text cells are the row's labels; the distinct cells after them are its values."""
    seen: set[int] = set()
    distinct = []
    for c in row.cells:
        if id(c) not in seen:
            seen.add(id(c))
            distinct.append(c)
    n = len(distinct)
    k = 0
    while k < n and _is_label(distinct[k]):
        k += 1
    # A numbering column in Chinese numerals (一 | 本年新收…) belongs to the labels.
    j = k
    while j < n and (_is_label(distinct[j]) or _cn_numeral(distinct[j])):
        j += 1
        if _is_label(distinct[j - 1]):
            k = j
    if k == n:
        row.labels, row.values = distinct, []
        return
    # A blank or dash that comes before any number but after no label (top-left corner) is a label too.
    row.labels = distinct[:k]
    # A header cell from a row above whose rowspan runs into this one (a header row was deleted) is not a value.
    row.values = [c for c in distinct[k:] if not (c.row < row.index and _is_label(c))]
    if not any(isinstance(c.value, (Number, NotApplicable, Blank, Unread)) or value_like(c.text) for c in row.values):
        row.labels, row.values = distinct, []


def _is_label(c: Cell) -> bool:
    """Text that names the row; text standing where a number stands (约27, 27余件) is a value."""
    return isinstance(c.value, TextValue) and not value_like(c.text)


def _cn_numeral(c: Cell) -> bool:
    return isinstance(c.value, Number) and not any("0" <= ch <= "9" or "０" <= ch <= "９" for ch in c.value.raw)
