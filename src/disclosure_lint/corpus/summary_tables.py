"""The table cells a report's summary keeps for the chains between reports (corpus/summary.py).

Table 3's 上年结转 / 本年新收 / 结转下年度 per column, table 2's 制发 / 废止 / 现行有效 (or the 2019
columns), and the 2008-era 统计表's 本年度 / 历年累计 per row. Each cell is kept as a
:class:`~disclosure_lint.corpus.summary.CellFact` whose state keeps a blank and a 不适用 apart from a number.
"""
from __future__ import annotations

from ..document import Blank, NotApplicable, Number, Table
from ..document.normalize import label_key
from ..source.re_cache import compile_re
from .summary import CellFact

__all__ = ["read_tables", "stats_row_key"]


def _value_fact(v, loc, label: str = "") -> CellFact | None:
    """A cell value as a fact: a number, a blank or not applicable; None for anything else (text)."""
    if isinstance(v, Number):
        return CellFact("number", str(v.value), loc(v.span), label)
    if isinstance(v, Blank):
        return CellFact("blank", None, loc(v.span), label)
    if isinstance(v, NotApplicable):
        return CellFact("na", None, loc(v.span), label)
    return None


def _cell(view, row: str, col: str, loc) -> CellFact | None:
    c = view.cell(row, col) if view is not None else None
    if c is None:
        return None
    return _value_fact(c.value, loc) or CellFact("text", None, loc(c.span))


T2_COLUMNS = {"2021": ["本年制发件数", "本年废止件数", "现行有效件数"],
              "2019": ["本年新制作数量", "本年新公开数量", "对外公开总数量", "上一年项目数量", "本年增/减"]}
T2_ROWS = {"2021": ["rules", "normative"],
           "2019": ["rules", "normative", "licensing", "other_services", "penalty", "coercion", "fees"]}
T3_ROWS = ("new", "carried", "carry_next")


def read_tables(ctx, s, loc) -> None:
    """Keep table 3's and table 2's cells and the 统计表's rows of the report in *s* (a ReportSummary), each
    placed by *loc*."""
    tables = ctx.tables
    ed = s.identity.edition
    t3 = tables.get("table3")
    if t3 is None and (ctx.edition is None or not ctx.edition.tables):
        # no year (so no edition) or a 2008-era report: table 3 is the same in every edition that has
        # one, so read it with the current schema; the year may come from the configuration later
        from ..document.tables import match_tables

        latest = max((e for e in ctx.editions.values() if e.tables and "table3" in e.tables),
                     key=lambda e: e.name, default=None)
        if latest is not None:
            t3 = match_tables(ctx.document, latest).get("table3")
    if t3 is not None:
        for r in T3_ROWS:
            for c in t3.columns:
                f = _cell(t3, r, c, loc)
                if f is not None:
                    s.cells[f"t3.{r}.{c}"] = f
    t2 = tables.get("table2")
    if t2 is not None and ed in T2_COLUMNS:
        for r in T2_ROWS[ed]:
            for c in T2_COLUMNS[ed]:
                f = _cell(t2, r, label_key(c), loc)
                if f is not None:
                    s.cells[f"t2.{r}.{c}"] = f
    _stats_2008(ctx, s, loc)


# ---- the 2008-era 政府信息公开情况统计表 ----------------------------------------------------------------

_ROW_NUM = compile_re(r"^(?:其中[:：]?)?(?:\d{1,2}[、．.]|[（(]\d{1,2}[）)])?")
_YEAR_COLUMN = compile_re(r"(?:本年度|(?:19|20)\d{2}年度?)")
_SYNONYMS = (("文件", "信息"), ("政府网站公开", "网站公开"), ("政府公报公开", "公报公开"), ("受理政府信息依申请公开总数", "受理依申请公开信息总数"),
             ("对申请的答复总数", "对申请的答复数"))


def stats_row_key(label: str) -> str:
    """A 统计表 row label in a form stable across years (numbering, 其中, 数 and synonyms dropped)."""
    k = label_key(label)
    k = _ROW_NUM.sub("", k)
    for a, b in _SYNONYMS:
        k = k.replace(a, b)
    return k.rstrip("数")


_HAS_LEI = compile_re("[累\uf94f]").search


def _stats_2008(ctx, s, loc) -> None:
    """Rows of the 统计表 (指标名称 | 计量单位 | 本年度 | 历年累计): the edition's schema when the 2008
    edition has one (a table view whose columns are ``year`` / ``cumulative``), else the grid."""
    view = next((v for k, v in ctx.tables.items() if k not in ("table2", "table3", "table4")
                 and {"year", "cumulative"} <= set(v.columns)), None)
    if view is not None:
        from ..document.indicators import row_name

        schema = ctx.edition.tables.get("stats", {}) if ctx.edition is not None else {}
        for r in view.row_order:
            y, c = _cell(view, r, "year", loc), _cell(view, r, "cumulative", loc)
            # keyed by the row's label as the report writes it (as for a table read without a schema),
            # so that chains match rows across reports read either way and messages name the row
            key = stats_row_key(row_name(schema, view, r)) or r
            if y is not None and c is not None and key not in s.stats:
                s.stats[key] = {"year": y, "cumulative": c}
        return
    for t in ctx.document.tables():
        if not isinstance(t, Table):
            continue
        # A 统计表 has a 历年累计 column among its first rows: a table none of whose first rows' cells holds
        # 累 or U+F94F (the one code point NFKC maps to 累; label_key's other steps only drop or swap
        # punctuation) has none, and is passed without keying each cell (2019 / 2021 reports' tables)
        if not any(_HAS_LEI(cell.text) for row in t.rows[:3] for cell in row.cells):
            continue
        ycol = ccol = None
        for row in t.rows[:3]:
            for cell in row.cells:
                k = label_key(cell.text)
                if "历年累计" in k:
                    ccol = cell.col
                elif _YEAR_COLUMN.fullmatch(k):
                    ycol = cell.col
        if ycol is None or ccol is None:
            continue
        for row in t.rows:
            if not row.labels or not row.values:
                continue
            key = stats_row_key(row.labels[0].text)
            if not key or key in s.stats:
                continue
            by_col = {c.col: c for c in row.cells}
            got = {}
            for name, col in (("year", ycol), ("cumulative", ccol)):
                cell = by_col.get(col)
                if cell is None:
                    break
                fact = _value_fact(cell.value, loc, row.labels[0].text)
                if fact is not None:
                    got[name] = fact
            if len(got) == 2:
                s.stats[key] = got
        if s.stats:
            return
