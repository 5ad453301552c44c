"""A start tag's attributes (readers/html_tokens.attributes) are read with the standard library's engine
as they were with the third-party regex module, whose \\s is Unicode White_Space (the standard library's
also takes U+001C..U+001F): the command line no longer imports regex to read them."""
from __future__ import annotations

import html

import pytest
from hypothesis import given, settings, strategies as st

from disclosure_lint.readers import html_tokens
from disclosure_lint.readers.html_tokens import _WS, attributes

regex = pytest.importorskip("regex")

_OLD_START = regex.compile(r"""<([A-Za-z][^\s/>\x00]*+)((?:[^>"']++|"[^"]*+"|'[^']*+')*+)>""")
_OLD_ATTR = regex.compile(r"""([^\s"'>/=]++)(?:\s*+=\s*+("[^"]*+"|'[^']*+'|[^\s>]++))?""")


def _old_attributes(tag_source: str) -> dict[str, str]:
    m = _OLD_START.match(tag_source)
    if not m:
        return {}
    out: dict[str, str] = {}
    for a in _OLD_ATTR.finditer(m.group(2)):
        name = a.group(1).lower()
        val = a.group(2) or ""
        if val[:1] in "\"'":
            val = val[1:-1]
        out.setdefault(name, html.unescape(val) if "&" in val else val)
    return out


def test_the_white_space_is_regex_modules():
    text = "".join(map(chr, range(0x110000)))
    ours = html_tokens._re_or_regex(f"[{_WS}]")
    assert [m.start() for m in ours.finditer(text)] == [m.start() for m in regex.finditer(r"\s", text)]


_PIECES = ["<td", "<p", " ", "\x1c", "\x1f", "\u3000", "\xa0", "\x85", "class", "=", "'a b'", '"x>y"', "rowspan",
           "colspan=2", "id", "&amp;", "/", ">", "\t", "\n", "a", "'", '"', "<", "style='x:y'"]


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=14))
def test_attributes_as_the_regex_module_read_them(pieces):
    tag = "".join(pieces)
    assert attributes(tag) == _old_attributes(tag)
    assert attributes("<td " + tag + ">") == _old_attributes("<td " + tag + ">")
