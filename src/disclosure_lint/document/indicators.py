"""The 2008-era 政府信息公开情况统计表 matched against its schema (``kind = "indicators"``).

The table is a list of indicators (指标名称 / 计量单位 / 本年度 / 历年累计): a total row such as
主动公开信息数 followed by its 其中 rows (1.网站公开 2.政府公报公开 …). Copies differ in wording
(主动公开信息数 / 主动公开文件数, 对申请的答复数 / 对申请的答复总数) and in which 其中 rows they list,
so each row definition names the words that identify it (``match``), and a 其中 row is looked for
only among the definitions whose ``parent`` is the total it follows. A numbered row inside a 其中
list that matches no definition is kept as an unnamed part, so a bound on the parts still counts it.

The result is an ordinary :class:`~disclosure_lint.document.tables.TableView` whose cells are named
``(row key, "year")`` and ``(row key, "cumulative")``; ``parents`` maps each part to its total.
Tables recovered from text extractions (rows of label, unit, 本年度, 历年累计) are read the same way.
"""
from __future__ import annotations

import re

from . import Document, Number, Row, Table
from .normalize import label_key
from .tables import TableView, strip_numbering
from ..source.lazy_re import lazy

__all__ = ["match_indicators", "breakdown_parts"]

_QIZHONG = lazy(r"^(?:其中|包括)[：、]?")
_NUMBERED = lazy(r"^(?:\d{1,2}[．.、]|（\d{1,2}）|[一二三四五六七八九十][、．.])")
_UNITS = {"条", "件", "个", "元", "万元", "次", "项", "份", "人次"}


def _label_cell(row: Row):
    """The indicator's name: the first label cell that is not a unit."""
    for c in row.labels:
        t = c.text.strip()
        if t and label_key(t) not in _UNITS:
            return c
    return None


def _match_keys(d: dict) -> list[str]:
    """The label keys that identify a row definition (its ``match`` words, else its label)."""
    return [label_key(w) for w in d.get("match", [d["label"]])]


_SCHEMAS: dict[int, tuple] = {}  # id(schema) -> (schema, what _schema_keys made of it)


def _schema_keys(schema: dict) -> tuple[list[tuple[str, list[str]]], dict[int, list[str]], dict]:
    """Each total row definition's key and match keys, each definition's match keys by its id, and the
    definitions by their ``parent`` (in order): made once per schema (an edition's schema is loaded once
    and not changed)."""
    got = _SCHEMAS.get(id(schema))
    if got is not None and got[0] is schema:
        return got[1]
    defs = schema["rows"]
    words = {id(d): _match_keys(d) for d in defs}
    children: dict = {}
    for d in defs:
        children.setdefault(d.get("parent"), []).append(d)
    made = [(d["key"], words[id(d)]) for d in defs if not d.get("parent")], words, children
    if len(_SCHEMAS) >= 64:
        _SCHEMAS.clear()
    _SCHEMAS[id(schema)] = (schema, made)
    return made


def _is_stats_table(table: Table, schema: dict) -> bool:
    keys = [label_key(c.text) for r in table.rows[:40] for c in r.labels]
    joined = " ".join(keys)
    if all(w in joined for w in schema.get("detect", ["指标名称"])):
        return True
    # No header (a table recovered from run-together text may lack it): two total rows suffice.
    if not keys:
        return False
    # A match key is in one of the keys if it is in their join: neither holds white space (label_key
    # removes it), so none spans the separator; the empty key is in any.
    hits = {key for key, words in _schema_keys(schema)[0] if any(w in joined for w in words)}
    return len(hits) >= 3 and "proactive" in hits


def _columns(table: Table, schema: dict) -> list[str]:
    """The schema column each value position holds, read from the header when there is one."""
    cols = list(schema["columns"])
    for row in table.rows[:3]:
        heads = [label_key(c.text) for c in row.cells]
        if not any("指标名称" in h for h in heads):
            continue
        # the cells after 指标名称 and 计量单位 are the value columns
        out = []
        for h in heads:
            if "指标" in h or "计量" in h or "单位" in h or not h:
                continue
            col = "cumulative" if "累计" in h else "year"
            if col not in out:
                out.append(col)
        if out:
            return out
    return cols


def match_indicators(doc: Document, schema: dict, name: str = "stats") -> TableView | None:
    start = next((t for t in doc.tables() if _is_stats_table(t, schema)), None)
    if start is None:
        return None
    defs = schema["rows"]
    tops = [d for d in defs if not d.get("parent")]
    _tops, words, children = _schema_keys(schema)  # each definition's match keys, made once
    view = TableView(name, [start], columns=list(schema["columns"]))
    cols = _columns(start, schema)
    group = None  # the total whose 其中 list we are in
    unnamed = 0
    for row in start.rows:
        if not row.values:
            continue
        cell = _label_cell(row)
        if cell is None:
            continue
        raw = label_key(cell.text)
        if "指标名称" in raw:
            continue
        qizhong = bool(_QIZHONG.match(raw))
        text = _QIZHONG.sub("", raw)
        numbered = bool(_NUMBERED.match(text))
        text = strip_numbering(text)
        key = None
        if group is not None and (qizhong or numbered):
            d = next((d for d in children.get(group, ()) if any(w in text for w in words[id(d)])), None)
            if d is not None:
                key = d["key"]
            else:
                unnamed += 1
                key = f"{group}_x{unnamed}"
            view.parents[key] = group
        else:
            d = next((d for d in tops if any(w in text for w in words[id(d)])), None)
            if d is None:
                view.unknown_rows.append(row)
                group = None
                continue
            key = d["key"]
            group = key if key in children else None  # a total with parts
            unnamed = 0
        if key in view.rows:
            continue
        view.rows[key] = row
        view.row_order.append(key)
        values = row.values
        if len(values) < len(cols):
            view.short_rows.append((key, row, len(values)))
        for c, v in zip(cols, values):
            view.cells[(key, c)] = v
    if len([k for k in view.row_order if k not in view.parents]) < 2:
        return None
    return view


def breakdown_parts(view: TableView, spec: dict) -> list[str]:
    """The part rows of one declared breakdown, in table order."""
    whole = spec["whole"]
    return [k for k in view.row_order if view.parents.get(k) == whole]


def number(view: TableView, row: str, col: str):
    cell = view.cell(row, col)
    if cell is not None and isinstance(cell.value, Number):
        return cell
    return None


def row_name(schema: dict, view: TableView, key: str) -> str:
    for d in schema.get("rows", []):
        if d["key"] == key:
            return d["label"]
    row = view.rows.get(key)
    cell = _label_cell(row) if row is not None else None
    return strip_numbering(_QIZHONG.sub("", label_key(cell.text))) if cell is not None else key


def column_name(schema: dict, col: str) -> str:
    return dict(zip(schema.get("columns", []), schema.get("column_labels", []))).get(col, col)


def is_other_part(schema: dict, view: TableView, key: str) -> bool:
    """A part that closes its 其中 list (其他 / 其它 …)."""
    if any(d["key"] == key and d.get("other") for d in schema.get("rows", [])):
        return True
    row = view.rows.get(key)
    cell = _label_cell(row) if row is not None else None
    return cell is not None and bool(re.search(r"其他|其它|其余", cell.text))


def indicator_views(ctx):
    """(name, view, schema) for each indicator table of the document."""
    ed = ctx.edition
    if ed is None:
        return
    for name, view in ctx.tables.items():
        schema = ed.tables.get(name, {})
        if schema.get("kind") == "indicators":
            yield name, view, schema
