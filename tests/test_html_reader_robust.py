"""The HTML reader on misnested markup: no page makes it raise, and every paragraph's span covers its text.

lxml may place an element where the source does not (a <title> met inside a link is kept there while
the link's end tag closes it in the source), so a paragraph can hold text whose source comes before
the text ahead of it.  Its span then covers all of it instead of failing as an end before its start
(which stopped the file with DL000)."""
from __future__ import annotations

from hypothesis import given, settings, strategies as st

from disclosure_lint import lint_text
from disclosure_lint.document.build import build_document
from disclosure_lint.readers.blocks import RawParagraph
from disclosure_lint.readers.html import read_html
from disclosure_lint.source import Source


def test_text_out_of_source_order_is_read():
    page = "<a><title></a></title>\t<r>e"
    raw = read_html(Source(page, "x.html"))
    paragraphs = [b for b in raw.blocks if isinstance(b, RawParagraph)]
    assert [p.ptext.text for p in paragraphs] == ["e\t"]
    assert paragraphs[0].span.start <= page.index("\t") and paragraphs[0].span.end >= page.index("e") + 1
    assert all(d.code != "DL000" for d in lint_text(page, kind="html"))


_PIECES = ["<html>", "</html>", "<body>", "</body>", " ", "\t", "x", "一、总体情况", "<p>", "</p>", "<table>",
           "</table>", "<tr>", "<td>", "</td>", "</tr>", "<div>", "</div>", "<head>", "<title>", "</title>",
           "<br>", "<!-- c -->", "&nbsp;", "<span>", "</span>", "<a>", "</a>", "<b>", "</b>", "<li>", "<h1>",
           "<caption>", "<th>", "<td rowspan=2>", "<form>", "</form>", "<select>", "<option>", "<r>", "12"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=40))
def test_misnested_pages_are_read(pieces):
    page = "".join(pieces)
    source = Source(page, "x.html")
    raw = read_html(source)
    for b in list(raw.blocks) + list(raw.furniture):
        if isinstance(b, RawParagraph):
            assert 0 <= b.span.start <= b.span.end <= len(page)
    build_document(source, raw, "html")


def test_a_control_character_in_a_tag_name_keeps_the_structure():
    """The marked copy blanks control characters out: a tag name holding one must not turn the rest of it
    into an attribute that displaces the copy's marker (it raised, or lost every later block)."""
    from disclosure_lint import lint_text
    from disclosure_lint.document.parse import parse_bytes

    page = '<p>一</p><div\x01k="0">二</div><p>三</p><table><tr><td>5</td></tr></table>'
    doc = parse_bytes(page.encode(), None, "html")
    assert [b.text for b in doc.paragraphs()] == ["一", "二", "三"]
    assert len(doc.tables()) == 1
    assert not [d for d in lint_text('<p>一</p><div\x01k="x">二</div>', kind="html") if d.code == "DL000"]


def test_attribute_names_are_read_in_any_case():
    """CLASS="footer" is a class as class="footer" is: the footer is furniture, not report content."""
    from disclosure_lint.document.parse import parse_bytes

    body = "<p>" + "本年度共收到政府信息公开申请12件，办结11件。" * 20 + "</p>"
    for attr in ("class", "CLASS", "Class"):
        page = f'<html><body><div>{body}<div {attr}="footer"><p>版权所有 网站地图</p></div></div></body></html>'
        doc = parse_bytes(page.encode(), None, "html")
        assert not any("版权所有" in b.text for b in doc.paragraphs()), attr
