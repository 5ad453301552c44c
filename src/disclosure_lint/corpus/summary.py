"""The per-report summary the corpus stage works from: small, serialisable, enough for every DL6 rule.

A :class:`ReportSummary` holds a report's identity, the table cells the chains need (table 3's
上年结转 / 结转下年度 per column, table 2's 制发 / 废止 / 现行有效 or the 2019 columns, the 2008
统计表's 本年度 / 历年累计 per row), the normalised sentences and runs of figures copy detection
compares, the inline suppressions, and for every place it names the resolved line/column and a
window of the source line, so findings and code frames need neither the page nor the tree again.
The table cells are read in summary_tables.py, the sentences here.

``to_json`` / ``from_json`` round-trip it, so per-report summaries can be made where the reports
are linted (worker processes, a Dask cluster) and the cross-report stage run over them anywhere.
"""
from __future__ import annotations

import hashlib
import json
from bisect import bisect_right
from ..source.dataclass_cache import dataclass, field
from decimal import Decimal

from ..document.normalize import ascii_digits
from ..engine.results import PACK, pack, unpack
from ..source import Span
from .identity import ReportIdentity, report_identity
from ..source.re_cache import compile_re

__all__ = ["Loc", "CellFact", "Unit", "ReportSummary", "summarise"]

FRAME = 40  # code points of the source line kept on each side of a place, for code frames


class Loc:
    """A place in the report: offsets, resolved line/column (1-based), and a window of its line.

    A batch holds every report's summary until the cross-report stage has run, and a sentence's
    window of a Word HTML page is kilobytes of markup: a long window is kept compressed. The long
    windows of one report's summary are compressed together, once (see :meth:`_Locator.pack`): a
    place then holds that stream and where its window starts in it (``_off``; -1 when ``_frame`` is
    its window alone, packed)."""

    __slots__ = ("start", "end", "line", "col", "end_line", "end_col", "_frame", "frame_col", "frame_len", "_off")

    def __init__(self, start: int, end: int, line: int, col: int, end_line: int, end_col: int,
                 frame: str = "", frame_col: int = 1) -> None:
        self.start, self.end, self.line, self.col = start, end, line, col
        self.end_line, self.end_col = end_line, end_col
        self._frame = pack(frame)  # the source line from column frame_col on (a window of it)
        self._off = -1
        self.frame_len = len(frame)
        self.frame_col = frame_col

    @property
    def frame(self) -> str:
        if self._off < 0:
            return unpack(self._frame)
        return _shared_text(self._frame)[self._off:self._off + self.frame_len]

    @frame.setter
    def frame(self, text: str) -> None:
        self._frame = pack(text)
        self._off = -1
        self.frame_len = len(text)

    def lay_on(self, known) -> None:
        """Lay the window on a ``KnownLine`` at its columns: packed alone, as ``lay_packed`` lays it; a
        window inside the report's shared stream, as ``lay_many`` lays its windows (the stream and the
        window's offset in it: neither compressed again nor copied)."""
        if self._off < 0:
            known.lay_packed(self.frame_col - 1, self.frame_len, self._frame)
        elif self.frame_len:
            lay_part(known, self.frame_col - 1, self.frame_len, self._frame, self._off)


    def __eq__(self, other) -> bool:
        return isinstance(other, Loc) and self.to_list() == other.to_list()

    __hash__ = None  # mutable, as the dataclass it replaces

    def __repr__(self) -> str:
        return (f"Loc(start={self.start!r}, end={self.end!r}, line={self.line!r}, col={self.col!r}, "
                f"end_line={self.end_line!r}, end_col={self.end_col!r}, frame={self.frame!r}, "
                f"frame_col={self.frame_col!r})")

    @property
    def span(self) -> Span:
        return Span(self.start, self.end)

    def to_list(self) -> list:
        return [self.start, self.end, self.line, self.col, self.end_line, self.end_col, self.frame, self.frame_col]

    @classmethod
    def from_list(cls, v) -> "Loc":
        return cls(*v)


def lay_part(known, start: int, n: int, kept, off: int) -> None:
    """Lay *n* code points at column *start* of a line, read from *kept* (packed) at *off*, as
    ``KnownLine.lay_many`` lays each of its windows (the tests compare the renderings)."""
    known.parts.append((start, n, kept, off))
    known.length = max(known.length, start + n)


_unpacked: list = [None, ""]  # the shared stream read last and its text


def _shared_text(kept) -> str:
    """The text of a report's shared stream of windows. The places a stage reads one after another are
    mostly one report's (a finding and its related places): the last stream read is kept unpacked, so
    they do not each decompress the report's windows again."""
    if _unpacked[0] is not kept:
        _unpacked[1] = unpack(kept)
        _unpacked[0] = kept
    return _unpacked[1]


@dataclass
class CellFact:
    """One cell: ``state`` is number / blank / na (— or /) / text; ``value`` a decimal string."""

    state: str
    value: str | None
    loc: Loc
    label: str = ""

    @property
    def number(self):
        if self.state != "number" or self.value is None:
            return None
        return Decimal(self.value) if "." in self.value else int(self.value)

    def to_list(self) -> list:
        return [self.state, self.value, self.loc.to_list(), self.label]

    @classmethod
    def from_list(cls, v) -> "CellFact":
        return cls(v[0], v[1], Loc.from_list(v[2]), v[3] if len(v) > 3 else "")


@dataclass
class Unit:
    """A sentence for copy detection: its normalised text (years and the agency's own name masked),
    the run of figures it states, whether it lies in 存在的主要问题及改进情况, and where it is."""

    text: str
    figures: tuple[str, ...]
    problems: bool
    loc: Loc

    @property
    def key(self) -> str:
        return hashlib.blake2b(self.text.encode("utf-8"), digest_size=8).hexdigest()

    def to_list(self) -> list:
        return [self.text, list(self.figures), self.problems, self.loc.to_list()]

    @classmethod
    def from_list(cls, v) -> "Unit":
        return cls(v[0], tuple(v[1]), bool(v[2]), Loc.from_list(v[3]))


@dataclass
class ReportSummary:
    path: str
    identity: ReportIdentity
    anchor: Loc                                   # the title (or the start of the content)
    published: str | None = None
    cells: dict[str, CellFact] = field(default_factory=dict)   # "t3.carried.natural", "t2.rules.现行有效件数", …
    stats: dict[str, dict[str, CellFact]] = field(default_factory=dict)  # 2008 统计表: row → {"year", "cumulative"}
    units: list[Unit] = field(default_factory=list)
    suppressions: list[tuple[tuple[str, ...], int, int]] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {"path": self.path, "identity": self.identity.to_dict(), "anchor": self.anchor.to_list(),
                "published": self.published, "cells": {k: c.to_list() for k, c in self.cells.items()},
                "stats": {r: {k: c.to_list() for k, c in cols.items()} for r, cols in self.stats.items()},
                "units": [u.to_list() for u in self.units],
                "suppressions": [[list(c), a, b] for c, a, b in self.suppressions]}

    @classmethod
    def from_dict(cls, d: dict) -> "ReportSummary":
        return cls(d["path"], ReportIdentity.from_dict(d["identity"]), Loc.from_list(d["anchor"]),
                   d.get("published"), {k: CellFact.from_list(v) for k, v in d.get("cells", {}).items()},
                   {r: {k: CellFact.from_list(v) for k, v in cols.items()} for r, cols in d.get("stats", {}).items()},
                   [Unit.from_list(u) for u in d.get("units", [])],
                   [(tuple(c), a, b) for c, a, b in d.get("suppressions", [])])

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, separators=(",", ":"))

    @classmethod
    def from_json(cls, s: str) -> "ReportSummary":
        return cls.from_dict(json.loads(s))


# ---- making a summary from a linted report ---------------------------------------------------------

class _Locator:
    """Places of one report: ``loc(span)`` a :class:`Loc`; then ``pack()`` once all are made, which sets
    every place's line, columns and window and compresses the long windows.

    A place is only noted when it is made: its line and window are found for all places at once, in
    :meth:`pack`. A page's few dozen places are then counted along the text (``str.count`` and
    ``str.rfind`` over the ranges between them, C), without the source's whole line index: splitting
    a page of thousands of lines into them costs about 2.2 M instructions, the counting a tenth of it
    (the lint's own findings are counted the same way when nothing built the index, engine/few_lines.py).
    A text holding a \\r (where \\r\\n, a lone \\r and \\n each end a line), or whose index is built already,
    is placed through the index."""

    def __init__(self, source) -> None:
        self.source = source
        self.text = source.text
        self.n = len(self.text)
        self.made: list[Loc] = []  # places whose line and window pack() has not set yet
        self.also: list[int] = []  # other offsets counted with the places (the lint's findings)
        self.counted: dict[int, tuple[int, int]] | None = None  # offset -> (line, its start), once counted
        self.long: list[Loc] = []  # places whose windows are long: packed together by pack()

    def __call__(self, span: Span) -> Loc:
        loc = Loc.__new__(Loc)  # its line, columns and window are set by pack()
        loc.start, loc.end = span.start, span.end
        self.made.append(loc)
        return loc

    def _place_counted(self, made: list[Loc]) -> None:
        """Set line, columns and window of *made* by counting line breaks (a text without \\r)."""
        text, n = self.text, self.n
        # the line (1-based) and its start, for every offset a place starts or ends at: in order, each
        # range between two offsets counted once (a page on one line of 100 KB is scanned once, not
        # once per place)
        at = self.counted = {}
        line, line_start, pos = 1, 0, 0
        wanted = {min(x, n) for loc in made for x in (loc.start, loc.end)}
        wanted.update([min(max(x, 0), n) for x in self.also])
        for o in sorted(wanted):
            k = text.count("\n", pos, o)
            if k:
                line += k
                line_start = text.rfind("\n", pos, o) + 1
            at[o] = (line, line_start)
            pos = o
        for loc in made:
            a, b = loc.start, loc.end
            if a > n:
                a = n
            if b > n:
                b = n
            line1, start1 = at[a]
            line2, start2 = at[b]
            w1 = (b if line2 == line1 else a) + FRAME
            # the window stops at the end of a's line (past its break, which rstrip drops)
            brk = text.find("\n", a, w1)
            if brk >= 0:
                w1 = brk + 1
            w0 = a - FRAME
            if w0 < start1:
                w0 = start1
            self._set(loc, line1, a - start1 + 1, line2, b - start2 + 1, w0, w1, start1)

    def _place_indexed(self, made: list[Loc]) -> None:
        """The same through the source's line index (any text; the form used before counting)."""
        n = self.n
        starts = self.source.line_starts
        last = len(starts) - 1
        for loc in made:
            a, b = loc.start, loc.end
            if a > n:
                a = n
            if b > n:
                b = n
            i1 = bisect_right(starts, a) - 1
            line_start = starts[i1]
            line_end = starts[i1 + 1] if i1 < last else n
            if b < line_end or i1 == last:  # on a's line (or a's line is the last)
                i2, w1 = i1, b + FRAME
            else:
                i2, w1 = bisect_right(starts, b, i1) - 1, a + FRAME
            if w1 > line_end:
                w1 = line_end
            w0 = a - FRAME
            if w0 < line_start:
                w0 = line_start
            self._set(loc, i1 + 1, a - line_start + 1, i2 + 1, b - starts[i2] + 1, w0, w1, line_start)

    def _set(self, loc: Loc, line: int, col: int, end_line: int, end_col: int, w0: int, w1: int,
             line_start: int) -> None:
        frame = self.text[w0:w1].rstrip("\r\n")  # only a window is sliced: lines of Word HTML run to 100 KB
        loc.line, loc.col, loc.end_line, loc.end_col = line, col, end_line, end_col
        flen = len(frame)
        loc._frame, loc._off, loc.frame_len, loc.frame_col = frame, -1, flen, w0 - line_start + 1
        if flen >= PACK:
            self.long.append(loc)

    def pack(self) -> None:
        """Place the places made so far, then compress their long windows together: one zlib stream per
        report.

        Compressing each alone cost about 150 K instructions a window, most of it fixed (Huffman tables
        built for a few hundred bytes); together they cost about half, and compress better (one page's
        text and markup repeat)."""
        made, self.made = self.made, []
        if made:
            # the index when it is there already (a reused document; the code frames' own lines built it)
            if "\r" in self.text or getattr(self.source, "_line_starts", None) is not None:
                self._place_indexed(made)
            else:
                self._place_counted(made)
        long, self.long = self.long, []
        if len(long) == 1:
            long[0]._frame = pack(long[0]._frame)
        elif long:
            kept = pack("".join([loc._frame for loc in long]))
            off = 0
            for loc in long:
                loc._frame, loc._off = kept, off
                off += loc.frame_len


# ---- sentences for copy detection -----------------------------------------------------------------

_SENTENCE = compile_re(r"[^。！？；!?;]+[。！？；!?;]?")
# Written X X* rather than X+ (the same matches) throughout: a pattern
# that opens with a character set, not a repeat, lets the regex engine skip to that set's characters in C
# instead of trying a match at every position (measured: the figures' findall 5x fewer instructions).
# Runs of what a normalised sentence keeps (joined: one string per run, not one per character).
_KEEP_RUN = compile_re(r"[\u3400-\u9fff0-9A-Za-z%.][\u3400-\u9fff0-9A-Za-z%.]*")
_YEAR = compile_re(r"(?:19|20)\d{2}(?=\s*年)")
# A number, and (group 2, in a lookahead) what makes it not a figure when it follows within three code
# points: a date, a time, a floor, numbering (年 / 月 / 日…, 、 . ．) ) — one C findall per sentence.
_FIGURE = compile_re(r"(\d\d*(?:\.\d+)?)(?=(\s{0,2}(?:年|月|日|号|时|分|秒|届|级|楼|层|路|栋|室|岁|点|[、.．)）])"
                     r"|\s?(?:季度|周年))?)")
_BOILERPLATE = compile_re(r"本报告|统计期限|以下简称|电子版|如对本?报告|联系电话|邮编|邮政编码|电子邮箱|传真|地址[:：]|"
                          r"勾稽关系|附件下载|当前位置|首页")
_PROBLEMS_HEAD = compile_re(r"(?:[一二三四五六七八九十]、|^)\s*(?:政府信息公开工作)?(?:存在的?主要?问题|主要问题|存在问题|存在的不足)")
# _PROBLEMS_HEAD past the start of the text, where ^ cannot match: it opens with a character set
_PROBLEMS_HEAD_INSIDE = compile_re(r"[一二三四五六七八九十]、\s*(?:政府信息公开工作)?(?:存在的?主要?问题|主要问题|存在问题|存在的不足)")
_NEXT_HEAD = compile_re(r"[一二三四五六七八九十]、\s*(?!.{0,6}(?:问题|不足|改进))")
MIN_UNIT = 30   # normalised characters a sentence needs to count as a passage
_THREE_DIGITS = compile_re(r"\d\D*\d\D*\d")  # three digits anywhere in a text
# A substring of every alternative of _BOILERPLATE: a paragraph holding none is not scanned by the pattern
# (its scan costs about a hundred instructions a code point, a substring test a few)
_BOILER_HINTS = ("报告", "统计期限", "以下简称", "电子", "联系电话", "邮", "传真", "地址", "勾稽关系", "附件下载", "当前位置",
                 "首页")


def _may_be_boilerplate(text: str) -> bool:
    for h in _BOILER_HINTS:
        if h in text:
            return True
    return False


def _figures(text: str) -> tuple[str, ...]:
    """The figures a sentence states: its numbers but years, dates, times, numbering and numbers of seven
    digits or more (a year before 年 is a date: 年 follows it)."""
    return tuple([raw for raw, stop in _FIGURE.findall(text) if not stop and len(raw.replace(".", "")) < 7])


def _marks(text: str) -> list[tuple[int, bool]]:
    """Where a paragraph opens (True) or leaves (False) 存在的主要问题及改进情况, in order."""
    # every problems heading holds 问题 or 不足, every next heading 、: a C substring test skips the
    # regex scans of nearly every paragraph
    heads = []
    if "问题" in text or "不足" in text:
        # _PROBLEMS_HEAD.finditer(text), its first match tried at 0 (the ^ branch) and the rest searched by a
        # pattern that opens with a character set (a search for the ^ branch tries a match at every position)
        m0 = _PROBLEMS_HEAD.match(text)
        if m0 is not None:
            heads.append((0, True))
        heads += [(m.start(), True) for m in _PROBLEMS_HEAD_INSIDE.finditer(text, 0 if m0 is None else m0.end())]
    if "、" in text:
        heads += _next_heads(text)
    return sorted(heads)


_NUMERALS = frozenset("一二三四五六七八九十")


def _next_heads(text: str) -> list[tuple[int, bool]]:
    """``[(m.start(), False) for m in _NEXT_HEAD.finditer(text)]``: every match is a numeral and a 、, so
    the 、 are found by ``str.find`` (C, a few instructions a code point) and the pattern is tried only at
    a numeral before one; the regex engine's scan for the pattern's first character costs about a
    hundred instructions a code point. Matches cannot overlap (a match's 、 and white space are no
    numeral), so the matches at these places are finditer's."""
    out = []
    i = text.find("、", 1)
    while i > 0:
        if text[i - 1] in _NUMERALS:
            m = _NEXT_HEAD.match(text, i - 1)
            if m is not None:
                out.append((i - 1, False))
        i = text.find("、", i + 1)
    return out


def _units(ctx, s: ReportSummary, loc: _Locator) -> None:
    names = sorted({raw for _, raw in s.identity.evidence} | ({s.identity.agency} if s.identity.agency else set()),
                   key=len, reverse=True)
    names = [n for n in names if len(n) >= 2]
    problems = False
    units = s.units
    for p in ctx.document.paragraphs():
        text = p.text
        marks = _marks(text)
        if len(text) < MIN_UNIT and _THREE_DIGITS.search(text) is None:
            # No sentence of it can be a unit: each is shorter than MIN_UNIT, so it would need three
            # figures, and each figure holds a digit (\d: folding and masking names add none). Every
            # mark starts on a sentence's character (a numeral, white space or a heading word), so the
            # sentence loop would apply them all: the last one decides. Most headings end here, before
            # the folded text, the names and the boilerplate are made for them.
            if marks:
                problems = marks[-1][1]
            continue
        mi = 0
        # What each sentence needs is made once for its paragraph (one C call each, not one per sentence):
        # - the wide digits folded (ascii_digits maps code point to code point, so a sentence's slice of
        #   the folded paragraph is its folded text);
        # - the names that can occur in it (a name absent from the paragraph is absent from each sentence,
        #   and the Ａ a longer name leaves cannot make a shorter one appear unless that one holds Ａ);
        # - the boilerplate matches (none spans 。！？；!?;, so a sentence holds one exactly when a match of
        #   the paragraph starts inside it).
        folded = ascii_digits(text)
        here = [n for n in names if n in folded or "Ａ" in n]
        boiler = [m.start() for m in _BOILERPLATE.finditer(text)] if _may_be_boilerplate(text) else ()
        bi = 0
        for m in _SENTENCE.finditer(text):
            ms, me = m.span()
            # headings met up to the end of this sentence (in one-line crawler text they sit inside it)
            while mi < len(marks) and marks[mi][0] < me:
                problems = marks[mi][1]
                mi += 1
            if boiler:
                while bi < len(boiler) and boiler[bi] < ms:
                    bi += 1
                if bi < len(boiler) and boiler[bi] < me:
                    continue
            a = folded[ms:me]
            for n in here:
                a = a.replace(n, "Ａ")
            figures = _figures(a)
            if len(figures) < 3 and me - ms < MIN_UNIT:
                continue  # the normalised text is never longer than the sentence
            # every year _YEAR masks is followed by 年: without one the substitution changes nothing
            norm = "".join(_KEEP_RUN.findall(_YEAR.sub("Y", a) if "年" in a else a))
            if len(figures) < 3 and len(norm) < MIN_UNIT:
                continue
            sent = m.group()
            lead = len(sent) - len(sent.lstrip())
            span = p.ptext.span(ms + lead, me)
            units.append(Unit(norm, figures, problems, loc(span)))


def summarise(ctx) -> ReportSummary:
    """The summary of one linted report (a rule :class:`~disclosure_lint.engine.context.Context`)."""
    return _summarise(ctx, _Locator(ctx.document.source))


def summarise_counting(ctx, offsets: list[int]):
    """:func:`summarise`, and the line and column of each of *offsets* (the lint's findings) as
    :class:`~disclosure_lint.engine.few_lines.FewLines`, counted in the same pass along the text as the
    summary's places (one count of a page's line breaks instead of two: about 0.9 M instructions on a
    real page); None when the places were found through the line index (then it answers as well)."""
    from ..engine.few_lines import FewLines

    loc = _Locator(ctx.document.source)
    loc.also = offsets
    s = _summarise(ctx, loc)
    if loc.counted is None:
        return s, None
    return s, FewLines.known(loc.text, offsets, loc.counted)


def _summarise(ctx, loc: _Locator) -> ReportSummary:
    from ..checks._common import doc_anchor
    from ..engine.suppress import parse_directives
    from .summary_tables import read_tables  # it builds CellFacts: imported once this module is whole

    doc = ctx.document
    ident = report_identity(ctx)
    pub = doc.metadata.get("published_date")
    s = ReportSummary(doc.path or "<stdin>", ident, loc(doc_anchor(ctx)), pub.value if pub else None)
    read_tables(ctx, s, loc)
    _units(ctx, s, loc)
    if doc.suppressions:
        good, _bad = parse_directives(doc)
        s.suppressions = [(d.codes, d.start, d.end) for d in good]
    loc.pack()
    return s
