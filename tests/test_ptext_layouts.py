"""PText keeps a one-piece literal text compactly (its start only); the general layout keeps piece lists.
Both layouts must behave the same: the compact fast paths are checked here against the general code on
the same text, held in piece lists."""
from __future__ import annotations

from hypothesis import given, settings, strategies as st

from disclosure_lint.source.ptext import PText, PTextBuilder

_CHARS = st.sampled_from(["a", "中", " ", "\n", "\u200b", "\u00ad", "1", "\xa0"])


def _general(text: str, start: int) -> PText:
    p = PText.__new__(PText)
    p.text, p._start, p._p = text, -1, ([0], [start], [start + len(text)], [True])
    return p


def _pieces(p: PText) -> list:
    return [(t, lit, a, z) for t, lit, a, z in p._pieces()]


def _same(a: PText, b: PText) -> None:
    assert a.text == b.text
    assert _pieces(a) == _pieces(b)


@settings(max_examples=300, deadline=None)
@given(st.lists(_CHARS, min_size=1, max_size=12).map("".join), st.integers(0, 50),
       st.lists(st.tuples(st.integers(-3, 15), st.integers(-3, 15)), max_size=6))
def test_the_compact_layout_behaves_as_the_piece_lists(text, start, cuts):
    compact, general = PText.literal(text, start), _general(text, start)
    assert compact._p is None  # a one-piece literal is held compactly
    n = len(text)
    for i, j in cuts + [(0, None), (n, n), (0, n)]:
        assert compact.span(i, j) == general.span(i, j)
        if j is not None:
            _same(compact[i:j], general[i:j])
    for i in range(n):
        assert compact.src_start(i) == general.src_start(i)
        assert compact.src_end(i) == general.src_end(i)
        assert compact.is_literal_at(i) and general.is_literal_at(i)
    _same(compact.strip(), general.strip())
    _same(compact.collapse_space(), general.collapse_space())
    _same(PText.join([compact, compact], "|"), PText.join([general, general], "|"))
    b1, b2 = PTextBuilder(), PTextBuilder()
    for b, p in ((b1, compact), (b2, general)):
        b.add(p)
        b.add_mapped(" ", 3, 9)
        b.add(p)
    _same(b1.build(collapse=True), b2.build(collapse=True))


def test_a_built_one_piece_text_is_compact_and_others_are_not():
    b = PTextBuilder()
    b.add_literal("ab", 5)
    b.add_literal("cd", 7)  # contiguous: one piece
    p = b.build()
    assert p._p is None and p.span(1, 3) == p.span(1, 3) and (p.span(1, 3).start, p.span(1, 3).end) == (6, 8)
    b = PTextBuilder()
    b.add_literal("ab", 5)
    b.add_mapped(" ", 7, 13)
    q = b.build()
    assert q._p is not None and (q.span(0, 3).start, q.span(0, 3).end) == (5, 13)
    assert q[0:2]._p is None  # a slice within one literal piece becomes compact
    assert PText.literal("", 4).span() == q[2:1].span()


def test_every_character_collapse_space_acts_on_is_unprintable_or_the_space():
    # collapse_space skips its pattern where the text is printable and holds no ASCII space: sound only
    # while no printable character but the space is white space or zero-width (checked over every code point)
    import sys

    from disclosure_lint.source.ptext import _SPACE_OR_INVISIBLE

    printable = "".join(c for c in map(chr, range(sys.maxunicode + 1)) if c.isprintable() and c != " ")
    assert _SPACE_OR_INVISIBLE.search(printable) is None
    assert _SPACE_OR_INVISIBLE.search(" ") and _SPACE_OR_INVISIBLE.search("\u200b")
    from disclosure_lint.source.ptext import PText

    for text in ("本年  新收", "本年\u3000新收", "本年\u200b新收", "12\n", "\xa03", " 3"):
        pt = PText.literal(text, 0)
        assert pt.collapse_space().text != text  # each is collapsed (the shortcut does not hide it)
