"""DL505: fullwidth-alphanumeric."""
from __future__ import annotations


from ..engine.diagnostics import Finding, Fix
from ..i18n import _
from ..engine.registry import rule
from ._hygiene import apply_pieces, edits_for, exact_suggestion, listing, units_with, where
from ..source.lazy_re import lazy

# Runs of full-width digits and Latin letters; a full-width point only between full-width digits (１．５).
_RUN = lazy(r"[０-９Ａ-Ｚａ-ｚ]+(?:．[０-９]+)*")
_WIDE_ALNUM = "".join(chr(c) for c in range(0xFF10, 0xFF1A)) + "".join(chr(c) for c in range(0xFF21, 0xFF3B)) \
    + "".join(chr(c) for c in range(0xFF41, 0xFF5B))  # every _RUN starts with one of these
_HALF = {chr(c): chr(c - 0xFEE0) for c in range(0xFF10, 0xFF5B) if chr(c - 0xFEE0).isalnum()}
_HALF["．"] = "."


def half(s: str) -> str:
    return "".join(_HALF.get(ch, ch) for ch in s)


@rule("DL505", "fullwidth-alphanumeric", "info")
def check(ctx):
    """Full-width digits and Latin letters (２０２１, ＰＤＦ) where the standard writes half-width ones.

    **What it checks.** Runs of full-width digits ``０``–``９`` and letters ``Ａ``–``ｚ`` (and a
    full-width point between full-width digits, ``１．５``) in paragraphs, headings and table cells.
    One finding per paragraph or cell, listing the runs; the suggestion is the span with half-width
    characters.

    **Why it matters.** GB/T 15835 (the use of numerals in publications) writes Arabic numerals
    half-width; full-width digits come from input methods left in full-width mode. Search,
    sorting and evaluators' tools treat ``２０２１`` and ``2021`` as different text.

    **Example.** ``本年度共收到申请２８件`` → ``本年度共收到申请28件``.

    **How to fix.** Retype the characters half-width. ``dlint --fix`` does: each character becomes
    its half-width form, so the value of every figure stays what it was.

    【中文】
    使用了全角数字和全角拉丁字母（２０２１、ＰＤＦ），按规范应使用半角。

    **检查内容。** 正文段落、标题和表格单元格中的全角数字 ``０``–``９``、全角字母 ``Ａ``–``ｚ``
    （以及全角数字之间的全角小数点，如 ``１．５``）。每个段落或单元格报告一次，列出各处，
    修改建议为该范围改用半角后的写法。

    **为什么重要。** 按 GB/T 15835《出版物上数字用法》，阿拉伯数字应使用半角；全角数字多因输入法
    处于全角状态所致。检索、排序和评估工具会把 ``２０２１`` 与 ``2021`` 视为不同的文字。

    **示例。** ``本年度共收到申请２８件`` → ``本年度共收到申请28件``。

    **如何修改。** 改为半角输入。``dlint --fix`` 可逐字改为对应的半角字符，各项数字的数值不变。
    """
    source = ctx.document.source
    for pt, kind in units_with(ctx.document, _WIDE_ALNUM):
        text = pt.text
        found = list(_RUN.finditer(text))
        if not found:
            continue
        pieces = [(m.start(), m.end(), half(m.group())) for m in found]
        i, j = found[0].start(), found[-1].end()
        n = sum(m.end() - m.start() for m in found)
        edits = edits_for(source, pt, pieces)
        runs = listing(m.group() for m in found)
        if n == 1:
            message = _("a full-width digit or letter in {where}: {runs}", where=where(kind), runs=runs)
        else:
            message = _("{count} full-width digits or letters in {where}: {runs}", count=n, where=where(kind),
                        runs=runs)
        yield Finding(pt.span(i, j), message,
                      suggestion=exact_suggestion(source, pt, i, j, apply_pieces(text, i, j, pieces)),
                      fix=Fix(edits) if edits else None)
