"""DL305: date-after-document."""
from __future__ import annotations


from ..engine.diagnostics import Finding, Related
from ..facts.dates import FUTURE
from ..i18n import _
from ..engine.registry import rule
from ..source.lazy_re import lazy

_CLAUSE_END = lazy(r"[。；;！!？?]")


@rule("DL305", "date-after-document", "error")
def check(ctx):
    """A statement of fact refers to a time after the document's own date.

    **What it checks.** Dates in the prose are compared with the document date (signature, else
    成文日期). A date whose earliest possible day is after the document date is reported, unless
    its clause speaks of the future (将, 计划, 拟, 预计, 下一步, 明年 …).

    **Why it matters.** A report dated 12 December cannot state facts “as of the end of December”:
    the figure is an estimate, or the report was back-dated.

    **Example.** A summary dated 2017-12-12: ``截至2017年12月底，网站累计访问量达到233万人次``.

    **How to fix.** Give the figure as of a date before the document date, or date the document
    after the period it reports.

    【中文】
    陈述既成事实时引用了晚于报告日期的时间。

    **检查内容。** 将正文中的日期与报告日期（落款日期，没有时取成文日期）比较。某日期可能的最早一天仍晚于报告日期的即报告，
    但所在分句表述的是将来（将、计划、拟、预计、下一步、明年等）的除外。

    **问题影响。** 12月12日落款的报告不可能陈述“截至12月底”的事实：要么数字是估算的，要么报告倒签了日期。

    **示例。** 某工作总结落款2017-12-12：``截至2017年12月底，网站累计访问量达到233万人次``。

    **修改方法。** 数据统计截至报告日期之前的某一天，或在所报告期间结束后再落款。
    """
    dates = ctx.dates
    dd = dates.document_date
    if dd is None or dd.date() is None:
        return
    doc_day = dd.date()
    for f in dates.facts:
        if f is dd or f is dates.signature or f.block is None:
            continue
        early = f.earliest()
        if early is None or early <= doc_day:
            continue
        text = f.block.text
        lo = max(0, f.start - 300)  # a clause is short: look back a bounded distance
        starts = [m.end() for m in _CLAUSE_END.finditer(text, lo, f.start)]
        a = starts[-1] if starts else lo
        m = _CLAUSE_END.search(text, f.end, f.end + 300)
        z = m.start() if m else min(len(text), f.end + 300)
        if FUTURE.search(text[a:z]):
            continue
        span = f.month_span if f.month_span is not None and f.year == doc_day.year and not f.year_inferred else f.span
        if f.year_inferred and f.month_span is not None:
            span = f.month_span
        yield Finding(span, _("“{date}” is after the document's own date {document_date}: a statement of fact cannot "
                              "refer to a later time", date=f.raw, document_date=dd.raw),
                      [Related(dd.span, _("the document date"))])
