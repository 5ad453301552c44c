"""DL507: invisible-character."""
from __future__ import annotations

from bisect import bisect_left

from ..engine.diagnostics import Edit, Finding, Fix, Severity
from ..i18n import _
from ..engine.registry import rule
from ..source import Span
from ._hygiene import NUMERALS, is_han, listing, units_with
from ..source.lazy_re import lazy
from ..source.re_cache import compile_re

# Zero-width characters, word joiner, a byte-order mark inside the text, soft hyphen: as characters
# or as HTML character references.
_ZW_CHARS = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
_ZW = lazy(
    "[\u200b\u200c\u200d\u2060\ufeff\u00ad]"
    r"|&(?:#0*(?:8203|8204|8205|8288|65279|173)|#[xX]0*(?:200[bBcCdD]|2060|[fF][eE][fF][fF]|[aA][dD])"
    r"|ZeroWidthSpace|zwj|zwnj|shy|NoBreak);"
)
# The two halves of _ZW, searched separately (faster; the same matches, as no match can overlap another).
_ZW_CHAR = lazy(_ZW.pattern.split("|&", 1)[0])
_ZW_REF = compile_re("&" + _ZW.pattern.split("|&", 1)[1])
_NAMES = {"\u200b": "U+200B", "\u200c": "U+200C", "\u200d": "U+200D", "\u2060": "U+2060", "\ufeff": "U+FEFF",
          "\u00ad": "U+00AD"}
_NBSP = compile_re(r"\xa0|&nbsp;|&#0*160;|&#[xX]0*[aA]0;")
_JOINERS = "\u200c\u200d&"


def _in_markup(text: str, lo: int, pos: int) -> bool:
    """Is *pos* inside a tag (between ``<`` and ``>``) of the HTML range starting at *lo*?"""
    lt = text.rfind("<", lo, pos)
    return lt >= 0 and text.rfind(">", lo, pos) < lt


def _emoji_joiner(text: str, a: int, z: int) -> bool:
    """A zero-width joiner between emoji (👨‍👩‍👧) belongs there."""
    before = text[a - 1] if a > 0 else ""
    after = text[z] if z < len(text) else ""
    return any(c and (ord(c) >= 0x1F000 or 0x2600 <= ord(c) <= 0x27BF or c == "\ufe0f") for c in (before, after))


def _ref_matches(text: str, lo: int, hi: int) -> list[tuple[int, int]]:
    """``[m.span() for m in _ZW_REF.finditer(text, lo, hi)]``: every match starts with the only "&" it
    holds, so the pattern is tried only where ``str.find`` (a memchr in C) finds one — the regex engine's
    own scan for the "&" steps through every character of the page."""
    out = []
    find, match = text.find, _ZW_REF.match
    p = find("&", lo, hi)
    while p >= 0:
        m = match(text, p, hi)
        if m is None:
            p = find("&", p + 1, hi)
        else:
            out.append(m.span())
            p = find("&", m.end(), hi)
    return out


def _invisible(doc) -> list[tuple[Span, list[Span]]]:
    """(block span, spans of the invisible characters in it) for every paragraph and cell that has some."""
    text = doc.source.text
    html = doc.kind == "html"
    # One search of the whole text (C); most texts have no invisible character and stop here. A match is a
    # single character or one ``&…;`` reference, so a block's own search would find exactly the matches
    # that lie wholly inside it: they are mapped to the blocks with bisect, and a match outside every
    # block (the navigation and scripts around the report) is passed over there. The whole text is
    # searched, not just the stretch the blocks cover: each search is a memchr, and finding that stretch
    # took a pass over every cell's span.
    n = len(text)
    matches = _ref_matches(text, 0, n)
    if any(ch in text for ch in _ZW_CHARS):  # six C scans; a class search is ten times slower
        matches.extend(m.span() for m in _ZW_CHAR.finditer(text))
        matches.sort()
    if not matches:
        return []
    blocks = [b.span for b in doc.paragraphs()]
    for t in doc.tables():
        blocks.extend(c.span for c in t.cells())
    starts = [a for a, _z in matches]
    seen: set[int] = set()
    out = []
    for bs in sorted(set(blocks), key=_span_key):
        lo, hi = bs.start, bs.end
        k = bisect_left(starts, lo)
        if not html:  # a text line: invisible characters at its ends are outside the trimmed paragraph
            line, _col = doc.source.line_col(lo)
            lo = doc.source.line_starts[line - 1]
            nl = text.find("\n", hi)
            hi = len(text) if nl < 0 else nl
            k = bisect_left(starts, lo)
        found = []
        while k < len(starts) and starts[k] < hi:
            a, z = matches[k]
            k += 1
            if z > hi or a in seen or a == 0 or (html and _in_markup(text, bs.start, a)):
                continue
            ch = text[a:z]
            if (ch[0] in _JOINERS and ch not in ("&shy;",)) and _emoji_joiner(text, a, z):
                continue
            seen.add(a)
            found.append(Span(a, z))
        if found:
            out.append((bs, found))
    return out


def _span_key(s: Span) -> tuple[int, int]:
    return s.start, s.end


def _nbsp(doc) -> list[tuple[object, list[Span]]]:
    """Single no-break spaces between two Chinese characters (本年&nbsp;新收), per paragraph or cell."""
    text = doc.source.text
    out = []
    for pt, _kind in units_with(doc, " "):
        t = pt.text
        found = []
        last = len(t) - 1
        nxt = t.find(" ", 1, last)
        while nxt >= 0:  # every space but at the first and last character
            k, nxt = nxt, t.find(" ", nxt + 1, last)
            if not is_han(t[k - 1]) or not is_han(t[k + 1]):
                continue
            if t[k - 1] in NUMERALS or t[k + 1] in NUMERALS:
                continue
            sp = pt.span(k, k + 1)
            if _NBSP.fullmatch(text, sp.start, sp.end):
                found.append(sp)
        if found:
            out.append((pt, found))
    return out


def _name(src: str) -> str:
    return _NAMES.get(src, src)


@rule("DL507", "invisible-character", "warning")
def check(ctx):
    """Invisible characters inside the text: zero-width spaces and joiners, soft hyphens, stray no-break spaces.

    **What it checks.** Zero-width space, zero-width (non-)joiner, word joiner, a byte-order mark
    inside the text and soft hyphen (U+200B, U+200C, U+200D, U+2060, U+FEFF, U+00AD), as characters
    or as HTML references (``&#8203;``, ``&zwj;``), in paragraphs, headings and table cells; one
    warning per paragraph or cell. A joiner between emoji is left alone. Also, as information, a
    single no-break space (U+00A0 or ``&nbsp;``) between two Chinese characters (``本年&nbsp;新收``).

    **Why it matters.** Invisible characters come from copying out of web pages and word
    processors. A reader does not see them, but search, copy-paste and evaluators' tools do:
    ``政府信息公开`` with a zero-width space inside is not found by a search for it.

    **Example.** ``本年度新收\\u200b政府信息公开申请`` → remove U+200B.

    **How to fix.** Delete them. ``dlint --fix`` does; no visible character and no figure changes.

    【中文】
    文本中夹杂不可见字符：零宽空格、零宽连接符、软连字符，以及多余的不换行空格。

    **检查内容。** 正文段落、标题和表格单元格中的零宽空格、零宽（不）连接符、词连接符、
    正文中的字节顺序标记和软连字符（U+200B、U+200C、U+200D、U+2060、U+FEFF、U+00AD），
    无论是字符本身还是 HTML 字符引用（``&#8203;``、``&zwj;``）；每个段落或单元格报告一次警告。
    表情符号之间的连接符不报告。另以提示级别报告两个汉字之间单独的不换行空格
    （U+00A0 或 ``&nbsp;``，如 ``本年&nbsp;新收``）。

    **为什么重要。** 不可见字符多来自从网页或文字处理软件复制的内容。读者看不到，但检索、
    复制粘贴和评估工具会受影响：中间夹有零宽空格的“政府信息公开”检索不到。

    **示例。** ``本年度新收\\u200b政府信息公开申请`` → 删除 U+200B。

    **如何修改。** 删除这些字符。``dlint --fix`` 可自动删除，不改变任何可见字符和数字。
    """
    doc = ctx.document
    text = doc.source.text
    for bs, spans in _invisible(doc):
        names = listing(dict.fromkeys(_name(text[s.start:s.end]) for s in spans))
        if len(spans) == 1:
            message = _("invisible character {names} in the text", names=names)
        else:
            message = _("{count} invisible characters in the text ({names})", count=len(spans), names=names)
        yield Finding(Span(spans[0].start, spans[-1].end), message,
                      fix=Fix(tuple(Edit(s, "") for s in spans)))
    for _pt, spans in _nbsp(doc):
        if len(spans) == 1:
            message = _("a no-break space between Chinese characters")
        else:
            message = _("{count} no-break spaces between Chinese characters", count=len(spans))
        yield Finding(Span(spans[0].start, spans[-1].end), message, severity=Severity.INFO,
                      fix=Fix(tuple(Edit(s, "") for s in spans)))
