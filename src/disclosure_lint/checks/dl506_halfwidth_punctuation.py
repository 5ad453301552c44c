"""DL506: halfwidth-punctuation."""
from __future__ import annotations


from ..engine.diagnostics import Finding, Fix
from ..i18n import _
from ..engine.registry import rule
from ._hygiene import apply_pieces, edits_for, exact_suggestion, is_han, listing, near_numeral, units_with, where
from ..source.lazy_re import lazy

_FULL = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！", "(": "（", ")": "）"}
_MARK = lazy(r"[,;:?!]")
# A bracketed aside with Chinese in it and no bracket inside: (以下简称《条例》).
_PAREN = lazy(r"\(([^()\n]{1,60})\)")
_OPENERS = "》」』”）〉】"


def _pieces(text: str) -> list[tuple[int, int, str]]:
    out = []
    n = len(text)
    for m in _MARK.finditer(text):
        k = m.start()
        if 0 < k < n - 1 and is_han(text[k - 1]) and is_han(text[k + 1]) and not near_numeral(text, k, k + 1):
            out.append((k, k + 1, _FULL[m.group()]))
    for m in _PAREN.finditer(text):
        a, z = m.start(), m.end() - 1
        inner = m.group(1)
        before_ok = a == 0 or is_han(text[a - 1]) or text[a - 1] in _OPENERS
        if (before_ok and any(is_han(ch) for ch in inner) and not any(ch.isascii() and ch.isalpha() for ch in inner)
                and not near_numeral(text, a, a + 1) and not near_numeral(text, z, z + 1)):
            out.append((a, a + 1, "（"))
            out.append((z, z + 1, "）"))
    out.sort()
    return out


@rule("DL506", "halfwidth-punctuation", "info")
def check(ctx):
    """Half-width punctuation inside Chinese text: ``情况,本年`` ``(以下简称《条例》)``.

    **What it checks.** An ASCII comma, semicolon, colon, question or exclamation mark with a Chinese
    character on both sides, and a pair of ASCII brackets around an aside written in Chinese (no
    Latin letters inside), in paragraphs, headings and table cells. Punctuation next to a digit or a
    numeral (``1,234``, ``10:30``, ``(一)``) is left alone. One finding per paragraph or cell.

    **Why it matters.** GB/T 15834 (the use of punctuation marks) uses full-width marks in Chinese
    text; half-width ones come from an input method in English mode and look cramped in print.

    **Example.** ``本年度新收申请,其中`` → ``本年度新收申请，其中``.

    **How to fix.** Use the full-width mark. ``dlint --fix`` replaces each mark; no figure is touched.

    【中文】
    中文文本中使用了半角标点：``情况,本年``、``(以下简称《条例》)``。

    **检查内容。** 正文段落、标题和表格单元格中，两侧均为汉字的半角逗号、分号、冒号、问号、
    叹号，以及括住中文（不含拉丁字母）内容的半角括号。紧邻数字或数词的标点（``1,234``、
    ``10:30``、``(一)``）不检查。每个段落或单元格报告一次。

    **为什么重要。** 按 GB/T 15834《标点符号用法》，中文文本应使用全角标点；半角标点多因输入法
    处于英文状态所致，排版拥挤。

    **示例。** ``本年度新收申请,其中`` → ``本年度新收申请，其中``。

    **如何修改。** 改用全角标点。``dlint --fix`` 可逐个替换，不涉及任何数字。
    """
    source = ctx.document.source
    for pt, kind in units_with(ctx.document, ",;:?!("):  # the units where _pieces can find something
        text = pt.text
        pieces = _pieces(text)
        if not pieces:
            continue
        i, j = max(0, pieces[0][0] - 1), min(len(text), pieces[-1][1] + 1)  # each mark with its neighbours
        edits = edits_for(source, pt, pieces)  # all or none: a bracket pair is never half converted
        marks = listing(text[max(0, a - 1):b + 1] for a, b, _r in pieces)
        if len(pieces) == 1:
            message = _("a half-width punctuation mark in Chinese text in {where}: {marks}", where=where(kind),
                        marks=marks)
        else:
            message = _("{count} half-width punctuation marks in Chinese text in {where}: {marks}",
                        count=len(pieces), where=where(kind), marks=marks)
        yield Finding(pt.span(i, j), message,
                      suggestion=exact_suggestion(source, pt, i, j, apply_pieces(text, i, j, pieces)),
                      fix=Fix(edits) if edits and len(edits) == len(pieces) else None)
