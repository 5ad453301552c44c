"""DL213: percentage."""
from __future__ import annotations


from ..engine.diagnostics import Finding, Related
from ..i18n import _
from ..engine.registry import rule
from ._common import percent_places, share_fits, share_pct
from .dl211_parts_sum import breakdowns, rate_pairs
from ..source.re_cache import compile_re

_SHARE = compile_re(r"^\s*(?:[，,、（(]\s*)?(?:占|约占|占比|占比为|占总数的|占全部的|占总量的|占全年的)(?:比例)?(?:为|达)?\s*$")


_ok = share_fits  # one definition of "the share written is the share computed" (checks/_common.py)


@rule("DL213", "percentage", "warning")
def check(ctx):
    """“X件，占Y%” where Y is not X / base at the precision written.

    **What it checks.** A count followed by its share (占Y%, 占比Y%) that is a part of a
    breakdown (“办结81件，其中：予以公开42件，占51.85%；…”) is compared with the count divided by
    the breakdown's whole. Rounding and truncation at the number of decimals written are both
    accepted; the message names the base. A share whose base the text does not make explicit is
    not checked (reports often take it from another sentence).

    **Why it matters.** A wrong percentage is usually a stale figure from an earlier draft.

    A rate written after its figures (“受理117件，办结171件，办结率100%”) is compared with the
    completed count divided by the received one.

    **Example.** ``共收到申请80件，其中网上申请20件，占30%`` — 20 / 80 = 25%.

    **How to fix.** Recompute the share from the figures in the text.

    【中文】
    “X件，占Y%”中的 Y 与 X 除以基数的结果（按所写小数位数）不符。

    **检查内容。** 属于某个分项列举的数量后跟占比（占Y%、占比Y%）的（“办结81件，其中：予以公开42件，占51.85%；……”），
    用该数量除以列举的总数来核对。按所写小数位数四舍五入或截断均视为正确；提示信息会写明基数。
    原文没有明确基数的占比不检查（报告常取自另一句话的数字）。

    **问题影响。** 百分比算错，通常是沿用了早期草稿中的旧数字。

    **示例。** ``共收到申请80件，其中网上申请20件，占30%``——20 / 80 = 25%。

    **修改方法。** 按正文中的数字重新计算占比。
    """
    nums = ctx.numbers
    parent = {}
    for b in breakdowns(ctx):
        for p in b.parts:
            parent[id(p)] = b.whole
    for i, n in enumerate(nums):
        if not n.percent or n.approx or i == 0:
            continue
        x = nums[i - 1]
        if x.block is not n.block or x.percent or x.approx:
            continue
        if not _SHARE.match(n.block.text[x.end:n.start]):
            continue
        base = parent.get(id(x))
        why = _("the whole of its breakdown")
        if base is None or base.approx or not base.value:
            continue
        shown = n.value
        places = percent_places(n.raw)
        if not _ok(x.value, base.value, shown, places):
            pct = share_pct(x.value, base.value, places)
            yield Finding(n.span, _("{count} / {base} = {pct}%, not {shown}% (base: {base}, {why})", count=x.raw,
                                    base=base.raw, pct=pct, shown=n.raw, why=why),
                          [Related(x.span, _("the count")), Related(base.span, _("the base"))], suggestion=f"{pct}")
    for r in rate_pairs(ctx):
        if r.rate is None or r.rate.approx or not r.whole.value or r.carried:
            continue
        places = percent_places(r.rate.raw)
        if not _ok(r.part.value, r.whole.value, r.rate.value, places):
            pct = share_pct(r.part.value, r.whole.value, max(places, 1))
            yield Finding(r.rate.span,
                          _("{rate_word} {rate}% contradicts its figures: {done} {part} / {received} {whole} = {pct}%",
                            rate_word=r.rate_word, rate=r.rate.raw, done=r.part_word, part=r.part.raw,
                            received=r.whole_word, whole=r.whole.raw, pct=pct),
                          [Related(r.part.span, r.part_word), Related(r.whole.span, r.whole_word)])
