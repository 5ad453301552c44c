"""The compiled HTML pass (readers/_onepass.c) answers as the Python pass does (html_onepass), or not at all.

The Python pass is the definition (and test_html_libxml2 holds it to lxml's tree); wherever the compiled
pass answers, its tokens, its tree (tags, token numbers, parents, items, weights) and its comments must be
the Python pass's, on every page we have and on generated markup, and it must never crash on any text.
"""
from __future__ import annotations

import os

import pytest
from hypothesis import given, settings, strategies as st

from disclosure_lint.readers import html_onepass as O
from disclosure_lint.readers.html_tree import Node

from .test_html_copy_feed import _MORE
from .test_html_libxml2 import _HEAD, _TAIL, _pages, _piece, _synthetic, agrees, pytestmark as _libxml2_mark
from .test_html_onepass import _run
from .test_html_tree_speed import _flat

_LIBXML2_214 = not _libxml2_mark.args[0]  # (test_html_libxml2 compares with lxml only where it carries libxml2 2.14)
pytestmark = pytest.mark.skipif(
    O._compiled is None and not os.environ.get("DLINT_REQUIRE_COMPILED"),
    reason="the compiled HTML pass (readers/_onepass.c) was not built here (no C compiler at install time?): "
           "the Python pass alone is tested")


def test_built_where_ci_requires_it():
    # .ci/run sets DLINT_REQUIRE_COMPILED: there, a build that failed quietly (optional=True) is a failure
    assert O._compiled is not None


def _c(text: str, context: tuple | None = None):
    return O._compiled.read(text, Node("#root", -1, None), context or O._compiled_context())


def _shape(got):
    """The whole answer compared by value: tokens, kinds, and the tree as test_html_tree_speed flattens it."""
    if got is None:
        return None
    offsets, kinds, *tree = got
    return offsets.typecode, list(offsets), bytes(kinds), _flat(tree)


def _same_or_unsure(text: str) -> bool:
    """Whether the compiled pass answered (it then must answer as the Python pass)."""
    c = _c(text)
    if c is None:
        return False
    p = O._read_in_one_pass_py(text)
    if p is not None:
        assert _shape(c) == _shape(p)
    elif _LIBXML2_214:  # the Python pass gave up (its own split's limits): the compiled answer must be lxml's
        assert agrees(text)
    return True


def test_every_page_and_synthetic_report_as_the_python_pass_and_never_unsure():
    pages = _pages() + _synthetic()
    for text in pages:
        p = O._read_in_one_pass_py(text)
        c = _c(text)
        assert (c is None) == (p is None), O._compiled.last_give_up()  # no page of ours is left to Python
        assert _shape(c) == _shape(p)


@settings(max_examples=1500, deadline=None)
@given(_HEAD, st.lists(st.one_of(_piece, st.sampled_from(_MORE), _run), max_size=80), _TAIL)
def test_generated_pages(head, pieces, tail):
    _same_or_unsure(head + "".join(pieces) + tail)


_MARKUP_CHARS = st.sampled_from(list("<>/!?-\"'= \n\tabpsx\x00\u3000\u212a文") + ["<!--", "-->", "</", "<p>", "</p>",
                                 "<script>", "</script>", "<title>", "<br/>", "<a b='>'>", "&nbsp;"])


@settings(max_examples=3000, deadline=None)
@given(st.lists(_MARKUP_CHARS, max_size=120))
def test_arbitrary_markup_never_crashes_and_agrees_where_it_answers(parts):
    text = "".join(parts)
    _same_or_unsure(text)
    _same_or_unsure("<html><body>" + text + "</body></html>")


@settings(max_examples=500, deadline=None)
@given(st.text(max_size=300))
def test_arbitrary_text_never_crashes(text):
    _same_or_unsure(text)


def test_the_comparison_can_fail():
    # The same page read with one rule left out of the tables: the trees differ, and the comparison says so.
    text = "<html><body><p>a<div>b</div></body></html>"
    ctx = list(O._compiled_context())
    ctx[1] = dict(ctx[1], p=ctx[1]["p"] - {"div"})  # _CLOSED_BY without "a <div> closes a <p>"
    assert _shape(_c(text, tuple(ctx))) != _shape(O._read_in_one_pass_py(text))
    ctx = list(O._compiled_context())
    ctx[2] = ctx[2] - {"br"}  # VOID_TAGS without br: the text after it goes into the <br>
    text = "<html><body><p>x<br>y</p></body></html>"
    assert _shape(_c(text, tuple(ctx))) != _shape(O._read_in_one_pass_py(text))


@pytest.mark.parametrize("text", [
    "<html><body><p>1 </ 2</p></body></html>",        # a '<' in a text that libxml2 reads as markup
    "<html><body><p a=\"x>b</p></body></html>",       # a quote that never closes
    "<html><body><p>a<!-- not closed",
    "<html><body><noscript><p>a</p></noscript></body></html>",
    "<html><body><div>a</div ></body></html>",
    "<html><body><b\u212a>x</b\u212a></body></html>",
    "",
])
def test_where_it_gives_up(text):
    assert _c(text) is None


def test_a_stale_build_is_not_used(tmp_path, monkeypatch):
    # a checkout whose C file changed since its build takes the Python pass rather than a stale build
    import builtins
    import io

    src = os.path.join(os.path.dirname(O.__file__), "_onepass.c")
    assert O._load_compiled() is not None
    real_open = builtins.open

    def edited(path, *args, **kwargs):
        if os.fspath(path) == src:
            return io.BytesIO(b"/* edited */" + real_open(path, "rb").read())
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", edited)
    assert O._load_compiled() is None
    # the header the builds share (source/_compiled.h) is part of each build's sources too
    src = os.path.join(os.path.dirname(O.__file__), os.pardir, "source", "_compiled.h")
    src = os.path.normpath(src)
    monkeypatch.setattr(builtins, "open", lambda path, *a, **k: edited(os.path.normpath(os.fspath(path)), *a, **k))
    assert O._load_compiled() is None
    monkeypatch.setattr(builtins, "open", real_open)
    monkeypatch.setenv("DLINT_PURE_PYTHON", "1")
    assert O._load_compiled() is None
    monkeypatch.delenv("DLINT_PURE_PYTHON")
    assert O._load_compiled() is not None


@pytest.mark.parametrize("text, root", [
    ("<html><body><p>x</span>y</p></body></html>", Node("#root", -1, 12345)),  # a parent that is no node
    ("</p>x<html><body></body></html>", Node("p", -1, None)),  # the owner walk reaches the root's None parent
])
def test_objects_that_are_not_nodes_are_never_read_as_nodes(text, root):
    # (misuse of the internal call, found by a review: an attribute error, never memory read as a node)
    with pytest.raises(AttributeError):
        O._compiled.read(text, root, O._compiled_context())


def test_a_start_in_head_that_puts_something_else_on_the_stack_is_read_safely():
    ctx = list(O._compiled_context())
    real = ctx[9]

    def start_in_head(tag, names, nodes, state, rooted, root):
        got = real(tag, names, nodes, state, rooted, root)
        if tag == "p":
            nodes.append(7)
            names.append("x")
        return got

    ctx[9] = start_in_head
    with pytest.raises(AttributeError):
        O._compiled.read("<html><head><p>x</p></body></html>", Node("#root", -1, None), tuple(ctx))


def test_a_stray_angle_bracket_is_read_by_the_compiled_pass():
    text = "<html><body><p>P<0.05, 1 < 2 and 3<=4</p></body></html>"
    assert _c(text) is not None and _same_or_unsure(text)


def test_cut_parents_cuts_every_parent_as_the_python_loop_does():
    from disclosure_lint.readers.html import _Reader
    from disclosure_lint.source import Source

    r = _Reader(Source("<html><body><div><p>a<span>b</span></p></div><table><tr><td>1</td></tr></table></body></html>"))
    assert any(n.parent is not None for n in r.nodes)
    nodes = list(r.nodes)
    O._compiled.cut_parents(nodes)
    assert nodes and all(n.parent is None for n in nodes)

    class Other:  # not a Node: set through its attribute, as Python would
        parent = 1

    other = Other()
    O._compiled.cut_parents([other])
    assert other.parent is None
    with pytest.raises(TypeError):
        O._compiled.cut_parents((other,))
