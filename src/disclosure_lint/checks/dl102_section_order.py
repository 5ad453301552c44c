"""DL102: section-order."""
from __future__ import annotations

from ..engine.diagnostics import Finding, Related
from ..i18n import _
from ..engine.registry import rule
from ._common import edition_name, is_annual


@rule("DL102", "section-order", "warning")
def check(ctx):
    """The required sections are present but not in the edition's order.

    **What it checks.** The top-level sections matched to the edition's six sections must appear
    in the template's order (总体情况, 主动公开, 依申请, 复议诉讼, 问题及改进, 其他事项).

    **Why it matters.** Readers and evaluators compare reports side by side; the format notices
    (国办公开办函〔2019〕60号, 〔2021〕30号) fix the order.

    **Example.** 五、存在的主要问题及改进情况 placed before 四、…行政复议、行政诉讼情况.

    **How to fix.** Move the section to its place and renumber the headings.

    【中文】
    必备章节齐全，但顺序与格式版本不符。

    **检查内容。** 与六个必备章节对应的一级章节，须按模板顺序排列（总体情况、主动公开、依申请公开、
    行政复议和行政诉讼、存在的主要问题及改进情况、其他需要报告的事项）。

    **问题影响。** 读者和评估人员会把各单位的报告对照着看；格式通知（国办公开办函〔2019〕60号、〔2021〕30号）规定了章节顺序。

    **示例。** “五、存在的主要问题及改进情况”排在“四、因政府信息公开工作被申请行政复议、提起行政诉讼情况”之前。

    **修改方法。** 把章节移回应有的位置，并重新编号。
    """
    if not is_annual(ctx) or not ctx.edition.structure:
        return
    matches = [m for m in ctx.section_matches if m.spec]
    order = {s["key"]: i for i, s in enumerate(ctx.edition.sections)}
    best = -1
    prev = None
    for m in matches:
        pos = order[m.spec["key"]]
        if pos < best:
            yield Finding(m.section.heading.title.span(),
                          _("“{heading}” comes after “{previous}” but belongs before it ({edition})",
                            heading=m.section.heading.text, previous=prev.section.heading.text,
                            edition=edition_name(ctx)),
                          [Related(prev.section.heading.span, _("the section it follows"))])
        else:
            best, prev = pos, m
