"""DL212: part-exceeds-whole."""
from __future__ import annotations

from ..engine.diagnostics import Finding, Related, Severity
from ..i18n import _
from ..engine.registry import rule
from .dl211_parts_sum import breakdowns, rate_pairs


@rule("DL212", "part-exceeds-whole", "error")
def check(ctx):
    """A part larger than its whole, or parts that together exceed it.

    **What it checks.** In “共N件，其中A件、B件”, no part may be larger than N (error). Parts of a
    list that DL211 does not treat as complete may overlap, so their sum exceeding N is a warning.

    **Why it matters.** A part larger than its whole is always a typing error.

    “受理N件，办结M件” in one sentence with M larger than N is a warning (not when the sentence
    speaks of 结转 or 上年): cases carried over from
    the previous year may explain it, a typing error (117 / 171) more often does.

    **Example.** ``共受理申请12件，其中网上申请15件``; ``共受理审批事项117件，办结171件``.

    **How to fix.** Correct the whole or the part.

    【中文】
    分项大于总数，或各分项合计超过总数。

    **检查内容。** 在“共N件，其中A件、B件”中，任何分项都不得大于N（错误）。DL211 不视为完整列举的，各分项可能有交叉，
    合计超过N只报警告。

    **问题影响。** 分项大于总数必然是录入错误。

    **示例。** ``共受理申请12件，其中网上申请15件``。

    **修改方法。** 更正总数或分项。
    """
    for b in breakdowns(ctx):
        if b.whole.approx:
            continue
        big = [(p, lab) for p, lab in zip(b.parts, b.labels) if not p.approx and p.value > b.whole.value]
        for p, lab in big:
            yield Finding(p.span, _("part “{label}” {value} is larger than its whole {whole}", label=lab, value=p.raw,
                                    whole=b.whole.raw),
                          [Related(b.whole.span, _("the whole"))])
        if not big and not b.complete and b.total > b.whole.value and not any(p.approx for p in b.parts):
            yield Finding(b.whole.span, _("the parts add up to {total}, more than the whole {whole}", total=b.total,
                                          whole=b.whole.raw),
                          [Related(p.span, _("part “{label}”", label=lab)) for p, lab in zip(b.parts, b.labels)],
                          severity=Severity.WARNING)
    for r in rate_pairs(ctx):
        if r.part.value > r.whole.value and not r.carried:
            yield Finding(r.part.span,
                          _("{done} {part} is more than {received} {whole} in the same sentence; unless cases carried "
                            "over from the previous year are counted, one of the figures is wrong",
                            done=r.part_word, part=r.part.raw, received=r.whole_word, whole=r.whole.raw),
                          [Related(r.whole.span, _("{received} {whole}", received=r.whole_word, whole=r.whole.raw))],
                          severity=Severity.WARNING)
