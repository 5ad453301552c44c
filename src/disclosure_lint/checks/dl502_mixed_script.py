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
