"""Finding labels and value runs in a one-line text body.

A :class:`NormView` is the body normalised the way labels are compared (:func:`label_key`: NFKC,
unified brackets and separators, no spaces or quotes), with the source offset of every kept
character, so a label found in the view maps back to exact source offsets.  Value runs are read
from the source itself, where spaces (hard cell boundaries) are still there.
"""
from __future__ import annotations

import re

from ..document.normalize import label_key
from ..source.re_cache import compile_re

__all__ = ["NormView", "value_run", "strip_numbering_tail", "NUMBERING_BEFORE"]

_DROP = set(" \t\r\n\u00a0\u3000\u200b\u200c\u200d\u2060\ufeff\u00ad")


class NormView:
    def __init__(self, text: str, start: int = 0, end: int | None = None) -> None:
        end = len(text) if end is None else end
        seg = text[start:end]
        # one translation table for the distinct characters of the text: C-speed for a 1 MB body
        mapping: dict[int, str | None] = {}
        for ch in set(seg):
            out = None if ch in _DROP else label_key(ch)
            mapping[ord(ch)] = out[0] if out else None  # the rare multi-character NFKC form keeps its first
        self.text = text
        self.norm = seg.translate(mapping)
        drop = {c for c, m in mapping.items() if m is None}
        if drop:
            self.idx = [start + i for i, ch in enumerate(seg) if ord(ch) not in drop]
        else:
            self.idx = list(range(start, end))

    def find(self, label: str, src_from: int, src_to: int | None = None) -> tuple[int, int] | None:
        """Source [start, end) of the first occurrence of *label* (compared as label keys) in the range."""
        key = label_key(label)
        if not key:
            return None
        a = self._norm_at(src_from)
        b = len(self.norm) if src_to is None else self._norm_at(src_to)
        k = self.norm.find(key, a, b)
        if k < 0:
            return None
        return self.idx[k], self.idx[k + len(key) - 1] + 1

    def _norm_at(self, src: int) -> int:
        import bisect
        return bisect.bisect_left(self.idx, src)


# A run of cells: numbers (ASCII or full-width, a sign, a decimal point) separated by spaces.
_NUM = r"-?[0-9０-９][0-9０-９.．\-－]*"
_RUN = compile_re(rf"{_NUM}(?:[ \t\u00a0\u3000]+{_NUM})*")
_LEAD = compile_re(r"[”\"’」』]?[ \t\u00a0\u3000]*(?:[（(][^）)0-9０-９]{0,40}[）)][ \t\u00a0\u3000]*)?")
_DIGIT = compile_re(r"[0-9０-９-]")
NUMBERING_BEFORE = compile_re(r"(?:[（(][一二三四五六七八九十]{1,3}[）)]|[一二三四五六七八九十]{1,3}[、.．]|\d{1,2}[.．、])[ \t\u00a0\u3000]*$")


def value_run(text: str, pos: int, limit: int, skip_text: bool = False) -> tuple[int, int] | None:
    """The value run starting at *pos* (after spaces and one parenthetical note), ending before *limit*.

    With *skip_text*, the rest of a label written longer than the edition's (``…缴纳费用、行政机关不再
    处理其政府信息公开申请``) is skipped up to the first digit before *limit*.
    """
    if skip_text:
        d = _DIGIT.search(text, pos, limit)
        at = d.start() if d else limit
    else:
        m = _LEAD.match(text, pos, limit)
        at = m.end() if m else pos
    r = _RUN.match(text, at, limit)
    if not r:
        return None
    return r.start(), r.end()


def strip_numbering_tail(text: str, start: int, end: int, expected: int | None) -> int:
    """End of the run once the next row's numbering (``2.`` or ``2、`` stuck to its digits) is cut off.

    The numbering is cut only when the run is followed by a numbering separator (``.``, ``、``) and
    the next character is not a digit (a decimal point is followed by digits).
    """
    s = text[start:end]
    after = text[end:end + 1]
    sep_in_run = s.endswith((".", "．"))
    if not sep_in_run and after not in ("、", ".", "．"):
        return end
    core_end = end - 1 if sep_in_run else end
    digits = text[start:core_end]
    want = str(expected) if expected else None
    if want and digits.endswith(want):
        cut = len(want)
    else:
        m = re.search(r"\d$", digits)
        cut = 1 if m else 0
    new_end = core_end - cut
    while new_end > start and text[new_end - 1] in " \t\u00a0\u3000":
        new_end -= 1
    return new_end
