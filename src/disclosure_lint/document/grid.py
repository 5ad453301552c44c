"""Resolving table rows into a grid: rowspan and colspan expanded.

Every grid position points at its cell, so every value knows its row label and
its column header.  Spans that overflow, overlap or make absurdly large grids
are clipped and recorded as problems (DL002), never raised.

A cell is built once, in its first row.  A row none of whose own cells found room
(every position held by a rowspan from above) shares its positions list, labels and
values with the rows before it that are held the same way, so a tall rowspan costs
no copy per row it covers and a table costs memory in proportion to its cells.
"""
from __future__ import annotations


from .cells import (NOT_APPLICABLE_START, _APPROX_WORD_START, _NUMBER_START, _plain_number, _text_value, cell_value,
                    read_cell, value_like)
from . import Cell, Number, Row, Table, TextValue, Unread
from ..i18n import _
from ..readers.blocks import RawTable
from ..source import Span, new_span
from ..source.re_cache import compile_re

__all__ = ["resolve"]

MAX_COLSPAN = 200
_new = object.__new__
MAX_WIDTH = 400


def resolve(raw: RawTable) -> Table:
    problems: list[tuple[str, Span]] = []
    pending: dict[int, Cell] = {}          # column -> the cell a rowspan from a row above holds it for
    ends: dict[int, list[int]] = {}        # row -> the pending columns whose rowspan stops before it
    version = 0                            # bumped whenever *pending* changes
    # The positions of a row none of whose own cells found room are *pending* as it stands: computed
    # once per version and shared by every such row, so a tall rowspan costs no copy per row it covers.
    above = _Positions({}, version)
    nrows = len(raw.rows)
    from_text = raw.from_text
    left_out, left_out_at = 0, None
    rows: list[Row] = []
    lengths: list[int] = []
    holes: list[tuple[str, Span]] = []
    width = 0
    # _is_label of the cell whose first (leftmost) position is a column: of this row's own cells and of the
    # cells a rowspan holds for it. (A pending column is never claimed by a row's own cell, so a rowspan
    # cell's entry stands as long as the cell is pending.)
    label_at: dict[int, bool] = {}
    max_width, max_colspan = MAX_WIDTH, MAX_COLSPAN
    for r, raw_row in enumerate(raw.rows):
        for col in ends.pop(r, ()):
            del pending[col]
            version += 1
        if above.version != version:
            above = _Positions(pending, version)
        placed: dict[int, Cell] = {}       # the positions this row's own cells claim, in column order
        spanning: list[tuple[int, Cell]] = []  # (column, cell) of this row's cells that span rows below
        repeats = bool(above.mapping)      # whether a cell may stand at several of the row's positions
        flags: list[bool] = []             # _is_label of this row's own cells, in column order
        c = above.first_free
        raw_cells = raw_row.cells
        for k, rc in enumerate(raw_cells):
            # Every position this row has placed lies before *c*: only a rowspan from above can hold it.
            while c in pending:
                c += 1
            if c >= max_width:  # no room left: this cell and the rest of the row are left out
                left_out += len(raw_cells) - k
                left_out_at = left_out_at or rc.span
                break
            colspan = rc.colspan
            rowspan = rc.rowspan
            if colspan != 1 or rowspan != 1:
                # (a cell of one position, nine in ten, fits: c < max_width, and r is a row of the table)
                if colspan > max_colspan or c + colspan > max_width:
                    problems.append((_("colspan={colspan} was clipped", colspan=colspan), rc.span))
                    colspan = max(1, min(colspan, max_colspan, max_width - c))
                if rowspan > nrows - r:
                    if rowspan - (nrows - r) > 1 and not from_text:
                        problems.append((_("rowspan={rowspan} runs past the table's last row", rowspan=rowspan),
                                         rc.span))
                    rowspan = nrows - r
            rpt = rc.ptext
            text = rpt.text
            recovery = rc.recovery
            # the value, and _is_label(cell) (asked several times per row): decided once
            if recovery and recovery in ("ambiguous", "unsplit"):
                pt = rpt.collapse_space()
                value = Unread(rc.span, text)
                flag = False
            elif text.isdigit() and text.isascii():
                # ASCII digits, two cells in three: collapse_space gives the text itself (no white space),
                # and read_cell a plain Number over it; both without their calls.
                pt = rpt
                start = rpt._start
                try:
                    value = _plain_number(int(text), new_span(start, start + len(text)) if start >= 0 else rpt.span(),
                                          text)
                    flag = False
                except ValueError:  # more digits than int() reads
                    value, flag = read_cell(pt)
            else:
                pt = rpt.collapse_space()
                t = pt.text
                if t and not (t[0].isdecimal() or t[0] in _NUMBER_START or t[0] in NOT_APPLICABLE_START):
                    # A label such as 本年新收, nearly every other cell: read_cell's own first case (no
                    # number nor mark can match), without its call and the tuple it returns.
                    start = pt._start
                    value = _text_value(new_span(start, start + len(t)) if start >= 0 else pt.span(), t)
                    flag = t[0] not in _APPROX_WORD_START or not value_like(t)
                elif t:
                    value, flag = read_cell(pt)
                else:
                    # a blank cell's span is its content (the &nbsp;), else the whole cell
                    value = cell_value(pt, rpt.span() if len(rpt) else rc.span)
                    flag = False
            # Cell(pt, text, rc.span, value, r, c, rowspan, colspan, rc.is_header, recovery) without the
            # dataclass's __init__ (a Python frame entered through the type's call): the same slots, set here.
            cell = _new(Cell)
            cell.ptext = pt
            cell.raw = text
            cell.span = rc.span
            cell.value = value
            cell.row = r
            cell.col = c
            cell.rowspan = rowspan
            cell.colspan = colspan
            cell.is_header = rc.is_header
            cell.recovery = recovery
            label_at[c] = flag
            flags.append(flag)
            placed[c] = cell
            if colspan != 1 or rowspan != 1:
                if rowspan > 1:
                    spanning.append((c, cell))
                if colspan > 1:
                    repeats = True
                    for dc in range(1, colspan):
                        if c + dc in pending:
                            problems.append((_("cells overlap: a rowspan and a colspan claim the same position"),
                                             rc.span))
                            continue
                        placed[c + dc] = cell
                        if rowspan > 1:
                            spanning.append((c + dc, cell))
            c += colspan
        if placed:
            pos = _Positions({**above.mapping, **placed}, -1) if above.mapping else _Positions(placed, -1, True)
            for col, cell in spanning:
                pending[col] = cell
                ends.setdefault(r + cell.rowspan, []).append(col)
                version += 1
            if repeats:
                distinct, distinct_flags = _distinct_flags(pos.mapping, label_at)
                labels, values = _split_labels(r, distinct, distinct_flags)
            else:  # each position holds its own cell, once: the cells are distinct, their flags known
                distinct = pos.cells
                labels, values = _split_labels(r, list(pos.cells), flags)
            # the distinct cells kept on the row: Table.text() and Table.cells() need not find them again
            row = _row(r, pos.cells, raw_row.span, labels, values, distinct)
        else:
            # Every cell of this row comes from a row above: the row shares its positions, and their
            # labels and values (the same for any row all of whose cells come from above).
            pos = above
            if pos.split is None:
                pos.distinct, distinct_flags = _distinct_flags(pos.mapping, label_at)
                pos.split = _split_labels(r, pos.distinct, distinct_flags)
            row = _row(r, pos.cells, raw_row.span, *pos.split, pos.distinct)
        if pos.first_free < pos.end and not from_text:
            holes.append((_("row {row} has no cell at column {column}", row=r + 1, column=pos.first_free + 1),
                          raw_row.span))
        lengths.append(len(pos.cells))
        if pos.end > width:
            width = pos.end
        rows.append(row)
    if left_out:
        problems.append((_("{n} cells past column {width} were left out", n=left_out, width=MAX_WIDTH), left_out_at))
    problems.extend(holes)
    if not from_text and len(set(lengths)) > 1 and rows:
        short = [r for r in rows if lengths[r.index] < width]
        if short and len(short) < len(rows):
            problems.append((_("{short} of {n} rows are narrower than the table ({width} columns): ragged rows",
                               short=len(short), n=len(rows), width=width), short[0].span))
    return Table(raw.span, rows, width, problems, from_text)


def _row(index: int, cells: list[Cell], span: Span, labels: list[Cell], values: list[Cell],
         distinct: list[Cell] | None) -> Row:
    """``Row(index, cells, span, labels, values, distinct)`` without the dataclass's __init__ (a Python
    frame entered through the type's call): the same slots, set here."""
    row = _new(Row)
    row.index = index
    row.cells = cells
    row.span = span
    row.labels = labels
    row.values = values
    row.distinct = distinct
    return row


class _Positions:
    """A row's grid positions: the cell at each occupied column, in column order."""

    __slots__ = ("mapping", "version", "cells", "end", "first_free", "split", "distinct")

    def __init__(self, mapping: dict[int, Cell], version: int, ordered: bool = False):
        # *ordered*: the mapping's columns already ascend (a row's own cells, nothing from above), and it
        # is not changed after: it is kept as it is.
        if ordered:
            self.mapping = mapping
            cols = list(mapping)
        else:
            cols = sorted(mapping)
            self.mapping = {c: mapping[c] for c in cols}
        self.version = version
        self.cells = list(self.mapping.values())
        n = len(cols)
        self.end = cols[-1] + 1 if cols else 0
        if self.end == n:
            free = n  # distinct columns 0..n-1: all held
        else:
            free = 0
            for col in cols:  # the first column nothing holds (a hole when it lies before *end*)
                if col != free:
                    break
                free += 1
        self.first_free = free
        self.split: tuple[list[Cell], list[Cell]] | None = None
        self.distinct: list[Cell] | None = None  # the distinct cells, made with *split*


def _distinct_flags(mapping: dict[int, Cell], label_at: dict[int, bool]) -> tuple[list[Cell], list[bool]]:
    """The distinct cells of a row's positions (column -> cell, in column order), in order, and
    :func:`_is_label` of each. A cell's first position is its own column: there it is met first."""
    distinct = [c for col, c in mapping.items() if c.col == col]
    return distinct, [label_at[c.col] for c in distinct]


def _split_labels(index: int, distinct: list[Cell], flags: list[bool]) -> tuple[list[Cell], list[Cell]]:
    """Leading text cells are the labels of row *index*; the distinct cells after them are its values.

    *distinct* are the row's distinct cells, in order (the labels may be that list), *flags* tell
    :func:`_is_label` of each.
    """
    n = len(distinct)
    k = 0
    while k < n and flags[k]:
        k += 1
    # A numbering column in Chinese numerals (一 | 本年新收…) belongs to the labels.
    j = k
    while j < n and (flags[j] or _cn_numeral(distinct[j])):
        j += 1
        if flags[j - 1]:
            k = j
    rest = flags[k:]
    if all(rest):  # no value that is not text naming a row (number, blank, dash, 约27…): all labels
        return distinct, []
    # A blank or dash that comes before any number but after no label (top-left corner) is a label too.
    # A header cell from a row above whose rowspan runs into this one (a header row was deleted) is not a value.
    return distinct[:k], [c for c, f in zip(distinct[k:], rest) if not (f and c.row < index)]


def _is_label(c: Cell) -> bool:
    """Text that names the row; text standing where a number stands (约27, 27余件) is a value."""
    return isinstance(c.value, TextValue) and not value_like(c.text)


_ARABIC_DIGIT = compile_re("[0-9０-９]")


def _cn_numeral(c: Cell) -> bool:
    """A number written without an Arabic digit (ASCII or full-width): in Chinese numerals."""
    return isinstance(c.value, Number) and _ARABIC_DIGIT.search(c.value.raw) is None
