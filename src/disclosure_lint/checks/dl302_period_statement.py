"""DL302: period-statement."""
from __future__ import annotations

from ..engine.diagnostics import Finding, Severity
from ..facts.dates import parse_dates
from ..i18n import _
from ..engine.registry import rule
from ._common import is_annual
from ..source.lazy_re import lazy
from ..source.re_cache import compile_re

_DIGIT = lazy(r"\d")

_PERIOD_SENTENCE = compile_re(r"(?:统计)?(?:期限|时限|期间|区间|时间)(?:为|是)?\s*(?:自|从)(?P<body>[^。；;]{0,40}?)(?:止|。|；|$)")
_EMPTY = lazy(r"(?:自|从)\s*(?:至|到)")
_AS_OF = lazy(r"截[至止](?:到)?\s*(?:(?P<y>(?:19|20)\d{2})\s*年)?\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日")


@rule("DL302", "period-statement", "error")
def check(ctx):
    """The statistics period is not 1 January – 31 December of the report year, or is empty.

    **What it checks.** The sentence that states the period (本报告所列数据的统计期限自Y年1月1日至
    Y年12月31日) must cover exactly the report year. An empty period (“自至”) is an error. A figure
    stated “截至12月14日” in a full-year report is a warning: it does not cover the whole year.

    **Why it matters.** The tables count one calendar year; a different period makes them
    incomparable with every other report.

    **Example.** ``统计期限自2022年1月1日至2022年11月30日`` in a 2022 report.

    **How to fix.** State the full year, and give figures as of 31 December.

    【中文】
    统计期限不是报告年度的1月1日至12月31日，或统计期限为空。

    **检查内容。** 说明统计期限的句子（本报告所列数据的统计期限自Y年1月1日至Y年12月31日）必须恰好覆盖报告年度。
    统计期限为空（“自至”）为错误。全年报告中的数据写“截至12月14日”为警告：没有覆盖全年。

    **问题影响。** 统计表统计的是一个自然年度；统计期限不同，数据就无法与其他报告比较。

    **示例。** 2022年度报告写 ``统计期限自2022年1月1日至2022年11月30日``。

    **修改方法。** 写明全年统计期限，数据统计截至12月31日。
    """
    if not is_annual(ctx) or ctx.info.year is None:
        return
    year = ctx.info.year
    for p in ctx.paragraphs:
        text = p.text
        # a period sentence has 自 or 从, and 期, 限 or 间 (期限, 时限, 期间, 区间, 时间): a paragraph
        # without them is passed with a few C scans instead of a search
        m = _PERIOD_SENTENCE.search(text) if ("自" in text or "从" in text) and \
            ("期" in text or "限" in text or "间" in text) else None
        if m:
            if _EMPTY.match(p.text[m.start("body") - 1:m.end("body") + 1].strip()) or not _DIGIT.search(m.group("body")):
                yield Finding(p.ptext.span(m.start(), m.end()), _("the statistics period is empty (“自至”)"))
                break
            sub = p.ptext[m.start("body"):m.end("body")]
            ds = parse_dates(sub, p, year)
            if len(ds) >= 2:
                a, b = ds[0], ds[-1]
                ok_a = (a.year, a.month, a.day) == (year, 1, 1)
                ok_b = (b.year, b.month, b.day) == (year, 12, 31)
                if not (ok_a and ok_b):
                    yield Finding(a.span.cover(b.span), _("the statistics period runs from {start} to {end}, "
                                                          "not 1 January to 31 December {year}", start=a.raw,
                                                          end=b.raw, year=year),
                                  suggestion=f"{year}年1月1日至{year}年12月31日")
            break
    for p in ctx.paragraphs:
        if "截" not in p.text:
            continue
        for m in _AS_OF.finditer(p.text):
            y = int(m.group("y")) if m.group("y") else year
            mo, d = int(m.group("m")), int(m.group("d"))
            if y == year and (mo, d) != (12, 31) and mo == 12:
                yield Finding(p.ptext.span(m.start(), m.end()), _("a figure is stated as of {month}月{day}日, not for "
                                                                  "the whole of {year}", month=mo, day=d, year=year),
                              severity=Severity.WARNING)
