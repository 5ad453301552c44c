"""DL004: ambiguous-split."""
from __future__ import annotations

from ..engine.diagnostics import Finding
from ..engine.registry import rule


@rule("DL004", "ambiguous-split", "info")
def check(ctx):
    """A table row of a text extraction whose run-together digits admit several splits.

    **What it checks.** Crawler text extractions run a row's cells together
    (``一、本年新收政府信息公开申请数量640020470`` is 64|0|0|2|0|4|70). dlint splits such runs by the
    digit counts (spaces, no leading zeros, the column count) and then by the edition's own
    identities (the row total, then the column identities). When several splits remain, this note
    names the row; its undecided cells are not read, so no identity, prose or cell rule uses them.

    **Why it matters.** Guessing a split would invent figures: a wrong guess becomes a false
    arithmetic error, a lucky one false evidence that the table reconciles.

    **Example.** Table 2 ``行政规范性文件693665`` (本年制发 / 本年废止 / 现行有效): 69|3|665, 6|93|665,
    693|6|65 … all fit; table 2 has no identity to choose by.

    **How to fix.** Lint the HTML page instead of the text extraction, or extract tables with a
    separator between cells (``|``).

    【中文】
    文本抽取稿中某一表格行的数字连写在一起，可以有多种拆分方式。

    **检查内容.** 爬虫抽取的文本常把同一行各单元格的数字连写（“一、本年新收政府信息公开申请数量640020470”
    即 64|0|0|2|0|4|70）。dlint 先按位数（空格、不以 0 开头、栏数）拆分，再按本版格式自身的勾稽关系
    （行合计、再到列关系）选择。仍有多种拆分时，本提示指出该行；未能确定的单元格不予读取，任何勾稽、
    文表一致或单元格规则都不使用它们。

    **为何重要.** 猜测拆分等于编造数字：猜错会产生虚假的勾稽错误，猜对也会被误当作“表格平衡”的证据。

    **示例.** 表二“行政规范性文件693665”（本年制发件数 / 本年废止件数 / 现行有效件数）可拆为 69|3|665、
    6|93|665、693|6|65 等，表二没有可供选择的勾稽关系。

    **如何修改.** 改为检查网页 HTML 原文，或在抽取表格时保留单元格分隔符（“|”）。
    """
    for code, msg, span in ctx.document.problems:
        if code == "DL004":
            yield Finding(span, msg)
