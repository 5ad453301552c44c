"""DL502: mixed-script."""
from __future__ import annotations

from ..engine.diagnostics import Finding, Fix
from ..facts.script import has_traditional, t2s_table, to_simplified, traditional_positions
from ..i18n import _
from ..engine.registry import rule
from ._hygiene import edits_for, exact_suggestion, near_numeral

_LISTED = 6


@rule("DL502", "mixed-script", "warning")
def check(ctx):
    """Traditional characters in a mainland report.

    **What it checks.** Characters that OpenCC's conversion table (``TSCharacters``, from the
    ``opencc-python-reimplemented`` package) maps to a different simplified character, and that
    are not valid simplified characters themselves. At most one finding per paragraph, its span from
    the first traditional character to the last: how many characters, the first conversions, and
    as the suggestion the simplified form of exactly that span.

    **Why it matters.** Mainland reports are published in simplified characters; traditional ones
    come from mirror sites or copy-paste, and search engines and evaluators' tools miss them.

    **Example.** ``政府信息公開工作年度報告`` → ``政府信息公开工作年度报告`` (2 characters).

    **How to fix.** Convert the text to simplified characters. ``dlint --fix`` converts them one
    character at a time, except numerals and characters next to a figure (``兩千件``, ``3萬元``):
    those are left to you, so that no number is ever changed by a fix.

    【中文】
    大陆地区的报告中出现繁体字。

    **检查内容。** 依据 OpenCC 转换表（``TSCharacters``，来自 ``opencc-python-reimplemented``）
    可转换为另一简体字、且本身不是规范简体字的字符。每个段落最多报告一次，范围从第一个繁体字到
    最后一个繁体字：写明字数和前几处转换，并给出该范围的简体写法作为修改建议。

    **为什么重要。** 大陆地区的报告应使用规范简体字；繁体字多来自镜像网站或复制粘贴，
    搜索引擎和评估工具会漏检。

    **示例。** ``政府信息公開工作年度報告`` → ``政府信息公开工作年度报告``（2 个字）。

    **如何修改。** 转换为简体字。``dlint --fix`` 逐字转换；数字用字以及紧邻数字的字
    （``兩千件``、``3萬元``）只给出建议、不自动修改，确保自动修复不改动任何数字。
    """
    source = ctx.document.source
    paragraphs = ctx.paragraphs
    if not has_traditional("\n".join(b.text for b in paragraphs)):
        return  # one test of the whole text (no line break is in the table): most reports stop here
    table = t2s_table()  # 850 KB: built only for a report that holds a traditional character
    for b in paragraphs:
        pt = b.ptext
        text = pt.text
        pos = traditional_positions(text)
        if not pos:
            continue
        pairs = []
        for i in pos:
            pair = f"{text[i]}→{table[text[i]]}"
            if pair not in pairs:
                pairs.append(pair)
        listed = "、".join(pairs[:_LISTED]) + ("…" if len(pairs) > _LISTED else "")
        i, j = pos[0], pos[-1] + 1
        if len(pos) == 1:
            message = _("1 traditional character in this paragraph ({conversions})", conversions=listed)
        else:
            message = _("{count} traditional characters in this paragraph ({conversions})",
                        count=len(pos), conversions=listed)
        edits = edits_for(source, pt, [(k, k + 1, table[text[k]]) for k in pos if not near_numeral(text, k, k + 1)])
        yield Finding(pt.span(i, j), message,
                      suggestion=exact_suggestion(source, pt, i, j, to_simplified(text[i:j])),
                      fix=Fix(edits) if edits else None)
