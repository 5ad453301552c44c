"""Word tables as tables: ``w:gridSpan`` is a colspan, a ``w:vMerge`` run of cells is one cell with a rowspan.

Each row is written as one line of the extracted text, its cells separated by `` | ``, and each cell is
located by ``{"table", "row", "cell"}`` (1-based; ``cell`` is the grid column, so ``w:gridBefore``
counts).
"""
from __future__ import annotations

from ...source.ptext import PText
from ...source import Span
from ..blocks import RawCell, RawRow, RawTable
from ..office import TextBuilder, joiner
from .numbering import Numbering
from .paragraphs import body_items, one_line, paragraph_text
from .wordml import W, to_int, val


def cell_text(tc, numbering: Numbering) -> str:
    """A cell's paragraphs (and nested tables) as one line."""
    parts: list[str] = []
    for item in body_items(tc):
        if item.tag == W + "p":
            t = (numbering.label(item) + paragraph_text(item)).strip()
        else:
            # the nested table's own cells: each reads its own nested tables (iter() would reach those
            # again from here, repeating their text and doubling the work at every level)
            t = " ".join(cell_text(c, numbering) for tr in _rows(item) for c in _own(tr, W + "tc"))
        if t:
            parts.append(t)
    out = ""
    for t in parts:
        out += joiner(out, t) + t if out else t
    return one_line(out)


def _own(parent, tag: str):
    """The children of *parent* with *tag*, content controls and custom XML around them unwrapped (not
    those of a table nested deeper)."""
    for ch in parent:
        if ch.tag == tag:
            yield ch
        elif ch.tag in (W + "sdt", W + "customXml"):
            inner = ch.find(W + "sdtContent") if ch.tag == W + "sdt" else ch
            if inner is not None:
                yield from _own(inner, tag)


def _rows(tbl):
    """The table's rows."""
    return _own(tbl, W + "tr")


def read_table(tbl, t_index: int, numbering: Numbering, tb: TextBuilder) -> RawTable | None:
    """Table *t_index* (1-based) written to *tb*, one row per line; None when it has no rows."""
    rows: list[RawRow] = []
    # (grid column) -> the RawCell a vertical merge continues, and the row it started in
    above: dict[int, RawCell] = {}
    r_index = 0
    for tr in _rows(tbl):
        r_index += 1
        col = 0
        trpr = tr.find(W + "trPr")
        if trpr is not None:
            col = to_int(val(trpr.find(W + "gridBefore")), 0)
        cells: list[RawCell] = []
        row_start = tb.n
        first = True
        tcs = [c for c in tr if c.tag == W + "tc" or c.tag == W + "sdt"]
        flat = []
        for c in tcs:
            if c.tag == W + "sdt":
                inner = c.find(W + "sdtContent")
                flat.extend(x for x in (inner if inner is not None else []) if x.tag == W + "tc")
            else:
                flat.append(c)
        for tc in flat:
            tcpr = tc.find(W + "tcPr")
            span = max(1, min(to_int(val(tcpr.find(W + "gridSpan")) if tcpr is not None else None, 1), 200))
            vm = tcpr.find(W + "vMerge") if tcpr is not None else None
            continues = vm is not None and (val(vm) or "continue") == "continue"
            if continues and col in above:
                above[col].rowspan += 1
                col += span
                continue
            text = cell_text(tc, numbering)
            if not first:
                tb.plain(" | ")
            first = False
            tb.mark({"table": t_index, "row": r_index, "cell": col + 1})  # an empty cell has a place too
            start = tb.add(text)
            cell = RawCell(PText.literal(text, start), Span(start, start + len(text)), colspan=span)
            cells.append(cell)
            for k in range(col, col + span):
                if vm is not None:
                    above[k] = cell
                else:
                    above.pop(k, None)
            col += span
        row_end = tb.n
        tb.plain("\n")
        rows.append(RawRow(cells, Span(row_start, row_end)))
    if not rows:
        return None
    return RawTable(rows, Span(rows[0].span.start, rows[-1].span.end))
