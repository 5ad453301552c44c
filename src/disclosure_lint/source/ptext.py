"""Positioned text: a string whose every character knows where it came from.

Readers build a :class:`PText` from pieces of the source.  A *literal* piece maps
one character to one source character; a *mapped* piece (an entity such as
``&nbsp;``, a collapsed run of white space) maps its characters to one source
range.  ``span(i, j)`` turns a slice of the text back into a source span without
ever searching for text.
"""
from __future__ import annotations

import bisect
import re
from typing import Iterable

from . import Span

__all__ = ["PText", "PTextBuilder"]


class PText:
    __slots__ = ("text", "_pos", "_src", "_srcend", "_lit")

    def __init__(self, text: str, pos: list[int], src: list[int], srcend: list[int], lit: list[bool]) -> None:
        self.text = text
        self._pos = pos        # start of each piece in text
        self._src = src        # source start of each piece
        self._srcend = srcend  # source end of each piece
        self._lit = lit        # literal (1:1) or mapped (n:range)

    @classmethod
    def literal(cls, text: str, start: int) -> "PText":
        if not text:
            return cls("", [], [], [], [])
        return cls(text, [0], [start], [start + len(text)], [True])

    def __len__(self) -> int:
        return len(self.text)

    def __str__(self) -> str:
        return self.text

    def __repr__(self) -> str:
        return f"PText({self.text!r})"

    def _piece(self, i: int) -> int:
        return bisect.bisect_right(self._pos, i) - 1

    def src_start(self, i: int) -> int:
        k = self._piece(i)
        if self._lit[k]:
            return self._src[k] + (i - self._pos[k])
        return self._src[k]

    def src_end(self, i: int) -> int:
        """Source end of character ``i`` (exclusive)."""
        k = self._piece(i)
        if self._lit[k]:
            return self._src[k] + (i - self._pos[k]) + 1
        return self._srcend[k]

    def span(self, i: int = 0, j: int | None = None) -> Span:
        """Source span covering ``text[i:j]``; an empty slice gives an empty span at its place."""
        n = len(self.text)
        if j is None or j > n:
            j = n
        if n == 0:
            return Span(0, 0)
        i = max(0, min(i, n))
        if j <= i:
            at = self.src_start(i) if i < n else self.src_end(n - 1)
            return Span(at, at)
        pos, src, lit = self._pos, self._src, self._lit
        if len(pos) == 1:
            k0 = k1 = 0
        else:
            k0 = bisect.bisect_right(pos, i) - 1
            k1 = bisect.bisect_right(pos, j - 1, k0) - 1
        a = src[k0] + (i - pos[k0]) if lit[k0] else src[k0]
        z = src[k1] + (j - pos[k1]) if lit[k1] else self._srcend[k1]
        if a > z:
            # Pieces out of source order (a page whose tree puts later text before earlier text, as
            # misnested markup can): the span covers them all.
            a = min(a, min(src[k0:k1 + 1]))
            z = max(z, max(self._srcend[k0:k1 + 1]))
        return Span(a, z)

    def __getitem__(self, sl: slice) -> "PText":
        i, j, step = sl.indices(len(self.text))
        if step != 1:
            raise ValueError("PText slices take no step")
        if j <= i:
            return PText("", [], [], [], [])
        pos, src, srcend, lit = self._pos, self._src, self._srcend, self._lit
        k0 = bisect.bisect_right(pos, i) - 1
        k1 = bisect.bisect_right(pos, j - 1, k0) - 1
        # The pieces from k0 to k1, the first and the last cut to the slice (a literal piece's source
        # moves with its cut; a mapped piece keeps its whole range). Pieces that were apart stay apart.
        npos = [p - i for p in pos[k0:k1 + 1]]
        npos[0] = 0
        nsrc = src[k0:k1 + 1]
        nend = srcend[k0:k1 + 1]
        nlit = lit[k0:k1 + 1]
        if nlit[0] and i > pos[k0]:
            nsrc[0] += i - pos[k0]
        if nlit[-1]:
            nend[-1] = src[k1] + (j - pos[k1])
        return PText(self.text[i:j], npos, nsrc, nend, nlit)

    def strip(self) -> "PText":
        t = self.text
        i, j = 0, len(t)
        while i < j and (t[i].isspace() or t[i] in _INVISIBLE):
            i += 1
        while j > i and (t[j - 1].isspace() or t[j - 1] in _INVISIBLE):
            j -= 1
        return self if (i, j) == (0, len(t)) else self[i:j]

    def collapse_space(self) -> "PText":
        """Runs of white space become one space; zero-width characters disappear; ends are stripped."""
        if _SPACE_OR_INVISIBLE.search(self.text) is None:
            return self  # nothing to collapse or strip: the same text and pieces
        b = PTextBuilder()
        for k in range(len(self._pos)):
            p0 = self._pos[k]
            p1 = self._pos[k + 1] if k + 1 < len(self._pos) else len(self.text)
            piece = self.text[p0:p1]
            if not self._lit[k]:
                if _WS_RUN.fullmatch(piece):
                    b.add_mapped(" ", self._src[k], self._srcend[k])
                elif not _ZW.fullmatch(piece):
                    b.add_mapped(piece, self._src[k], self._srcend[k])
                continue
            base = self._src[k]
            if not _SPACE_OR_INVISIBLE.search(piece):
                b.add_literal(piece, base)  # nothing to collapse: the piece is its one run
                continue
            for m in _SPLIT.finditer(piece):
                s = m.group()
                if s[0] in _INVISIBLE:
                    continue
                if s[0].isspace():
                    b.add_mapped(" ", base + m.start(), base + m.end())
                else:
                    b.add_literal(s, base + m.start())
        return b.build(collapse=True).strip()

    def finditer(self, pattern, flags=0) -> Iterable:
        """Regex matches over the text (callers map groups with :meth:`span`)."""
        if isinstance(pattern, str):
            pattern = re.compile(pattern, flags)
        return pattern.finditer(self.text)

    @staticmethod
    def join(parts: Iterable["PText"], sep: str = "") -> "PText":
        b = PTextBuilder()
        first = True
        for p in parts:
            if not first and sep and len(p):
                # A separator that is not in the source maps onto the start of the next part.
                at = p.src_start(0)
                b.add_mapped(sep, at, at)
            b.add(p)
            if len(p):
                first = False
        return b.build()


_INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
_ZW = re.compile(f"[{_INVISIBLE}]+")
_WS_RUN = re.compile(r"\s+")
_SPLIT = re.compile(rf"\s+|[{_INVISIBLE}]+|[^\s{_INVISIBLE}]+")
_SPACE_OR_INVISIBLE = re.compile(rf"[\s{_INVISIBLE}]")


class PTextBuilder:
    __slots__ = ("_chunks", "_pos", "_src", "_srcend", "_lit", "_n")

    def __init__(self) -> None:
        self._chunks: list[str] = []
        self._pos: list[int] = []
        self._src: list[int] = []
        self._srcend: list[int] = []
        self._lit: list[bool] = []
        self._n = 0

    def __len__(self) -> int:
        return self._n

    def add_literal(self, text: str, start: int) -> None:
        if not text:
            return
        if self._lit and self._lit[-1] and self._srcend[-1] == start:
            self._srcend[-1] = start + len(text)  # extend the previous literal piece
        else:
            self._pos.append(self._n)
            self._src.append(start)
            self._srcend.append(start + len(text))
            self._lit.append(True)
        self._chunks.append(text)
        self._n += len(text)

    def add_mapped(self, text: str, start: int, end: int) -> None:
        if not text:
            return
        self._pos.append(self._n)
        self._src.append(start)
        self._srcend.append(end)
        self._lit.append(False)
        self._chunks.append(text)
        self._n += len(text)

    def add(self, p: PText) -> None:
        for k in range(len(p._pos)):
            p0 = p._pos[k]
            p1 = p._pos[k + 1] if k + 1 < len(p._pos) else len(p.text)
            if p._lit[k]:
                self.add_literal(p.text[p0:p1], p._src[k])
            else:
                self.add_mapped(p.text[p0:p1], p._src[k], p._srcend[k])

    def build(self, collapse: bool = False) -> PText:
        text = "".join(self._chunks)
        if collapse and "  " in text:
            # Adjacent collapsed spaces (from separate pieces) become one.
            b = PTextBuilder()
            p = PText(text, self._pos, self._src, self._srcend, self._lit)
            prev_space = False
            for k in range(len(p._pos)):
                p0 = p._pos[k]
                p1 = p._pos[k + 1] if k + 1 < len(p._pos) else len(text)
                piece = text[p0:p1]
                if piece == " " and not p._lit[k]:
                    if prev_space:
                        continue
                    prev_space = True
                    b.add_mapped(" ", p._src[k], p._srcend[k])
                    continue
                prev_space = piece.endswith(" ")
                if p._lit[k]:
                    b.add_literal(piece, p._src[k])
                else:
                    b.add_mapped(piece, p._src[k], p._srcend[k])
            return b.build()
        return PText(text, self._pos, self._src, self._srcend, self._lit)
