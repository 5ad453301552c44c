"""What the text-hygiene rules (DL501, DL502, DL505–DL507) share: where they look, and when an edit is safe.

Not a rule module (its name starts with _).
"""
from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache

from ..engine.fixes import edit_for
from ..i18n import _
from ..source import Span
from ..source.re_cache import compile_re

# Characters that make up figures: a hygiene fix never touches one of these or a character next to one,
# so no number the facts read (its value, unit or the words around it) can change.
NUMERALS = frozenset("0123456789０１２３４５６７８９零〇○一二两三四五六七八九十百千万亿壹贰叁肆伍陆柒捌玖拾佰仟"
                     "兩萬億貳參陸")
HAN = ("\u3400", "\u9fff")
SUGGESTION_MAX = 300


def is_han(ch: str) -> bool:
    return "\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff" or "\U00020000" <= ch <= "\U0003134f"


def units(doc, cells: bool = True):
    """(positioned text, "paragraph" or "cell") for every paragraph and heading, then every table cell."""
    for b in doc.paragraphs():
        yield b.ptext, "paragraph"
    if cells:
        for t in doc.tables():
            for c in t.cells():
                yield c.ptext, "cell"


def units_with(doc, chars: str, cells: bool = True):
    """The units of :func:`units`, in the same order, that hold at least one of *chars*.

    The texts of all units are joined once per document (cached) and searched once for the
    characters, in C; most units hold none of them and cost nothing. Matches map back to units by
    bisect, so a rule's per-unit work is done only where it can find something."""
    items, starts, joined = _joined(doc, cells)
    search = _chars_re(chars).search if len(chars) > _FEW else _FindFirst(joined, chars).at
    out = []
    m = search(joined)
    while m is not None:
        k = bisect_right(starts, m.start()) - 1
        out.append(items[k])
        if k + 1 == len(starts):
            break
        m = search(joined, starts[k + 1])  # on from the next unit
    return out


_FEW = 6  # up to this many characters, a str.find per character (a memchr in C) beats a class search


class _FindFirst:
    """``_chars_re(chars).search`` for a few characters, by ``str.find``: where each character occurs next
    is kept, and looked for again only once the search has passed it (linear in the text)."""

    __slots__ = ("text", "next", "_pos")

    def __init__(self, text: str, chars: str) -> None:
        self.text = text
        self.next = {ch: text.find(ch) for ch in chars}

    def at(self, _text: str, pos: int = 0):
        """An object whose ``start()`` is the first position at or after *pos* holding one of the
        characters (None if there is none); *_text* is the text given to the constructor."""
        best = -1
        for ch, i in self.next.items():
            if 0 <= i < pos:
                i = self.next[ch] = self.text.find(ch, pos)
            if i >= 0 and (best < 0 or i < best):
                best = i
        if best < 0:
            return None
        self._pos = best
        return self

    def start(self) -> int:
        return self._pos


_SEP = "\x00"  # between the joined texts: none of the characters searched for


def _joined(doc, cells: bool):
    """(units, where each starts in the joined text, the joined text), made once per document."""
    return doc.derived("hygiene_units" if cells else "hygiene_paragraphs",
                       lambda d: _join_units(list(units(d, cells))))


def _join_units(items: list):
    starts, parts, pos = [], [], 0
    for pt, _kind in items:
        text = pt.text
        starts.append(pos)
        parts.append(text)
        pos += len(text) + 1
    return items, starts, _SEP.join(parts)


@lru_cache(maxsize=None)
def _chars_re(chars: str):
    assert _SEP not in chars
    return compile_re("[" + "".join(re.escape(ch) for ch in chars) + "]")


def near_numeral(text: str, i: int, j: int, reach: int = 1) -> bool:
    """True when ``text[i:j]`` or the *reach* characters either side of it hold a digit or a numeral."""
    return any(ch in NUMERALS for ch in text[max(0, i - reach):j + reach])


def exact_suggestion(source, pt, i: int, j: int, replaced: str) -> str | None:
    """*replaced* as the suggestion for ``pt.text[i:j]``, only when the source span holds exactly that text
    (no markup, no entity) so that the suggestion applies to the finding's span and nothing else."""
    span = pt.span(i, j)
    if source.text[span.start:span.end] != pt.text[i:j] or not replaced or len(replaced) > SUGGESTION_MAX:
        return None
    return replaced


def apply_pieces(text: str, i: int, j: int, pieces) -> str:
    """``text[i:j]`` with the ``(start, end, replacement)`` pieces inside it replaced."""
    out = []
    pos = i
    for a, z, rep in sorted(pieces):
        if a < pos or z > j:
            continue
        out.append(text[pos:a])
        out.append(rep)
        pos = z
    out.append(text[pos:j])
    return "".join(out)


def listing(items, limit: int = 6) -> str:
    items = list(items)
    return "、".join(items[:limit]) + ("…" if len(items) > limit else "")


def edits_for(source, pt, pieces):
    """Edits for ``(i, j, replacement)`` pieces of *pt*; pieces that cannot be mapped exactly are left out."""
    out = []
    for i, j, rep in pieces:
        e = edit_for(source, pt, i, j, rep)
        if e is not None:
            out.append(e)
    return tuple(out)


def cover(spans) -> Span:
    spans = list(spans)
    return Span(min(s.start for s in spans), max(s.end for s in spans))


def where(kind: str) -> str:
    return _("this cell") if kind == "cell" else _("this paragraph")
