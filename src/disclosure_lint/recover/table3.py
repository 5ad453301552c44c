"""Table 3 (收到和处理政府信息公开申请情况) in a one-line body.

The edition's row labels are the key: each is looked for in order, close after the previous
one; the digits after a label (up to the next label's numbering) are its run.  Runs are split by
:func:`solve` with the edition's row identities (each=row) and column identities (each=column).
"""
from __future__ import annotations

from ..readers.blocks import RawRow
from ..source import Span
from .assemble import Recovered, row_notes, table_of, text_cell, value_cells
from .solve import RowRun, solve
from .splits import ColSpec, make_run
from .view import NUMBERING_BEFORE, NormView, strip_numbering_tail, value_run

__all__ = ["find_table3", "row_identities", "column_identities"]

WINDOW = 160      # a row label is looked for this far after the previous row's digits
COL = ColSpec(maxlen=6)


def row_identities(edition, name: str) -> list[tuple[list[int], list[int]]]:
    schema = edition.tables.get(name, {})
    cols = list(schema.get("columns", []))
    out = []
    for ident in edition.identities:
        if ident.get("table") != name or ident.get("each") not in ("row", "group"):
            continue
        if ident.get("each") == "group":
            groups = schema.get("groups", [])
            for g in range(len(groups)):
                base = g * len(cols)
                try:
                    out.append(([base + cols.index(c) for c in ident["lhs"]], [base + cols.index(c) for c in ident["rhs"]]))
                except ValueError:
                    pass
            continue
        try:
            out.append(([cols.index(c) for c in ident["lhs"]], [cols.index(c) for c in ident["rhs"]]))
        except ValueError:
            continue
    return out


def column_identities(edition, name: str) -> list[tuple[list[str], list[str]]]:
    return [(list(i["lhs"]), list(i["rhs"])) for i in edition.identities
            if i.get("table") == name and i.get("each") == "column"]


def _locate(view: NormView, lo: int, hi: int, rows: list[dict]):
    """[(row spec, label start, label end)] in order; the first must be followed by digits."""
    text = view.text
    found = []
    pos = lo
    for spec in rows:
        to = hi if not found else min(hi, pos + WINDOW)
        while True:
            hit = view.find(spec["label"], pos, to)
            if hit is None or found or value_run(text, hit[1], hi) is not None:
                break
            pos = hit[1]  # the first label must carry digits (not a mention in the prose)
        if hit is None:
            continue
        found.append((spec, hit[0], hit[1]))
        r = value_run(text, hit[1], min(hi, hit[1] + WINDOW))
        pos = r[1] if r else hit[1]
    return found


def _numbering_start(text: str, floor: int, at: int) -> int:
    m = NUMBERING_BEFORE.search(text, max(floor, at - 8), at)
    return m.start() if m else at


def find_table3(view: NormView, lo: int, hi: int, editions) -> Recovered | None:
    text = view.text
    best = None
    for ed in editions:
        schema = ed.tables.get("table3")
        if not schema:
            continue
        rows = [r for r in schema["rows"] if not r.get("outdated")]
        found = _locate(view, lo, hi, rows)
        if not found or found[0][0]["key"] != "new":
            continue
        score = 2 * len(found) - len(rows)  # rows found, less the edition's rows not found
        if best is None or score > best[0]:
            best = (score, ed, schema, found)
    if best is None or len(best[3]) < 3:
        return None
    _, ed, schema, found = best
    groups: dict[str, int] = {}
    runs: list[RowRun] = []
    layout = []
    prev_end = found[0][1]
    for i, (spec, a, b) in enumerate(found):
        limit = found[i + 1][1] if i + 1 < len(found) else min(hi, b + WINDOW)
        r = value_run(text, b, limit, skip_text=True)
        nxt = found[i + 1][0] if i + 1 < len(found) else None
        g = spec.get("group")
        if g:
            groups[g] = groups.get(g, 0) + 1
        label_start = _numbering_start(text, prev_end, a)
        group_cell = None
        if g and (i == 0 or found[i - 1][0].get("group") != g):
            hit = view.find(g, prev_end, label_start)
            if hit is not None:
                group_cell = (_numbering_start(text, prev_end, hit[0]), hit[1])
        if r is None:
            prev_end = b
            continue
        expected = None
        if nxt is not None and nxt.get("group"):
            expected = (groups.get(nxt["group"], 0) + 1) if nxt.get("group") == g else 1
        end = strip_numbering_tail(text, r[0], r[1], expected)
        if end <= r[0]:
            prev_end = r[1]
            continue
        label_end = r[0]
        while label_end > b and text[label_end - 1] in " \t\u00a0\u3000":
            label_end -= 1
        rr = RowRun(spec["key"], text[label_start:label_end], make_run(text[r[0]:end], r[0]), [COL] * len(schema["columns"]))
        runs.append(rr)
        layout.append((label_start, label_end, group_cell))
        prev_end = end
    if len(runs) < 3:
        return None
    keys = [r["key"] for r in schema["rows"] if not r.get("outdated")]
    solve(runs, row_identities(ed, "table3"), column_identities=column_identities(ed, "table3"), schema_keys=keys)
    if sum(1 for r in runs if r.n_splits) < 3:
        return None  # labels mentioned in prose, not a table: fewer than three rows whose digits fill the columns
    desc = next((i.get("description", "") for i in ed.identities
                 if i.get("table") == "table3" and i.get("each") == "row"), "")
    raw_rows = []
    problems = []
    # header: the column labels, as far as they are written before the first row
    header_cells = []
    pos = max(lo, found[0][1] - 120)
    for lab in schema.get("column_labels", []):
        hit = view.find(lab, pos, found[0][1])
        if hit is not None:
            header_cells.append(text_cell(text, hit[0], hit[1], header=True))
            pos = hit[1]
    if header_cells:
        raw_rows.append(RawRow(header_cells, Span(header_cells[0].span.start, header_cells[-1].span.end)))
    for rr, (ls, le, gc) in zip(runs, layout):
        cells = []
        if gc is not None:
            cells.append(text_cell(text, gc[0], gc[1]))
        cells.append(text_cell(text, ls, le))
        cells.extend(value_cells(text, rr))
        raw_rows.append(RawRow(cells, Span(cells[0].span.start, cells[-1].span.end)))
        problems.extend(row_notes("table3", rr, {"row": desc}))
    table = table_of(raw_rows)
    return Recovered("table3", table.span, table, runs, problems)
