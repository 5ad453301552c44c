"""DL304: published-late."""
from __future__ import annotations

import datetime as dt

from ..engine.diagnostics import Finding
from ..i18n import N_, _
from ..engine.registry import rule
from ._common import is_annual

_LEVEL = {"government": N_("a government's own report"), "department": N_("a department's report"),
          "town": N_("a town or sub-district report")}


def deadline(year: int, level: str, town_deadline: str | None) -> tuple[dt.date, str]:
    if year <= 2018:
        return dt.date(year + 1, 3, 31), _("31 March for every agency (2008 条例 第三十一条)")
    if level == "department":
        return dt.date(year + 1, 1, 31), _("31 January for departments (2019 条例 第四十九条)")
    if level == "town":
        mm, dd = (town_deadline or "03-31").split("-")
        return dt.date(year + 1, int(mm), int(dd)), (
            _("{month}月{day}日 for towns and sub-districts (configured)", month=int(mm), day=int(dd)) if town_deadline
            else _("{month}月{day}日 for towns and sub-districts (default; set town-deadline)", month=int(mm),
                   day=int(dd)))
    return dt.date(year + 1, 3, 31), _("31 March for a government's own report (2019 条例 第四十九条)")


@rule("DL304", "published-late", "error")
def check(ctx):
    """The report was published after its deadline.

    **What it checks.** The publication date (发布日期 / 发布时间 on the page; the document date
    when the page gives none) against the deadline: report years up to 2018, 31 March of the next
    year for every agency; from 2019, 31 January for departments and 31 March for a government's
    own report. Towns and sub-districts have no national deadline: ``town-deadline`` in the
    configuration sets one (default 31 March). The message names the deadline, the date used and
    how the agency level was decided (``--agency-level`` overrides it).

    **Why it matters.** Late publication is the defect evaluators record most often.

    **Example.** A department's 2022 report published 2023-02-15: deadline 2023-01-31.

    **How to fix.** Publish by the deadline; if the page date is a re-publication date, keep the
    original date on the page.

    【中文】
    报告逾期发布。

    **检查内容。** 将发布日期（页面上的“发布日期”“发布时间”；页面没有时取报告日期）与发布时限比较：2018年度及以前，
    各行政机关均为次年3月31日前；2019年度起，政府部门为次年1月31日前，县级以上地方人民政府本级报告为次年3月31日前。
    乡镇（街道）没有全国统一时限，可在配置中用 ``town-deadline`` 设定（默认3月31日）。提示信息写明时限、所用日期
    以及机关层级的判断依据（可用 ``--agency-level`` 指定）。

    **问题影响。** 逾期发布是评估中最常记录的问题。

    **示例。** 某政府部门2022年度报告于2023-02-15发布：时限为2023-01-31。

    **修改方法。** 按时发布；如果页面日期是重新发布的日期，应在页面上保留原始发布日期。
    """
    if not is_annual(ctx) or ctx.info.year is None:
        return
    dates = ctx.dates
    used, which = dates.published, "发布日期"
    if used is None or used.date() is None:
        used, which = dates.document_date, _("the document date (the page gives no 发布日期)")
    if used is None or used.date() is None:
        return
    info = ctx.info
    limit, why = deadline(info.year, info.agency_level, ctx.options.town_deadline)
    if used.date() > limit:
        days = (used.date() - limit).days
        shown = used.raw if used.raw.strip() == used.date().isoformat() else f"{used.raw} ({used.date().isoformat()})"
        yield Finding(used.span, _("published {date} ({which}), {days} days after the deadline {deadline}: {why}; "
                                   "agency level: {level} ({level_source})", date=shown, which=which, days=days,
                                   deadline=limit.isoformat(), why=why,
                                   level=_(_LEVEL.get(info.agency_level, info.agency_level)),
                                   level_source=info.agency_level_source))
