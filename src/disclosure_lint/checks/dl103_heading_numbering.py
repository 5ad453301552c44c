"""DL103: heading-numbering."""
from __future__ import annotations

from ..source.dataclass_cache import dataclass, field  # dataclasses.dataclass, its code cached

from ..engine.diagnostics import Finding, Related
from ..document import Heading, Section
from ..i18n import _
from ..document.normalize import cn_numeral_value
from ..engine.registry import rule
from ._common import cn_number
from ..source.lazy_re import lazy
from ..source.re_cache import compile_re

_DIGITS = lazy(r"\d+")

# An inline item: 一是 … 十是 at the start of a text or after punctuation or a space. The test of what
# comes before is made after the first numeral (a lookbehind over both), so that the pattern starts
# with a character class and the engine passes every other character in C; the same matches as
# ``(?:^|(?<=[。；;：:，,！!\s]))([一二三四五六七八九十]{1,3})是…`` (a test compares the two).
_INLINE = compile_re(r"([一二三四五六七八九十](?<![^。；;：:，,！!\s][一二三四五六七八九十])[一二三四五六七八九十]{0,2})是"
                     r"(?=[\u4e00-\u9fff“\"《（(])")


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
    return _DIGITS.sub(str(n), m, count=1)


def _continues_inline(prev_sec: Section | None, h: Heading):
    """(block, match) of the last inline item before *h* when *h*'s number is the one that list expects next."""
    if prev_sec is None or h.level != 1 or h.number < 2 or not _SENTENCE_MARKER.match(h.marker.text.strip()):
        return None
    got = inline_expected(prev_sec)
    if got is None or got[0] != h.number:
        return None
    return got[1], got[2]


_SENTENCE_MARKER = lazy(r"^[一二三四五六七八九十]{1,3}[、，,]$")


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
    enumeration 一是…二是…三是… must not skip a number nor repeat one. Enumerations nest: a 一是
    right after an item's short lead clause (``三是推进公共资源配置信息公开。一是…二是…``) opens a list
    inside that item, and the outer list goes on (``四是…``) after it. A heading that goes back (a
    ``三、`` inside section 四) but continues the inline list just above it is said to be that list's
    item (``三是``).

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
        by_heading = {id(c.heading): c for c in sec.children}
        for level, heads in _children_by_level(sec).items():
            for h, prev, what, expected in _sequence(heads):
                related = [Related(prev.marker.span(), _("the heading before"))] if prev else []
                inline = _continues_inline(by_heading.get(id(prev)), h) if prev is not None else None
                if inline is not None:
                    pb, pm = inline
                    item = f"{cn_number(h.number)}是"
                    yield Finding(h.marker.span(),
                                  _("heading “{heading}” {what}; it continues the inline enumeration of the "
                                    "section above (…{before}), so it was meant as {item}",
                                    heading=h.text[:30], what=what, before=f"{pm.group(1)}是", item=item),
                                  [*related, Related(pb.ptext.span(pm.start(1), pm.end(1) + 1),
                                                     _("the enumeration it continues"))],
                                  suggestion=item)
                    continue
                yield Finding(h.marker.span(), _("heading “{heading}” {what} (expected {expected})",
                                                 heading=h.text[:30], what=what, expected=_fmt(h, expected)),
                              related, suggestion=_fmt(h, expected))
        stack.extend(sec.children)
    # inline enumerations, per section
    for sec in [doc.root, *doc.walk_sections()]:
        yield from _inline(sec)


def _items(sec: Section):
    """(block, match, value) for every inline ``N是`` marker of the section's own blocks."""
    for b in sec.blocks:
        if not hasattr(b, "ptext") or "是" not in b.text:
            continue  # a table, or a text without the 是 every item has
        for m in _INLINE.finditer(b.text):
            n = cn_numeral_value(m.group(1))
            if n:
                yield b, m, n


_HEADLINE_END = compile_re(r"[。；;：:！!？?]")


def _form(b, m) -> str:
    """“headline” when the item opens with a short clause of its own (四是推进政府采购信息公开。), else “body”."""
    text = b.text
    end = _HEADLINE_END.search(text, m.end())
    clause = text[m.end():end.start() if end else len(text)]
    return "headline" if len(clause) <= 24 and "，" not in clause and "," not in clause else "body"


@dataclass
class _List:
    expected: int
    last: tuple          # (block, match) of the last item
    form: str            # the form of its items (that of its second item once there is one)
    flagged: set = field(default_factory=set)   # item values already reported


def _plain_repeat(last, b, m) -> bool:
    """The same number twice in one paragraph, with no 一是 between them (which would start another list)."""
    pb, pm = last
    return pb is b and "一是" not in b.text[pm.end():m.start()]


def _nested_start(top: _List, b, m) -> bool:
    """A 一是 that follows the current item's short lead clause opens a list inside that item."""
    pb, pm = top.last
    return pb is b and m.start() - pm.end() <= 40 and _form(pb, pm) == "headline"


def _inline(sec: Section, stack: list[_List] | None = None):
    """Findings for the section's inline enumerations; *stack* is left holding the open lists."""
    if stack is None:
        stack = []
    for b, m, n in _items(sec):
        form = _form(b, m)
        if n == 1:
            if not (stack and _nested_start(stack[-1], b, m)):
                stack.clear()
            stack.append(_List(2, (b, m), form))
            continue
        if not stack:
            continue
        fits = [k for k, lst in enumerate(stack) if lst.expected == n]
        if fits:
            same = [k for k in fits if stack[k].form == form]
            k = (same or fits)[-1]  # the innermost list of this item's form
            del stack[k + 1:]
            lst = stack[k]
            if n == 2:
                lst.form = form
            lst.expected, lst.last = n + 1, (b, m)
            continue
        top = stack[-1]
        rep = [k for k, lst in enumerate(stack)
               if lst.expected == n + 1 and n not in lst.flagged and _form(*lst.last) == form
               and _plain_repeat(lst.last, b, m)]
        if rep:  # the same number again, an item of the same form: an item written twice
            k = rep[-1]
            del stack[k + 1:]
            lst = stack[k]
            pb, pm = lst.last
            lst.flagged.add(n)
            lst.last = (b, m)
            yield Finding(b.ptext.span(m.start(1), m.end(1) + 1),
                          _("inline enumeration repeats {item}: the item before is also {item} (expected {expected})",
                            item=f"{m.group(1)}是", expected=f"{cn_number(n + 1)}是"),
                          [Related(pb.ptext.span(pm.start(1), pm.end(1) + 1), _("the item before"))])
            continue
        if n > top.expected:  # a skip
            pb, pm = top.last
            yield Finding(b.ptext.span(m.start(1), m.end(1) + 1),
                          _("inline enumeration goes from {previous}是 to {current}是 (expected {expected}是)",
                            previous=pm.group(1), current=m.group(1), expected=cn_number(top.expected)),
                          [Related(pb.ptext.span(pm.start(1), pm.end(1) + 1), _("the item before"))],
                          suggestion=f"{cn_number(top.expected)}是")
            top.flagged.add(n)
            top.expected, top.last = n + 1, (b, m)
            continue
        # a step back: a new list that does not start at 一
        stack[:] = [_List(n + 1, (b, m), form, {n})]


def inline_expected(sec: Section) -> tuple[int, object, object] | None:
    """What the section's innermost open inline enumeration expects next: (number, last block, last match)."""
    stack: list[_List] = []
    for _finding in _inline(sec, stack):
        pass
    if not stack:
        return None
    top = stack[-1]
    return top.expected, top.last[0], top.last[1]
