"""DL501: pinyin-residue."""
from __future__ import annotations


from ..engine.diagnostics import Finding, Fix
from ..i18n import _
from ..document.normalize import PINYIN
from ..engine.registry import rule
from ..source import Span
from ._common import doc_anchor
from ._hygiene import edits_for, exact_suggestion, near_numeral, units_with, where
from ..source.lazy_re import lazy

_AFTER_CJK = lazy(r"(?<=[\u3400-\u9fff\uf900-\ufaff])" + PINYIN.pattern)
_LISTED = 6
# A page is taken as machine-converted (a mirror site's reading aid) from this many annotations in
# this many paragraphs or cells on.
_CONVERTED_ANNOTATIONS = 10
_CONVERTED_UNITS = 3


@rule("DL501", "pinyin-residue", "error")
def check(ctx):
    """A CJK character followed by a parenthesised pinyin syllable with tone marks: 報(bào)告.

    **What it checks.** Characters followed by ``(pinyin)`` with a tone mark (``規(guī)``,
    ``報(bào)``), in paragraphs, headings and table cells. One finding per paragraph or cell: its
    span runs from the first annotated character to the last annotation, the message counts the
    annotations and lists the first ones. When a page holds many of them (10 or more, in 3 or
    more paragraphs or cells) it was machine-converted by a mirror site, and one more finding at
    the top of the report says so with the totals.

    **Why it matters.** Mirror sites and reading aids add pinyin after characters; copied back into
    a report, it makes every sentence unreadable.

    **Example.** ``政府信息公開工作年度報(bào)告`` → ``政府信息公開工作年度報告``.

    **How to fix.** Delete the annotations. ``dlint --fix`` does (``--diff`` shows the change first),
    except next to a figure (``三(sān)十件``): there the suggestion shows the text without the
    annotation and the edit is left to you, so that no number is ever changed by a fix.

    【中文】
    汉字后面带括号的声调拼音，例如 報(bào)告。

    **检查内容。** 正文段落、标题和表格单元格中，汉字后紧跟带声调符号的括号拼音（``規(guī)``、
    ``報(bào)``）。每个段落或单元格报告一次：范围从第一个被注音的汉字到最后一个注音，
    提示中写明注音个数并列出前几处。页面中注音较多（10 处以上，分布在 3 个以上段落或单元格）
    的，说明页面经镜像网站机器转换，另在报告开头汇总报告一次。

    **为什么重要。** 镜像网站和辅助阅读工具会在汉字后加注拼音，复制回报告后，句句难以通读。

    **示例。** ``政府信息公開工作年度報(bào)告`` → ``政府信息公開工作年度報告``。

    **如何修改。** 删除拼音注音。``dlint --fix`` 可自动删除（``--diff`` 先显示改动）；
    但紧邻数字的注音（``三(sān)十件``）只给出修改建议、不自动修改，确保自动修复不改动任何数字。
    """
    doc = ctx.document
    source = doc.source
    total = paragraphs = 0
    for pt, kind in units_with(doc, "("):
        text = pt.text
        found = list(_AFTER_CJK.finditer(text))
        if not found:
            continue
        total += len(found)
        paragraphs += 1
        i, j = found[0].start() - 1, found[-1].end()
        listed = "、".join(text[m.start() - 1] + m.group() for m in found[:_LISTED])
        if len(found) > _LISTED:
            listed += "…"
        if len(found) == 1:
            message = _("pinyin annotation after a character in {where}: {annotations}",
                        where=where(kind), annotations=listed)
        else:
            message = _("{count} pinyin annotations after characters in {where}: {annotations}",
                        count=len(found), where=where(kind), annotations=listed)
        # Safe edits: every annotation not next to a figure (三(sān)十件 is left to the writer).
        edits = edits_for(source, pt, [(m.start(), m.end(), "") for m in found
                                       if not near_numeral(text, m.start() - 1, m.end())])
        yield Finding(pt.span(i, j), message,
                      suggestion=exact_suggestion(source, pt, i, j, PINYIN.sub("", text[i:j])),
                      fix=Fix(edits) if edits else None)
    if total >= _CONVERTED_ANNOTATIONS and paragraphs >= _CONVERTED_UNITS:
        at = doc_anchor(ctx).start  # a finding about the whole page: an empty span at the top of the report
        yield Finding(Span(at, at),
                      _("this page was machine-converted by a mirror site: {count} pinyin annotations in "
                        "{units} paragraphs or cells; `dlint --fix` removes those not next to a figure", count=total,
                        units=paragraphs))
