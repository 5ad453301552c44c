"""DL215: stats-cumulative."""
from __future__ import annotations

from decimal import Decimal

from ..engine.diagnostics import Finding, Related
from ..i18n import _
from ..document.indicators import indicator_views, number, row_name
from ..engine.registry import rule


@rule("DL215", "stats-cumulative", "error")
def check(ctx):
    """A 历年累计 figure of the 2008-era 统计表 smaller than the same row's 本年度 figure.

    **What it checks.** Each row of the 政府信息公开情况统计表 whose 本年度 and 历年累计 cells both
    hold numbers: the cumulative figure includes this year's, so it cannot be smaller. Blank cells
    are not compared.

    **Why it matters.** A cumulative figure below the year's figure means one of the columns was
    copied from another year or typed into the wrong cell.

    **Example.** ``受理依申请公开信息总数 | 条 | 7 | 5``.

    **How to fix.** Correct the 历年累计 figure (last year's 历年累计 plus this year's), or the
    本年度 figure.

    【中文】
    2008年版统计表中某行的“历年累计”小于同一行的“本年度”数。

    **检查内容。** 《政府信息公开情况统计表》中本年度与历年累计两栏均为数字的各行：历年累计包含本年度，
    不得小于本年度。空白格不比较。

    **为何重要。** 历年累计小于本年度，说明其中一栏抄自其他年度或填错了位置。

    **示例。** ``受理依申请公开信息总数 | 条 | 7 | 5``。

    **修改方法。** 更正历年累计（上年历年累计加本年度数），或更正本年度数。
    """
    for _name, view, schema in indicator_views(ctx):
        if "year" not in view.columns or "cumulative" not in view.columns:
            continue
        for key in view.row_order:
            y, c = number(view, key, "year"), number(view, key, "cumulative")
            if y is None or c is None:
                continue
            if Decimal(c.value.value) < Decimal(y.value.value):
                yield Finding(c.value.span,
                              _("“{row}”: 历年累计 {cumulative} is smaller than 本年度 {year}; the cumulative figure "
                                "includes the year's", row=row_name(schema, view, key),
                                cumulative=c.value.raw or c.text, year=y.value.raw or y.text),
                              [Related(y.value.span, _("本年度"))])
