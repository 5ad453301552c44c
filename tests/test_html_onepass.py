"""readers/html_onepass files the split's tokens and builds libxml2's tree in one pass; wherever it answers,
its answer must be the two passes' (html_split.tokenize_split, then html_libxml2.build_as_libxml2), token
for token and node for node.  The two-pass path is the oracle; it is itself checked against lxml in
test_html_libxml2 and against html_tokens in test_html_split.  Checked on the fixtures, the examples, the
real pages, synthetic Word reports, and hypothesis-generated markup split in chunks of every size (the
split's chunks are cut between tags, so a page of a few hundred characters crosses many), with runs of a
start tag, its text and its end tag, which the one pass takes at once where it can.  The mutation
tests show the comparison catches a rule the one pass forgot."""
from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st

from disclosure_lint.readers import html_onepass as O
from disclosure_lint.readers import html_split
from disclosure_lint.readers.html import _Reader
from disclosure_lint.readers.html_libxml2 import build_as_libxml2
from disclosure_lint.readers.html_split import text_weights, tokenize_split
from disclosure_lint.readers.html_tokens import tokenize_compact
from disclosure_lint.source import Source

from .test_html_copy_feed import _MORE
from .test_html_libxml2 import _HEAD, _TAIL, _pages, _piece, _synthetic
from .test_html_tree_speed import _flat


def _two_passes(text: str):
    """The reader's two passes, as _Reader._read_in_two_passes takes them, less lxml: the split's tokens, or
    the tokenizer's where the split is unsure (the split's chunks are cut where the one pass's are not
    always: a run is one markup to one, two to the other, so one may give up on a quote the other's cut
    never meets), then the emulated tree."""
    facts: list = []
    tokens = tokenize_split(text, facts=facts)
    if tokens is None:
        tokens = tokenize_compact(text)
        tokens = (*tokens, text_weights(text, tokens[0], tokens[1]))
    tree = build_as_libxml2(text, *tokens, *facts)
    return None if tree is None else (list(tokens[0]), bytes(tokens[1]), tree)


def agrees(text: str) -> bool:
    """Whether the one pass answered for *text*; fails if it answers where the two passes do not, or
    otherwise than they do."""
    got = O.read_in_one_pass(text)
    if got is None:
        return False
    expected = _two_passes(text)
    assert expected is not None, text[:300]
    starts, kinds, root, nodes, comments = got
    assert list(starts) == expected[0], text[:300]
    assert bytes(kinds) == expected[1], text[:300]
    assert _flat((root, nodes, comments)) == _flat(expected[2]), text[:300]
    return True


def test_every_page_and_synthetic_report_is_read_in_one_pass_as_in_two():
    pages = _pages() + _synthetic()
    answered = [agrees(text) for text in pages]
    assert all(answered), [i for i, a in enumerate(answered) if not a]


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


@pytest.mark.parametrize("text", [
    "<html><body><p>a<!-- not closed",  # the split reads a comment that does not close apart
    '<html><body><p a="x>b</p></body></html>',  # a quote that never closes: the split gives up
    "<html><body><noscript><p>a</p></noscript></body></html>",  # the tree gives up
    "<html><body><div>a</div ></body></html>",
    "<html><body><p>1 </ 2</p></body></html>",
    "",
    "<html><body>" + "<br>x</br>" * 100 + "</body></html>",  # runs taken apart, each a move of the pieces
    "<html><body><s\u212a>x</s\u212a><p>y</p></body></html>",  # KELVIN SIGN: "k" lower-cased, not to libxml2
    "<html><body><b>x</b\u212a><p>y</p></body></html>",
])
def test_where_either_pass_would_give_up_the_reader_takes_the_two(text):
    assert O.read_in_one_pass(text) is None
    reader = _Reader(Source(text))
    assert reader.nodes[0].tag == "#root"


@pytest.mark.parametrize("text", [
    "<html><body><p>a<div>b</div></body></html>",
    "<html><body><p>x<br>y<span>z</span></p></body></html>",
    "<html><body><table><tr><td><div>a</td><td>b</td></tr></table></body></html>",
])
def test_a_forgotten_rule_is_caught(monkeypatch, text):
    """The comparison can fail: with the start-close table, the empty elements or the end priorities
    changed in the one pass alone, its tree is not the two passes'."""
    assert agrees(text)
    monkeypatch.setattr(O, "_CLOSED_BY", {**O._CLOSED_BY, "p": frozenset()})
    monkeypatch.setattr(O, "VOID_TAGS", O.VOID_TAGS - {"br"})
    monkeypatch.setattr(O, "_PRIORITY", {**O._PRIORITY, "td": 100})
    with pytest.raises(AssertionError):
        agrees(text)
