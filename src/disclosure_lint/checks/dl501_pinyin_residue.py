"""DL501: pinyin-residue."""
from __future__ import annotations

import re

from ..diagnostics import Finding
from ..i18n import _
from ..normalize import PINYIN
from ..registry import rule

_AFTER_CJK = re.compile(r"(?<=[\u3400-\u9fff\uf900-\ufaff])" + PINYIN.pattern)


@rule("DL501", "pinyin-residue", "error")
def check(ctx):
    """A CJK character followed by a parenthesised pinyin syllable with tone marks: 報(bào)告.

    **What it checks.** Every occurrence of a character followed by ``(pinyin)`` with a tone mark
    (``規(guī)``, ``報(bào)``), in paragraphs, headings and table cells. Each occurrence is its own
    finding, its span on the annotation, so that every one can be found and removed (JSON output
    lists them all; ``--statistics`` counts them).

    **Why it matters.** Mirror sites and reading aids add pinyin after characters; copied back into
    a report, it makes every sentence unreadable.

    **Example.** ``政府信息公開工作年度報(bào)告`` → remove ``(bào)``.

    **How to fix.** Delete the annotations (the suggestion is the empty string).

    【中文】
    汉字后跟带声调的括号拼音：報(bào)告。

    **检查内容。** 段落、标题和表格单元格中每一处“汉字 + (拼音)”且拼音带声调的情况（``規(guī)``、``報(bào)``）。
    每处单独报告、定位在注音上，便于逐一查找删除（JSON 输出列出全部，``--statistics`` 给出计数）。

    **问题影响。** 镜像网站和阅读辅助工具会在汉字后加注拼音；复制回报告后，每句话都无法正常阅读。

    **示例。** ``政府信息公開工作年度報(bào)告`` → 删除 ``(bào)``。

    **修改方法。** 删除拼音注音（建议值为空字符串）。
    """
    doc = ctx.document
    units = [(b.ptext, b.text) for b in doc.paragraphs()]
    for t in doc.tables():
        units.extend((c.ptext, c.text) for c in t.cells())
    for pt, text in units:
        if "(" not in text:
            continue
        for m in _AFTER_CJK.finditer(text):
            yield Finding(pt.span(m.start(), m.end()), _("pinyin annotation “{annotation}” after “{character}”",
                                                         annotation=m.group(), character=text[m.start() - 1]),
                          suggestion="")
