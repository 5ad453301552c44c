"""DL105: table-schema."""
from __future__ import annotations

from ..engine.diagnostics import Finding, Severity
from ..i18n import _, _n
from ..document.normalize import label_key
from ..engine.registry import rule
from ..source import Span
from ..document.tables import missing_rows
from ._common import doc_anchor, edition_name, is_annual

_TABLE_NAMES = {"table2": "表二（主动公开政府信息情况）", "table3": "表三（收到和处理政府信息公开申请情况）",
                "table4": "表四（政府信息公开行政复议、行政诉讼情况）"}


def _other_labels(ctx, name) -> set[str]:
    out = set()
    for e in ctx.editions.values():
        if e is ctx.edition:
            continue
        for r in e.tables.get(name, {}).get("rows", []):
            out.add(label_key(r["label"]))
    return out


def _missing_rows(view, schema, lost):
    """One finding per missing row, at the place the row belongs (a deleted row)."""
    order = [r["key"] for r in schema["rows"]]
    labels = {r["key"]: r["label"] for r in schema["rows"]}
    for key in lost:
        i = order.index(key)
        before = next((k for k in reversed(order[:i]) if k in view.rows), None)
        after = next((k for k in order[i + 1:] if k in view.rows), None)
        if after is not None:
            at = Span(view.rows[after].span.start, view.rows[after].span.start)
        elif before is not None:
            at = Span(view.rows[before].span.end, view.rows[before].span.end)
        else:
            at = Span(view.tables[0].span.start, view.tables[0].span.start)
        where = " and ".join(f"“{labels[k]}”" for k in (before, after) if k is not None)
        if before and after:
            place = _("between {rows}", rows=where)
        elif before:
            place = _("after {rows}", rows=where)
        else:
            place = _("before {rows}", rows=where)
        yield Finding(at, _("row “{row}” is missing from {table} (it belongs {where}); the column sums that need it "
                            "are checked only as bounds", row=labels[key], table=_TABLE_NAMES["table3"],
                            where=place),
                      severity=Severity.WARNING)


@rule("DL105", "table-schema", "error")
def check(ctx):
    """A required table, row or column is missing or unrecognised.

    **What it checks.** The 2019 and 2021 formats require table 2 (主动公开), table 3 (依申请) and
    table 4 (复议诉讼). Each table's rows are matched by label against the edition's schema
    (``[tables.*]`` in ``rules/<edition>.toml``): a missing table is an error; a missing row, a row
    that matches no label are warnings (a missing row is named where it belongs). Labels of the
    other edition are left to DL106; a row with fewer numbers than columns is DL109's.

    **Why it matters.** Without the table, or with rows missing, the statistics cannot be compared
    or checked; a row with a number too few usually shifted its numbers under the wrong column.

    **Example.** A table 3 with no ``四、结转下年度继续办理`` row.

    **How to fix.** Use the edition's template tables unchanged; write 0 for none.

    【中文】
    缺少必需的统计表、行或列，或行名无法识别。

    **检查内容。** 2019版和2021版格式要求有表二（主动公开政府信息情况）、表三（收到和处理政府信息公开申请情况）
    和表四（政府信息公开行政复议、行政诉讼情况）。各表的行按栏目名称与格式版本的表样（``rules/<edition>.toml`` 中的
    ``[tables.*]``）逐行对应：缺表为错误；缺行、行名对应不上、某行数值个数少于列数为警告。另一版格式的栏目交由 DL106 处理。

    **问题影响。** 缺表或缺行，统计数据就无法比较和核验；某行少一个数，往往是数字错位到了别的栏目下。

    **示例。** 表三没有“四、结转下年度继续办理”一行。

    **修改方法。** 原样使用该版格式的表样，没有发生的填 0。
    """
    if not is_annual(ctx) or not ctx.edition.tables or not ctx.document.sections():
        return
    ed = ctx.edition
    views = ctx.tables
    secs = {m.spec["key"]: m.section for m in ctx.section_matches if m.spec}
    for spec in ed.sections:
        name = spec.get("table")
        if not name:
            continue
        view = views.get(name)
        if view is None:
            sec = secs.get(spec["key"])
            at = sec.heading.title.span() if sec else doc_anchor(ctx)
            yield Finding(at, _("{table} is missing ({edition})", table=_TABLE_NAMES.get(name, name),
                                edition=edition_name(ctx)))
            continue
        schema = ed.tables[name]
        if name == "table3":
            lost = missing_rows(view, schema)
            missing = [r["label"] for r in schema["rows"] if r["key"] in lost]
            if 0 < len(lost) <= 3:
                yield from _missing_rows(view, schema, lost)
            elif missing:
                at = view.tables[0].span
                yield Finding(Span(at.start, at.start),
                              _n("{table} lacks {n} row of {edition}: {rows}", "{table} lacks {n} rows of {edition}: {rows}",
                                 len(missing), table=_TABLE_NAMES[name], n=len(missing), edition=edition_name(ctx),
                                 rows="、".join(missing[:8]) + ("…" if len(missing) > 8 else "")),
                              severity=Severity.WARNING)
        others = _other_labels(ctx, name)
        for row in view.unknown_rows:
            label = row.label
            if not any(c.value.kind == "number" for c in row.values) or "勾稽关系" in label:
                continue
            if any(label_key(c.text).lstrip("（一二三四五六七八九十）、.1234567890") in others for c in row.labels):
                continue
            yield Finding(row.labels[-1].span if row.labels else row.span,
                          _("row “{row}” of {table} matches no row of {edition}", row=label[:40],
                            table=_TABLE_NAMES.get(name, name), edition=edition_name(ctx)),
                          severity=Severity.WARNING)
        # a row with a value too few is DL109's (shifted-row)
