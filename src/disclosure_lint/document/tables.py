"""The report's tables matched against the edition's schemas.

A :class:`TableView` names cells by schema keys (``("new", "total")`` in table 3,
``("data", "review.total")`` in table 4), so the identity evaluator and the rules
never look at grid positions.  Copies of the template differ in brackets,
separators and line breaks inside labels; the matching uses :func:`label_key`.
A table 3 split across a page break (two ``<table>`` elements in a row) is read
as one.
"""
from __future__ import annotations

from ..source.dataclass_cache import dataclass, field
from functools import lru_cache
from itertools import repeat

from . import Cell, Document, Heading, Paragraph, Row, Table
from .editions import Edition
from .normalize import _CACHED_LABEL, label_key
from ..source.re_cache import compile_re

__all__ = ["TableView", "match_tables", "strip_numbering", "missing_rows"]

_NUMBERING = compile_re(r"^(?:[一二三四五六七八九十]{1,3}[、．.]|（[一二三四五六七八九十]{1,3}）、?|\d{1,2}[．.、]|（\d{1,2}）)")


_TOP_ITEM = compile_re(r"^（[一二三四五六七八九十]{1,3}）")
_DIGIT_START = compile_re(r"^\d")


# What a numbering starts with: a numeral, a bracket, or a decimal digit (``\d`` is any Unicode decimal
# digit, which ``str.isdecimal`` tells).
_NUMBERING_START = frozenset("一二三四五六七八九十（")


def strip_numbering(key: str) -> str:
    first = key[:1]
    if first not in _NUMBERING_START and not first.isdecimal():
        return key  # no numbering can start here (most labels): without the pattern
    return _NUMBERING.sub("", key, count=1)


@lru_cache(maxsize=4096)
def _row_key(text: str) -> str:
    """``strip_numbering(label_key(text))``: a row label's key; labels repeat from report to report."""
    return strip_numbering(label_key(text))


@dataclass
class TableView:
    name: str
    tables: list[Table]
    cells: dict[tuple[str, str], Cell] = field(default_factory=dict)
    rows: dict[str, Row] = field(default_factory=dict)
    row_order: list[str] = field(default_factory=list)
    unknown_rows: list[Row] = field(default_factory=list)
    short_rows: list[tuple[str, Row, int]] = field(default_factory=list)  # (key, row, values found)
    short_values: dict[str, list[Cell]] = field(default_factory=dict)    # the values of each short row
    shifted: list = field(default_factory=list)   # what shift.repair_short_rows made of the short rows
    headerless: bool = False   # found by its place and its figures; its header rows are missing
    columns: list[str] = field(default_factory=list)
    groups: list[str] = field(default_factory=list)
    parents: dict[str, str] = field(default_factory=dict)  # a 其中 row's total (indicator tables)

    def cell(self, row: str, col: str) -> Cell | None:
        return self.cells.get((row, col))


def missing_rows(view: TableView, schema: dict) -> list[str]:
    """The schema's row keys this table lacks (the 2019 single （六）其他处理 row stands for 其他处理 1–3)."""
    if not view.row_order or view.name != "table3":
        return []
    keys = [r["key"] for r in schema.get("rows", []) if not r.get("outdated")]
    if "other_0" in view.rows:  # the single 其他处理 row: DL106 reports the outdated form
        keys = [k for k in keys if not k.startswith("other_")]
    return [k for k in keys if k not in view.rows]


def _label_keys(row: Row) -> list[str]:
    return [_row_key(c.text) if len(c.text) <= _CACHED_LABEL else strip_numbering(label_key(c.text))
            for c in row.labels if c.text.strip()]


def _run_of_tables(doc: Document, start: Table) -> list[Table]:
    """*start* and the tables that directly follow it (a table split across pages)."""
    out = []
    seen = False
    for b in doc.blocks:
        if b is start:
            seen = True
            out.append(b)
            continue
        if not seen:
            continue
        if isinstance(b, Table):
            out.append(b)
        elif isinstance(b, (Paragraph, Heading)) and b.text.strip():
            break
    return out


def _table_has(table: Table, words: list[str], rows: int = 60, any_: bool = False) -> bool:
    keys = _table_keys(table, rows)
    return (any if any_ else all)(w in keys for w in words)


def _table_keys(table: Table, rows: int) -> str:
    """The label keys of the first *rows* rows, joined (every table is asked about several words)."""
    return table.derived(("label_keys", rows),
                         lambda t: " ".join(label_key(c.text) for r in t.rows[:rows] for c in r.labels))


def _match_table3(doc: Document, schema: dict) -> TableView | None:
    start = next((t for t in doc.tables() if _table_has(t, schema.get("detect", ["本年新收"]), any_=True)), None)
    if start is None:
        return None
    run = [start]
    for t in _run_of_tables(doc, start)[1:]:
        if _table_has(t, ["行政复议"]) or _table_has(t, ["第二十条"]):
            break
        run.append(t)
    cols = schema["columns"]
    view = TableView("table3", run, columns=list(cols))
    groups, grouped, candidates = _table3_schema(schema)
    starts = tuple(groups)
    group = None
    for t in run:
        for row in t.rows:
            if not row.values:
                continue
            labels = _label_keys(row)
            if not labels:
                continue
            # the group of the last label that starts with one (the last such group in *groups*' order)
            found_group = None
            for lab in reversed(labels):
                if lab.startswith(starts):
                    for g in groups:
                        if lab.startswith(g):
                            found_group = g
                    break
            if found_group:
                group = found_group
            elif not _DIGIT_START.match(label_key(row.labels[-1].text)):
                group = None
            last = labels[-1]
            own = [c for c in row.labels if c.row == row.index and c.text.strip()]
            if own and own[-1] is not row.labels[-1]:
                # a cell spanning down from above (a rowspan that runs one row too far) is not this row's name
                last = strip_numbering(label_key(own[-1].text))
            if own and _TOP_ITEM.match(label_key(own[-1].text)) and not any(last.startswith(g) for g in groups):
                group = found_group = None  # （七）总计 under a group cell that spans too far
            key = None
            by_first = candidates[group]
            for dgroup, want, long_, dkey in by_first.get(last[:1], ()):
                if last == want or (long_ and last.startswith(want)):
                    if dgroup is None and group and len(labels) > 1 and labels[-1] != labels[-2] \
                            and found_group and not last.startswith(found_group):
                        continue
                    key = dkey
                    break
            if key is None and own and _DIGIT_START.match(label_key(own[-1].text)):
                # a numbered row whose group cell was lost with the row above: its own label, if unique
                hits = [dkey for _g, want, long_, dkey in grouped if last == want or (long_ and last.startswith(want))]
                if len(hits) == 1 and hits[0] not in view.rows:
                    key = hits[0]
            if key is None:
                view.unknown_rows.append(row)
                continue
            if key in view.rows:
                continue  # a label repeated after a page break: the first row counts
            view.rows[key] = row
            view.row_order.append(key)
            values = row.values
            if len(values) > len(cols):
                values = values[-len(cols):]
            if len(values) < len(cols):
                view.short_rows.append((key, row, len(values)))
                view.short_values[key] = list(values)
            view.cells.update(zip(zip(repeat(key), cols), values))  # (key, column) -> cell
    return view


_TABLE3_SCHEMAS: dict[int, tuple] = {}  # id(schema) -> (schema, what _table3_schema made of it)


def _table3_schema(schema: dict) -> tuple[list[str], list[tuple], dict[str | None, dict[str, list[tuple]]]]:
    """What matching table 3 needs of its schema, made once per schema (an edition's schema is loaded once
    and not changed): the groups, longest first; the row definitions that have a group; and the
    definitions a row under each group (or none) may match, by the first character of their wanted key
    (a wanted key matches only a label key that starts with it), in order.

    A definition is (group, wanted label key, long enough to match as a prefix, row key)."""
    got = _TABLE3_SCHEMAS.get(id(schema))
    if got is not None and got[0] is schema:
        return got[1]
    defs = schema["rows"]
    wants = [label_key(d["label"]) for d in defs]
    groups = sorted({d["group"] for d in defs if d.get("group")}, key=len, reverse=True)
    entries = [(d.get("group"), want, len(want) >= 3, d["key"]) for d, want in zip(defs, wants)]
    grouped = [e for e in entries if e[0]]
    candidates: dict[str | None, dict[str, list[tuple]]] = {}
    for group in [None, *groups]:
        by_first = candidates[group] = {}
        for e in entries:
            if not e[0] or e[0] == group:
                by_first.setdefault(e[1][:1], []).append(e)
    if len(_TABLE3_SCHEMAS) >= 64:
        _TABLE3_SCHEMAS.clear()
    made = groups, grouped, candidates
    _TABLE3_SCHEMAS[id(schema)] = (schema, made)
    return made


def _match_table4(doc: Document, schema: dict, after: list[Table] | None = None) -> TableView | None:
    cols, groups = schema["columns"], schema["groups"]
    width = len(cols) * len(groups)
    for t in doc.tables():
        if not _table_has(t, schema.get("detect", ["行政复议", "行政诉讼"])):
            continue
        if _table_has(t, ["本年新收"]):
            continue
        data = [r for r in t.rows if r.values]
        values = [c for r in data for c in r.values]
        if not values:
            continue
        view = TableView("table4", [t], columns=list(cols), groups=list(groups))
        if len(values) > width:
            values = values[:width]
        if len(values) < width and data:
            view.short_rows.append(("data", data[0], len(values)))
            view.short_values["data"] = list(values)
        k = 0
        for g in groups:
            for c in cols:
                if k < len(values):
                    view.cells[("data", f"{g}.{c}")] = values[k]
                k += 1
        if data:
            view.rows["data"] = data[0]
            view.row_order.append("data")
        return view
    return _headerless_table4(doc, schema, after)


def _headerless_table4(doc: Document, schema: dict, after: list[Table] | None) -> TableView | None:
    """Table 4 whose header was lost: the first table after table 3 that holds exactly its 15 figures."""
    if not after:
        return None
    cols, groups = schema["columns"], schema["groups"]
    width = len(cols) * len(groups)
    blocks = doc.blocks
    try:
        i = max(k for k, b in enumerate(blocks) if any(b is t for t in after))
    except ValueError:
        return None
    nxt = next((b for b in blocks[i + 1:] if isinstance(b, Table)), None)
    if nxt is None or _table_has(nxt, ["第二十条"], any_=True) or _table_has(nxt, ["本年新收"]):
        return None
    data = [r for r in nxt.rows if r.values]
    values = [c for r in data for c in r.values]
    if len(values) != width or len(data) > 3 or any(r.labels for r in data) \
            or not all(c.value.kind == "number" for c in values):
        return None
    view = TableView("table4", [nxt], columns=list(cols), groups=list(groups))
    view.headerless = True
    k = 0
    for g in groups:
        for c in cols:
            view.cells[("data", f"{g}.{c}")] = values[k]
            k += 1
    view.rows["data"] = data[0]
    view.row_order.append("data")
    return view


def _match_table2(doc: Document, schema: dict) -> TableView | None:
    tables = [t for t in doc.tables() if _table_has(t, schema.get("detect", ["第二十条"]))]
    if not tables:
        return None
    view = TableView("table2", tables)
    defs = {label_key(d["label"]): d["key"] for d in schema["rows"]}
    for t in tables:
        header: list[str] = []
        for row in t.rows:
            labels = [label_key(c.text) for c in row.labels]
            if labels and labels[0].startswith("信息内容"):
                header = labels[1:]
                continue
            if not row.values or not labels:
                continue
            key = defs.get(strip_numbering(labels[-1]))
            if key is None:
                view.unknown_rows.append(row)
                continue
            view.rows.setdefault(key, row)
            view.row_order.append(key)
            for h, cell in zip(header, row.values):
                view.cells.setdefault((key, h), cell)
    return view


def match_tables(doc: Document, edition: Edition | None) -> dict[str, TableView]:
    if edition is None or not edition.tables:
        return {}
    out = {}
    t = edition.tables
    if "table2" in t:
        v = _match_table2(doc, t["table2"])
        if v:
            out["table2"] = v
    if "table3" in t:
        v = _match_table3(doc, t["table3"])
        if v:
            out["table3"] = v
    if "table4" in t:
        v = _match_table4(doc, t["table4"], out["table3"].tables if "table3" in out else None)
        if v:
            out["table4"] = v
    for name, schema in t.items():
        if schema.get("kind") == "indicators":  # the 2008-era 统计表
            from .indicators import match_indicators

            v = match_indicators(doc, schema, name)
            if v:
                out[name] = v
    return out
