"""DL404: category-list-total."""
from __future__ import annotations

from decimal import Decimal

from ..engine.diagnostics import Finding, Related
from ..document import Number
from ..facts.breakdowns import next_mark
from ..facts.numbers import is_approx
from ..i18n import _
from ..document.normalize import ascii_digits
from ..engine.registry import rule
from .dl401_prose_table import PATTERNS, _about_disclosure
from ..source.lazy_re import lazy
from ..source.re_cache import compile_re

# “主动公开政府信息的主要类别有：A类信息594条，B类信息281条，…，其他应主动公开的信息946条。”
_INTRO = compile_re(r"主动公开[^。；;：:]{0,20}?(?:类别|分类|类型)(?:主要)?(?:有|为|包括|是)?\s*[：:]")
_OTHER = lazy(r"其他|其它|其余")
_PROACTIVE = next(p for w, p in PATTERNS if w == "proactive")


def _year_total(ctx, before_block, before_pos: int):
    """The year's 主动公开 total: the 统计表's 本年度 figure, else the prose's own statement before the list."""
    st = ctx.tables.get("stats")
    if st is not None:
        cell = st.cell("proactive", "year")
        if cell is not None and isinstance(cell.value, Number):
            return Decimal(cell.value.value), cell.value.span, _("the 统计表's 主动公开信息数 (本年度)")
        return None
    found = None
    for p in ctx.paragraphs:
        text = ascii_digits(p.text)
        for m in _PROACTIVE.finditer(text):
            if p is before_block and m.start() > before_pos:
                break
            if not _about_disclosure(text, m, "proactive") or is_approx(text, m.start(1), m.end(1)):
                continue
            found = (Decimal(m.group(1)), p.ptext.span(m.start(1), m.end(1)),
                     _("the year's 主动公开 total stated in the text"))
        if p is before_block:
            break
    return found


@rule("DL404", "category-list-total", "warning")
def check(ctx):
    """A list of the categories of 主动公开 information, closed by 其他, that does not add up to the year's total.

    **What it checks.** Pre-2019 reports list “主动公开政府信息的主要类别有：机构职能类信息594条，…，
    其他应主动公开的信息946条”. A list of three or more categories whose last one is 其他 covers every
    document, so it adds up to the year's 主动公开 total: the 统计表's 主动公开信息数 (本年度) when the
    report has the table, else the total the text states before the list (“2014年主动公开政府信息
    2543条”). Approximate figures (余, 多, 约) are not checked.

    **Why it matters.** The categories and the total are usually counted from different sources; a
    difference means one of them is stale.

    **Example.** Categories adding up to 2641 while the report says 主动公开政府信息2543条.

    **How to fix.** Recount the categories or the total so that both describe the same documents.

    【中文】
    以“其他”收尾的主动公开信息类别清单，合计与本年度主动公开总数不符。

    **检查内容。** 2019年以前的年报常写“主动公开政府信息的主要类别有：机构职能类信息594条，……，其他应
    主动公开的信息946条”。列出三类以上且最后一类为“其他”的清单涵盖全部信息，其合计应等于本年度主动公开
    总数：有统计表的，以统计表“主动公开信息数”本年度数为准；否则以清单之前正文所述总数为准（如“2014年
    主动公开政府信息2543条”）。约数（余、多、约）不核对。

    **为何重要。** 分类数与总数往往来自不同的统计口径；二者不符说明其中之一未及时更新。

    **示例。** 各类合计2641条，而报告称主动公开政府信息2543条。

    **修改方法。** 重新核对分类数或总数，使二者反映同一批信息。
    """
    by_block: dict[int, list] = {}
    for n in ctx.numbers:
        by_block.setdefault(id(n.block), []).append(n)
    for p in ctx.paragraphs:
        text = p.text
        for m in _INTRO.finditer(text):
            end = next_mark(text, "。", m.end(), 2000)
            nums = [n for n in by_block.get(id(p), []) if m.end() <= n.start and n.end <= end]
            if not nums:
                continue
            unit = nums[0].unit
            parts = [n for n in nums if not n.percent and n.unit == unit]
            if len(parts) < 3 or unit not in ("条", "件") or any(n.approx for n in parts):
                continue
            last_label_start = max(text.rfind(c, m.end(), parts[-1].start) for c in "，,、；;") + 1
            if not _OTHER.search(text, max(last_label_start, m.end()), parts[-1].start):
                continue
            whole = _year_total(ctx, p, m.start())
            if whole is None:
                continue
            value, span, desc = whole
            total = sum((n.value for n in parts), Decimal(0))
            if total != value:
                yield Finding(parts[-1].span,
                              _("the categories listed, closed by 其他, add up to {arith} = {sum}, but {desc} is "
                                "{total}", arith=" + ".join(n.raw for n in parts), sum=total, desc=desc, total=value),
                              [Related(span, desc)] + [Related(n.span, _("a category")) for n in parts[:-1]])
