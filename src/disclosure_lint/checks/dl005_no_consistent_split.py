"""DL005: no-consistent-split."""
from __future__ import annotations

from ..engine.diagnostics import Finding
from ..engine.registry import rule


@rule("DL005", "no-consistent-split", "info")
def check(ctx):
    """A table row of a text extraction whose run-together digits admit no consistent split.

    **What it checks.** The digits of the row cannot fill the columns (too few or too many: a
    blank cell was probably dropped by the extraction), or no split satisfies the row's own
    identity (``总计 = the six applicant columns``, ``总计 = 维持 + 纠正 + 其他 + 尚未审结``,
    ``历年累计 ≥ 本年度``), or the splits that do are inconsistent with the table's column
    identities — including a split chosen by the row total that then breaks a column identity
    (``（七）总计 = the outcome rows``). The row is then not read: this is said as info, never as
    an identity error, because the fault may lie in the reading (an extraction drops blank cells,
    shifting the figures) as much as in the report. A split the digits alone force is read, and
    the identities it breaks are reported by DL201–DL204 as usual — unless the digits also fit one
    cell fewer, when a dropped blank cell would explain the break just as well.

    **Why it matters.** An evaluator must know which figures dlint could not check, rather than
    receive an arithmetic error computed on a guessed split.

    **Example.** ``（一）予以公开120000013``: no split into seven cells makes 总计 the sum of the
    other six.

    **How to fix.** Check the row in the HTML page; if the published table does not reconcile,
    correct it there.

    【中文】
    文本抽取稿中某一表格行的连写数字找不到一致的拆分。

    **检查内容.** 该行数字填不满各栏（过多或过少：抽取时很可能丢失了空白单元格），或没有一种拆分满足该行
    自身的勾稽关系（“总计 = 六类申请人之和”“总计 = 维持 + 纠正 + 其他 + 尚未审结”“历年累计 ≥ 本年度”），
    或满足行关系的拆分都与表格的列勾稽关系矛盾（例如按行合计选定的“（七）总计”行与各办理结果之和不符）。
    此时该行不予读取，仅作提示，不报勾稽错误——问题可能出在读取（抽取时丢失空白单元格会使数字错位），
    也可能出在报告本身。仅凭位数即可唯一确定的拆分照常读取，其违反的勾稽关系仍由 DL201–DL204 报告；
    但若这些数字也能填入少一栏，丢失空白单元格同样可以解释，则不报错误。

    **为何重要.** 评估人员需要知道哪些数字未能核验，而不是拿到一个建立在猜测拆分之上的勾稽错误。

    **示例.** “（一）予以公开120000013”：没有任何七栏拆分能使总计等于其余六栏之和。

    **如何修改.** 对照网页原文核查该行；如公开的表格本身不平衡，应在原文中更正。
    """
    for code, msg, span in ctx.document.problems:
        if code == "DL005":
            yield Finding(span, msg)
