"""Table 2 (主动公开政府信息情况) in a one-line body: blocks of 第二十条第（X）项, 信息内容, columns, rows.

Each block's columns are the edition's column labels written after ``信息内容``; its rows are the
edition's row labels, each followed by its figures.  Table 2 has no identities, so a run is read
only when the digit counts force its split; otherwise the row is ambiguous (DL004).
"""
from __future__ import annotations


from ..document.normalize import label_key
from ..readers.blocks import RawRow
from ..source import Span
from .assemble import Recovered, row_notes, table_of, text_cell, value_cells
from .solve import RowRun, solve
from .splits import ColSpec, make_run
from .view import NormView, value_run
from ..source.re_cache import compile_re

__all__ = ["find_table2"]

MAX_BLOCKS = 16     # table 2 has nine blocks at most; a page with more banners is not one table 2
_BANNER = compile_re(r"第二十条第[（(][一二三四五六七八九十]{1,3}[）)]项")
_SKIP = compile_re(r"[ \t\u00a0\u3000]*(?:[（(][^）)]{0,20}[）)][ \t\u00a0\u3000]*)?")
_UNIT = compile_re(r"(?<![ \t\u00a0\u3000])[ \t\u00a0\u3000]*(?:万元|元)")  # matched after a figure


def _col_spec(label: str) -> ColSpec:
    if "增" in label and "减" in label:
        return ColSpec(signed=True, maxlen=8)
    if "金额" in label or "万元" in label:
        return ColSpec(decimal=True, maxlen=16)
    return ColSpec(maxlen=7)


def _match_at(view: NormView, labels: list[str], pos: int, hi: int):
    """The longest label that starts at *pos* (after spaces): (label, start, end)."""
    text = view.text
    while pos < hi and text[pos] in " \t\u00a0\u3000":
        pos += 1
    k = view._norm_at(pos)
    for lab in sorted(labels, key=lambda x: len(label_key(x)), reverse=True):
        key = label_key(lab)
        if key and view.norm.startswith(key, k) and k + len(key) <= len(view.idx):
            end = view.idx[k + len(key) - 1] + 1
            if end <= hi:
                return lab, pos, end
    return None


def find_table2(view: NormView, lo: int, hi: int, editions) -> Recovered | None:
    text = view.text
    banners = []
    for m in _BANNER.finditer(text, lo, hi):
        banners.append(m)
        if len(banners) >= MAX_BLOCKS:
            break
    if not banners:
        return None
    best = None
    for ed in editions:
        schema = ed.tables.get("table2")
        if not schema:
            continue
        got = _read(view, banners, hi, schema)
        if got and (best is None or got[0] > best[0]):
            best = got
    if best is None or not best[1]:
        return None
    _, rows, runs, problems = best
    table = table_of(rows)
    return Recovered("table2", table.span, table, runs, problems)


def _read(view: NormView, banners, hi: int, schema: dict):
    text = view.text
    col_labels = schema.get("columns", [])
    row_labels = [r["label"] for r in schema.get("rows", [])]
    rows: list[RawRow] = []
    runs: list[RowRun] = []
    problems = []
    score = 0
    for i, bm in enumerate(banners):
        block_end = banners[i + 1].start() if i + 1 < len(banners) else hi
        rows.append(RawRow([text_cell(text, bm.start(), bm.end())], Span(bm.start(), bm.end())))
        hit = _match_at(view, ["信息内容"], bm.end(), block_end)
        if hit is None:
            continue
        header = [text_cell(text, hit[1], hit[2])]
        pos = hit[2]
        cols: list[str] = []
        while True:
            h = _match_at(view, col_labels, pos, block_end)
            if h is None:
                break
            m = _SKIP.match(text, h[2], block_end)
            end = m.end() if m else h[2]
            cols.append(h[0])
            header.append(text_cell(text, h[1], end if text[end - 1:end] in "）)" else h[2]))
            pos = end
        if not cols:
            continue
        rows.append(RawRow(header, Span(header[0].span.start, header[-1].span.end)))
        specs = [_col_spec(c) for c in cols]
        while True:
            h = _match_at(view, row_labels, pos, block_end)
            if h is None:
                break
            r = value_run(text, h[2], block_end)
            if r is None:
                pos = h[2]
                continue
            rr = RowRun(h[0], text[h[1]:h[2]], make_run(text[r[0]:r[1]], r[0]), specs)
            solve([rr])
            runs.append(rr)
            score += 1
            cells = [text_cell(text, h[1], h[2])] + value_cells(text, rr)
            rows.append(RawRow(cells, Span(h[1], cells[-1].span.end)))
            problems.extend(row_notes("table2", rr, {}))
            u = _UNIT.match(text, r[1], block_end)
            pos = u.end() if u else r[1]
    return score, rows, runs, problems
