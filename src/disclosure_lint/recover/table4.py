"""Table 4 (行政复议、行政诉讼) in a one-line body: a header of labels, then 15 figures.

The header ends with the last ``尚未审结总计``; the figures follow.  They are split into three
blocks of five with each block's identity (总计 = 维持 + 纠正 + 其他 + 尚未审结).
"""
from __future__ import annotations

from ..readers.blocks import RawRow
from ..source import Span
from .assemble import Recovered, row_notes, table_of, text_cell, value_cells
from .solve import RowRun, solve
from .splits import ColSpec, make_run
from .table3 import row_identities
from .view import NormView, value_run

__all__ = ["find_table4"]

COL = ColSpec(maxlen=5)
HEADER_SPAN = 300   # the header (行政复议 … 总计) is at most this long


def find_table4(view: NormView, lo: int, hi: int, editions) -> Recovered | None:
    text = view.text
    ed = next((e for e in editions if "table4" in e.tables), None)
    if ed is None:
        return None
    schema = ed.tables["table4"]
    width = len(schema["columns"]) * len(schema["groups"])
    # the header writes 行政复议 and 行政诉讼 side by side; the section heading joins them with 、
    start = view.find("行政复议行政诉讼", lo, hi) or view.find("行政复议", lo, hi)
    while start is not None:
        pos = start[1]
        last = None
        limit = min(hi, start[0] + HEADER_SPAN)
        while True:
            hit = view.find("尚未审结总计", pos, limit)
            if hit is None:
                break
            last = hit
            pos = hit[1]
        if last is not None and view.find("行政诉讼", start[0], last[0]) is not None:
            r = value_run(text, last[1], hi)
            if r is not None and r[0] - last[1] <= 3:
                break
        start = view.find("行政复议", start[1], hi)
    else:
        return None
    rr = RowRun("data", "行政复议、行政诉讼", make_run(text[r[0]:r[1]], r[0]), [COL] * width)
    solve([rr], row_identities(ed, "table4"))
    header = RawRow([text_cell(text, start[0], last[1], header=True)], Span(start[0], last[1]))
    cells = value_cells(text, rr)
    data = RawRow(cells, Span(cells[0].span.start, cells[-1].span.end))
    desc = next((i.get("description", "") for i in ed.identities if i.get("table") == "table4"), "")
    table = table_of([header, data])
    return Recovered("table4", table.span, table, [rr], row_notes("table4", rr, {"row": desc}))
