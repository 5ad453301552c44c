"""DL606: year-gap (cross-report)."""
from __future__ import annotations

from ..engine.diagnostics import Finding, Related
from ..i18n import _
from ..engine.registry import corpus_rule


@corpus_rule("DL606", "year-gap", "info")
def check(ctx):
    """A year is missing from an agency's series of reports: its chains cannot be checked.

    **What it checks.** When dlint is given several reports of one agency, it orders them by report
    year; a missing year (2014, 2015, 2017) is noted on the report after the gap, with the report
    before it as the related place. Information, not a defect: the crawl may simply lack the year;
    the chains (DL601–DL603) across the gap are not checked.

    **Why it matters.** An evaluator reading the series sees at once which year to look for, and
    why no chain was checked across it.

    **Example.** Reports for 2014 and 2016 of one agency, none for 2015.

    **How to fix.** Add the missing year's report to the files linted, if it exists.

    【中文】
    同一机关的报告序列中缺少某一年度，跨该年度的勾稽关系无法核对。

    **检查内容。** 向 dlint 提供同一机关的多份报告时按年度排序；缺少的年度在其后一份报告上提示，
    关联位置为其前一份报告。这只是提示，不是错误：可能只是采集不全；跨缺失年度的 DL601—DL603
    不作核对。

    **为何重要。** 评估人员阅读系列报告时，可以立即看出缺哪一年，以及为何没有核对跨年关系。

    **示例。** 某机关有2014年和2016年报告，没有2015年报告。

    **修改方法。** 如该年度报告存在，将其加入检查的文件。
    """
    for s in ctx.grouping.series:
        by_year = s.by_year()
        years = sorted(by_year)
        for y0, y1 in zip(years, years[1:]):
            if y1 - y0 <= 1:
                continue
            missing = f"{y0 + 1}" if y1 - y0 == 2 else f"{y0 + 1}–{y1 - 1}"
            before = by_year[y0][0]
            for later in by_year[y1]:
                yield Finding(later.anchor.span,
                              _("no report for {missing} in the series of {agency}: the chains from {year} are not checked",
                                missing=missing, agency=s.agency, year=y0),
                              [Related(before.anchor.span, _("the {year} report, before the gap", year=y0), before.path)],
                              path=later.path)
