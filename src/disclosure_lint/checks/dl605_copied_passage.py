"""DL605: copied-passage (cross-report)."""
from __future__ import annotations

from ..engine.diagnostics import Finding, Related, Severity
from ..i18n import _
from ..engine.registry import corpus_rule
from .dl604_copied_figures import MAX_RELATED, who


@corpus_rule("DL605", "copied-passage", "warning")
def check(ctx):
    """The same long passages as another report, or as last year's 存在的主要问题及改进情况 (内容雷同).

    **What it checks.** Across the reports given to dlint: sentences of at least 30 characters
    (years and the agency's own name masked; template sentences such as 本报告…, the statistics
    period and contact details left out; sentences stating three or more figures are DL604's) that
    are identical or nearly identical (MinHash/LSH,
    Jaccard ≥ 0.8 on character 3-grams) to sentences of another agency's report, adding up to at
    least 60 characters; or, within one agency, sentences of 存在的主要问题及改进情况 copied from the
    report of the year before. A sentence found in more than five agencies' reports is a template's
    and is ignored. The finding sits on the later report; related places are the same sentences in
    the other file. Near-identical matching needs the ``corpus`` extra (datasketch); without it only
    identical sentences are compared, and an info note says so.

    **Why it matters.** Evaluators mark copied reports (内容雷同) down: a problems section copied
    unchanged from last year says nothing was learned; text copied from another agency describes
    someone else's work.

    **Example.** The 2017 report's 存在的主要问题及改进情况 repeats the 2016 report's word for word.

    **How to fix.** Describe this year's own problems and measures.

    【中文】
    与另一份报告存在大段相同文字，或照抄上一年度的“存在的主要问题及改进情况”（内容雷同）。

    **检查内容。** 在提供给 dlint 的报告之间：30字以上的语句（年份和本机关名称不计，“本报告……”、
    统计期限、联系方式等模板语句除外；列有三个以上数字的语句由 DL604 比较）与其他机关报告中的语句相同或基本相同（MinHash/LSH，
    字符三元组 Jaccard 相似度 ≥ 0.8），合计不少于60字；或同一机关本年度“存在的主要问题及改进情况”
    照抄上一年度报告。出现在五个以上机关报告中的语句视为模板。问题标注在较晚的报告上，关联位置指向
    另一文件中的相同语句。近似匹配需要安装 ``corpus`` 扩展（datasketch），未安装时只比较完全相同的
    语句，并给出提示。

    **为何重要。** 内容雷同是评估扣分项：照抄上年的问题和改进措施，说明问题没有改进；照抄其他机关的
    文字，说明报告未反映本机关的工作。

    **示例。** 2017年报告的“存在的主要问题及改进情况”与2016年报告一字不差。

    **修改方法。** 如实写明本年度存在的问题和改进措施。
    """
    copies = ctx.copies
    for note in copies["notes"]:
        if ctx.reports:
            first = min(ctx.reports, key=lambda r: r.path)
            yield Finding(first.anchor.span, note, severity=Severity.INFO, path=first.path)
    for m in copies["matches"]:
        if m.kind != "passage":
            continue
        first = m.units[0][0]
        chars = sum(len(u.text) for u, _o in m.units)
        if m.later.identity.agency == m.other.identity.agency:
            msg = _("{n} sentence(s) ({chars} characters) of 存在的主要问题及改进情况 repeat the {year} report ({path})",
                    n=len(m.units), chars=chars, year=m.other.identity.year, path=m.other.path)
        else:
            msg = _("{n} sentence(s) ({chars} characters) are the same as in the report of {other} ({path})",
                    n=len(m.units), chars=chars, other=who(m.other), path=m.other.path)
        related = [Related(o.loc.span, _("the same passage in the report of {other}", other=who(m.other)),
                           m.other.path) for _u, o in m.units[:MAX_RELATED]]
        related += [Related(u.loc.span, _("another copied sentence")) for u, _o in m.units[1:MAX_RELATED]]
        yield Finding(first.loc.span, msg, related, path=m.later.path)
