"""DL104: nonstandard-heading."""
from __future__ import annotations

from ..engine.diagnostics import Finding
from ..i18n import _
from ..engine.registry import rule
from ._common import cn_number, edition_name, is_annual


@rule("DL104", "nonstandard-heading", "info")
def check(ctx):
    """A section heading that differs from the standard wording.

    **What it checks.** A top-level heading recognised as one of the edition's six sections by its
    key words, but not written in the standard wording nor an accepted variant. Brackets, spaces,
    NBSP, U+3000, zero-width characters, 、 versus ，and small typos (行政法复议) are normalised
    before comparing, so they never trigger this rule.

    **Why it matters.** Standard headings let readers and crawlers find the same part in every
    report.

    **Example.** ``五、工作中存在的不足`` → suggest ``五、存在的主要问题及改进情况``.

    **How to fix.** Use the suggested heading.

    【中文】
    章节标题与规范表述不一致。

    **检查内容。** 一级标题按关键词可识别为格式版本六个章节之一，但既不是规范表述，也不是可接受的变体。
    括号、空格、不换行空格、全角空格、零宽字符、“、”与“，”的差异以及个别错字（如“行政法复议”）在比较前都会规范化，
    不会触发本规则。

    **问题影响。** 使用规范标题，读者和采集程序才能在每份报告里找到同一部分。

    **示例。** ``五、工作中存在的不足`` → 建议改为 ``五、存在的主要问题及改进情况``。

    **修改方法。** 采用建议的规范标题。
    """
    if not is_annual(ctx) or not ctx.edition.structure:
        return
    for m in ctx.section_matches:
        if m.spec and not m.exact:
            std = f"{cn_number(m.spec['number'])}、{m.spec['heading']}"
            yield Finding(m.section.heading.title.span(), _("heading “{heading}” is not the standard wording of "
                                                            "{edition}: “{standard}”", heading=m.section.heading.text,
                                                            edition=edition_name(ctx), standard=std),
                          suggestion=m.spec["heading"])
