"""readers/html_onepass plays libxml2's tree construction (html_libxml2's rules) on our tokens instead of
letting lxml parse the marked copy; wherever it answers, its answer must be lxml's.

The oracle is lxml itself, on the copy the reader makes where the one pass gives up (the marked copy, fed to
html_tree.CopyParser): when ``read_in_one_pass`` answers, its tokens must be the tokenizer's (html_split's,
or html_tokens' where the split is unsure), lxml must have kept every start tag as an element, in order,
with the parents the tree gives them, and reported no problem; and the tree must be the one
``_build_in_order`` builds from lxml's parents (the reader's tree from lxml), node for node.  Checked on
the fixtures, the examples, the real pages, synthetic Word reports, and hypothesis-generated pages of tags
that close each other.  The mutation tests show the oracle catches a missing rule.
"""
from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st
from lxml import etree

from disclosure_lint.readers import html_libxml2 as L
from disclosure_lint.readers import html_onepass as O
from disclosure_lint.readers import html_tree as T
from disclosure_lint.readers.html import _Reader
from disclosure_lint.readers.html_split import text_weights, tokenize_split
from disclosure_lint.readers.html_tokens import END, START, tokenize_compact
from disclosure_lint.source import Source

from .conftest import FIXTURES, SHARED
from .test_html_copy_feed import _MORE
from .test_html_tree_speed import _flat

pytestmark = pytest.mark.skipif(tuple(etree.LIBXML_VERSION[:2]) != (2, 14),
                                reason="the emulated rules are libxml2 2.14's; this lxml carries libxml2 "
                                       f"{etree.LIBXML_VERSION}, so its answers are not the oracle")

ROOT = Path(__file__).resolve().parents[1]


def _tokens(text: str) -> tuple:
    tokens = tokenize_split(text)
    if tokens is None:
        tokens = tokenize_compact(text)
        tokens = (*tokens, text_weights(text, tokens[0], tokens[1]))
    return tokens


def _lxml(text: str, tokens: tuple):
    """What lxml makes of the marked copy: (tags, parents, problems), or None when it makes nothing."""
    problems: list = []
    copy = T.CopyParser(problems)
    T.feed_copy(text, tokens[0], tokens[1], tokens[2], copy)
    if not copy.finish():
        return None
    tags, parents = copy.target.elements()
    return tags, parents.tolist(), problems


def agrees(text: str) -> bool:
    """Whether the one pass answered for *text*; fails if its answer is not lxml's."""
    got = O.read_in_one_pass(text)
    if got is None:
        return False
    tokens = _tokens(text)
    starts, kinds, names, weights = tokens
    assert list(got[0]) == list(starts), text[:300]  # the tokenizer's tokens
    assert bytes(got[1]) == bytes(kinds), text[:300]
    tree = got[2:]
    nodes = tree[1]
    place = {id(n): i - 1 for i, n in enumerate(nodes)}  # the root at -1, the elements in order from 0
    parents = [place[id(n.parent)] for n in nodes[1:]]
    start_names = [n for n, k in zip(names, (k for k in kinds if k in (START, END))) if k == START]
    lxml_got = _lxml(text, tokens)
    assert lxml_got is not None, text[:300]
    tags, lxml_parents, problems = lxml_got
    assert tags == start_names, text[:300]  # lxml kept every start tag, in order, as its element
    assert parents == lxml_parents, text[:300]
    assert problems == []
    assert _flat(tree) == _flat(T._build_in_order(kinds, names, weights, (tags, lxml_parents)))
    return True


def _pages() -> list[str]:
    paths = sorted(FIXTURES.rglob("*.htm*")) + sorted((ROOT / "examples").rglob("*.htm*"))
    if (SHARED / "corpus" / "real-html").is_dir():
        paths += sorted((SHARED / "corpus" / "real-html").glob("*.html"))
    return [Source.from_bytes(p.read_bytes()).text for p in paths]


def _synthetic() -> list[str]:
    from disclosure_lint.tools.synth import ReportSpec, render_html

    return [render_html(ReportSpec(year=2019 + i % 5, seed=i, filler=1, repeat=3, word=i % 2 == 0,
                                   plant={"t3": ("open", "natural", 1)} if i % 3 == 0 else {})) for i in range(6)]


def test_every_page_and_synthetic_report_is_built_without_lxml_and_as_lxml_builds_it():
    """The pages the reader meets are Word exports and site templates: the one pass must answer for them
    (else the reader is as slow as before), and answer as lxml."""
    pages = _pages() + _synthetic()
    answered = [agrees(text) for text in pages]
    assert all(answered), [i for i, a in enumerate(answered) if not a]


# Tags that close each other by libxml2's tables (htmlStartClose, htmlEndPriority), empty ones, the ones it
# implies or drops, and the ones either side reads as text.
_TAGS = ["p", "div", "table", "tbody", "tr", "td", "th", "span", "b", "font", "a", "li", "ul", "ol", "h1", "br", "img",
         "col", "colgroup", "caption", "thead", "tfoot", "form", "option", "optgroup", "select", "o:p", "hr", "dl",
         "dt", "dd", "pre", "center", "i", "u", "small", "address", "menu", "legend", "fieldset", "listing", "em",
         "head", "body", "html", "meta", "link", "base", "frameset", "frame", "noframes", "input", "param", "embed",
         "wbr", "isindex", "basefont", "area", "big", "s", "tt", "strike", "xmp", "title", "script", "style",
         "textarea", "iframe", "noembed", "noscript", "plaintext"]
_BITS = ["x", "文字", " ", "\n", "<!-- c -->", "<![if !x]>", "<?x?>", "&nbsp;", "<!---->", "<!-->", "a--!>",
         "</ x>", "< 1", "<!DOCTYPE html>", "\r", "\x0c", "</ ", "<a \"", "</a", "<b '", "<p title='<i>'>"]
_piece = st.one_of(
    st.sampled_from(_TAGS).map(lambda t: f"<{t}>"),
    st.sampled_from(_TAGS).map(lambda t: f"</{t}>"),
    st.sampled_from(_TAGS).map(lambda t: f"<{t.upper()} class='k'>"),
    st.sampled_from(["script", "style", "title", "textarea", "xmp"]).map(lambda t: f"<{t}>a<b></{t}>"),
    st.sampled_from(["script", "title"]).map(lambda t: f"<{t}/>"),
    st.sampled_from(_BITS),
)
_HEAD = st.sampled_from(["", "<html>", "<html><head><title>t</title></head><body>", "<!DOCTYPE html><html><body>",
                         "<html><head><meta></head>\n<body>", "<body>"])
_TAIL = st.sampled_from(["", "</body></html>", "</body></html>\n", "</html><p>", "</body></html>x", "</body>"])


@settings(max_examples=1500, deadline=None)
@given(_HEAD, st.lists(_piece, max_size=60), _TAIL)
def test_generated_pages(head, pieces, tail):
    agrees(head + "".join(pieces) + tail)


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(_MORE), max_size=50))
def test_generated_markup_of_the_copy_tests(pieces):
    agrees("".join(pieces))


@pytest.mark.parametrize("text", [
    "<html><body><p>a<div>b</div></body></html>",  # a div closes the p (htmlStartClose)
    "<html><body><div><p>a</div>b</body></html>",  # </div> closes the p on its way (htmlAutoCloseOnClose)
    "<html><body><table><tr><td><div>a</td></tr></table></body></html>",  # </td> does not close a div: ignored
    "<html><body><ul><li>a<li>b</ul></body></html>",
    "<html><body><p>a</p></p><br></br>c</body></html>",  # end tags that close nothing
    "<html><body><font><td>a</td></font></body></html>",
    "<p>a</p>",  # html and body implied
    "<html><title>t</title><p>a</p></html>",  # head and body implied
    "<html><head><script>x<p></script></head><body></body></html>",
    "<html><body><table><tr><td>1<td>2<tr><td>3</table></body></html>",
    "<html><body><p>1 < 2 <中 <1</p><a title='<b>'>x</a></body></html>",  # '<' that libxml2 reads as text
    "<html><body><script>x</div >y</script></body></html>",
    "<html><body>" + "<div>" * 3000 + "x" + "</div>" * 3000 + "<p>y</p></body></html>",  # (libxml2 has no limit)
])
def test_the_rules_answer_as_lxml(text):
    assert agrees(text)


@pytest.mark.parametrize("text", [
    "<html><body><noscript><p>a</p></noscript></body></html>",  # raw to us, markup to libxml2
    "<html><body><!--><p>a</p>--></body></html>",  # libxml2 ends the comment at once
    "<html><body><!-- a --!><p>b</p></body></html>",
    "<html><body><div>a</div ></body></html>",  # not "</name>"
    "<html><body><p>a</p title='>'></body></html>",
    "x<html><body></body></html>",  # text before the root: libxml2 implies elements
    "<html>x<body></body></html>",
    "<html><body></body></html><p>after</p>",  # a second top-level element
    "<html><body><body></body></html>",  # dropped by libxml2
    "<html><body><html></body></html>",
    "<html><head><title>a<b>c</b></title></head><body></body></html>",  # markup in text content
    "<html><body><script><!-- <script></script> --></script></body></html>",
    "<html><body><plaintext>a</body></html>",
    '<html><body><table><tr><td><a "<!x<table><tr><td>',  # a start tag to libxml2, text to our tokenizer
    "<html><body></ <p>x</body></html>",  # a bogus comment to libxml2, swallowing the <p>
    "<html><body><p>a</p></a</body></html>",
    "<html><body><dİv>a</dİv></body></html>",  # a name beyond ASCII
    "<html><body><s\u212a>x</s\u212a><p>y</p></body></html>",  # KELVIN SIGN, lower-cased to "k" (found by a
    "<html><body><b>x</b\u212a><p>y</p></body></html>",  # differential run): lxml puts the <p> in the <sK>
    "<!-- only a comment -->",
    "",
])
def test_where_it_is_unsure_it_gives_up_and_lxml_builds_the_tree(text):
    assert not agrees(text)
    reader = _Reader(Source(text))
    tokens = _tokens(text)
    root, nodes, comments = T.lxml_tree(text, tokens, [])
    assert _flat((reader.root, reader.nodes, reader.comments)) == _flat((root, nodes, comments))


def test_the_reader_builds_lxml_s_tree_on_every_page():
    """The reader as a whole: the tree it builds is the one lxml's parse of the copy gives."""
    for text in _pages()[:40]:
        reader = _Reader(Source(text))
        problems: list = []
        expected = T.lxml_tree(text, _tokens(text), problems)
        assert _flat((reader.root, reader.nodes, reader.comments)) == _flat(expected)
        assert reader.problems == problems


def test_switched_off_lxml_parses_every_page(monkeypatch):
    monkeypatch.setattr(L, "ACTIVE", False)
    text = "<html><body><p>a<div>b</div></body></html>"
    assert O.read_in_one_pass(text) is None
    reader = _Reader(Source(text))
    assert [n.tag for n in reader.nodes] == ["#root", "html", "body", "p", "div"]


@pytest.mark.parametrize("mutate, text", [
    (lambda: O._CLOSED_BY.__setitem__("p", O._CLOSED_BY["p"] - {"div"}), "<html><body><p>a<div>b</div></body></html>"),
    (lambda: O._PRIORITY.__setitem__("td", 100),
     "<html><body><table><tr><td><div>a</td><td>b</td></tr></table></body></html>"),
    (lambda: O._PRIORITY.__setitem__("div", 100), "<html><body><b><div>a</b><span>x</span></body></html>"),
    (lambda: setattr(O, "_EMPTY", O._EMPTY - {"br"}), "<html><body><p><br><span>a</span></p></body></html>"),
    (lambda: setattr(O, "VOID_TAGS", O.VOID_TAGS - {"br"}), "<html><body><p>x<br>y<span>z</span></p></body></html>"),
])
def test_a_missing_rule_is_caught_by_the_oracle(monkeypatch, mutate, text):
    """The oracle can fail: with one of libxml2's rules left out, the one pass's answer is not lxml's."""
    monkeypatch.setattr(O, "_CLOSED_BY", dict(O._CLOSED_BY))
    monkeypatch.setattr(O, "_PRIORITY", dict(O._PRIORITY))
    monkeypatch.setattr(O, "_EMPTY", O._EMPTY)
    monkeypatch.setattr(O, "VOID_TAGS", O.VOID_TAGS)
    assert agrees(text)
    mutate()
    with pytest.raises(AssertionError):
        agrees(text)


def _copy_from_tokens(text: str, tokens: tuple) -> str:
    fed: list = []

    class Keep:
        def feed(self, data):
            fed.append(data)

    copy = T.CopyParser([])
    copy.parser = Keep()
    T.feed_copy(text, tokens[0], tokens[1], tokens[2], copy)
    copy.flush()
    return b"".join(fed).decode("utf-8", "surrogatepass")


def _copy_by_the_tokenizer(text: str) -> str:
    pieces: list = []
    tokenize_compact(text, pieces, T.MARK)
    return "".join(pieces).encode("utf-8", "surrogatepass").translate(T._CONTROL_BYTES).decode("utf-8", "surrogatepass")


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_MORE + ["<script>a<b</script>", "<p\x01x>", "<b\x00>", "<title>x"]), max_size=40))
def test_the_fallback_copy_is_the_tokenizer_s(pieces):
    """Where the one pass gives up, lxml parses the copy feed_copy makes from the tokens: the copy the
    tokenizers made themselves before (each start tag as its name up to a control character and the
    marker, everything else as it stands, control characters as spaces)."""
    text = "".join(pieces)
    assert _copy_from_tokens(text, _tokens(text)) == _copy_by_the_tokenizer(text)


def test_the_fallback_copy_on_every_page():
    for text in _pages():
        assert _copy_from_tokens(text, _tokens(text)) == _copy_by_the_tokenizer(text)


def test_an_html_lint_imports_no_lxml_where_the_one_pass_answers():
    """lxml is imported only where the one pass gives up (about 25 ms a process)."""
    import subprocess
    import sys

    page = FIXTURES.parent.parent / "examples"
    pages = sorted(page.glob("*.html"))
    assert pages
    probe = ("import sys\nfrom disclosure_lint import lint_bytes\n"
             f"lint_bytes(open({str(pages[0])!r}, 'rb').read(), kind='html')\n"
             "print('lxml' in sys.modules)\n")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"
