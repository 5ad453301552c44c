"""DL309: no-document-date."""
from __future__ import annotations

from ..diagnostics import Finding
from ..i18n import _
from ..registry import rule
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
    """
    if not is_annual(ctx) or ctx.document.source.binary or not ctx.document.blocks:
        return
    d = ctx.dates
    if d.document_date is None and d.published is None:
        yield Finding(doc_anchor(ctx), _("no document date was found (signature, 成文日期 or 发布日期); "
                                         "DL303 and DL304 could not run"))
