"""DL503: duplicated-passage."""
from __future__ import annotations

import os
from bisect import bisect_left
from itertools import compress, islice, repeat
from operator import contains, getitem, methodcaller

from ..engine.diagnostics import Edit, Finding, Fix, Related
from ..i18n import _
from ..engine.registry import rule
from ..source import Span
from ..source.compiled import load
from ..source.lazy_re import lazy
from ..source.re_cache import compile_re

_SENT = compile_re(r"[^。！？!?；;]+[。！？!?；;]?")
_CJK = lazy(r"[\u4e00-\u9fff]")
_KEY_END = "。！？!?；;，, "  # stripped from a sentence's end to make its key
_key_end_stripped = methodcaller("rstrip", _KEY_END)
MIN_SENTENCE = 10   # characters (CJK) a repeated sentence must have
_ENOUGH_CJK = lazy(rf"\A(?:[^\u4e00-\u9fff]*[\u4e00-\u9fff]){{{MIN_SENTENCE}}}")  # stops at the tenth
MIN_RUN = 8         # characters a back-to-back repeated run must have
MAX_RUN = 40
# A run of MIN_RUN..MAX_RUN characters, starting with a CJK one, written twice back to back: where the
# pattern matches is where the loop below may find a repeat (it then applies its own conditions).
# _Starts finds the same places faster than searching with this pattern; the tests compare the two.
_CANDIDATE = lazy(rf"(?s)([\u4e00-\u9fff].{{{MIN_RUN - 1},{MAX_RUN - 1}}}?)\1")
_GRAM = 4
_STEP = MIN_RUN - _GRAM + 1
assert (_GRAM, _STEP, MIN_RUN, MAX_RUN + _GRAM) == (4, 5, 8, 44), "update the literals of _Starts.__init__"


# slice(q, q + _GRAM) and slice(q + MIN_RUN, q + MAX_RUN + _GRAM) for q = 0, _STEP, 2 * _STEP, …: the same
# slice objects serve every text, grown to the longest one seen.
_GRAM_AT: list[slice] = []
_LATER: list[slice] = []


def _anchors(text: str) -> list[int]:
    """The q (multiples of _STEP) whose _GRAM characters occur again in ``text[q + MIN_RUN:q + MAX_RUN + _GRAM]``.

    ``gram in window`` is ``text.find(gram, q + 8, q + 44) >= 0`` (an occurrence that starts and ends in the
    range). The slices are taken and tested by map over prebuilt slice objects, so the loop runs in C with
    no bytecode per anchor (the comprehension it replaces is kept as the oracle in the tests)."""
    qs = range(0, len(text) - _GRAM + 1, _STEP)
    m = len(qs)
    if m > len(_GRAM_AT):
        for q in range(len(_GRAM_AT) * _STEP, m * _STEP, _STEP):
            _GRAM_AT.append(slice(q, q + _GRAM))
            _LATER.append(slice(q + MIN_RUN, q + MAX_RUN + _GRAM))
    # operator.getitem over repeat(text, m) (map stops there): a fast call each, where text.__getitem__,
    # a method-wrapper, packs a tuple of arguments per call
    return list(compress(qs, map(contains, map(getitem, repeat(text, m), _LATER),
                                 map(getitem, repeat(text, m), _GRAM_AT))))


class _Starts:
    """The places where _CANDIDATE matches, in order, found with a few C-speed operations per _STEP characters.

    A run of length L (MIN_RUN <= L <= MAX_RUN) written twice from p repeats every character of
    ``text[p:p + L]`` L characters later, so the _GRAM characters at each offset q in
    ``[p, p + L - _GRAM]`` occur again at q + L. That range holds L - _GRAM + 1 >= _STEP offsets, so one
    of them is a multiple of _STEP, at most _STEP - 1 after p: the anchor. Only anchors whose _GRAM
    characters recur MIN_RUN..MAX_RUN later (one ``str.find`` each) are looked at, and at an anchor q
    only the starts ``q - _STEP + 1 .. q`` and the distances at which its characters recur.
    """

    __slots__ = ("text", "anchors", "k")

    def __init__(self, text: str) -> None:
        self.text = text
        self.anchors = _anchors(text)
        self.k = 0

    def next(self, i: int) -> int | None:
        """The first place at or after *i* where _CANDIDATE matches (calls come with *i* increasing)."""
        text, anchors, k = self.text, self.anchors, self.k
        while k < len(anchors):
            q = anchors[k]
            if q >= i:
                gram, end = text[q:q + _GRAM], q + MAX_RUN + _GRAM
                dists = []
                j = text.find(gram, q + MIN_RUN, end)
                while j >= 0:
                    L = j - q
                    # A run written twice from p (q - _STEP < p <= q) at distance L repeats the characters
                    # q .. q + L - _GRAM (inside both p's first copy and every p's): tested once here,
                    # this drops most distances before the _STEP starts are tried.
                    if text[q:j - _GRAM] == text[j:j + L - _GRAM]:
                        dists.append(L)
                    j = text.find(gram, j + 1, end)
                if not dists:
                    k += 1
                    continue
                for p in range(max(i, q - _STEP + 1), q + 1):
                    if "\u4e00" <= text[p] <= "\u9fff":
                        for L in dists:
                            if text[p:p + L] == text[p + L:p + 2 * L]:
                                self.k = k
                                return p
            k += 1
        self.k = k
        return None
class _Listed:
    """_Starts' answers from the list of every place (checks/_repeats.c gives it, where it was built)."""

    __slots__ = ("places",)

    def __init__(self, places: list[int]) -> None:
        self.places = places

    def next(self, i: int) -> int | None:
        """The first place at or after *i* where _CANDIDATE matches."""
        places = self.places
        k = bisect_left(places, i)
        return places[k] if k < len(places) else None


_compiled = load(__package__, "_repeats", os.path.dirname(__file__))
USE_COMPILED = True  # tests turn it off to compare the two


def _starts(text: str):
    """Where a run is written twice back to back: the compiled search where it was built, else _Starts."""
    if _compiled is not None and USE_COMPILED:
        return _Listed(_compiled.starts(text, MIN_RUN, MAX_RUN, 0x4E00, 0x9FFF))
    return _Starts(text)


BACK_TO_BACK_LIMIT = 20000
# Template labels that a flattened table repeats legitimately (table 4's two litigation blocks).
_TEMPLATE = lazy(r"结果维持|结果纠正|其他结果|尚未审结|总计|自然人|商业企业|科研机构|社会公益组织|法律服务机构|其他|\s")  # paragraphs longer than this get the sentence check only (linear)


def _cjk_at_least(text: str, n: int) -> bool:
    """Whether *text* holds *n* Chinese characters, counted no further than that (a paragraph-long
    sentence would otherwise make a string object per character: 150 MB for 200,000 clauses). For
    MIN_SENTENCE, the pattern that counts them in C (no match object per character)."""
    if n == MIN_SENTENCE:
        return _ENOUGH_CJK.match(text) is not None
    return sum(1 for _ in islice(_CJK.finditer(text), n)) >= n


def _deletion(ctx, span: Span) -> Fix | None:
    """Deleting the repetition, offered to editors but never applied by ``--fix`` (it removes content);
    only where the span holds no markup, so that no tag is cut."""
    if ctx.document.source.text.find("<", span.start, span.end) >= 0:  # (no copy of a paragraph's markup)
        return None
    return Fix((Edit(span, ""),), safe=False)


def _repeated_sentences(text: str) -> list[tuple[int, int, str, int, int]]:
    """(start, end, key, first start, first end) of each sentence of *text* whose key (the sentence
    without its end punctuation) an earlier sentence of at least MIN_SENTENCE Chinese characters has."""
    # Only two sentences with the same key can be a repeat: most paragraphs have none, and their keys
    # are made at C speed before any sentence is looked at one by one.
    if len(text) < 2 * MIN_SENTENCE:
        return []  # no room for two sentences of MIN_SENTENCE characters
    sentences = _SENT.findall(text)
    if len(sentences) < 2:
        return []  # one sentence cannot repeat another
    keys = list(map(_key_end_stripped, map(str.strip, sentences)))  # C-level loops
    if len(set(keys)) == len(keys):
        return []
    out = []
    seen: dict[str, tuple[int, int]] = {}
    for m in _SENT.finditer(text):
        s = m.group().strip()
        key = s.rstrip(_KEY_END)
        if len(key) < MIN_SENTENCE or not _ENOUGH_CJK.match(key):
            continue
        if key in seen:
            start = m.start() + (len(m.group()) - len(m.group().lstrip()))
            out.append((start, start + len(s), key) + seen[key])
        else:
            seen[key] = (m.start(), m.end())
    return out


@rule("DL503", "duplicated-passage", "warning")
def check(ctx):
    """The same sentence or clause twice in a row, or twice within a paragraph.

    **What it checks.** Within a paragraph: a sentence (up to 。！？；) that occurs twice, and a run of
    at least 8 characters repeated back to back. Between paragraphs: a paragraph identical to the
    one before it.

    **Why it matters.** Copy-paste leaves doubled passages that every reader notices.

    **Example.** ``聚焦新中国成立70周年平潭专场新闻发布会聚焦新中国成立70周年平潭专场新闻发布会``.

    **How to fix.** Delete the repetition (an editor offers it as a quick fix; `dlint --fix` leaves content alone).

    【中文】
    同一句话或分句连续出现两次，或在同一段中出现两次。

    **检查内容。** 段内：某句话（以。！？；结尾）出现两次，或至少8个字的片段紧挨着重复。段与段之间：与上一段完全相同的段落。

    **问题影响。** 复制粘贴留下的重复文字，每位读者都会注意到。

    **示例。** ``聚焦新中国成立70周年平潭专场新闻发布会聚焦新中国成立70周年平潭专场新闻发布会``。

    **修改方法。** 删除重复内容（编辑器提供快速修复；`dlint --fix` 不改动内容）。
    """
    prev = None
    for b in ctx.paragraphs:
        text = b.text
        if prev is not None and text == prev.text and _cjk_at_least(text, MIN_SENTENCE):
            yield Finding(b.span, _("this paragraph repeats the one before it"), [Related(prev.span, _("the first copy"))],
                          fix=_deletion(ctx, b.span))
        prev = b
        reported = []
        for start, end, key, a, z in _repeated_sentences(text):
            yield Finding(b.ptext.span(start, end),
                          _("this sentence already occurs in the paragraph: “{sentence}”",
                            sentence=key[:30] + ("…" if len(key) > 30 else "")),
                          [Related(b.ptext.span(a, z), _("the first copy"))],
                          fix=_deletion(ctx, b.ptext.span(start, end)))
            reported.append((start, end))
        if len(text) > BACK_TO_BACK_LIMIT or len(text) < 2 * MIN_RUN:
            continue  # too long for this check, or too short to hold a run written twice
        n = len(text)
        # Only where a run is written twice back to back can a repeat start: _Starts finds the next such
        # place, so the loop visits candidates, not every character.
        starts = _starts(text)
        i = starts.next(0)
        while i is not None:
            hit = 0
            ch = text[i]
            j = text.find(ch, i + MIN_RUN, i + MAX_RUN + 1)
            while j >= 0:  # a repeat of length L starts with the same character at i + L
                L = j - i
                if i + 2 * L <= n and text[i:j] == text[j:j + L] and len(_CJK.findall(text[i:j])) >= MIN_RUN - 2 \
                        and len(_TEMPLATE.sub("", text[i:j])) >= 4:
                    hit = L  # the shortest repeat: a longer one would contain it
                    break
                j = text.find(ch, j + 1, i + MAX_RUN + 1)
            if hit:
                a, z = i + hit, i + 2 * hit
                if not any(x <= a < y for x, y in reported):
                    yield Finding(b.ptext.span(a, z), _("“{passage}” is written twice in a row", passage=text[i:i + hit]),
                                  [Related(b.ptext.span(i, i + hit), _("the first copy"))],
                                  fix=_deletion(ctx, b.ptext.span(a, z)))
                i = z
            else:
                i += 1
            i = starts.next(i)
