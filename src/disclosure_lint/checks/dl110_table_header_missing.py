"""DL110: table-header-missing."""
from __future__ import annotations

from ..engine.diagnostics import Finding
from ..i18n import _
from ..engine.registry import rule

_TABLE_NAMES = {"table4": "表四（政府信息公开行政复议、行政诉讼情况）"}


@rule("DL110", "table-header-missing", "warning")
def check(ctx):
    """A statistical table whose header rows are missing: one finding, and its figures still checked.

    **What it checks.** Table 4 is found by its header (行政复议, 行政诉讼, 结果维持 …). When the
    header rows are gone but the table right after table 3 holds exactly the template's fifteen
    figures, it is read in the template's order (行政复议, then 未经复议直接起诉, then 复议后起诉; each
    结果维持, 结果纠正, 其他结果, 尚未审结, 总计), this finding says the header is missing, and the
    identities (DL204) are checked on it — instead of “table 4 is missing” or a finding per cell.

    **Why it matters.** Without its header a reader cannot tell which figure is which; the template
    requires the header as printed.

    **Example.** A table ``0 | 0 | 0 | 0 | 0 | 1 | 0 | 0 | 0 | 1 | 0 | 0 | 0 | 0 | 0`` right after table 3,
    with no 行政复议 / 行政诉讼 rows above it.

    **How to fix.** Restore the two header rows of the template's table 4.

    【中文】
    统计表缺少表头：只报告一条，表中数字照常检查。

    **检查内容。** 表四依据表头（行政复议、行政诉讼、结果维持……）识别。表头行缺失、但紧接表三之后的
    表格恰好有模板规定的十五个数字时，按模板顺序读取（行政复议、未经复议直接起诉、复议后起诉，各为结果
    维持、结果纠正、其他结果、尚未审结、总计），本规则指出表头缺失，并照常检查勾稽关系（DL204），
    而不是报告“缺少表四”或逐格报错。

    **为什么重要。** 没有表头，读者无法分辨各数字的含义；模板要求按原样保留表头。

    **示例。** 紧接表三之后的表格只有 ``0 | 0 | 0 | 0 | 0 | 1 | 0 | 0 | 0 | 1 | 0 | 0 | 0 | 0 | 0``，上方
    没有“行政复议”“行政诉讼”表头行。

    **如何修改。** 恢复模板中表四的两行表头。
    """
    for name, view in ctx.tables.items():
        if getattr(view, "headerless", False):
            t = view.tables[0]
            row = view.rows.get("data")
            at = row.span if row is not None else t.span
            yield Finding(at, _("{table} has no recognisable header (行政复议 / 行政诉讼): its {n} figures are read in the template's order "
                                "(行政复议, 未经复议直接起诉, 复议后起诉; each 结果维持, 结果纠正, 其他结果, 尚未审结, 总计)",
                                table=_TABLE_NAMES.get(name, name), n=len(view.cells)))
