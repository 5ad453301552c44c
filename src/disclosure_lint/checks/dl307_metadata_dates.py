"""DL307: metadata-dates."""
from __future__ import annotations

from ..engine.diagnostics import Finding, Related, Severity
from ..i18n import _
from ..engine.registry import rule

APART_DAYS = 60


@rule("DL307", "metadata-dates", "warning")
def check(ctx):
    """The page's dates contradict each other.

    **What it checks.** 成文日期 must not be after 发布日期 (error). The signature date and the
    page's dates should be close: more than 60 days apart is reported, naming the later date as
    the probable re-publication date.

    **Why it matters.** Evaluators judge timeliness from these dates; contradictory dates make the
    report look late, or hide that it was.

    **Example.** 成文日期 2023-03-10 and 发布日期 2023-02-01.

    **How to fix.** Correct the page's metadata in the CMS.

    【中文】
    页面上的日期相互矛盾。

    **检查内容。** 成文日期不得晚于发布日期（错误）。落款日期与页面日期应相近：相差60天以上的即报告，
    并指出较晚的那个日期可能是重新发布的日期。

    **问题影响。** 评估人员根据这些日期判断是否按时发布；日期相互矛盾，会让报告看起来逾期，或掩盖了确实逾期的事实。

    **示例。** 成文日期 2023-03-10，发布日期 2023-02-01。

    **修改方法。** 在网站内容管理系统中更正页面元数据。
    """
    d = ctx.dates
    w, p, s = d.written, d.published, d.signature
    if w and p and w.date() and p.date() and w.date() > p.date():
        yield Finding(w.span, _("成文日期 {written} is after 发布日期 {published}", written=w.date(), published=p.date()),
                      [Related(p.span, _("发布日期"))],
                      severity=Severity.ERROR)
    if s and s.date():
        for other, name in ((p, _("发布日期")), (w, _("成文日期"))):
            if other and other.date() and abs((other.date() - s.date()).days) > APART_DAYS:
                later = name if other.date() > s.date() else _("the signature date")
                yield Finding(other.span, _("{name} {date} and the signature date {signature} are {days} days apart; "
                                            "{later} is probably a re-publication date", name=name, date=other.date(),
                                            signature=s.date(), days=abs((other.date() - s.date()).days), later=later),
                              [Related(s.span, _("the signature date"))])
                break
