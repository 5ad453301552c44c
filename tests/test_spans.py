"""Spans are sacred: every span slices back to the text it claims, and lies inside the source."""
import html
import re

import pytest
from hypothesis import given, strategies as st

from disclosure_lint import parse_path
from disclosure_lint.document import Number, Blank
from disclosure_lint.document.normalize import ascii_digits
from disclosure_lint.document.parse import parse_bytes
from disclosure_lint.tools.synth import ReportSpec, render_html

from .conftest import FIXTURES, shared_files


def _files():
    files = sorted(FIXTURES.glob("*.txt"))
    files += shared_files("corpus/real/*", "corpus/real-html/*.html")
    return files


def visible(src: str) -> str:
    """The text a reader sees in a source slice: tags removed, entities decoded."""
    return html.unescape(re.sub(r"<[^>]*>", "", src))


def check_spans(doc):
    text = doc.source.text
    n = 0
    for b in doc.blocks:
        assert 0 <= b.span.start <= b.span.end <= len(text)
        if hasattr(b, "ptext"):
            # every character of a paragraph maps into the source
            for i in range(0, len(b.text), max(1, len(b.text) // 7)):
                sp = b.ptext.span(i, i + 1)
                src = text[sp.start:sp.end]
                ch = b.text[i]
                assert src == ch or ch == " " or src.startswith("&") or (ch == "\n"), (ch, src)
        else:
            for cell in b.cells():
                v = cell.value
                assert 0 <= v.span.start <= v.span.end <= len(text)
                if isinstance(v, Number):
                    assert ascii_digits(visible(text[v.span.start:v.span.end])).replace(",", "") == \
                        ascii_digits(v.raw).replace(",", ""), (v, text[v.span.start:v.span.end])
                    n += 1
                elif not isinstance(v, Blank):
                    src = text[v.span.start:v.span.end]
                    assert cell.text.replace(" ", "")[:1] in src or src.startswith("&")
    for f in doc.metadata.fields.values():
        assert 0 <= f.span.start <= f.span.end <= len(text)
    return n


@pytest.mark.parametrize("path", _files(), ids=lambda p: p.name)
def test_every_cell_and_number_span_slices_back(path):
    doc = parse_path(path)
    check_spans(doc)


def test_synthetic_report_spans():
    doc = parse_bytes(render_html(ReportSpec(seed=5)).encode(), "x.html")
    assert check_spans(doc) > 150


@given(st.binary(max_size=3000))
def test_arbitrary_bytes_never_raise_and_spans_lie_inside(data):
    for kind in ("html", "text"):
        doc = parse_bytes(data, None, kind)
        check_spans(doc)


@given(st.lists(st.sampled_from(["<p>", "</p>", "<table>", "<tr>", "<td>", "</td>", "</tr>", "</table>",
                                 "<td rowspan=3>", "<td colspan=9>", "<br>", "一、总体情况", "12", "&nbsp;",
                                 "&gt;", "<!--", "-->", "<script>", "</script>", "|", "\n", "\r\n", "（一）",
                                 "<div class=nav>", "</div>", "<", ">", "&", "\x00"]), max_size=80))
def test_arbitrary_html_is_parsed_deterministically(parts):
    data = "".join(parts).encode()
    a = parse_bytes(data, None, "html")
    b = parse_bytes(data, None, "html")
    check_spans(a)
    assert [x.span for x in a.blocks] == [x.span for x in b.blocks]
