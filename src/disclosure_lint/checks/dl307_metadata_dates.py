"""DL307: metadata-dates."""
from __future__ import annotations

from ..diagnostics import Finding, Related, Severity
from ..registry import rule

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
    """
    d = ctx.dates
    w, p, s = d.written, d.published, d.signature
    if w and p and w.date() and p.date() and w.date() > p.date():
        yield Finding(w.span, f"成文日期 {w.date()} is after 发布日期 {p.date()}", [Related(p.span, "发布日期")],
                      severity=Severity.ERROR)
    if s and s.date():
        for other, name in ((p, "发布日期"), (w, "成文日期")):
            if other and other.date() and abs((other.date() - s.date()).days) > APART_DAYS:
                later = name if other.date() > s.date() else "the signature date"
                yield Finding(other.span, f"{name} {other.date()} and the signature date {s.date()} are "
                              f"{abs((other.date() - s.date()).days)} days apart; {later} is probably a "
                              "re-publication date", [Related(s.span, "the signature date")])
                break
