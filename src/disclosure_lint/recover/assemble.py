"""Recovered rows to reader blocks: cells with exact spans, and the DL004/DL005 notes."""
from __future__ import annotations

from ..source.dataclass_cache import dataclass, field

from ..i18n import _
from ..source.ptext import PText
from ..readers.blocks import RawCell, RawRow, RawTable
from ..source import Span
from .solve import RowRun

__all__ = ["Recovered", "text_cell", "value_cells", "row_notes", "table_of"]


@dataclass
class Recovered:
    """One table found in a one-line body: its source range, its block, and the reading notes."""

    name: str                          # table2, table3, table4, stat2008
    span: Span
    table: RawTable
    rows: list[RowRun] = field(default_factory=list)
    problems: list[tuple[str, str, Span]] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        out = {"forced": 0, "chosen": 0, "ambiguous": 0, "unsplit": 0}
        for r in self.rows:
            for m in r.modes:
                out[m] = out.get(m, 0) + 1
        return out


def text_cell(text: str, a: int, b: int, *, rowspan: int = 1, colspan: int = 1, header: bool = False) -> RawCell:
    return RawCell(PText.literal(text[a:b], a), Span(a, b), rowspan, colspan, header)


def run_span(r: RowRun) -> Span:
    o = r.run.offsets
    return Span(o[0], o[-1] + 1) if o else Span(0, 0)


def value_cells(text: str, r: RowRun) -> list[RawCell]:
    """One cell per column: the digits of forced and chosen cells, the unread stretch of the others."""
    cells = []
    possible = r.structure.cells if r.structure is not None else [set() for _ in r.cols]
    for k, (mode, b) in enumerate(zip(r.modes, r.bounds)):
        if b is not None:
            s, e = r.run.span(*b)
        else:
            opts = {c[k] for c in r.candidates} if r.candidates else possible[k]
            if opts:
                s = r.run.offsets[min(a for a, _ in opts)]
                e = r.run.offsets[max(b for _, b in opts) - 1] + 1
            else:
                sp = run_span(r)
                s, e = sp.start, sp.end
        cells.append(RawCell(PText.literal(text[s:e], s), Span(s, e), recovery=mode))
    return cells


def row_notes(table: str, r: RowRun, descriptions: dict[str, str]) -> list[tuple[str, str, Span]]:
    """The info finding for a row that was not read, or not read whole."""
    n_cells = len(r.cols)
    unread = sum(1 for m in r.modes if m in ("ambiguous", "unsplit"))
    digits = r.run.chars if len(r.run.chars) <= 40 else r.run.chars[:40] + "…"
    where = run_span(r)
    if r.status == "unsplit":
        if r.reason == "count":
            msg = _("{table}: the digits “{digits}” of row “{label}” cannot be split into {n} cells "
                    "(a blank cell may have been dropped); the row is not read",
                    table=table, digits=digits, label=r.label, n=n_cells)
        elif r.reason == "blank":
            msg = _("{table}: the digits “{digits}” of row “{label}” split into {n} cells one way only, and it "
                    "breaks {identity}; they also fit fewer cells, so a blank cell may have been dropped by the "
                    "extraction and the cells shifted; the row is not read",
                    table=table, digits=digits, label=r.label, n=n_cells, identity=descriptions.get("row", ""))
        elif r.reason == "row":
            msg = _("{table}: no split of the digits “{digits}” of row “{label}” into {n} cells satisfies "
                    "{identity}; {unread} cells are not read and no identity is checked on them",
                    table=table, digits=digits, label=r.label, n=n_cells,
                    identity=descriptions.get("row", ""), unread=unread)
        else:
            msg = _("{table}: the digits “{digits}” of row “{label}” admit splits that satisfy the row's own "
                    "identity, but none is consistent with the column identities; {unread} cells are not read",
                    table=table, digits=digits, label=r.label, unread=unread)
        return [("DL005", msg, where)]
    if r.status == "ambiguous" and unread:
        if r.reason == "cap":
            msg = _("{table}: the digits “{digits}” of row “{label}” admit too many splits into {n} cells to "
                    "choose from; {unread} cells are not read",
                    table=table, digits=digits, label=r.label, n=n_cells, unread=unread)
        else:
            n = len(r.candidates) if r.candidates else r.n_splits
            msg = _("{table}: the digits “{digits}” of row “{label}” admit {splits} splits into {n} cells; "
                    "{unread} cells are not read and not checked",
                    table=table, digits=digits, label=r.label, splits=n, n=n_cells, unread=unread)
        return [("DL004", msg, where)]
    return []


def table_of(rows: list[RawRow]) -> RawTable:
    span = Span(min(r.span.start for r in rows), max(r.span.end for r in rows))
    return RawTable(rows, span, from_text=True)
