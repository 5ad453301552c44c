"""The HTML reader's shortcut for the common cell shapes (<td>12</td>, <td><p>12</p></td>) gives the RawCell its
general path gives (readers/html.py: _Reader.cell against _Reader._cell): the same text, pieces, span,
rowspan, colspan and header flag, on every page we have and on generated tables of every shape."""
from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st

from disclosure_lint.readers import html as H
from disclosure_lint.readers.html import _Reader
from disclosure_lint.readers.html_tree import Node
from disclosure_lint.source import Source

from .test_html_libxml2 import _pages, _synthetic


_ANSWERED = [0]  # cells the C shortcut answered


def _cells(node: Node):
    todo = [node]
    while todo:
        n = todo.pop()
        for it in n.items:
            if type(it) is not int:
                if it.tag in ("td", "th"):
                    yield it
                todo.append(it)


def _shape(c):
    pt = c.ptext
    return (pt.text, pt._start, pt._p, c.span, c.rowspan, c.colspan, c.is_header, c.recovery)


def _compare(text: str) -> int:
    """How many cells took the shortcut; every cell compared with the general path."""
    r = _Reader(Source(text))
    short = 0
    fast = H._fast_cell
    for node in _cells(r.root):
        for _ in range(2):  # the second time, the tag's spans are known: the shortcuts may answer
            general = _shape(r._cell(node))
            got = _shape(r.cell(node))
            assert got == general, (text[:200], got, general)
            if fast is not None:  # the C shortcut (readers/_runs.c): the same cell, or None
                c = fast(node, r.text, r.starts, r._spans_of_tag)
                assert c is None or _shape(c) == general, (text[:200], _shape(c), general)
                _ANSWERED[0] += c is not None
        kids = node.items
        short += len(kids) == 1 and (type(kids[0]) is int or (len(kids[0].items) == 1 and type(kids[0].items[0]) is int))
    return short


@pytest.fixture(params=["one pass", "lxml tree"])
def tree(request, monkeypatch):
    """Either producer of the reader's tree: the one pass, or the tokens and lxml's tree where it gives up."""
    if request.param == "lxml tree":
        from disclosure_lint.readers import html_libxml2

        monkeypatch.setattr(html_libxml2, "ACTIVE", False)
    return request.param


def test_every_page_and_synthetic_report(tree):
    pages = _pages() + _synthetic()
    _ANSWERED[0] = 0
    assert sum(_compare(t) for t in pages) > 1000  # the shortcut is taken, and agrees
    assert H._fast_cell is None or _ANSWERED[0] > 1000  # and so is the C one


_CELL = st.sampled_from([
    "{t}", "<p>{t}</p>", "<p><span>{t}</span></p>", "<br>{t}", "<p>{t}<br></p>", "<script>x</script>{t}",
    "<p>{t}</p><p>{t}</p>", "<b>{t}</b>", "<p></p>", "", "<p><o:p></o:p></p>", "<table><tr><td>{t}</td></tr></table>",
    "<p>&nbsp;</p>", "<script>{t}</script>", "<style>{t}</style>", "<p><script>{t}</script></p>",
    "<button>{t}</button>", "<select><option>{t}</option></select>", "<textarea>{t}</textarea>", "<svg>{t}</svg>",
    "<object>{t}</object>", "<p><button>{t}</button></p>", "<p>{t}&amp;{t}</p>", "<style>p{{}}</style>{t}", "<br>",
])
_TEXT = st.sampled_from(["12", " 3 ", "", "本年新收", "—", "1&lt;!--[if]--&gt;2", "<!--x-->5", "\u3000", "&#49;"])
_OPEN = st.sampled_from(["<td>", "<th>", '<td rowspan="2">', '<td colspan="3" class="x">', "<td\n>", '<TD COLSPAN=2>'])


@settings(max_examples=300, deadline=None)
@given(rows=st.lists(st.lists(st.tuples(_OPEN, _CELL, _TEXT, st.booleans()), min_size=1, max_size=4),
                     min_size=1, max_size=4))
def test_generated_tables(rows):
    from disclosure_lint.readers import html_libxml2

    for active in (True, False):
        html_libxml2.ACTIVE = active
        try:
            _check_generated(rows)
        finally:
            html_libxml2.ACTIVE = True


def _check_generated(rows):
    body = "".join("<tr>" + "".join(o + c.format(t=t) + ("</td>" if close else "") for o, c, t, close in row)
                   + "</tr>" for row in rows)
    _compare(f"<html><body><table>{body}</table><table>{body}</table></body></html>")


def test_the_c_shortcut_refuses_what_it_does_not_know():
    if H._fast_cell is None:
        pytest.skip("readers/_runs.c was not built here")
    from array import array

    r = _Reader(Source("<html><body><table><tr><td>12</td><th><p>3</p></th></tr></table></body></html>"))
    cells = list(_cells(r.root))
    for c in cells:
        r._cell(c)  # the tags' spans known
    made = [H._fast_cell(c, r.text, r.starts, r._spans_of_tag) for c in cells]
    assert all(m is not None for m in made) and {m.is_header for m in made} == {True, False}
    assert H._fast_cell(object(), r.text, r.starts, r._spans_of_tag) is None
    assert H._fast_cell(cells[0], r.text, r.starts, {}) is None  # spans not known yet
    assert H._fast_cell(cells[0], r.text, array("q", [0]), r._spans_of_tag) is None  # offsets too short
    with pytest.raises(TypeError):
        H._fast_cell(cells[0], r.text, r.starts, list(r._spans_of_tag.items()))
    with pytest.raises(TypeError):
        H._fast_cell(cells[0], r.text, [0, 1, 2], r._spans_of_tag)


def test_the_c_shortcut_after_misuse():
    # (from a review: a later bind() of another class, a tag reassigned by a dict key's equality)
    if H._fast_cell is None:
        pytest.skip("readers/_runs.c was not built here")
    from array import array

    from disclosure_lint.readers import _runs
    from disclosure_lint.readers.html_tree import Node as RealNode

    class Small:
        __slots__ = ("tag", "items")

    small = Small()
    small.tag, small.items = "td", [0]
    try:
        _runs.bind(Small)
        assert H._fast_cell(small, "abc", array("q", [0, 1, 2, 3]), {}) is None
    finally:
        _runs.bind(RealNode)
    with pytest.raises(TypeError):
        _runs.bind_cell(H.RawCell, H.PText, H.new_span, frozenset({"br", 3}))

    r = _Reader(Source("<html><body><table><tr><th>7</th></tr></table></body></html>"))
    node = next(_cells(r.root))
    tag = r.text[r.starts[node.tok]:r.starts[node.tok + 1]]
    r._cell(node)

    armed = []

    class Key:  # a key whose hash is the start tag's: its equality runs during the lookup
        def __hash__(self):
            return hash(tag)

        def __eq__(self, other):
            if armed:
                node.tag = "".join(["t", "d"])
            return False

    spans = {Key(): (1, 1), tag: (1, 1)}
    armed.append(True)
    got = H._fast_cell(node, r.text, r.starts, spans)
    assert node.tag == "td"  # the lookup did run the key's equality
    assert got is not None and got.is_header  # read before the lookup could change it
