"""DL403: table-share."""
from __future__ import annotations

from decimal import Decimal

from ..engine.diagnostics import Finding, Related
from ..document import Number
from ..i18n import _
from ..engine.registry import rule
from ._common import percent_places, share_fits, share_pct
from ..facts.numbers import is_approx
from .dl211_parts_sum import breakdowns
from ..source.lazy_re import lazy
from ..source.re_cache import compile_re

# An outcome of table 3 named in the text, its count, then its share: “予以公开258件，占33.9%”.
_OUTCOME = lazy(r"(予以公开(?:及|和|、|与)部分公开|(?<!部分)(?<!不)予以公开|部分公开|不予公开|无法提供|不予处理|其他处理)"
                r"[^。；;，,\d%％]{0,4}?(?<![\d.])(\d+)\s*(?:件|个|条)[，,、（(]?\s*(?:占|占比|约占)(?:比例)?(?:为|达)?\s*"
                r"(\d+(?:\.\d+)?)\s*[%％]")


# “办结率100%”: the cases closed this year over the cases to handle (新收 + 上年结转).
_RATE = compile_re(r"(?<!时)(?<!期)(?<!限)(办结率|答复率)(?:为|达到|达)?\s*(\d+(?:\.\d+)?)\s*[%％]")


def _val(cell):
    return Decimal(cell.value.value) if cell is not None and isinstance(cell.value, Number) else None


def _bases(t3) -> list[tuple[Decimal, list, str]]:
    """The table-3 totals a share of an outcome can be taken of."""
    out = []
    total, new, carried = t3.cell("total", "total"), t3.cell("new", "total"), t3.cell("carried", "total")
    if _val(total):
        out.append((_val(total), [total], "（七）总计"))
    if _val(new):
        out.append((_val(new), [new], "一、本年新收"))
        if _val(carried) is not None and _val(carried) > 0:
            out.append((_val(new) + _val(carried), [new, carried], "新收 + 上年结转"))
    return out


_fits = share_fits  # one definition of "the share written is the share computed" (checks/_common.py)


@rule("DL403", "table-share", "warning")
def check(ctx):
    """A share of an outcome (“予以公开258件，占33.9%”) that no total of table 3 gives.

    **What it checks.** A count of a table-3 outcome in the text (予以公开, 部分公开, 不予公开,
    无法提供, 不予处理, 其他处理) followed by its share is divided by each total the share can be
    of: （七）总计, 一、本年新收, and 新收 + 上年结转. Rounding and truncation at the number of
    decimals written are both accepted. When no total gives the share written, the finding names
    them all. A share that is part of a breakdown in the same sentence (“办结81件，其中：…”) is left
    to DL213, which knows its base; blank totals are not read as zero.

    **Why it matters.** A share that fits no total of the report's own table is a stale figure or a
    wrong count, and readers quote shares more than counts.

    A 办结率 / 答复率 is compared with （七）总计 divided by 新收 + 上年结转 (or by 新收 alone);
    按时办结率 and 及时答复率 measure something else and are not checked.

    **Example.** ``予以公开及部分公开258件，占33.9%`` with （七）总计 805: 258 / 805 = 32.0%;
    ``办结率100%`` while table 3 carries 6 cases over to next year.

    **How to fix.** Recompute the share from the table, or correct the count.

    【中文】
    正文中某类办理结果的占比（如“予以公开258件，占33.9%”）与表三的任何总数都对不上。

    **检查内容。** 正文中表三某类办理结果（予以公开、部分公开、不予公开、无法提供、不予处理、其他处理）的
    件数及其后的占比，分别以（七）总计、一、本年新收、新收加上年结转为基数计算。按所写小数位四舍五入或
    截断均视为一致；任何基数都得不到所写占比时，提示列出各基数。同一句中属于“其中”分项的占比由DL213核对
    （其基数明确）；空白总数不视为零。

    **为何重要。** 占比与本报告表格的任何总数都对不上，说明数字是旧稿遗留或件数有误，而读者引用占比多于
    件数。

    办结率、答复率与（七）总计除以新收加上年结转（或仅除以新收）之商核对；按时办结率、及时答复率反映的是
    另一指标，不核对。

    **示例。** ``予以公开及部分公开258件，占33.9%``，（七）总计为805：258 ÷ 805 = 32.0%；``办结率100%``，
    而表三有6件结转下年度继续办理。

    **修改方法。** 按表格重新计算占比，或更正件数。
    """
    t3 = ctx.tables.get("table3")
    if t3 is None:
        return
    bases = [b for b in _bases(t3) if b[0]]  # a total of zero has no share
    if not bases:
        return
    in_breakdown = None
    for p in ctx.paragraphs:
        text = p.text
        if "占" not in text:
            continue  # every share _OUTCOME reads is written with 占
        for m in _OUTCOME.finditer(text):
            if in_breakdown is None:
                in_breakdown = {(id(q.block), q.start) for b in breakdowns(ctx) for q in b.parts}
            if (id(p), m.start(2)) in in_breakdown or is_approx(text, m.start(2), m.end(2)):
                continue
            x, shown = Decimal(m.group(2)), Decimal(m.group(3))
            places = percent_places(m.group(3))
            if any(_fits(x, b, shown, places) for b, _c, _n in bases):
                continue
            tried = "; ".join(f"{m.group(2)} / {b} ({name}) = {share_pct(x, b, places)}%" for b, _c, name in bases)
            related = [Related(c.value.span, name) for _b, cells, name in bases for c in cells]
            yield Finding(p.ptext.span(m.start(3), m.end(3)),
                          _("“{outcome}” {count}, 占{shown}%: no total of table 3 gives that share ({tried})",
                            outcome=m.group(1), count=m.group(2), shown=m.group(3), tried=tried), related)
    total, new, carried = t3.cell("total", "total"), t3.cell("new", "total"), t3.cell("carried", "total")
    if _val(total) is None or not _val(new):
        return
    dens = [(_val(new), [new], "一、本年新收")]
    if _val(carried) is not None and _val(new) + _val(carried):
        dens.insert(0, (_val(new) + _val(carried), [new, carried], "新收 + 上年结转"))
    for p in ctx.paragraphs:
        text = p.text
        if "率" not in text:
            continue  # no 办结率 or 答复率
        for m in _RATE.finditer(text):
            if text[max(0, m.start() - 4):m.start()].endswith(("按时", "按期", "及时", "限时", "满意")):
                continue
            shown = Decimal(m.group(2))
            places = percent_places(m.group(2))
            if any(_fits(_val(total), d, shown, places) for d, _c, _n in dens):
                continue
            tried = "; ".join(f"{_val(total)} / {d} ({name}) = {share_pct(_val(total), d, places)}%"
                              for d, _c, name in dens)
            yield Finding(p.ptext.span(m.start(2), m.end(2)),
                          _("{rate_word} {shown}% does not follow from table 3: （七）总计 {tried}",
                            rate_word=m.group(1), shown=m.group(2), tried=tried),
                          [Related(total.value.span, "（七）总计")] + [Related(c.value.span, name)
                                                                     for _d, cells, name in dens[:1] for c in cells])
