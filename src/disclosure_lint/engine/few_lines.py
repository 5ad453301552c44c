"""Line and column of the few places a lint result reports, without the source's whole line index.

:meth:`Source.line_col` builds an index of every line start (the whole text split into lines) the
first time it is asked. A report has a handful of findings on a page of a few thousand lines: when
nothing else has built the index (``--no-corpus``; the corpus summary does build it), counting the
line breaks between the sorted offsets with ``str.count`` (C, no object per line) costs about a
quarter of it (12 real pages: 8.5 M instructions against 33.9 M). The answers are the index's: a
``\\r\\n``, a lone ``\\r`` and a ``\\n`` each end one line (tests/test_few_lines.py holds the index as
the oracle).
"""
from __future__ import annotations

__all__ = ["FewLines"]


class FewLines:
    """``line_col`` and ``line_bounds`` for a known set of offsets of *text*."""

    __slots__ = ("text", "_at", "_cr")

    def __init__(self, text: str, offsets) -> None:
        self.text = text
        self._at: dict[int, tuple[int, int]] = {}
        n = len(text)
        cr = self._cr = "\r" in text
        line, pos = 1, 0  # the line offset pos lies on
        for off in sorted(set(offsets)):
            o = max(0, min(off, n))
            mid = cr and 0 < o < n and text[o - 1] == "\r" and text[o] == "\n"  # inside a \r\n break
            if cr:
                k = text.count("\n", pos, o) + text.count("\r", pos, o) - text.count("\r\n", pos, o)
                # a \r\n cut by o is counted as a lone \r above, but o is still on the line it ends;
                # the next range, starting at o, counts its \n and so moves past the break
                line += k - 1 if mid else k
                b = o - 1 if mid else o
                start = max(text.rfind("\n", 0, b), text.rfind("\r", 0, b)) + 1
            else:
                line += text.count("\n", pos, o)
                start = text.rfind("\n", 0, o) + 1
            pos = o
            self._at[off] = (line, o - start + 1)

    @classmethod
    def known(cls, text: str, offsets, counted: dict[int, tuple[int, int]]) -> "FewLines":
        """The same for a text without \\r whose breaks were counted already: *counted* maps each of
        *offsets*, put within the text, to its line and that line's start (corpus/summary.py counts a
        page's places and its findings in one pass)."""
        self = cls.__new__(cls)
        self.text, self._cr, self._at = text, False, {}
        n = len(text)
        for off in offsets:
            o = max(0, min(off, n))
            line, start = counted[o]
            self._at[off] = (line, o - start + 1)
        return self

    def line_col(self, offset: int) -> tuple[int, int]:
        """1-based line and column (code points) of one of the offsets given, as ``Source.line_col``."""
        return self._at[offset]

    def line_bounds(self, offset: int) -> tuple[int, int]:
        """The start of the line *offset* (one of the offsets given) lies on, and the start of the next
        line (just past the line's break; the text's length on the last line), as the index has them."""
        text = self.text
        n = len(text)
        o = max(0, min(offset, n))
        start = o - (self._at[offset][1] - 1)
        p = max(start, o - 1)  # o - 1 is this line's own \r when o cuts its \r\n; else no break lies before o
        brk = text.find("\n", p)
        if self._cr:  # (a lone \r before the \n ends the line first)
            cr = text.find("\r", p, brk + 1 if brk >= 0 else n)
            if cr >= 0:
                brk = cr
        if brk < 0:
            return start, n
        return start, brk + (2 if text.startswith("\r\n", brk) else 1)
