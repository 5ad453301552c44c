"""The pages written as the extracted text: paragraphs and tables in reading order, each piece located.

Blocks are read page after page, top to bottom; a table continuing the one before it (across a page
break) is merged into it. Lines are joined into paragraphs, a table is written one row per line with
its cells separated by `` | ``, and every piece of text is located by its page and line (an empty cell
by its page).
"""
from __future__ import annotations

from ...source.ptext import PText
from ...source import Span
from ..blocks import RawCell, RawDocument, RawParagraph, RawRow, RawTable
from ..office import TextBuilder, joiner
from .continued_tables import continue_table, continues_table, fill_holes
from .lattice import PCell, PTable
from .paragraphs import line_continues, page_margins
from .visual_lines import Line


def write_pages(pages, tb: TextBuilder, raw: RawDocument) -> None:
    # blocks in reading order, page after page: ("line", Line) or ("table", PTable)
    blocks: list = []
    for pno, lines, tables in pages:
        items = [(ln.top, "line", ln) for ln in lines] + [(t.top, "table", t) for t in tables]
        items.sort(key=lambda x: x[0])
        for _top, kind, obj in items:
            if kind == "table" and blocks and blocks[-1][0] == "table" and continues_table(blocks[-1][1], obj):
                continue_table(blocks[-1][1], obj)
                continue
            blocks.append((kind, obj))
    margins = page_margins(pages)
    para: list[Line] = []

    def flush():
        if not para:
            return
        start = tb.n
        text = ""
        for ln in para:
            j = joiner(text, ln.text)
            if j:
                tb.plain(j)
            tb.add(ln.text, {"page": ln.page, "line": ln.chars[0].line})
            text += j + ln.text
        tb.plain("\n")
        raw.blocks.append(RawParagraph(PText.literal(text, start), Span(start, start + len(text))))
        para.clear()

    for kind, obj in blocks:
        if kind == "table":
            flush()
            _write_table(obj, tb, raw)
            continue
        if para and not line_continues(para[-1], obj, margins):
            flush()
        para.append(obj)
    flush()


def _write_table(t: PTable, tb: TextBuilder, raw: RawDocument) -> None:
    fill_holes(t)
    rows: list[RawRow] = []
    by_row: dict[int, list[PCell]] = {}
    for c in t.cells:
        by_row.setdefault(c.row, []).append(c)
    for r in sorted(by_row):
        cells = sorted(by_row[r], key=lambda c: c.col)
        row_start = tb.n
        out = []
        for k, c in enumerate(cells):
            if k:
                tb.plain(" | ")
            start = tb.n
            if c.pieces:
                text = ""
                for piece, p, ln in c.pieces:
                    j = joiner(text, piece)
                    if j:
                        tb.plain(j)
                    tb.add(piece, {"page": p, "line": ln})
                    text += j + piece
            else:
                text = ""
                tb.mark({"page": c.page})  # an empty cell: its page (it has no line of text)
            out.append(RawCell(PText.literal(text, start), Span(start, start + len(text)), c.rowspan, c.colspan))
        rows.append(RawRow(out, Span(row_start, tb.n)))
        tb.plain("\n")
    if rows:
        raw.blocks.append(RawTable(rows, Span(rows[0].span.start, rows[-1].span.end)))
