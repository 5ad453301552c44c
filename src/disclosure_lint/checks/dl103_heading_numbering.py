"""DL103: heading-numbering."""
from __future__ import annotations

import re

from ..diagnostics import Finding, Related
from ..document import Heading, Section
from ..i18n import _
from ..normalize import cn_numeral_value
from ..registry import rule
from ._common import cn_number

_INLINE = re.compile(r"(?:^|(?<=[。；;：:，,！!\s]))([一二三四五六七八九十]{1,3})是(?=[\u4e00-\u9fff“\"《（(])")


def _sequence(heads: list[Heading]):
    expected = 1
    prev = None
    for h in heads:
        if h.number != expected and prev is not None:  # an excerpt may start anywhere
            if prev is not None and h.number == prev.number:
                what = _("repeats the number before it")
            elif h.number < expected:
                what = _("goes back after {marker}", marker=prev.marker.text.strip()) if prev else _("is out of sequence")
            else:
                what = _("skips {numbers}", numbers="、".join(_fmt(h, n) for n in range(expected, h.number)))
            yield h, prev, what, expected
        expected = h.number + 1
        prev = h


def _fmt(h: Heading, n: int) -> str:
    m = h.marker.text.strip()
    if h.level == 1:
        return f"{cn_number(n)}、"
    if h.level == 2:
        return f"（{cn_number(n)}）"
    return re.sub(r"\d+", str(n), m, count=1)


def _children_by_level(sec: Section):
    by: dict[int, list[Heading]] = {}
    for c in sec.children:
        by.setdefault(c.level, []).append(c.heading)
    return by


@rule("DL103", "heading-numbering", "warning")
def check(ctx):
    """Heading numbers with gaps, repeats or out of sequence; inline enumerations with a gap.

    **What it checks.** Within each parent, the headings of one level must count 一、二、三… (or
    （一）（二）…, 1. 2. …) from one without gaps or repeats. Inside a paragraph or section, an inline
    enumeration 一是…二是…三是… must not skip a number.

    **Why it matters.** A skipped or repeated number usually means a part was deleted or pasted
    twice; readers and evaluators notice it at once.

    **Example.** ``三、存在的问题`` ``四、下一步工作`` ``三、提高…时效性`` — the last heading goes
    back to 三 (it was meant as 三是 of the list above).

    **How to fix.** Renumber, or restore the missing part.

    【中文】
    标题序号有跳号、重号或顺序颠倒；段内列举（一是、二是……）有跳号。

    **检查内容。** 同一上级标题下、同一层级的标题，应从一开始按一、二、三……（或（一）（二）……、1. 2. ……）连续编号，
    不得跳号或重号。段落或章节内的列举“一是……二是……三是……”也不得跳号。

    **问题影响。** 跳号或重号通常意味着删掉了某部分或粘贴了两遍，读者和评估人员一眼就能看出来。

    **示例。** ``三、存在的问题`` ``四、下一步工作`` ``三、提高……时效性``——最后一个标题序号退回到“三”
    （它原本是上文列举中的“三是”）。

    **修改方法。** 重新编号，或补回缺失的部分。
    """
    doc = ctx.document
    stack = [doc.root]
    while stack:
        sec = stack.pop()
        for level, heads in _children_by_level(sec).items():
            for h, prev, what, expected in _sequence(heads):
                related = [Related(prev.marker.span(), _("the heading before"))] if prev else []
                yield Finding(h.marker.span(), _("heading “{heading}” {what} (expected {expected})",
                                                 heading=h.text[:30], what=what, expected=_fmt(h, expected)),
                              related, suggestion=_fmt(h, expected))
        stack.extend(sec.children)
    # inline enumerations, per section
    for sec in [doc.root, *doc.walk_sections()]:
        expected = 1
        prev = None
        for b in sec.blocks:
            if not hasattr(b, "ptext"):
                continue
            for m in _INLINE.finditer(b.text):
                n = cn_numeral_value(m.group(1))
                if n == 1:
                    expected, prev = 2, (b, m)
                    continue
                if prev is None:
                    continue
                if n > expected:  # a skip; a repeat or a step back starts a new list
                    pb, pm = prev
                    yield Finding(b.ptext.span(m.start(1), m.end(1) + 1),
                                  _("inline enumeration goes from {previous}是 to {current}是 (expected {expected}是)",
                                    previous=pm.group(1), current=m.group(1), expected=cn_number(expected)),
                                  [Related(pb.ptext.span(pm.start(1), pm.end(1) + 1), _("the item before"))],
                                  suggestion=f"{cn_number(expected)}是")
                expected = n + 1
                prev = (b, m)
