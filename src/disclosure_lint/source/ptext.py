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

TYPE_CHECKING = False  # typing.TYPE_CHECKING: typing is for annotations only, and costs ~10 M instructions to import
if TYPE_CHECKING:
    from typing import Iterable

from . import Span, new_span
from .lazy_re import lazy
from .re_cache import compile_re

__all__ = ["PText", "PTextBuilder"]


class PText:
    # Two layouts, the same behaviour. Most texts (a cell's figure, a stripped paragraph) are one literal
    # piece: then ``_start`` is its source start and ``_p`` is None — an object of three slots instead of
    # four lists (about 60 bytes instead of 350). Otherwise ``_start`` is -1 and ``_p`` holds the lists
    # (pos, src, srcend, lit): each piece's start in text, its source start and end, literal (1:1) or
    # mapped (its characters map onto one source range).
    __slots__ = ("text", "_start", "_p")

    def __init__(self, text: str, pos: list[int], src: list[int], srcend: list[int], lit: list[bool]) -> None:
        self.text = text
        if len(pos) == 1 and lit[0] and text and srcend[0] == src[0] + len(text):
            self._start = src[0]
            self._p = None
        else:
            self._start = -1
            self._p = (pos, src, srcend, lit) if text else _NO_PIECES

    @classmethod
    def literal(cls, text: str, start: int) -> "PText":
        return _literal(text, start) if text else _empty()

    # The piece lists, as the general layout holds them (built for a one-piece text when asked).
    @property
    def _pos(self) -> list[int]:
        return self._p[0] if self._p is not None else [0]

    @property
    def _src(self) -> list[int]:
        return self._p[1] if self._p is not None else [self._start]

    @property
    def _srcend(self) -> list[int]:
        return self._p[2] if self._p is not None else [self._start + len(self.text)]

    @property
    def _lit(self) -> list[bool]:
        return self._p[3] if self._p is not None else [True]

    def __len__(self) -> int:
        return len(self.text)

    def __str__(self) -> str:
        return self.text

    def __repr__(self) -> str:
        return f"PText({self.text!r})"

    def _piece(self, i: int) -> int:
        if self._p is None:
            return 0
        return bisect.bisect_right(self._p[0], i) - 1

    def is_literal_at(self, i: int) -> bool:
        """Whether character ``i`` stands for itself in the source (not an entity, <br> or collapsed run)."""
        if self._p is None:
            return True
        return self._p[3][bisect.bisect_right(self._p[0], i) - 1]

    def src_start(self, i: int) -> int:
        if self._p is None:
            return self._start + i
        pos, src, _, lit = self._p
        k = bisect.bisect_right(pos, i) - 1
        if lit[k]:
            return src[k] + (i - pos[k])
        return src[k]

    def src_end(self, i: int) -> int:
        """Source end of character ``i`` (exclusive)."""
        if self._p is None:
            return self._start + i + 1
        pos, src, srcend, lit = self._p
        k = bisect.bisect_right(pos, i) - 1
        if lit[k]:
            return src[k] + (i - pos[k]) + 1
        return srcend[k]

    def span(self, i: int = 0, j: int | None = None) -> Span:
        """Source span covering ``text[i:j]``; an empty slice gives an empty span at its place."""
        n = len(self.text)
        if j is None or j > n:
            j = n
        if n == 0:
            return Span(0, 0)
        i = max(0, min(i, n))
        if self._p is None:
            a = self._start + i
            return new_span(a, a + j - i) if j > i else new_span(a, a)
        if j <= i:
            at = self.src_start(i) if i < n else self.src_end(n - 1)
            return Span(at, at)
        pos, src, srcend, lit = self._p
        if len(pos) == 1:
            k0 = k1 = 0
        else:
            k0 = bisect.bisect_right(pos, i) - 1
            k1 = bisect.bisect_right(pos, j - 1, k0) - 1
        a = src[k0] + (i - pos[k0]) if lit[k0] else src[k0]
        z = src[k1] + (j - pos[k1]) if lit[k1] else srcend[k1]
        if a > z:
            # Pieces out of source order (a page whose tree puts later text before earlier text, as
            # misnested markup can): the span covers them all.
            a = min(a, min(src[k0:k1 + 1]))
            z = max(z, max(srcend[k0:k1 + 1]))
        return new_span(a, z)

    def __getitem__(self, sl: slice) -> "PText":
        i, j, step = sl.indices(len(self.text))
        if step != 1:
            raise ValueError("PText slices take no step")
        if j <= i:
            return _empty()
        if self._p is None:
            return _literal(self.text[i:j], self._start + i)
        pos, src, srcend, lit = self._p
        k0 = bisect.bisect_right(pos, i) - 1
        k1 = bisect.bisect_right(pos, j - 1, k0) - 1
        if k0 == k1 and lit[k0]:
            # Within one literal piece: a one-piece text.
            return _literal(self.text[i:j], src[k0] + (i - pos[k0]))
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

    def _pieces(self):
        """(text of the piece, literal, source start, source end) for each piece, in order."""
        if self._p is None:
            yield self.text, True, self._start, self._start + len(self.text)
            return
        pos, src, srcend, lit = self._p
        text = self.text
        last = len(pos) - 1
        for k in range(len(pos)):
            yield text[pos[k]:pos[k + 1] if k < last else len(text)], lit[k], src[k], srcend[k]

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
        text = self.text
        # Every character _SPACE_OR_INVISIBLE matches but the ASCII space is unprintable (white space, the
        # zero-width ones; a test goes over every code point): two C scans, cheaper than the pattern's.
        if (text.isprintable() and " " not in text) or _SPACE_OR_INVISIBLE.search(text) is None:
            return self  # nothing to collapse or strip: the same text and pieces
        i = len(text) - len(text.lstrip(BLANK_CHARS))
        j = len(text.rstrip(BLANK_CHARS))
        if i < j and _SPACE_OR_INVISIBLE.search(text, i, j) is None:
            # White space only at the ends (a Word cell's "\n      计量单位\n      "): collapsing is cutting
            # them off, a slice; the pieces are those the rebuild makes (a property test compares them).
            return self[i:j]
        return self._collapse_pieces()

    def _collapse_pieces(self) -> "PText":
        """:meth:`collapse_space` by rebuilding the pieces: any white space, anywhere.

        One pass: each run of white space becomes a mapped " " (the source of the run), and a space that
        would follow another space is not added at all — what a second pass over the pieces used to
        drop (a Word cell of thirty ``&nbsp;`` pieces was rebuilt twice). The piece lists are kept in
        locals, as the builder keeps them; tests compare the result with the two passes."""
        chunks: list[str] = []
        pos: list[int] = []
        src: list[int] = []
        srcend: list[int] = []
        lit: list[bool] = []
        n = 0
        # The text so far ends with a space, or is empty: a run of white space adds nothing (at the start,
        # the strip below would cut it off again).
        after_space = True
        for piece, literal, start, end in self._pieces():
            if not piece:
                continue
            if not literal:
                if _WS_RUN.fullmatch(piece):
                    if after_space:
                        continue
                    piece = " "
                    after_space = True
                elif _ZW.fullmatch(piece):
                    continue
                else:
                    after_space = piece[-1] == " "
                pos.append(n)
                src.append(start)
                srcend.append(end)
                lit.append(False)
                chunks.append(piece)
                n += len(piece)
                continue
            if _SPACE_OR_INVISIBLE.search(piece) is None:
                runs = ((piece, 0),)  # nothing to collapse: the piece is its one run
            else:
                runs = [(m.group(), m.start()) for m in _SPLIT.finditer(piece)]
            for run, at in runs:
                first = run[0]
                if first in _INVISIBLE:
                    continue
                if first.isspace():
                    if not after_space:
                        after_space = True
                        pos.append(n)
                        src.append(start + at)
                        srcend.append(start + at + len(run))
                        lit.append(False)
                        chunks.append(" ")
                        n += 1
                    continue
                after_space = False
                a = start + at
                if lit and lit[-1] and srcend[-1] == a:
                    srcend[-1] = a + len(run)  # extends the literal piece before it, as the builder does
                else:
                    pos.append(n)
                    src.append(a)
                    srcend.append(a + len(run))
                    lit.append(True)
                chunks.append(run)
                n += len(run)
        if chunks and chunks[-1] == " " and not lit[-1]:
            # a collapsed run at the end (a piece added as " " is one; a literal " " is never added): the
            # strip below would cut it off again
            del chunks[-1], pos[-1], src[-1], srcend[-1], lit[-1]
        return PText("".join(chunks), pos, src, srcend, lit).strip()

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


_NO_PIECES = ((), (), (), ())  # an empty text's pieces (never changed: a PText's lists are not written)
_new = object.__new__


def _literal(text: str, start: int) -> PText:
    """A one-piece text (*text* not empty), without going through the piece lists."""
    p = _new(PText)
    p.text = text
    p._start = start
    p._p = None
    return p


def _empty() -> PText:
    p = _new(PText)
    p.text = ""
    p._start = -1
    p._p = _NO_PIECES
    return p


_INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
# White space: the characters str.isspace and \s accept (the same set; a test checks it).
_WHITESPACE = ("\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006"
               "\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000")
BLANK_CHARS = _WHITESPACE + _INVISIBLE  # what collapse_space strips from the ends
_ZW = lazy(f"[{_INVISIBLE}]+")
_WS_RUN = compile_re(r"\s+")
_SPLIT = compile_re(rf"\s+|[{_INVISIBLE}]+|[^\s{_INVISIBLE}]+")
_SPACE_OR_INVISIBLE = compile_re(rf"[\s{_INVISIBLE}]")


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
        if p._p is None:
            self.add_literal(p.text, p._start)
            return
        for piece, literal, start, end in p._pieces():
            if literal:
                self.add_literal(piece, start)
            else:
                self.add_mapped(piece, start, end)

    def build(self, collapse: bool = False) -> PText:
        text = "".join(self._chunks)
        if collapse and "  " in text:
            # Adjacent collapsed spaces (from separate pieces) become one.
            b = PTextBuilder()
            p = PText(text, self._pos, self._src, self._srcend, self._lit)
            prev_space = False
            for piece, literal, start, end in p._pieces():
                if piece == " " and not literal:
                    if prev_space:
                        continue
                    prev_space = True
                    b.add_mapped(" ", start, end)
                    continue
                prev_space = piece.endswith(" ")
                if literal:
                    b.add_literal(piece, start)
                else:
                    b.add_mapped(piece, start, end)
            return b.build()
        return PText(text, self._pos, self._src, self._srcend, self._lit)
