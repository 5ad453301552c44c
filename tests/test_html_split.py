"""The one-split HTML tokens (readers/html_split.py) are html_tokens.tokenize_compact's, token for token,
and the marked copy html_tree.feed_copy makes from them is the tokenizer's; where the split is not sure it
says so (None) and the reader falls back."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from disclosure_lint.readers.html_split import _SPLIT, text_weights, tokenize_split
from disclosure_lint.readers.html_tokens import TEXT, tokenize_compact
from disclosure_lint.readers.html_tree import feed_copy
from disclosure_lint.source import Source

from .conftest import FIXTURES, SHARED, best_cpu

_PIECES = ["<", ">", '"', "'", "a", " ", "/", "=", "\n", "<a ", "<p>", "</p>", "<a\"", "<b'", "<!--", "-->",
           "<!x", "</", "<script>", "</script>", "</SCRIPT >", "<Script a='>'>", "<script/>", "<style>",
           "</style", "<textarea>", "<scriptx>", "<\u017fcript>", "</\u017fcript>", "\x00", "\x01", "<p\x01q>",
           "é", "<td class='x'>", "&nbsp;", "<br/>", "<![if !x]>", "<?x?>", "<!DOCTYPE html>", "İ", "<TD>"]


class _Copy:
    """What html_tree.feed_copy hands a CopyParser, kept: the parts it flushed and the pieces after them."""

    def __init__(self) -> None:
        self.pieces: list[str] = []
        self.parts: list[str] = []

    def flush(self) -> None:
        self.parts.append("".join(self.pieces))
        self.pieces.clear()


def _copy_of(text: str, tokens: tuple) -> str:
    """The marked copy feed_copy makes from *tokens*, whole."""
    copy = _Copy()
    feed_copy(text, tokens[0], tokens[1], tokens[2], copy)
    return "".join(copy.parts) + "".join(copy.pieces)


def _same(text: str) -> bool:
    """True when the split gave the tokenizer's answer; False when it gave up."""
    a: list = []
    expect = tokenize_compact(text, a, "k")
    got = tokenize_split(text)
    stop = text.rfind(">") + 1
    # No '<' and letter is ever left in the text pieces (the split does not check): a start tag matches always.
    assert not any(re.search("<[A-Za-z]", p) for p in _SPLIT.split(text[:stop])[::5])
    if got is None:
        return False
    assert list(got[0]) == expect[0]  # offsets as machine integers
    assert got[1:3] == expect[1:]
    assert got[3] == text_weights(text, expect[0], expect[1])
    assert got[3] == [len(text[s:e].replace(" ", "").replace("\n", "").replace("\t", ""))
                      for s, e, kind in zip(expect[0], expect[0][1:], expect[1]) if kind == TEXT]
    assert _copy_of(text, got) == "".join(a)
    return True


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=40))
def test_the_split_gives_the_tokenizers_tokens(pieces):
    _same("".join(pieces))


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="<>/!-\"'ascriptyle =\n\x00", max_size=60))
def test_the_split_on_markup_characters(text):
    _same(text)


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from(_PIECES + ["><", "<p>" * 3, "<!-- x><y -->", "<a title='x><y'>"]), max_size=60),
       st.sampled_from([1, 2, 3, 5, 8]))
def test_the_split_in_chunks_gives_the_same_tokens(pieces, chunk):
    """A page is split a chunk at a time (its pieces are about three times their text in memory): cut
    between two tags, the last markup split again with the next chunk, the tokens are the same."""
    from disclosure_lint.readers import html_split
    keep = html_split._CHUNK
    html_split._CHUNK = chunk
    try:
        _same("".join(pieces))
    finally:
        html_split._CHUNK = keep


def test_the_split_reads_pages_and_gives_up_only_when_unsure():
    pages = sorted(FIXTURES.rglob("*.htm*")) + sorted((Path(__file__).parent.parent / "examples").glob("*.htm*"))
    if (SHARED / "corpus" / "real-html").is_dir():
        pages += sorted((SHARED / "corpus" / "real-html").glob("*.html"))
    assert pages
    from disclosure_lint.readers import html_split
    for chunk in (html_split._CHUNK, 1000):  # the pages are split in several chunks
        keep = html_split._CHUNK
        html_split._CHUNK = chunk
        try:
            read = sum(_same(Source.from_bytes(p.read_bytes()).text) for p in pages)
        finally:
            html_split._CHUNK = keep
        assert read == len(pages)  # no page of ours holds a tag whose quote never closes
    # It gives up where the tokenizer reads on from inside a tag, and on raw text with no end tag.
    assert tokenize_split('<p>a<a href="x>b</p>') is None
    assert tokenize_split("<p>x</p><script>var a = 1;>b") is None
    assert _same("<p>x</p><script>var a = 1;>") and _same("<script>a</script>")
    assert _same("<p><!-- open comment > and more")


_FAILING = {  # start tags failing at a quote that never closes, then a later '>': each '<' read once
    "tags": lambda n: "<a " * n + '"' + "<b>",
    "raw-text tags": lambda n: "<script " * n + "'" + "<b>",
    "raw-text tags with a closed quote": lambda n: '<style a=">" ' * n + '"' + ">",
}


@pytest.mark.parametrize("shape", list(_FAILING))
def test_the_split_is_linear_where_start_tags_fail(shape):
    make = _FAILING[shape]
    assert tokenize_split(make(10)) is None  # and the tokenizer, linear too, reads such pages
    t1 = best_cpu(lambda: tokenize_split(make(4000)))
    t4 = best_cpu(lambda: tokenize_split(make(16000)))
    if t4 < 0.01:
        return  # too fast to be anything but linear
    assert t4 / max(t1, 1e-6) <= 8.0, f"{shape}: 4× the input costs {t4 / max(t1, 1e-6):.1f}×"


@settings(max_examples=500, deadline=None)
@given(st.lists(st.text(alphabet=" \n\t\r\u3000\xa0a中é", max_size=12), max_size=30))
def test_text_weights_count_what_is_not_space_newline_or_tab(texts):
    """The weights strip each text and find the few spaces left inside in all of them joined: each text's
    count is still its own (mutations tried: leaving tabs out, or taking an inner space off the next
    text, fail this)."""
    from disclosure_lint.readers.html_split import _weights
    assert _weights(texts) == [len(t) - t.count(" ") - t.count("\n") - t.count("\t") for t in texts]


# The split as it was before its filing loop, pattern and weights were made cheaper (tests/html_split_oracle.py):
# the same tokens, weights and marked copy, and None in the same cases; the pattern's pieces the same.
_MORE_PIECES = _PIECES + ["<!-- a - b -- c --->", "<!--->", "<!---->", "-", "--", "->", "-->", "<ScRiPt>",
                          "</sCrIpT>", "</scriptx>", "<STYLE a=x>", "</style >", "<textarea a=\"</textarea>\">",
                          "</textarea", "<noscript>", "</NoScript>", "<\u212aey>", "<a b=\"x'y\">", "<a b='x\"y'>",
                          "<p a=\"1\" b='2' c=3>", "<xmp/>", "</", "<", "<iframe>", "</iframe>"]


def _as_before(text: str) -> bool:
    from . import html_split_oracle as oracle
    assert _SPLIT.split(text) == oracle._SPLIT.split(text)
    b: list = []
    got = tokenize_split(text)
    old = oracle.tokenize_split(text, b, "k")
    assert (got is None) == (old is None)
    if got is None:
        return False
    assert got[0] == old[0] and type(got[0]) is type(old[0])  # array('q')
    assert got[1:] == old[1:]
    assert _copy_of(text, got) == "".join(b)  # the copy it made then is the one made now from its tokens
    return True


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.sampled_from(_MORE_PIECES), max_size=60), st.sampled_from([1, 2, 3, 5, 8, 1 << 14]))
def test_the_split_gives_what_it_gave_before(pieces, chunk):
    from disclosure_lint.readers import html_split

    from . import html_split_oracle as oracle
    keep = html_split._CHUNK, oracle._CHUNK
    html_split._CHUNK = oracle._CHUNK = chunk
    try:
        _as_before("".join(pieces))
    finally:
        html_split._CHUNK, oracle._CHUNK = keep


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="<>/!-\"'ascriptyleSCRIPT =\n\x00", max_size=80))
def test_the_split_gives_what_it_gave_before_on_markup_characters(text):
    _as_before(text)


def test_the_split_gives_what_it_gave_before_on_pages():
    pages = sorted(FIXTURES.rglob("*.htm*")) + sorted((Path(__file__).parent.parent / "examples").glob("*.htm*"))
    if (SHARED / "corpus" / "real-html").is_dir():
        pages += sorted((SHARED / "corpus" / "real-html").glob("*.html"))
    from disclosure_lint.readers import html_split

    from . import html_split_oracle as oracle
    for chunk in (html_split._CHUNK, 1000):
        keep = html_split._CHUNK, oracle._CHUNK
        html_split._CHUNK = oracle._CHUNK = chunk
        try:
            for p in pages:
                assert _as_before(Source.from_bytes(p.read_bytes()).text), p
        finally:
            html_split._CHUNK, oracle._CHUNK = keep


_NO_CUT = {  # pages whose copy has nowhere it may be cut (feed_copy looks at each start tag once)
    "end tags and text": lambda n: "<p>" + "</p>x" * n,
    "titles": lambda n: "<title>a</title>" * n,
}


@pytest.mark.parametrize("shape", list(_NO_CUT))
def test_handing_on_the_copy_is_linear_where_it_cannot_be_cut(shape):
    make = _NO_CUT[shape]

    def run(n):
        text = make(n)
        _copy_of(text, tokenize_split(text))
    t1 = best_cpu(lambda: run(20000))
    t4 = best_cpu(lambda: run(80000))
    if t4 < 0.01:
        return
    assert t4 / max(t1, 1e-6) <= 8.0, f"{shape}: 4× the input costs {t4 / max(t1, 1e-6):.1f}×"
