"""readers/_runs.c's join answers as html_text._join_runs (its definition) does, on every page's paragraphs and
cells and on generated tokens; misuse is an error, never a read out of bounds."""
from __future__ import annotations

import os
from array import array

import pytest
from hypothesis import given, settings, strategies as st

from disclosure_lint.readers import html_text as T
from disclosure_lint.readers.html import _BLOCK_TAGS, _SKIP_OR_BR, _Reader
from disclosure_lint.readers.html_text import _join_runs, text_items
from disclosure_lint.source import Source

from .test_html_libxml2 import _pages, _synthetic

pytestmark = pytest.mark.skipif(
    T._join is None and not os.environ.get("DLINT_REQUIRE_COMPILED"),
    reason="readers/_runs.c was not built here (no C compiler at install time?): the Python code alone is tested")


def test_built_where_ci_requires_it():
    # .ci/run sets DLINT_REQUIRE_COMPILED: there, a build that failed quietly (optional=True) is a failure
    assert T._join is not None


def _runs_of(r: _Reader):
    todo = [r.root]
    while todo:
        n = todo.pop()
        for it in n.items:
            if type(it) is not int:
                todo.append(it)
                for stop in (_BLOCK_TAGS, frozenset()):
                    items, plain = text_items(it, stop, _SKIP_OR_BR)
                    if items is not None and plain and len(items) > 1:
                        yield items


def test_every_page_and_synthetic_report():
    compared = joined = 0
    for text in _pages() + _synthetic():
        r = _Reader(Source(text))
        for items in _runs_of(r):
            got = T._join(r.text, r.starts, items)
            assert got == _join_runs(r.text, r.starts, items)
            compared += 1
            joined += got is not None
    assert compared > 1000 and joined > 500  # the comparison saw both answers, many times


_PIECE = st.text(alphabet="ab&<> 年12\u3000\U0001F600é\xa0ÿ", max_size=6)


@settings(max_examples=500, deadline=None)
@given(pieces=st.lists(st.tuples(_PIECE, st.booleans()), min_size=0, max_size=8), data=st.data())
def test_generated_tokens(pieces, data):
    # text tokens between markup (or touching, where the flag says so), then some of them picked in order
    text, offsets = "", [0]
    for piece, touch in pieces:
        if not touch:
            text += "<b>"
            offsets.append(len(text))
        text += piece
        offsets.append(len(text))
    toks = array("q", offsets)
    ks = sorted(set(data.draw(st.lists(st.integers(0, max(0, len(offsets) - 2)), max_size=6))))
    ks = [k for k in ks if k + 1 < len(offsets)]
    if ks:
        assert T._join(text, toks, ks) == _join_runs(text, toks, ks)
    else:
        assert T._join(text, toks, ks) is None  # nothing to join: left to the Python code


def test_misuse_is_an_error():
    toks = array("q", [0, 2, 5])
    with pytest.raises(ValueError):
        T._join("abcde", toks, [2])          # no offset after the last
    with pytest.raises(ValueError):
        T._join("ab", toks, [0, 1])          # past the text
    with pytest.raises(ValueError):
        T._join("abcde", array("q", [3, 1, 5]), [0])  # an end before its start
    with pytest.raises(ValueError):
        T._join("abcde", toks, [-1])
    import sys

    with pytest.raises(ValueError):
        T._join("abcde", toks, [sys.maxsize])  # (k + 1 would overflow)
    with pytest.raises(TypeError):
        T._join("abcde", [0, 2, 5], [0, 1])  # offsets that are no array
    with pytest.raises(TypeError):
        T._join("abcde", array("i", [0, 2, 5]), [0, 1])
    with pytest.raises(TypeError):
        T._join("abcde", toks, (0, 1))
    assert T._join("abcde", toks, [0, "x"]) is None  # not a text token: the Python code takes it
    assert T._join("abcde", toks, [0, 1]) is None  # they touch
    assert T._join("ab<b>cde", array("q", [0, 2, 5, 8]), [0, 2]) == ("abcde", [0, 2], [0, 5], [2, 8])


def test_join_from_a_latin1_text_into_an_ascii_one():
    # (CPython 3.11's PyUnicode_CopyCharacters checks the start of the whole text there, and fails: found by
    # a review; an English page with é before its paragraphs)
    text = "\xe9" + "x" * 10 + "<b>yy"
    toks = array("q", [1, 11, 14, 16])
    got = T._join(text, toks, [0, 2])
    assert got == _join_runs(text, toks, [0, 2]) and got[0].isascii()
    from disclosure_lint import lint_text

    page = "<html><head><title>café</title></head><body><p>" + "a" * 40 + "<b>bbb</b></p></body></html>"
    assert [d.code for d in lint_text(page, kind="html")] == ["DL006"]


def test_a_class_borrowing_another_class_slots_is_refused():
    from disclosure_lint.readers import _runs
    from disclosure_lint.readers.html_tree import Node

    class Small:
        __slots__ = ()
        tag = Node.__dict__["tag"]
        items = Node.__dict__["items"]

    with pytest.raises(TypeError):
        _runs.bind(Small)
    _runs.bind(Node)


def test_the_reader_reads_the_same_without_it(monkeypatch):
    from disclosure_lint import lint_text

    page = _synthetic()[0]
    with_it = [(d.code, d.span, d.message) for d in lint_text(page, kind="html")]
    monkeypatch.setattr(T, "USE_COMPILED", False)
    assert [(d.code, d.span, d.message) for d in lint_text(page, kind="html")] == with_it


def _same_walk(node, stop, skip):
    got = T._items(node, stop, skip)
    want = T._text_items(node, stop, skip)
    assert got is not NotImplemented
    assert got[0] == want[0] and (got[0] is None or got[1] == want[1]), (got, want)  # (the flag of a stopped walk says nothing)
    return got[0] is not None


def test_the_walk_on_every_page_and_synthetic_report():
    walks = 0
    for text in _pages() + _synthetic():
        r = _Reader(Source(text))
        todo = [r.root]
        while todo:
            n = todo.pop()
            for stop in (_BLOCK_TAGS, frozenset()):
                walks += _same_walk(n, stop, _SKIP_OR_BR)
            todo.extend(it for it in n.items if type(it) is not int)
    assert walks > 10000


_TAGS = st.sampled_from(["p", "span", "br", "script", "table", "td", "b", "div", "o:p", "style"])


@st.composite
def _trees(draw, depth=0):
    from disclosure_lint.readers.html_tree import Node

    node = Node(draw(_TAGS), draw(st.integers(0, 50)), None)
    for _ in range(draw(st.integers(0, 4 if depth < 5 else 0))):
        node.items.append(draw(st.integers(0, 99)) if draw(st.booleans()) else draw(_trees(depth + 1)))
    return node


@settings(max_examples=500, deadline=None)
@given(tree=_trees(), stop=st.sampled_from([_BLOCK_TAGS, frozenset(), frozenset({"table", "td"})]))
def test_the_walk_on_generated_trees(tree, stop):
    _same_walk(tree, stop, _SKIP_OR_BR)


def test_the_walk_leaves_what_it_does_not_know_to_python():
    from disclosure_lint.readers.html_tree import Node

    node = Node("p", 0, None)
    node.items = [1, object(), 2]
    assert T._items(node, frozenset(), _SKIP_OR_BR) is NotImplemented
    with pytest.raises(AttributeError):
        T.text_items(node, frozenset(), _SKIP_OR_BR)  # as the Python walk fails
    assert T._items(object(), frozenset(), _SKIP_OR_BR) is NotImplemented
    deep = Node("div", 0, None)
    cur = deep
    for k in range(20000):  # far deeper than any recursion could go
        nxt = Node("span", k, cur)
        cur.items.append(nxt)
        cur = nxt
    cur.items.append(7)
    assert T._items(deep, frozenset(), _SKIP_OR_BR) == ([7], True)
    with pytest.raises(TypeError):
        T._items(deep, [], _SKIP_OR_BR)
