"""DL601: carry-over-chain (cross-report)."""
from __future__ import annotations

from ..engine.registry import corpus_rule


@corpus_rule("DL601", "carry-over-chain", "error")
def check(ctx):
    """This year's 上年结转 differs from last year's 结转下年度继续办理 (per table-3 column).

    **What it checks.** Across an agency's reports (several files given to dlint, grouped by agency
    and ordered by year): row 二、上年结转政府信息公开申请数量 of year Y's table 3 must equal row
    四、结转下年度继续办理 of year Y−1, column by column (自然人 … 总计). The finding sits on the
    year-Y cell; its related place is the year Y−1 cell, in the other file.

    **Why it matters.** The requests carried forward at the end of one year are the requests carried
    over at the start of the next: the template itself prints this link, and evaluators check it
    first when they read a series.

    **Example.** The 2020 report's 结转下年度继续办理 (总计) is 3; the 2021 report's 上年结转 (总计)
    is 0.

    **How to fix.** Correct whichever figure is wrong; if last year's report was wrong, say so in
    this year's report. Blank cells are not compared (DL608 says which).

    【中文】
    本年度报告的“上年结转政府信息公开申请数量”与上一年度报告的“结转下年度继续办理”不一致（表三逐列核对）。

    **检查内容。** 对同一机关的历年报告（向 dlint 提供多个文件时按机关分组、按年度排序）：第Y年表三
    “二、上年结转政府信息公开申请数量”应逐列（自然人……总计）等于第Y−1年表三“四、结转下年度继续办理”。
    问题标注在第Y年的单元格上，关联位置指向另一文件中第Y−1年的单元格。

    **为何重要。** 上一年结转下年度办理的申请，就是下一年的上年结转申请；这一勾稽关系是年报格式本身
    规定的，评估时首先核对。

    **示例。** 2020年报告“结转下年度继续办理（总计）”为3件，2021年报告“上年结转（总计）”为0件。

    **修改方法。** 更正错误的数字；如上一年度报告有误，应在本年度报告中说明。空白单元格不作比较
    （由 DL608 提示）。
    """
    from ..corpus.chains import CARRY  # here: the corpus layer loads only when a corpus stage runs

    for r in ctx.chains:
        if r.code == CARRY:
            yield r.finding
