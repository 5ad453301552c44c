"""lxml parses the HTML reader's marked copy as the tokenizer makes it (readers/html_tree.CopyParser), so the
copy never stands whole in memory.  Fed in parts or parsed whole (the old way: one ``etree.fromstring``),
lxml must find the same elements and fail the same way; and the parts, joined, are the whole copy."""
from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st
from lxml import etree

from disclosure_lint.readers import html_split
from disclosure_lint.readers.html_split import tokenize_split
from disclosure_lint.readers.html_tokens import END, START
from disclosure_lint.readers.html_tree import _CONTROL, _CONTROLS, CopyParser, _Structure
from disclosure_lint.source import Source

from .conftest import FIXTURES, SHARED
from .test_html_split import _PIECES


def _whole(copy: str):
    """The old way: the joined copy parsed by one etree.fromstring; (columns, problems)."""
    target = _Structure()
    parser = etree.HTMLParser(target=target, recover=True, no_network=True, remove_comments=True,
                              remove_pis=True, huge_tree=True, default_doctype=False, encoding="utf-8")
    if any(c in copy for c in _CONTROLS):
        copy = copy.translate(_CONTROL)
    try:
        etree.fromstring(copy.encode("utf-8", "surrogatepass"), parser)
    except Exception as exc:
        return ([], [], []), [type(exc).__name__]
    marks, tags, parents = target.elements()
    return (list(marks), tags, list(parents)), []


def _fed(text: str, flush_at: int):
    """The reader's way: tokenize_split feeds the copy to a CopyParser, *flush_at* pieces at a time.
    Returns (columns, problems, the parts fed, the copy) or None when the split gives up."""
    problems: list = []
    copy = CopyParser(problems)
    parts: list[str] = []
    flush = copy.flush

    def watched():
        parts.append("".join(copy.pieces))
        flush()

    keep = html_split._FLUSH_AT
    html_split._FLUSH_AT = flush_at
    try:
        tokens = tokenize_split(text, copy.pieces, "k", watched)
    finally:
        html_split._FLUSH_AT = keep
    if tokens is None:
        return None
    rest = "".join(copy.pieces)
    marks, tags, parents = copy.elements()
    return (list(marks), tags, list(parents)), [p[1].split("(")[1].split(")")[0] for p in problems], parts, rest


def _same(text: str, flush_at: int) -> bool:
    got = _fed(text, flush_at)
    if got is None:
        return False
    columns, problems, parts, rest = got
    whole: list = []
    tokens = tokenize_split(text, whole, "k")
    assert tokens is not None
    offsets, kinds, names = tokens[:3]
    copy = "".join(whole)
    assert "".join(parts) + rest == copy  # the parts are the copy, in order
    for part in parts:  # each part ends with a start tag's marker, never a raw-text element's
        assert part.endswith('">')
        k = int(part[part.rfind(' k="') + 4:-2])
        assert kinds[k] == START
        name = names[sum(1 for kind in kinds[:k] if kind in (START, END))]
        assert name not in ("script", "style", "xmp", "textarea", "noscript", "iframe", "noembed", "noframes",
                            "title", "plaintext")
        assert text[offsets[k + 1] - 1] == ">"  # the whole tag is before the cut
    assert (columns, problems) == _whole(copy) if copy else (columns, problems) == (([], [], []), [])
    return True


@settings(max_examples=800, deadline=None)
@given(st.lists(st.sampled_from(_PIECES + ["<html>", "<body>", "</body>", "<head>", "<table><tr><td>",
                                           "<title>t</title>", "</html>", "x"]), max_size=50),
       st.sampled_from([1, 2, 5]))
def test_lxml_finds_the_same_elements_fed_in_parts(pieces, flush_at):
    _same("".join(pieces), flush_at)


@pytest.mark.parametrize("text", ["", " ", "\n", "x", "<!-- c -->", "<p>", "\x00<p>\x01</p>", "<html></html>x",
                                  "<p>a</p></html><p>after</p>"])
def test_small_and_empty_copies(text):
    assert _same(text, 1)


def test_pages_fed_in_parts():
    pages = sorted(FIXTURES.rglob("*.htm*")) + sorted((Path(__file__).parent.parent / "examples").glob("*.htm*"))
    if (SHARED / "corpus" / "real-html").is_dir():
        pages += sorted((SHARED / "corpus" / "real-html").glob("*.html"))
    assert pages
    for p in pages:
        text = Source.from_bytes(p.read_bytes()).text
        for flush_at in (html_split._FLUSH_AT, 3):
            assert _same(text, flush_at), p
