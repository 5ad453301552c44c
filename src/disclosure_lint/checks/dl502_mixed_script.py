"""DL502: mixed-script."""
from __future__ import annotations

from ..diagnostics import Finding
from ..i18n import _n
from ..facts.script import t2s_table, to_simplified, traditional_positions
from ..normalize import PINYIN
from ..registry import rule


@rule("DL502", "mixed-script", "warning")
def check(ctx):
    """Traditional characters in a mainland report.

    **What it checks.** Characters that OpenCC's conversion table (``TSCharacters``, from the
    ``opencc-python-reimplemented`` package) maps to a different simplified character, and that
    are not valid simplified characters themselves. At most one finding per paragraph: how many
    characters, the first conversions, and the simplified form of the paragraph as the suggestion.

    **Why it matters.** Mainland reports are published in simplified characters; traditional ones
    come from mirror sites or copy-paste, and search engines and evaluators' tools miss them.

    **Example.** ``政府信息公開工作年度報告`` → ``政府信息公开工作年度报告`` (2 characters).

    **How to fix.** Convert the text to simplified characters.

    【中文】
    大陆地区报告中出现繁体字。

    **检查内容。** OpenCC 转换表（``TSCharacters``，来自 ``opencc-python-reimplemented`` 包）会转换为其他简体字、
    且本身不是规范简体字的字符。每段最多报告一次：写明繁体字个数、前几处对应关系，建议值为该段的简体文本。

    **问题影响。** 大陆地区的报告以简体字发布；繁体字来自镜像网站或复制粘贴，搜索引擎和评估工具都会漏检。

    **示例。** ``政府信息公開工作年度報告`` → ``政府信息公开工作年度报告``（2个字）。

    **修改方法。** 将文字转换为简体字。
    """
    table = t2s_table()
    if not table:
        return
    for b in ctx.document.paragraphs():
        text = b.text
        pos = traditional_positions(text)
        if not pos:
            continue
        pairs = []
        for i in pos:
            pair = f"{text[i]}→{table[text[i]]}"
            if pair not in pairs:
                pairs.append(pair)
        simplified = PINYIN.sub("", to_simplified(text))
        yield Finding(b.ptext.span(pos[0], pos[-1] + 1),
                      _n("{n} traditional character in this paragraph ({pairs})",
                         "{n} traditional characters in this paragraph ({pairs})", len(pos), n=len(pos),
                         pairs="、".join(pairs[:6]) + ("…" if len(pairs) > 6 else "")),
                      suggestion=simplified if len(simplified) <= 400 else simplified[:400] + "…")
