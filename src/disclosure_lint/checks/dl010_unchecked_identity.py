"""DL010: unchecked-identity."""
from __future__ import annotations

from ..facts.arith import UNCHECKED
from ..engine.registry import rule


@rule("DL010", "unchecked-identity", "info")
def check(ctx):
    """An identity of table 3 or 4 that could not be checked because cells were blank.

    **What it checks.** Nothing is wrong yet: this note says which identity (DL201–DL204) could not
    be evaluated, for how many rows or columns, and which cells were blank or “—”. Blank cells are
    never read as zero, so an identity with a blank term cannot be checked; one note per identity
    and table, with the blank cells as related spans. A blank is not negative either: when the
    present cells already break the identity (a 总计 below the sum of its present parts), the
    identity's own rule reports an error instead of this note.

    **Why it matters.** A table left partly blank cannot be verified; evaluators read a blank as
    “not reported”. The note keeps the arithmetic rules from guessing and from staying silent.

    **Example.** Table 3 of the 2019 Shanghai report leaves its whole 总计 column blank: DL201
    cannot be checked on 15 rows.

    **How to fix.** Write 0 where the figure is zero; ``--ignore DL010`` hides these notes.

    【中文】
    表三或表四的勾稽关系因单元格空白而无法核验。

    **检查内容。** 这并不表示出错：本提示说明哪一项勾稽关系（DL201–DL204）有多少行或多少列无法核验，
    以及哪些单元格为空白或填“—”。空白从不按零计算，所以含空白项的等式无法核验；每个勾稽关系、每张表只提示一次，
    空白单元格列为相关位置。

    **问题影响。** 部分留空的表格无法核验，评估时空白通常被视为“未填报”。本提示既避免规则瞎猜，也避免对问题保持沉默。

    **示例。** 上海某单位2019年度报告表三整列“总计”空白：DL201 有 15 行无法核验。

    **修改方法。** 数量为零的地方填写 0；不需要这类提示时用 ``--ignore DL010`` 关闭。
    """
    for f in ctx.identity_findings:
        if f.code == UNCHECKED:
            yield f
