"""DL211: parts-sum."""
from __future__ import annotations

from ..diagnostics import Finding, Related
from ..facts.breakdowns import find_breakdowns, find_rate_pairs
from ..registry import rule


def breakdowns(ctx):
    cached = getattr(ctx, "_breakdowns", None)
    if cached is None:
        cached = ctx._breakdowns = find_breakdowns(ctx.document, ctx.numbers)
    return cached


def rate_pairs(ctx):
    cached = getattr(ctx, "_rate_pairs", None)
    if cached is None:
        cached = ctx._rate_pairs = find_rate_pairs(ctx.document, ctx.numbers)
    return cached


@rule("DL211", "parts-sum", "error")
def check(ctx):
    """A complete breakdown in the prose whose parts do not add up to its whole.

    **What it checks.** “共N条，其中A条、B条、C条” where the parts form a complete breakdown. A
    list that is plainly partial (“发布信息356条，其中政策文件12条、政策解读9条”) is not checked.
    A breakdown counts as complete when a part is labelled 其他 / 其余, when the labels form a
    known partition (主动公开 / 依申请公开 / 不公开 …), or when three or more parts come within 5%
    of the whole; a list ending in 等 is partial. Approximate figures (余, 多, 约) are skipped.

    The forms read: “共N条，其中A、B、C”; “共N条，(其中A…，其他…)” in brackets; “N条政府信息中，A；B；C”;
    “N条。其中，A…，占x%。B…，占y%” (a list goes on across sentences while each part carries its
    share); “N件，A、B分别为a件、b件”; and a whole stated after its parts (“A a件、B b件，共N件”,
    complete by construction). Parts whose shares add up to 100% form a complete list; shares adding
    up to less keep it open. 另有 adds something beside the whole and does not close a list.

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
            yield Finding(b.whole.span, f"{b.whole.raw} ≠ {arith} = {b.total} ({b.reason}, so the parts should add "
                          "up to the whole)", [Related(p.span, f"part “{lab}” {p.raw}") for p, lab in zip(b.parts, b.labels)],
                          suggestion=str(b.total))
