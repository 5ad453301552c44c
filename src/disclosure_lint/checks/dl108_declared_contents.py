"""DL108: declared-contents."""
from __future__ import annotations


from ..engine.diagnostics import Finding, Related
from ..document import Heading, Table
from ..i18n import _
from ..document.normalize import cn_numeral_value
from ..engine.registry import rule
from ._common import is_annual
from ..source.lazy_re import lazy
from ..source.re_cache import compile_re

_DECL = compile_re(r"(?:全文|本报告|本年度报告|报告)(?:共)?(?:包括|由|分为|包含|分)(?P<list>[^。；]{4,300}?)"
                   r"(?:等|共)?(?P<n>[一二三四五六七八九十\d]{1,2})个?(?:部分|方面)")
_SPLIT = lazy(r"、|，|,|；|以及|和(?=[^解])|及(?=其他)")


@rule("DL108", "declared-contents", "warning")
def check(ctx):
    """The introduction's list of parts does not match the sections that follow.

    **What it checks.** A sentence such as “全文包括总体情况、…、其他需要报告的事项等六个部分”
    declares how many parts the report has; the number must equal the number of top-level
    sections, and so must the number of parts it lists.

    **Why it matters.** A declared list that does not match is a sign of a template copied from
    another year or another agency without being adapted.

    **Example.** “…等六个部分” followed by five top-level sections.

    **How to fix.** Make the introduction name the parts the report really has.

    【中文】
    导语所列的组成部分与正文章节不一致。

    **检查内容。** 类似“全文包括总体情况、……、其他需要报告的事项等六个部分”的句子声明了报告的部分数；
    该数字应等于一级章节数，所列部分的个数也应与之相同。

    **问题影响。** 声明与实际不符，说明报告是从其他年度或其他单位的模板复制而来、没有认真修改。

    **示例。** 导语写“……等六个部分”，正文只有五个一级章节。

    **修改方法。** 让导语列出报告实际包含的部分。
    """
    if not is_annual(ctx):
        return
    doc = ctx.document
    sections = doc.sections()
    if not sections:
        return
    for b in doc.blocks:
        if isinstance(b, (Heading, Table)):
            break
        m = _DECL.search(b.text)
        if not m:
            continue
        n_text = m.group("n")
        declared = int(n_text) if n_text.isdigit() else cn_numeral_value(n_text)
        listed = [x for x in _SPLIT.split(m.group("list")) if x.strip()]
        span = b.ptext.span(m.start("n"), m.end("n"))
        rel = [Related(s.heading.span, _("a top-level section")) for s in sections[:8]]
        # a statistics table listed as the last part is a part without a numbered heading
        tables_as_part = 1 if listed and "表" in listed[-1] and doc.tables() else 0
        if declared and declared not in (len(sections), len(sections) + tables_as_part):
            yield Finding(span, _("the introduction declares {declared} parts but the report has {n} top-level "
                                  "sections", declared=declared, n=len(sections)), rel)
        return
