"""DL211: parts-sum."""
from __future__ import annotations

from ..diagnostics import Finding, Related
from ..facts.breakdowns import find_breakdowns
from ..i18n import _
from ..registry import rule


def breakdowns(ctx):
    cached = getattr(ctx, "_breakdowns", None)
    if cached is None:
        cached = ctx._breakdowns = find_breakdowns(ctx.document, ctx.numbers)
    return cached


@rule("DL211", "parts-sum", "error")
def check(ctx):
    """A complete breakdown in the prose whose parts do not add up to its whole.

    **What it checks.** “共N条，其中A条、B条、C条” where the parts form a complete breakdown. A
    list that is plainly partial (“发布信息356条，其中政策文件12条、政策解读9条”) is not checked.
    A breakdown counts as complete when a part is labelled 其他 / 其余, when the labels form a
    known partition (主动公开 / 依申请公开 / 不公开 …), or when three or more parts come within 5%
    of the whole; a list ending in 等 is partial. Approximate figures (余, 多, 约) are skipped.

    **Why it matters.** Prose figures are quoted by the press and by evaluators; a breakdown that
    does not add up discredits the whole report.

    **Example.** ``共印发文件860份，其中“主动公开”234份，“依申请公开”404份，“不公开”210份``:
    234 + 404 + 210 = 848, not 860.

    **How to fix.** Correct the whole or the part that is wrong.
    """
    for b in breakdowns(ctx):
        if not b.complete or b.whole.approx or any(p.approx for p in b.parts):
            continue
        if b.total != b.whole.value:
            arith = " + ".join(p.raw for p in b.parts)
            yield Finding(b.whole.span, _("{whole} ≠ {arithmetic} = {total} ({reason}, so the parts should add up to "
                                          "the whole)", whole=b.whole.raw, arithmetic=arith, total=b.total,
                                          reason=_(b.reason)),
                          [Related(p.span, _("part “{label}” {value}", label=lab, value=p.raw))
                           for p, lab in zip(b.parts, b.labels)],
                          suggestion=str(b.total))
