"""DL607: uncertain-grouping (cross-report)."""
from __future__ import annotations

from ..engine.diagnostics import Finding
from ..i18n import _
from ..engine.registry import corpus_rule


@corpus_rule("DL607", "uncertain-grouping", "info")
def check(ctx):
    """A report could not be placed in a series with confidence, so it was not compared.

    **What it checks.** When dlint is given several reports, it groups them by agency and orders each
    group by year (``dlint parse --corpus`` shows the grouping). A report whose agency or year is
    unsure — named only by the page's 来源, names that disagree, no year, or a work summary rather
    than an annual report — is kept apart and named here with the reason, rather than compared with
    unrelated reports.

    **Why it matters.** A cross-report check on a wrongly grouped report would accuse the wrong
    agency; saying so keeps the cross-report rules precise.

    **Example.** 关于2014年政府信息公开工作要点落实情况的函 names no agency and is a work summary.

    **How to fix.** Map the file to its agency and year in the configuration::

        [tool.dlint.reports]
        "2014_letter.txt" = { agency = "平潭综合实验区", year = 2014 }

    【中文】
    无法可靠判断报告所属机关或年度，因此未与其他报告比较。

    **检查内容。** 向 dlint 提供多份报告时，按机关分组、按年度排序（``dlint parse --corpus`` 可显示
    分组）。机关或年度不确定的报告（仅有页面“来源”信息、名称相互矛盾、找不到年度，或属于工作总结
    而非年度报告）单独列出并说明原因，不与无关报告比较。同一机关同一年度的报告超过三份时（如把多个
    部门误归为同一机关，或同一页面的多个副本），无法判断哪一份承接上下年度，这些报告也不与前后年度
    报告作勾稽比较。

    **为何重要。** 分组错误时的跨报告检查会指错机关；明确提示可保证跨报告规则的准确。

    **示例。** 《关于2014年政府信息公开工作要点落实情况的函》未写明机关，且属于工作要点落实情况。

    **修改方法。** 在配置文件中指明该文件所属机关和年度（见上例 ``[tool.dlint.reports]``）。
    """
    if len(ctx.reports) < 2:
        return
    for r in ctx.grouping.unsure:
        reasons = "; ".join(r.identity.notes) or _("unsure")
        yield Finding(r.anchor.span, _("not compared with other reports: {reasons}", reasons=reasons), path=r.path)
    for s in ctx.grouping.series:
        for year, reports in sorted(s.crowded().items()):
            for r in reports:
                yield Finding(r.anchor.span, _("not chained with the years before and after: {n} reports of {agency} "
                                               "for {year}, and which one continues the series cannot be told",
                                               n=len(reports), agency=s.agency, year=year), path=r.path)
