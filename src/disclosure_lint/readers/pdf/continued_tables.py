"""A table that continues on the next page is one table.

The continuation is recognised (same width, and a rule missing at the cut, the header rows repeated or
the very same columns); its repeated header rows are dropped, a row the page break cut in two is joined
back, and a label cell split by the break is joined to its first part.
"""
from __future__ import annotations


from .lattice import PCell, PTable, nearest, numeric_columns, snap
from ...source.re_cache import compile_re

_ITEM = compile_re(r"^\s*(?:[一二三四五六七八九十]{1,3}\s*[、．.]|[（(][一二三四五六七八九十\d]{1,3}[）)]|\d{1,2}\s*[、．.])")


def _row_texts(t: PTable, r: int) -> tuple:
    return tuple(c.text for c in sorted(t.cells, key=lambda c: c.col) if c.row == r)


def _row_key(t: PTable, r: int) -> tuple:
    return tuple((c.col, c.colspan, c.text) for c in t.cells if c.row == r)


def continues_table(a: PTable, b: PTable) -> bool:
    """*b*, first on its page, carries on *a*, last on the page before: same width, and the break shows
    (a rule missing at the cut, the header rows repeated, or the very same columns)."""
    if b.page != a.last_page + 1 or abs(a.x0 - b.x0) > 3 or abs(a.x1 - b.x1) > 3:
        return False
    if "bottom" in a.open_ends or "top" in b.open_ends:
        return True
    if _row_texts(b, 0) and _row_texts(b, 0) == _row_texts(a, 0):
        return True   # the header repeated (its columns may differ: a part's rows need not show every rule)
    return len(a.xs) == len(b.xs) and all(abs(x - y) <= 2 for x, y in zip(a.xs, b.xs))


def _trim_empty_tail(t: PTable) -> None:
    """Rows at the foot of a page that hold nothing (the space a browser leaves when the next row does
    not fit under a cell that spans rows) are not rows of the report."""
    while t.nrows > 1:
        last = t.nrows - 1
        own = [c for c in t.cells if c.row == last]
        if not own or any(c.text for c in own):
            return
        t.cells = [c for c in t.cells if c.row != last]
        for c in t.cells:
            if c.row + c.rowspan - 1 >= last:
                c.rowspan = max(1, last - c.row)
        t.nrows -= 1


def fill_holes(t: PTable) -> None:
    """A grid position no cell covers, under a label cell (a column without figures), belongs to that
    label cell: a page break split it, and the browser drew the rest of it short or not at all."""
    numeric = numeric_columns(t.cells)
    width = len(t.xs) - 1
    covered: dict[tuple, PCell] = {}
    for c in t.cells:
        for r in range(c.row, c.row + c.rowspan):
            for k in range(c.col, c.col + c.colspan):
                covered[(r, k)] = c
    for r in range(1, t.nrows):
        for k in range(width):
            if (r, k) in covered or k in numeric:
                continue
            above = covered.get((r - 1, k))
            if above is None or not above.text or above.row + above.rowspan != r \
                    or any((r, j) in covered for j in range(above.col, above.col + above.colspan)):
                continue
            above.rowspan += 1
            for j in range(above.col, above.col + above.colspan):
                covered[(r, j)] = above


def _split_row(a: PTable, head: list, bottom: dict, numeric_cols: set) -> bool:
    """*head*, the first row of the continuation, is the rest of *a*'s last row: the two line up cell
    for cell, no column of figures has a figure in both, and the head does not start a new item."""
    last = a.nrows - 1
    for c in head:
        above = bottom.get(c.col)
        if above is None or above.col != c.col or above.colspan != c.colspan or above.row + above.rowspan - 1 != last:
            return False
        in_values = any(k in numeric_cols for k in range(c.col, c.col + c.colspan))
        if in_values and c.text and above.text:
            return False
        if not in_values and c.text and _ITEM.match(c.text):
            return False
    return any(c.text for c in head)


def continue_table(a: PTable, b: PTable) -> None:
    """*b* (on the next page) continues *a*: drop its repeated header rows, append its rows to *a*."""
    _trim_empty_tail(a)
    union = snap(a.xs + b.xs)
    amap = {i: nearest(union, x) for i, x in enumerate(a.xs)}
    bmap = {i: nearest(union, x) for i, x in enumerate(b.xs)}
    if union != a.xs:
        for c in a.cells:
            end = amap[c.col + c.colspan] if c.col + c.colspan in amap else c.col + c.colspan
            c.col = amap[c.col]
            c.colspan = max(1, end - c.col)
        a.xs = union
    for c in b.cells:
        end = bmap.get(c.col + c.colspan, c.col + c.colspan)
        c.col = bmap.get(c.col, c.col)
        c.colspan = max(1, end - c.col)
    skip = 0
    while skip < min(b.nrows, a.nrows) - 1 and _row_key(b, skip) and _row_key(b, skip) == _row_key(a, skip):
        skip += 1
    cells = [c for c in b.cells if c.row >= skip]
    numeric_cols = numeric_columns(a.cells + b.cells)
    for c in cells:
        c.row = c.row - skip + a.nrows
    # what covers each grid position at the foot of the table so far
    bottom: dict[int, PCell] = {}
    for x in a.cells:
        for k in range(x.col, x.col + x.colspan):
            if k not in bottom or bottom[k].row + bottom[k].rowspan < x.row + x.rowspan:
                bottom[k] = x
    first = a.nrows
    head = [c for c in cells if c.row == first]
    if head and _split_row(a, head, bottom, numeric_cols):
        # the page break cut one row in two (a word processor lets rows break across pages): its pieces
        # are joined to the row they continue, and b's rows move up by one
        for c in head:
            above = bottom[c.col]
            above.pieces.extend(c.pieces)
            above.rowspan += c.rowspan - 1
        cells = [c for c in cells if c.row != first]
        for c in cells:
            c.row -= 1
        a.nrows -= 1
        a.cells.sort(key=lambda c: (c.row, c.col))
    kept = []
    for c in sorted(cells, key=lambda c: (c.row, c.col)):
        if not c.text and not any(k in numeric_cols for k in range(c.col, c.col + c.colspan)):
            above = bottom.get(c.col)
            if above is not None and above.col == c.col and above.colspan == c.colspan and above.text \
                    and above.row + above.rowspan == c.row:
                above.rowspan += c.rowspan   # a label cell the page break split: one cell again
                continue
        kept.append(c)
        for k in range(c.col, c.col + c.colspan):
            bottom[k] = c
    a.cells.extend(kept)
    a.nrows += b.nrows - skip
    a.bottom = b.bottom
    a.last_page = b.page
    a.open_ends = b.open_ends
