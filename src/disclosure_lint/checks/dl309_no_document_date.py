"""DL309: no-document-date."""
from __future__ import annotations

from ..engine.diagnostics import Finding
from ..i18n import _
from ..engine.registry import rule
from ._common import doc_anchor, is_annual


@rule("DL309", "no-document-date", "info")
def check(ctx):
    """No document date was found, so the deadline checks could not run.

    **What it checks.** Neither a signature date at the end of the report nor a 成文日期 /
    发文日期 / 发布日期 on the page.

    **Why it matters.** Without a date nobody can tell whether the report was on time; evaluators
    treat an undated report as a defect.

    **Example.** A report that ends with the agency's name and no date.

    **How to fix.** Add the date under the signature (e.g. 2022年1月25日).

    【中文】
    没有找到报告日期，无法检查发布时限。

    **检查内容。** 报告末尾既没有落款日期，页面上也没有成文日期、发文日期或发布日期。

    **问题影响。** 没有日期，谁也无法判断报告是否按时发布；评估中通常把未注明日期视为问题。

    **示例。** 报告末尾只有单位名称，没有日期。

    **修改方法。** 在落款单位下方注明日期（如2022年1月25日）。
    """
    if not is_annual(ctx) or ctx.document.source.binary or not ctx.document.blocks:
        return
    d = ctx.dates
    if d.document_date is None and d.published is None:
        yield Finding(doc_anchor(ctx), _("no document date was found (signature, 成文日期 or 发布日期); "
                                         "DL303 and DL304 could not run"))
