"""DL303: dated-before-period-end."""
from __future__ import annotations

from ..engine.diagnostics import Finding
from ..i18n import N_, _
from ..engine.registry import rule
from ._common import is_annual

_DATE_SOURCES = {"signature": N_("signature"), "written_date": N_("written date"),
                 "published_date": N_("published date")}


@rule("DL303", "dated-before-period-end", "error")
def check(ctx):
    """The report is dated on or before the last day of the year it reports on.

    **What it checks.** The document date — the signature date at the end, else the page's
    成文日期 / 发文日期 — must be after 31 December of the report year.

    **Why it matters.** A report signed before its year has closed cannot contain the whole year's
    figures: either the date is wrong or the figures are estimates.

    **Example.** A 2021 report signed ``2021年12月30日``.

    **How to fix.** Date the report when it is finished, in the following year, and check that the
    figures cover the full year.

    【中文】
    报告的成文日期不晚于所报告年度的最后一天。

    **检查内容。** 报告日期——文末落款日期，没有落款时取页面的成文日期/发文日期——必须晚于报告年度的12月31日。

    **问题影响。** 在年度结束前落款的报告不可能包含全年数据：要么日期写错，要么数据是估算的。

    **示例。** 2021年度报告落款 ``2021年12月30日``。

    **修改方法。** 按实际完稿日期（次年）落款，并核对数据覆盖全年。
    """
    if not is_annual(ctx) or ctx.info.year is None:
        return
    dd = ctx.dates.document_date
    if dd is None or dd.date() is None:
        return
    year = ctx.info.year
    if dd.date().year <= year:
        yield Finding(dd.span, _("the report for {year} is dated {date}, on or before 31 December {year} "
                                 "(document date from the {source})", year=year, date=dd.raw,
                                 source=_(_DATE_SOURCES.get(ctx.dates.document_date_source,
                                                            ctx.dates.document_date_source.replace("_", " ")))))
