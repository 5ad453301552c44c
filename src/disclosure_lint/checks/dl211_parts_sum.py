"""DL211: parts-sum."""
from __future__ import annotations

from ..engine.diagnostics import Finding, Related
from ..i18n import _
from ..engine.registry import rule


def breakdowns(ctx):
    return ctx.breakdowns


def rate_pairs(ctx):
    return ctx.rate_pairs


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

    【中文】
    正文中的完整分项列举，各分项之和不等于总数。

    **检查内容。** 形如“共N条，其中A条、B条、C条”且各分项构成完整列举的句子。明显只列举了一部分的
    （“发布信息356条，其中政策文件12条、政策解读9条”）不检查。以下情形视为完整列举：有“其他”“其余”分项；
    各分项构成已知的完整分类（主动公开/依申请公开/不公开等）；三个以上分项且合计与总数相差在5%以内。
    以“等”结尾的列举视为不完整。约数（余、多、约）不检查。

    **问题影响。** 正文数字常被媒体和评估人员引用；分项加不上总数，会让整份报告的可信度打折扣。

    **示例。** ``共印发文件860份，其中“主动公开”234份，“依申请公开”404份，“不公开”210份``：234 + 404 + 210 = 848，不是 860。

    **修改方法。** 更正总数或出错的分项。
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
