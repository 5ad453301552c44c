"""The HTML tokenizer: the same tokens as the plain one-pattern scan, in time linear in the text even when
start tags fail (a quote that never closes), and the marked copy it writes on the way.

The plain scan below is the tokenizer as it was: one pattern, the regex engine trying again from every
'<' after a tag that fails.  It is the oracle for small inputs; on large ones it is quadratic, which the
timing tests show the tokenizer is not (ratios of 4× the input against 1×, as tests/test_worst_case.py).
"""
from __future__ import annotations

import re

import pytest
from hypothesis import given, settings, strategies as st

from disclosure_lint.readers.html_tokens import (COMMENT, END, OTHER, RAWTEXT_TAGS, START, TEXT, _find_close, tokenize,
                                                tokenize_compact)
from disclosure_lint.readers.html_tree import numbered_copy

from .conftest import best_cpu

_PLAIN = re.compile(r"<(?:!--(?s:.*?)(?:-->|\Z)|[!?][^>]*+(?:>|\Z)|/([A-Za-z][^\s/>\x00]*+)[^>]*+>"
                    r"""|([A-Za-z][^\s/>\x00]*+)((?:[^>"']++|"[^"]*+"|'[^']*+')*+)>)""")


def _plain_tokenize(text: str) -> list:
    out: list = []
    n = len(text)
    pos = 0
    stop = text.rfind(">") + 1
    restart = True
    while restart:
        restart = False
        for m in _PLAIN.finditer(text, pos, stop):
            lt, end = m.span()
            if lt > pos:
                out.append((TEXT, pos, lt, ""))
            k = m.lastindex
            if k is None:
                if text.startswith("<!--", lt):
                    if end - lt < 7 or not text.startswith("-->", end - 3):
                        end = n
                    out.append((COMMENT, lt, end, ""))
                else:
                    out.append((OTHER, lt, end, ""))
            elif k == 1:
                out.append((END, lt, end, m.group(1).lower()))
            else:
                name = m.group(2).lower()
                out.append((START, lt, end, name))
                if name in RAWTEXT_TAGS and not text.startswith("/>", end - 2):
                    close = _find_close(text, name, end)
                    if close > end:
                        out.append((OTHER, end, close, ""))
                    pos = close
                    restart = True
                    break
            pos = end
    if pos < n:
        out.append((TEXT, pos, n, ""))
    return out


_PIECES = ["<", ">", '"', "'", "a", " ", "/", "=", "\n", "<a ", "<p>", "</p>", "<a\"", "<b'", "<!--", "-->",
           "<!x", "</", "<script>", "</script>", "<style>", "<textarea>", "\x00", "é", "<td class='x'>", "&nbsp;"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=40))
def test_tokens_are_the_plain_scans(pieces):
    text = "".join(pieces)
    marked: list = []
    tokens = tokenize(text, marked, "k")
    assert tokens == _plain_tokenize(text)
    # The marked copy: every start tag replaced by its name and a marker, the rest as it is; and the
    # numbered copy (html_tree.numbered_copy, for pages where lxml drops a start tag): with its token number.
    expect, numbered, prev = [], [], 0
    for k, (kind, s, e, name) in enumerate(tokens):
        if kind == START:
            expect.append(text[prev:s] + f'<{name} k>')
            numbered.append(text[prev:s] + f'<{name} k="{k}">')
            prev = e
    expect.append(text[prev:])
    numbered.append(text[prev:])
    assert "".join(marked) == "".join(expect)
    assert "".join(numbered_copy(text, *tokenize_compact(text))) == "".join(numbered)


SHAPES = {  # each holds start tags that fail at a quote that never closes, then a later '>'
    "unclosed tags, then a quote": lambda n: "<a " * n + '"' + "<b>",
    "quoted tags, odd count": lambda n: '<a "' * (2 * n + 1) + "<b>",
    "one long name, then a quote": lambda n: "<a" * n + ' "' + ">",
    "attributes, then a quote": lambda n: ("<a " + "x" * 10 + " ") * n + "' >",
    "both quotes": lambda n: "<a '\"" * n + ">",
}


@pytest.mark.parametrize("shape", list(SHAPES))
def test_failing_start_tags_are_linear(shape):
    make = SHAPES[shape]
    n = 4000
    small, big = make(n), make(4 * n)
    assert tokenize(small[:2000]) == _plain_tokenize(small[:2000])
    t1 = best_cpu(lambda: tokenize(small))
    t4 = best_cpu(lambda: tokenize(big))
    if t4 < 0.01:
        return  # too fast to be anything but linear
    assert t4 / max(t1, 1e-6) <= 8.0, f"{shape}: 4× the input costs {t4 / max(t1, 1e-6):.1f}× ({t4:.3f} s)"


def test_the_plain_scan_is_quadratic_on_these_shapes():
    """The timing above can fail: the old scan, on the first shape, grows far faster than its input."""
    make = SHAPES["unclosed tags, then a quote"]
    t1 = best_cpu(lambda: _plain_tokenize(make(1000)), repeat=1)
    t4 = best_cpu(lambda: _plain_tokenize(make(4000)), repeat=1)
    assert t4 / max(t1, 1e-6) > 8.0


def test_a_page_with_failing_tags_lints_linearly():
    from disclosure_lint import lint_text

    def make(n):
        return "<html><body><p>一、总体情况</p>" + "<a " * n + '"' + "<p>x</p></body></html>"

    lint_text(make(10), kind="html")
    t1 = best_cpu(lambda: lint_text(make(3000), kind="html"))
    t4 = best_cpu(lambda: lint_text(make(12000), kind="html"))
    if t4 < 0.02:
        return
    assert t4 / max(t1, 1e-6) <= 8.0
