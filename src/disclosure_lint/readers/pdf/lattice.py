"""Tables from ruling lines: cells found by pdfplumber's lattice functions, then rows and columns.

PDFium's ruling lines are fed to pdfplumber's ``merge_edges`` → ``edges_to_intersections`` →
``intersections_to_cells`` → ``cells_to_tables`` (pdfplumber's own page parsing, through pdfminer,
costs more than ten times PDFium's, so it is not used). Each character goes to the cell around its
centre. Columns are the table's distinct vertical rules; rows are where the columns of figures have
their rules, so a label column cut short by a page break adds no rows. A cell spanning several grid
lines is a rowspan / colspan.
"""
from __future__ import annotations

import bisect
from ...source.dataclass_cache import dataclass, field

from ..office import joiner
from .ruling_lines import close_cut_edges, ruling_edges
from .text_layer import Ch
from .visual_lines import cluster, line_text
from ...source.re_cache import compile_re

_NUMERIC = compile_re(r"^[\s+\-]*[\d０-９][\d０-９,，.．]*\s*%?$")


def lattice():
    """pdfplumber's table module (its lattice functions), or None when pdfplumber is not installed."""
    try:
        from pdfplumber import table as plt
        return plt
    except ImportError:
        return None


@dataclass
class PCell:
    x0: float
    top: float
    x1: float
    bottom: float
    chars: list = field(default_factory=list)
    row: int = 0
    col: int = 0
    rowspan: int = 1
    colspan: int = 1
    pieces: list = field(default_factory=list)   # (text, page, line)
    page: int = 0

    @property
    def text(self) -> str:
        out = ""
        for t, _p, _l in self.pieces:
            out += joiner(out, t) + t
        return out


@dataclass
class PTable:
    page: int
    x0: float
    top: float
    x1: float
    bottom: float
    cells: list
    xs: list = field(default_factory=list)
    nrows: int = 0
    open_ends: tuple = ()     # "top" / "bottom": the rule there was missing (cut by a page break)
    last_page: int = 0

    def __post_init__(self) -> None:
        self.last_page = self.last_page or self.page


def snap(values: list[float], tol: float = 2.0) -> list[float]:
    out: list[float] = []
    for v in sorted(values):
        if out and v - out[-1] <= tol:
            continue
        out.append(v)
    return out


def nearest(xs: list[float], v: float) -> int:
    """The index of the value in sorted *xs* nearest to *v*."""
    i = bisect.bisect_left(xs, v)
    if i <= 0:
        return 0
    if i >= len(xs):
        return len(xs) - 1
    return i if xs[i] - v < v - xs[i - 1] else i - 1


def page_tables(page, pno, w, h, pdfium_c, plt, chars: list[Ch]) -> list[PTable]:
    """The tables drawn with ruling lines on page *pno*, each of *chars* in the cell around it."""
    edges = ruling_edges(page, w, h, pdfium_c)
    if len(edges) < 3:
        return []
    drawn = close_cut_edges(edges)
    edges = plt.merge_edges(edges, 3, 3, 3, 3)
    inter = plt.edges_to_intersections(edges, 3, 3)
    cells = plt.intersections_to_cells(inter)
    out = []
    for group in plt.cells_to_tables(cells):
        if len(group) < 2:
            continue
        pcs = [PCell(float(x0), float(top), float(x1), float(bottom), page=pno) for x0, top, x1, bottom in group]
        t = PTable(pno, min(c.x0 for c in pcs), min(c.top for c in pcs), max(c.x1 for c in pcs),
                   max(c.bottom for c in pcs), pcs)
        t.open_ends = tuple(end for end, y in drawn.items() if abs((t.bottom if end == "bottom" else t.top) - y) <= 3)
        out.append(t)
    if not out:
        return []
    for c in chars:
        cx, cy = (c.x0 + c.x1) / 2, c.cy
        for t in out:
            if t.x0 <= cx <= t.x1 and t.top <= cy <= t.bottom:
                for cell in t.cells:
                    if cell.x0 <= cx <= cell.x1 and cell.top <= cy <= cell.bottom:
                        cell.chars.append(c)
                        break
                break
    for t in out:
        xs = snap([c.x0 for c in t.cells] + [c.x1 for c in t.cells])
        t.xs = xs
        for cell in t.cells:
            cell.col = nearest(xs, cell.x0)
            cell.colspan = max(1, nearest(xs, cell.x1) - cell.col)
            for g in cluster(cell.chars):
                text = line_text(g)
                if text:
                    cell.pieces.append((text, pno, g[0].line))
        # Rows are where the columns of figures have their rules: a label column cut short by a page
        # break (or drawn in odd pieces) must not add rows of its own.
        numeric = numeric_columns(t.cells)
        in_values = [c for c in t.cells if any(k in numeric for k in range(c.col, c.col + c.colspan))]
        ys = snap([c.top for c in in_values] + [c.bottom for c in in_values]) if len(in_values) >= 2 else []
        if len(ys) < 2:
            ys = snap([c.top for c in t.cells] + [c.bottom for c in t.cells])
        t.nrows = len(ys) - 1
        for cell in t.cells:
            cell.row = min(nearest(ys, cell.top), t.nrows - 1)
            cell.rowspan = max(1, nearest(ys, cell.bottom) - cell.row)
        t.cells.sort(key=lambda c: (c.row, c.col))
    return out


def numeric_columns(cells) -> set:
    """The grid columns in which a cell holds a figure."""
    return {k for c in cells if _NUMERIC.match(c.text) for k in range(c.col, c.col + c.colspan)}
