"""Speed work after the reader (issue 17): each shortcut against the plain form it replaced.

- ``Row.distinct``: the distinct cells the grid keeps on each row, against ``_distinct(row.cells)``; and
  ``Table.text()`` / ``Table.cells()`` made from them against the forms that found them again per row.
- ``PText._collapse_pieces``: one pass over the pieces, against the two passes (a builder, then a second
  builder dropping a collapsed space that follows another) it replaced.
"""
from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings, strategies as st

from disclosure_lint.document import Blank, Cell, Row, Table, _distinct, _table_cells, _table_text
from disclosure_lint.document import grid
from disclosure_lint.document.parse import parse_bytes, parse_text
from disclosure_lint.readers.blocks import RawCell, RawRow, RawTable
from disclosure_lint.source import Span
from disclosure_lint.source import ptext as ptext_module
from disclosure_lint.source.ptext import PText, PTextBuilder

from .conftest import ROOT, shared_files
from .test_build_equivalence import _TEXT_CHARS, _layout, plain_distinct, ptexts, raw_tables

# ---------------------------------------------------------------------------------------------------
# The plain forms, as they were.


def plain_table_text(t: Table) -> str:
    return "\n".join(" | ".join(c.text for c in plain_distinct(r.cells)) for r in t.rows)


def plain_table_cells(t: Table) -> list[Cell]:
    out: list[Cell] = []
    shared = None
    for r in t.rows:
        if r.cells is shared:
            continue
        shared = r.cells
        out.extend(c for c in plain_distinct(r.cells) if c.row == r.index)
    return out


def plain_collapse_pieces(pt: PText) -> PText:
    """``PText._collapse_pieces`` as it was: a builder over the pieces, then (when two spaces touch) a
    second builder over its pieces that drops a collapsed space following another, then strip."""
    m = ptext_module
    b = PTextBuilder()
    for piece, literal, start, end in pt._pieces():
        if not literal:
            if m._WS_RUN.fullmatch(piece):
                b.add_mapped(" ", start, end)
            elif not m._ZW.fullmatch(piece):
                b.add_mapped(piece, start, end)
            continue
        base = start
        if not m._SPACE_OR_INVISIBLE.search(piece):
            b.add_literal(piece, base)
            continue
        for mm in m._SPLIT.finditer(piece):
            s = mm.group()
            if s[0] in m._INVISIBLE:
                continue
            if s[0].isspace():
                b.add_mapped(" ", base + mm.start(), base + mm.end())
            else:
                b.add_literal(s, base + mm.start())
    text = "".join(b._chunks)
    if "  " in text:
        b2 = PTextBuilder()
        p = PText(text, b._pos, b._src, b._srcend, b._lit)
        prev_space = False
        for piece, literal, start, end in p._pieces():
            if piece == " " and not literal:
                if prev_space:
                    continue
                prev_space = True
                b2.add_mapped(" ", start, end)
                continue
            prev_space = piece.endswith(" ")
            if literal:
                b2.add_literal(piece, start)
            else:
                b2.add_mapped(piece, start, end)
        return b2.build().strip()
    return PText(text, b._pos, b._src, b._srcend, b._lit).strip()


_WORD_CHARS = _TEXT_CHARS + "  \xa0\xa0"  # more spaces: runs of them across pieces, as Word writes &nbsp;


@settings(max_examples=800, deadline=None)
@given(ptexts(alphabet=_WORD_CHARS, max_pieces=14))
def test_collapse_pieces_as_the_two_passes(pt):
    assert _layout(pt._collapse_pieces()) == _layout(plain_collapse_pieces(pt))


def _word_cell(words: list[str], start: int = 10) -> PText:
    """A Word label cell: words, each followed by a line break and ``&nbsp;`` entities between spaces."""
    b = PTextBuilder()
    at = start
    for w in words:
        b.add_literal(w + "\n ", at)
        at += len(w) + 2
        for _k in range(4):
            b.add_mapped("\xa0", at, at + 6)
            b.add_literal(" ", at + 6)
            at += 7
    return b.build()


def test_collapse_pieces_word_cells():
    for words in (["社会公益", "组织"], ["三、本年度办", "理结果"], ["", "x"], ["本年新收"]):
        pt = _word_cell(words)
        assert _layout(pt._collapse_pieces()) == _layout(plain_collapse_pieces(pt)), words
        assert _layout(pt.collapse_space()) == _layout(plain_collapse_pieces(pt)), words
    assert _word_cell(["社会公益", "组织"]).collapse_space().text == "社会公益 组织"


def test_collapse_reference_can_fail():
    """A space run mapped to the source of its last piece instead of its first is told apart."""
    pt = _word_cell(["社会公益", "组织"])
    wrong = plain_collapse_pieces(pt)
    a, z = wrong.text.index(" "), wrong.text.index(" ") + 1
    assert wrong.span(a, z) == pt._collapse_pieces().span(a, z)
    moved = PText(wrong.text, list(wrong._p[0]), [s + (1 if k == 1 else 0) for k, s in enumerate(wrong._p[1])],
                  list(wrong._p[2]), list(wrong._p[3]))
    assert _layout(moved) != _layout(pt._collapse_pieces())


def _ids(cells) -> list[int]:
    return [id(c) for c in cells]


def _same_table(t: Table) -> None:
    for r in t.rows:
        assert r.distinct is not None  # the grid keeps them on every row it makes
        assert _ids(r.distinct) == _ids(plain_distinct(r.cells)), r.index
    assert _table_text(t) == plain_table_text(t)
    assert _ids(_table_cells(t)) == _ids(plain_table_cells(t))


@settings(max_examples=400, deadline=None)
@given(raw_tables())
def test_row_distinct_as_plain(raw):
    _same_table(grid.resolve(raw))


def _pages() -> list[Path]:
    return (sorted((ROOT / "examples").glob("*.html")) + sorted((ROOT / "tests" / "fixtures").rglob("*.html"))
            + shared_files("corpus/real-html/*.html", "corpus/real/*.txt"))


def test_row_distinct_real_pages_as_plain():
    seen = 0
    for p in _pages():
        doc = parse_bytes(p.read_bytes(), str(p))
        for t in doc.tables():
            _same_table(t)
            seen += 1
    assert seen


def test_rowspans_share_distinct_cells():
    doc = parse_text("<table><tr><td rowspan=2>甲</td><td colspan=2>1</td></tr><tr><td>2</td><td>3</td></tr>"
                     "</table>", kind="html")
    (t,) = doc.tables()
    _same_table(t)
    assert [c.text for c in t.rows[0].distinct] == ["甲", "1"]
    assert [c.text for c in t.rows[1].distinct] == ["甲", "2", "3"]
    # a row all of whose positions a rowspan holds shares the positions, and their distinct cells
    raw = RawTable([RawRow([RawCell(PText.literal("乙", 0), Span(0, 1), rowspan=3),
                            RawCell(PText.literal("4", 1), Span(1, 2), rowspan=3)], Span(0, 2)),
                    RawRow([], Span(2, 2)), RawRow([], Span(2, 2))], Span(0, 2))
    t = grid.resolve(raw)
    _same_table(t)
    assert t.rows[1].cells is t.rows[2].cells and t.rows[1].distinct is t.rows[2].distinct
    assert [c.text for c in t.rows[2].distinct] == ["乙", "4"]


def test_row_made_without_distinct_falls_back():
    """A Row made by hand (no ``distinct``) finds its distinct cells from its positions."""
    pool = [Cell(PText.literal(str(i), i), str(i), Span(i, i + 1), Blank(Span(i, i))) for i in range(3)]
    row = Row(0, [pool[0], pool[0], pool[1], pool[2]], Span(0, 3))
    t = Table(Span(0, 3), [row], 4)
    assert _table_text(t) == "0 | 1 | 2" == plain_table_text(t)
    assert _ids(_table_cells(t)) == _ids(pool)


def test_the_reference_can_fail():
    """A wrong distinct list (a cell dropped, as a filter on ``c.col == col`` would for a cell whose own
    column another holds) is told apart."""
    raw = RawTable([RawRow([RawCell(PText.literal("甲", 0), Span(0, 1), colspan=2),
                            RawCell(PText.literal("1", 1), Span(1, 2))], Span(0, 2))], Span(0, 2))
    t = grid.resolve(raw)
    _same_table(t)
    t.rows[0].distinct = t.rows[0].distinct[1:]
    assert _ids(t.rows[0].distinct) != _ids(plain_distinct(t.rows[0].cells))
    t2 = grid.resolve(raw)
    t2.rows[0].distinct = t2.rows[0].distinct[1:]
    assert _table_text(t2) != plain_table_text(t2)


# ---------------------------------------------------------------------------------------------------
# DL503's anchors: ``gram in window`` for ``find(gram, start, end) >= 0``.


def plain_anchors(text: str) -> list[int]:
    find = text.find
    return [q for q in range(0, len(text) - 3, 5) if find(text[q:q + 4], q + 8, q + 44) >= 0]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(["本年", "新收", "申请", "公开", "件", "。", "，", "a", "1", "政府信息", "本年新收"]),
                max_size=40), st.integers(0, 50))
def test_dl503_anchors_as_find(words, cut):
    from disclosure_lint.checks.dl503_duplicated_passage import _Starts

    text = "".join(words)
    for t in (text, text[cut:], text + text[:cut]):
        assert _Starts(t).anchors == plain_anchors(t)


def test_dl503_anchors_real_paragraphs():
    from disclosure_lint.checks.dl503_duplicated_passage import _Starts

    seen = 0
    for p in _pages():
        for b in parse_bytes(p.read_bytes(), str(p)).paragraphs():
            a = _Starts(b.text).anchors
            assert a == plain_anchors(b.text)
            seen += len(a)
    assert seen


def test_dl503_anchor_window_ends_where_find_ends():
    """A gram that recurs 40 characters on is an anchor, 41 on is not: the window is find's range."""
    from disclosure_lint.checks.dl503_duplicated_passage import _Starts

    for gap, hit in ((40, True), (41, False), (8, True), (7, False)):
        text = "甲乙丙丁" + "x" * (gap - 4) + "甲乙丙丁"
        assert (0 in _Starts(text).anchors) is hit, gap
        assert (0 in plain_anchors(text)) is hit, gap


# ---------------------------------------------------------------------------------------------------
# DL507: the "&…;" references found from each "&" str.find finds, for the pattern's own scan.

_REF_WORDS = ["&#8203;", "&#x200B;", "&#x200b", "&zwj;", "&zwnj;", "&shy;", "&ZeroWidthSpace;", "&NoBreak;",
              "&#173;", "&#0173;", "&#xAD;", "&nbsp;", "&amp;", "&&#8203;", "&#", "&", ";", "本年", "a", "\u200b"]


def plain_ref_matches(text: str, lo: int, hi: int) -> list[tuple[int, int]]:
    from disclosure_lint.checks.dl507_invisible_character import _ZW_REF

    return [m.span() for m in _ZW_REF.finditer(text, lo, hi)]


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from(_REF_WORDS), max_size=20), st.integers(0, 60), st.integers(0, 60))
def test_dl507_ref_matches_as_finditer(words, a, b):
    from disclosure_lint.checks.dl507_invisible_character import _ref_matches

    text = "".join(words)
    lo, hi = min(a, b, len(text)), min(max(a, b), len(text))
    assert _ref_matches(text, lo, hi) == plain_ref_matches(text, lo, hi)
    assert _ref_matches(text, 0, len(text)) == plain_ref_matches(text, 0, len(text))


def test_dl507_ref_matches_real_pages():
    from disclosure_lint.checks.dl507_invisible_character import _ref_matches

    for p in _pages():
        text = parse_bytes(p.read_bytes(), str(p)).source.text
        for lo, hi in ((0, len(text)), (len(text) // 3, 2 * len(text) // 3)):
            assert _ref_matches(text, lo, hi) == plain_ref_matches(text, lo, hi)


def test_dl507_ref_matches_end_inside_the_range():
    """A reference cut by the end of the range is not one (the pattern sees the text end there)."""
    from disclosure_lint.checks.dl507_invisible_character import _ref_matches

    text = "本年&#8203;新收&shy;"
    assert _ref_matches(text, 0, len(text)) == [(2, 9), (11, 16)] == plain_ref_matches(text, 0, len(text))
    assert _ref_matches(text, 0, 8) == [] == plain_ref_matches(text, 0, 8)
    assert _ref_matches(text, 3, len(text)) == [(11, 16)] == plain_ref_matches(text, 3, len(text))


# ---------------------------------------------------------------------------------------------------
# DL503: ten Chinese characters counted by _ENOUGH_CJK, for a match object per character.


def plain_cjk_at_least(text: str, n: int) -> bool:
    import re
    from itertools import islice

    return sum(1 for _ in islice(re.finditer(r"[\u4e00-\u9fff]", text), n)) >= n


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="本年新收一二a1 。，\u4e00\u9fff\u4dff\ua000\u3400", max_size=40))
def test_dl503_cjk_at_least_as_counting(text):
    from disclosure_lint.checks.dl503_duplicated_passage import MIN_SENTENCE, _cjk_at_least

    assert _cjk_at_least(text, MIN_SENTENCE) == plain_cjk_at_least(text, MIN_SENTENCE)
    assert _cjk_at_least(text, 3) == plain_cjk_at_least(text, 3)


def test_dl503_cjk_at_least_edges():
    from disclosure_lint.checks.dl503_duplicated_passage import MIN_SENTENCE, _cjk_at_least

    assert MIN_SENTENCE == 10
    for k, hit in ((9, False), (10, True), (11, True)):
        text = "a1，" + "。".join("本" * k) + "x"
        assert _cjk_at_least(text, MIN_SENTENCE) is hit is plain_cjk_at_least(text, MIN_SENTENCE), k
    assert _cjk_at_least("\u4dff" * 12 + "\ua000" * 12, MIN_SENTENCE) is False  # just outside the range
