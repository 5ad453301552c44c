"""lxml parses the HTML reader's marked copy as html_tree.feed_copy makes it from the tokens, a part at a
time (readers/html_tree.CopyParser), so the copy never stands whole in memory; its markers carry no number,
and the marked elements are matched to the start tags in order when lxml kept them all (else the copy is parsed again with numbered markers).

Fed in parts or parsed whole (one ``etree.fromstring``), lxml must find the same elements and fail the same
way; the parts, joined, are the whole copy; and the tree built from the elements in order is the tree
built from numbered markers."""
from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st
from lxml import etree

from disclosure_lint.readers import html_tree
from disclosure_lint.readers.html_split import tokenize_split
from disclosure_lint.readers.html_tokens import END, START, tokenize_compact
from disclosure_lint.readers.html_tree import _CONTROL, _CONTROLS, CopyParser, Node, _Structure, feed_copy, parse_tree
from disclosure_lint.source import Source

from .conftest import FIXTURES, SHARED
from .test_html_split import _PIECES

_MORE = _PIECES + ["<html>", "<body>", "</body>", "<head>", "<table><tr><td>", "<title>t</title>", "</html>", "x",
                   "<frameset>", "<p>a</p></html><p>after</p>"]
_NO_CUT = ("script", "style", "xmp", "textarea", "noscript", "iframe", "noembed", "noframes", "title", "plaintext")


def _whole(copy: str):
    """One etree.fromstring of the joined copy: (columns, problems)."""
    target = _Structure()
    parser = etree.HTMLParser(target=target, recover=True, no_network=True, remove_comments=True,
                              remove_pis=True, huge_tree=True, default_doctype=False, encoding="utf-8")
    if any(c in copy for c in _CONTROLS):
        copy = copy.translate(_CONTROL)
    try:
        etree.fromstring(copy.encode("utf-8", "surrogatepass"), parser)
    except Exception as exc:
        return ([], []), [type(exc).__name__]
    tags, parents = target.elements()
    return (tags, list(parents)), []


def _fed(text: str, flush_at: int):
    """The reader's way: feed_copy makes the copy from the split's tokens and feeds it to a CopyParser,
    *flush_at* pieces at a time.  Returns (columns, problems, the parts fed, the rest, the tokens) or None
    when the split gives up."""
    tokens = tokenize_split(text)
    if tokens is None:
        return None
    problems: list = []
    copy = CopyParser(problems)
    parts: list[str] = []
    flush = copy.flush

    def watched():
        parts.append("".join(copy.pieces))
        flush()

    copy.flush = watched
    keep = html_tree._FLUSH_AT
    html_tree._FLUSH_AT = flush_at
    try:
        feed_copy(text, tokens[0], tokens[1], tokens[2], copy)
    finally:
        html_tree._FLUSH_AT = keep
        del copy.flush  # the rest is fed by finish(), not watched
    rest = "".join(copy.pieces)
    columns = ([], [])
    if copy.finish():
        tags, parents = copy.target.elements()
        columns = (tags, list(parents))
    return columns, [p[1].split("(")[1].split(")")[0] for p in problems], parts, rest, tokens


def _cuts(text: str, tokens) -> set[int]:
    """Where in the copy a part may end: right after the marker of a start tag that is not raw text."""
    offsets, kinds, names = tokens[:3]
    out = set()
    at = 0  # the copy's length so far
    tag_names = iter(names)
    for k, kind in enumerate(kinds):
        if kind == START:
            name = next(tag_names)
            bad = html_tree._CONTROL_IN_NAME.search(name)
            at += len(f'<{name if bad is None else name[:bad.start()]} k>')
            if name not in _NO_CUT:
                out.add(at)
        else:
            if kind == END:
                next(tag_names)
            at += offsets[k + 1] - offsets[k]
    return out


def _same(text: str, flush_at: int) -> bool:
    got = _fed(text, flush_at)
    if got is None:
        return False
    columns, problems, parts, rest, tokens = got
    whole: list = []
    tokenize_compact(text, whole, "k")  # the tokenizer's copy, whole (the split's tokens are its tokens)
    copy = "".join(whole)
    assert "".join(parts) + rest == copy  # the parts are the copy, in order
    cuts, at = _cuts(text, tokens), 0
    for part in parts:  # each part ends with a start tag's marker, never a raw-text element's
        at += len(part)
        assert at in cuts
    assert (columns, problems) == (_whole(copy) if copy else (([], []), []))
    return True


def _shape(node: Node):
    return (node.tag, node.tok, node.w, [it if type(it) is int else _shape(it) for it in node.items])


def _trees(text: str):
    """The tree built from the elements in order, and from numbered markers; None if the split gives up."""
    out = []
    for ordinal in (True, False):
        tokens = tokenize_split(text)
        if tokens is None:
            return None
        problems: list = []
        copy = CopyParser(problems)
        feed_copy(text, tokens[0], tokens[1], tokens[2], copy)
        root, nodes, comments = parse_tree(text, tokens, copy, ordinal)
        out.append((_shape(root), len(nodes), comments, problems))
    return out


@settings(max_examples=800, deadline=None)
@given(st.lists(st.sampled_from(_MORE), max_size=50), st.sampled_from([1, 2, 5]))
def test_lxml_finds_the_same_elements_fed_in_parts(pieces, flush_at):
    _same("".join(pieces), flush_at)


@settings(max_examples=800, deadline=None)
@given(st.lists(st.sampled_from(_MORE), max_size=50))
def test_elements_in_order_make_the_tree_numbered_markers_make(pieces):
    trees = _trees("".join(pieces))
    if trees is not None:
        assert trees[0] == trees[1]


@pytest.mark.parametrize("text", ["", " ", "\n", "x", "<!-- c -->", "<p>", "\x00<p>\x01</p>", "<html></html>x",
                                  "<p>a</p></html><p>after</p>", "<p\x01q>x</p>"])
def test_small_and_empty_copies(text):
    assert _same(text, 1)
    trees = _trees(text)
    assert trees[0] == trees[1]


def test_a_dropped_start_tag_parses_the_numbered_copy(monkeypatch):
    """lxml keeps one <body>: the elements are no longer the start tags in order, so the numbered copy is
    parsed; the text of the second body's paragraph goes to that paragraph."""
    made = []
    real = html_tree.numbered_copy
    monkeypatch.setattr(html_tree, "numbered_copy", lambda *a: made.append(1) or real(*a))
    text = "<html><body><p>x</p><body class='b'><p>y</p></body></html>"
    problems: list = []
    copy = CopyParser(problems)
    tokens = tokenize_split(text)
    feed_copy(text, tokens[0], tokens[1], tokens[2], copy)
    root, nodes, comments = parse_tree(text, tokens, copy)
    assert made == [1]
    ps = [n for n in nodes if n.tag == "p"]
    assert [text[tokens[0][n.items[0]]:tokens[0][n.items[0] + 1]] for n in ps] == ["x", "y"]
    assert "body" not in [n.tag for n in ps[1].parent.items if isinstance(n, Node)]  # one body only


def test_pages_fed_in_parts_and_matched_in_order(monkeypatch):
    pages = sorted(FIXTURES.rglob("*.htm*")) + sorted((Path(__file__).parent.parent / "examples").glob("*.htm*"))
    if (SHARED / "corpus" / "real-html").is_dir():
        pages += sorted((SHARED / "corpus" / "real-html").glob("*.html"))
    assert pages
    for p in pages:
        text = Source.from_bytes(p.read_bytes()).text
        for flush_at in (html_tree._FLUSH_AT, 3):
            assert _same(text, flush_at), p
        if text.count("<p") >= 10:  # a page, not a fragment: the copy is handed on in parts, never held whole
            assert _fed(text, 3)[2], p
        trees = _trees(text)
        assert trees[0] == trees[1], p
