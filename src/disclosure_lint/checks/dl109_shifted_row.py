"""DL109: shifted-row."""
from __future__ import annotations

from ..engine.diagnostics import Finding, Related
from ..i18n import _
from ..engine.registry import rule

_TABLE_NAMES = {"table3": "表三（收到和处理政府信息公开申请情况）", "table4": "表四（政府信息公开行政复议、行政诉讼情况）"}


def _column_names(ctx, view, cols):
    schema = ctx.edition.tables.get(view.name, {}) if ctx.edition else {}
    labels = dict(zip(schema.get("columns", []), schema.get("column_labels", schema.get("columns", []))))
    groups = dict(zip(schema.get("groups", []), schema.get("group_labels", schema.get("groups", []))))
    out = []
    for c in cols:
        if "." in c:
            g, k = c.split(".", 1)
            out.append(f"{groups.get(g, g)}{labels.get(k, k)}")
        else:
            out.append(labels.get(c, c))
    return out


@rule("DL109", "shifted-row", "warning")
def check(ctx):
    """A table row with a cell too few: the values after the gap sit one column to the left.

    **What it checks.** A row of table 3 (or the figures of table 4) with fewer values than the
    schema has columns, where the missing cell is not a trailing blank a text extraction dropped.
    Every place the gap could be is tried against the table's identities (勾稽关系): when one
    place fits, the row is read with the gap there and the finding names the column; when several
    fit, it names them; when none fits, it says so. Cells whose column is in doubt are left out of
    the arithmetic, so the shift gives this one finding instead of identity errors (DL201–DL204)
    on unrelated columns.

    **Why it matters.** A dropped or merged cell (a deleted ``<td>``, two figures typed into one
    cell) puts every later figure under the wrong header: the published table says something
    other than what was meant, and a reader cannot tell which.

    **Example.** ``一、本年新收政府信息公开申请数量 | 74 | 5 | 2 | 4 | 2 | 139`` — six values for seven
    columns; only a gap under 自然人 fits the column sums.

    **How to fix.** Restore the missing cell (write 0 for none) so that every figure is under
    its header.

    【中文】
    表格某一行比表头少一个单元格，缺口之后的数字整体左移了一列。

    **检查内容。** 表三某一行（或表四的数字）的个数少于模板规定的列数，且缺少的并非文本提取时丢掉的
    行尾空白单元格。逐一假设缺口所在的位置，用本表的勾稽关系检验：只有一处符合时，按该位置读取并指明
    缺失的列；有多处符合时列出这些列；都不符合时如实说明。列位置存疑的单元格不参与计算，因此一处错位
    只报告这一条，而不会在无关的列上报出勾稽关系错误（DL201–DL204）。

    **为什么重要。** 漏填或合并了一个单元格（删掉了一个 ``<td>``，或两个数字填进同一格），其后的数字
    都落在错误的表头下，公开的表格与本意不符，读者也无从判断。

    **示例。** ``一、本年新收政府信息公开申请数量 | 74 | 5 | 2 | 4 | 2 | 139`` 只有六个数、却有七列；
    只有假设“自然人”一列缺失，各列合计才相符。

    **如何修改。** 补上缺失的单元格（没有的填 0），使每个数字都在对应的表头下。
    """
    for name, view in ctx.tables.items():
        for sh in getattr(view, "shifted", []):
            row = sh.row
            label = row.labels[-1] if row.labels else None
            at = label.value.span if label is not None else row.span
            where = f"“{row.label[:40]}”" if row.label else _("the figures")
            names = _column_names(ctx, view, sh.columns)
            head = _("row {row} of {table} has {found} values for {want} columns",
                     row=where, table=_TABLE_NAMES.get(name, name), found=sh.found, want=sh.want)
            if sh.merged is not None:
                head += _(": “{text}” holds two figures, so two cells were merged", text=sh.merged.text.strip())
            elif sh.want - sh.found == 1:
                head += _(": a cell is missing, and the values after it sit one column to the left")
            else:
                head += _(": cells are missing, and the values after them sit to the left")
            if len(sh.fits) == 1:
                tail = _("only a gap under “{column}” fits the table's identities, so the row is read that way "
                         "and that cell is unknown", column=names[sh.fits[0]])
            elif sh.fits:
                tail = _("a gap under any of {columns} fits the table's identities; those cells are not checked",
                         columns="、".join(f"“{names[j]}”" for j in sh.fits))
            elif sh.want - sh.found == 1:
                tail = _("no place for the gap fits the table's identities; the row's figures are not checked")
            else:
                tail = _("the row's figures are not checked")
            related = [Related(c.value.span, _("a value of the shifted row")) for c in view.short_values.get(sh.key, [])[:1]]
            if sh.merged is not None:
                related = [Related(sh.merged.value.span, _("two figures in one cell"))]
            yield Finding(at, f"{head}; {tail}", related)
