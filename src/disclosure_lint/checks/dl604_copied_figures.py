"""DL604: copied-figures (cross-report)."""
from __future__ import annotations

from ..engine.diagnostics import Finding, Related
from ..i18n import _
from ..engine.registry import corpus_rule

MAX_RELATED = 10


def who(r) -> str:
    return f"{r.identity.agency_raw or r.identity.agency} {r.identity.year}"


@corpus_rule("DL604", "copied-figures", "warning")
def check(ctx):
    """The same run of figures in the same sentences as another report (内容雷同).

    **What it checks.** Across the reports given to dlint: a sentence stating three or more figures
    (two of them at least 10; years, dates and numbering left out) whose run of figures appears in
    a report of another agency, or in the agency's own report of the year before. A run found in
    more than five reports is a template's or chance's and is ignored; two reports must share two
    runs, or one run of five or more figures. The finding sits on the later report; related places
    are the same sentences in the other file.

    **Why it matters.** Two agencies do not publish the same figures, and this year's figures are
    not last year's: shared runs are copied text whose figures were never updated.

    **Example.** 平潭综合实验区's 2011 report: 主动公开政府信息425条 … 303条，占71.3% … 122条，占28.7%
    — the same run as 平潭县人民政府's 2011 report.

    **How to fix.** Write this report's own figures; quote another report only with its source.

    【中文】
    与另一份报告在相同语句中出现同样的一组数字（内容雷同）。

    **检查内容。** 在提供给 dlint 的报告之间：某句话列出三个以上数字（其中至少两个不小于10，年份、
    日期和序号除外），同一组数字又出现在其他机关的报告中，或出现在本机关上一年度的报告中。出现在
    五份以上报告中的数字组视为模板或巧合，不作判断；两份报告须有两组相同数字，或一组五个以上的相同数字。问题标注在较晚的报告上，关联位置指向另一文件中
    的相同语句。

    **为何重要。** 不同机关不会公布完全相同的数字，本年度的数字也不应与上年相同：相同的数字组说明
    文字系照抄，数字未更新。

    **示例。** 平潭综合实验区2011年报告“主动公开政府信息425条……303条，占71.3%……122条，占28.7%”，
    与平潭县人民政府2011年报告的数字完全相同。

    **修改方法。** 填写本机关本年度的实际数字；引用其他报告时注明出处。
    """
    for m in ctx.copies["matches"]:
        if m.kind != "figures":
            continue
        first = m.units[0][0]
        runs = "、".join("/".join(u.figures) for u, _o in m.units[:3])
        msg = _("{n} sentence(s) state the same figures ({runs}) as the report of {other} ({path})",
                n=len(m.units), runs=runs, other=who(m.other), path=m.other.path)
        related = [Related(o.loc.span, _("the same figures in the report of {other}", other=who(m.other)),
                           m.other.path) for _u, o in m.units[:MAX_RELATED]]
        related += [Related(u.loc.span, _("another sentence with copied figures")) for u, _o in m.units[1:MAX_RELATED]]
        yield Finding(first.loc.span, msg, related, path=m.later.path)
