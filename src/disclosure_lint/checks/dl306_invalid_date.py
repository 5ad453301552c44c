"""DL306: invalid-date."""
from __future__ import annotations

from ..engine.diagnostics import Finding
from ..i18n import _
from ..engine.registry import rule


@rule("DL306", "invalid-date", "error")
def check(ctx):
    """A date that does not exist: 2月30日, 13月, day 0.

    **What it checks.** Every date found in the prose and the page metadata, in any notation
    (2018-03-05, 2018年3月5日, 二〇一八年三月五日), against the calendar (leap years included).

    **Why it matters.** An impossible date is a typing error that hides the real one; if it is
    the signature date, the deadline checks cannot run.

    **Example.** ``2019年2月29日`` (2019 is not a leap year).

    **How to fix.** Correct the date.

    【中文】
    日期不存在：2月30日、13月、0日。

    **检查内容。** 正文和页面元数据中的所有日期，不论写法（2018-03-05、2018年3月5日、二〇一八年三月五日），
    都按日历（含闰年）核对。

    **问题影响。** 不存在的日期是录入错误，真实日期也因此无从得知；如果是落款日期，发布时限等检查也无法进行。

    **示例。** ``2019年2月29日``（2019年不是闰年）。

    **修改方法。** 更正日期。
    """
    dates = ctx.dates
    seen = set()
    for f in list(dates.facts) + [x for x in (dates.published, dates.written) if x is not None]:
        if f.problem and f.span not in seen:
            seen.add(f.span)
            yield Finding(f.span, _("“{date}” is not a real date: {problem}", date=f.raw, problem=f.problem))
