"""readers/html_onepass files the split's tokens and builds libxml2's tree in one pass; wherever it answers,
its tokens must be the tokenizer's and its tree lxml's (test_html_libxml2's ``agrees``).  Here: markup split
in chunks of every size (the split's chunks are cut between tags, so a page of a few hundred characters
crosses many), with runs of a start tag, its text and its end tag, which the one pass takes at once where it
can; the inputs a differential run found; where it gives up, the reader's fallback."""
from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st

from disclosure_lint.readers import html_onepass as O
from disclosure_lint.readers import html_split
from disclosure_lint.readers import html_tree as T
from disclosure_lint.readers.html import _Reader
from disclosure_lint.readers.html_split import tokenize_split
from disclosure_lint.source import Source

from .test_html_copy_feed import _MORE
from .test_html_libxml2 import _HEAD, _TAIL, _piece, _tokens, agrees, pytestmark  # noqa: F401  (the same skip)
from .test_html_tree_speed import _flat


# A start tag, its text and its end tag, which the one pass takes at once where it can (and apart where the
# element is special: empty, raw or text content, implied, in the head), and near misses.
_RUN_TAGS = ["span", "SPAN", "a", "p", "o:p", "b", "td", "th", "tr", "li", "br", "img", "wbr", "embed", "title",
             "script", "xmp", "textarea", "html", "head", "body", "div", "table", "font", "col", "hr", "meta",
             "noscript", "plaintext", "option"]
_run = st.builds(lambda tag, inner, close, how: f"<{tag}{how}>{inner}</{close(tag)}>",
                 st.sampled_from(_RUN_TAGS), st.sampled_from(["", "x", " ", "\n", "文字 a", "&nbsp;", "\r\n "]),
                 st.sampled_from([str, str.upper, lambda t: t + " ", lambda t: t + "x"]),
                 st.sampled_from(["", " class=k", "/", " title='a>b'"]))


def test_a_run_is_one_piece_of_the_split():
    pieces = html_split._SPLIT_RUNS.split("<p><SPAN lang=EN>文字</span><o:p></o:p></p >")
    assert pieces[1::6] == ["<p>", "<SPAN lang=EN>文字</span>", "<o:p></o:p>", "</p >"]
    assert pieces[5::6] == [None, "文字", "", None]


@settings(max_examples=2000, deadline=None)
@given(_HEAD, st.lists(st.one_of(_piece, st.sampled_from(_MORE), _run, _run), max_size=80), _TAIL,
       st.sampled_from([1, 2, 3, 7, 16, 1 << 14]))
def test_generated_pages_in_chunks_of_every_size(head, pieces, tail, chunk):
    old = html_split._CHUNK
    html_split._CHUNK = chunk  # (read by the split at each call; the one pass uses the same chunks)
    try:
        agrees(head + "".join(pieces) + tail)
    finally:
        html_split._CHUNK = old


@pytest.mark.parametrize("text, chunk", [
    ("<BODY a=b> </BODY><s t='<p>q</p><b>'></html>", 16),
    ('<i>z</i>x<i>z</i><i>z</i><a t="<i>x</i><b>">y</a>', 16),
    ('<html><body>' + '<i>z</i>' * 2500 + 'x' + '<i>z</i>' * 1594 + '<a t="<i>x</i><i>x</i><b>">y</a>'
     + '<i>z</i>' * 3000 + '</body></html>', 1 << 14),
])
def test_where_the_split_s_cut_meets_a_quote_and_the_one_pass_s_does_not(text, chunk, monkeypatch):
    """Found by a differential run: the split gives up (a cut inside a quoted value holding "><"), the one
    pass, cutting elsewhere, reads the page as the tokenizer does."""
    monkeypatch.setattr(html_split, "_CHUNK", chunk)
    assert tokenize_split(text) is None
    assert agrees(text)


_RUNS_APART = "<html><body>" + "<br>x</br>" * 100 + "</body></html>"


@pytest.mark.parametrize("text", [
    "<html><body><p>a<!-- not closed",  # the split reads a comment that does not close apart
    '<html><body><p a="x>b</p></body></html>',  # a quote that never closes: the split gives up
    "<html><body><noscript><p>a</p></noscript></body></html>",  # the tree gives up
    "<html><body><div>a</div ></body></html>",
    "<html><body><p>1 </ 2</p></body></html>",
    "",
    _RUNS_APART,  # runs taken apart, each a move of the pieces
    "<html><body><s\u212a>x</s\u212a><p>y</p></body></html>",  # KELVIN SIGN: "k" lower-cased, not to libxml2
    "<html><body><b>x</b\u212a><p>y</p></body></html>",
])
def test_where_it_is_unsure_the_page_is_tokenized_and_lxml_builds_the_tree(text, monkeypatch):
    # The Python pass (the compiled one gives up on these too, but for _RUNS_APART: see below)
    monkeypatch.setattr(O, "USE_COMPILED", False)
    assert O.read_in_one_pass(text) is None
    reader = _Reader(Source(text))
    assert _flat((reader.root, reader.nodes, reader.comments)) == _flat(T.lxml_tree(text, _tokens(text), []))


def test_runs_the_python_pass_leaves_are_read_by_the_compiled_pass_as_lxml_reads_them():
    """The Python pass gives up where it would take too many runs apart in one chunk (a cost of its own split,
    not a doubt about the page); the compiled pass, which files tokens one at a time, reads the page."""
    if O._compiled is None:
        pytest.skip("the compiled HTML pass (readers/_onepass.c) was not built here")
    assert O.read_in_one_pass(_RUNS_APART) is not None
    assert agrees(_RUNS_APART)
