"""DL608: unchecked-chain (cross-report)."""
from __future__ import annotations

from ..engine.registry import corpus_rule


@corpus_rule("DL608", "unchecked-chain", "info")
def check(ctx):
    """A chain between two years' reports (DL601–DL603) could not be checked: cells were blank.

    **What it checks.** Nothing is wrong yet: this note says which chain (上年结转, 现行有效,
    历年累计) between a report and its agency's report for the year before could not be evaluated,
    and points at the blank, “—” or non-numeric cells, in either file. A blank cell is never read as
    zero, across reports as within one (DL010).

    **Why it matters.** A chain with a blank term cannot be verified; saying so keeps the chain rules
    from guessing and from staying silent.

    **Example.** The 2020 report leaves its 结转下年度继续办理 row blank: the 2021 report's 上年结转
    cannot be checked.

    **How to fix.** Write 0 where the figure is zero; ``--ignore DL608`` hides these notes.

    【中文】
    两个年度报告之间的勾稽关系（DL601—DL603）因单元格空白而无法核对。

    **检查内容。** 本身不是错误：提示某份报告与同一机关上一年度报告之间的哪项跨年度关系（上年结转、
    现行有效、历年累计）无法核对，并指出两份文件中空白、“—”或非数字的单元格。空白不视为零。

    **为何重要。** 含空白项的关系无法核验；明确提示，既不猜测，也不沉默。

    **示例。** 2020年报告“结转下年度继续办理”一行空白，2021年报告的“上年结转”无法核对。

    **修改方法。** 数字为零时填写0；使用 ``--ignore DL608`` 可隐藏此类提示。
    """
    from ..corpus.chains import UNCHECKED  # here: the corpus layer loads only when a corpus stage runs

    for r in ctx.chains:
        if r.code == UNCHECKED:
            yield r.finding
