"""DL301: report-year."""
from __future__ import annotations

import re

from ..detect import PERIOD, YEAR_IN_TITLE
from ..diagnostics import Finding, Related
from ..i18n import _
from ..registry import rule

_TABLE_YEAR = re.compile(r"((?:19|20)\d{2})\s*年度?")


@rule("DL301", "report-year", "error")
def check(ctx):
    """The report year in the title, the statistics period and the tables disagree.

    **What it checks.** The year named in the title (2022年 / 2022年度) must be the year of the
    statistics period (本报告所列数据统计期限自2022年1月1日…) and of table headers that name a year
    (2022年度).

    **Why it matters.** A report whose title and period disagree was copied from another year and
    not fully updated: either the title or the figures are wrong.

    **Example.** Title ``2023年政府信息公开工作年度报告``, period ``自2022年1月1日至2022年12月31日``.

    **How to fix.** Correct whichever year is wrong; check the figures belong to the titled year.
    """
    doc = ctx.document
    if doc.title is None:
        return
    m = YEAR_IN_TITLE.search(doc.title.value)
    if not m:
        return
    year = int(m.group(1))
    title_span = doc.title.span
    for p in list(doc.paragraphs())[:40]:
        pm = PERIOD.search(p.text)
        if pm and int(pm.group(1)) != year:
            yield Finding(p.ptext.span(pm.start(1), pm.end(1)),
                          _("the statistics period starts in {period_year} but the title says {year}",
                            period_year=pm.group(1), year=year),
                          [Related(title_span, _("the title"))], suggestion=str(year))
            break
    for t in doc.tables():
        for row in t.header_rows()[:4]:
            for cell in row.labels:
                tm = _TABLE_YEAR.fullmatch(cell.text.strip())
                if tm and int(tm.group(1)) != year:
                    yield Finding(cell.value.span, _("the table header names {header_year} but the title says {year}",
                                                     header_year=tm.group(1), year=year),
                                  [Related(title_span, _("the title"))], suggestion=str(year))
