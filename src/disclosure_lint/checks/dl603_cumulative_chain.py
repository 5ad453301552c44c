"""DL603: cumulative-chain (cross-report)."""
from __future__ import annotations

from ..engine.registry import corpus_rule


@corpus_rule("DL603", "cumulative-chain", "warning")
def check(ctx):
    """A 2008-era 统计表's 历年累计 is not last year's 历年累计 plus this year's 本年度, or falls.

    **What it checks.** Reports for 2008–2018 often end with 政府信息公开情况统计表 (指标名称 |
    计量单位 | 本年度 | 历年累计). Per row: 历年累计 (Y) = 历年累计 (Y−1) + 本年度 (Y); a running
    total never falls. Rows are matched by their label (numbering, 其中 and small wording changes
    such as 信息数 / 文件数 ignored). Related places: last year's 历年累计 (other file) and this
    year's 本年度. Skipped when either report has no such table.

    **Why it matters.** A cumulative figure that does not grow by the year's figure, or that falls,
    shows that one of the two years is wrong; evaluators check it when they read a series.

    **Example.** 2016: 主动公开文件数 历年累计 85376; 2017: 本年度 2122, 历年累计 10037.

    **How to fix.** Recompute the running total from the previous report, or explain the break.

    【中文】
    2008年条例时期统计表的“历年累计”不等于上年历年累计加本年度数，或出现下降。

    **检查内容。** 2008—2018年度的报告常附“政府信息公开情况统计表”（指标名称、计量单位、本年度、
    历年累计）。逐行核对：历年累计(Y) = 历年累计(Y−1) + 本年度(Y)，且历年累计不应减少。各行按指标
    名称对应（忽略序号、“其中”及“信息数/文件数”等措辞差异）。任一报告无此表时不作检查。

    **为何重要。** 累计数不按本年度数增长或出现下降，说明两个年度中至少有一个数字有误。

    **示例。** 2016年“主动公开文件数”历年累计85376条；2017年本年度2122条，历年累计却为10037条。

    **修改方法。** 以上一年度报告为基础重新计算累计数，或说明口径变化。
    """
    from ..corpus.chains import CUMULATIVE  # here: the corpus layer loads only when a corpus stage runs

    for r in ctx.chains:
        if r.code == CUMULATIVE:
            yield r.finding
