"""A linear, position-keeping HTML tokenizer.

lxml builds the tree but reports only line numbers, so the offsets come from
here: every start tag, end tag, text run and comment is a token with its exact
``[start, end)`` in the decoded source.  The scan is a loop over ``str.find``
and anchored regular expressions with possessive quantifiers: no input makes it
backtrack.
"""
from __future__ import annotations

import regex

__all__ = ["tokenize", "TEXT", "START", "END", "COMMENT", "OTHER", "RAWTEXT_TAGS", "VOID_TAGS"]

TEXT, START, END, COMMENT, OTHER = range(5)

RAWTEXT_TAGS = frozenset({"script", "style", "xmp", "textarea", "noscript", "iframe", "noembed", "noframes"})
VOID_TAGS = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
                       "source", "track", "wbr", "basefont", "frame", "keygen", "spacer"})

_START = regex.compile(r"""<([A-Za-z][^\s/>\x00]*+)((?:[^>"']++|"[^"]*+"|'[^']*+')*+)>""")
_END = regex.compile(r"</([A-Za-z][^\s/>\x00]*+)[^>]*+>")
_ATTR = regex.compile(r"""([^\s"'>/=]++)(?:\s*+=\s*+("[^"]*+"|'[^']*+'|[^\s>]++))?""")


def tokenize(text: str) -> list[tuple[int, int, int, str]]:
    """Tokens ``(kind, start, end, name)``; ``name`` is the lower-case tag name for tags, '' otherwise.

    Text tokens never include markup.  The content of raw-text elements (script,
    style, …) becomes an OTHER token: it is not report content.
    """
    out: list[tuple[int, int, int, str]] = []
    append = out.append
    n = len(text)
    i = 0
    text_start = 0
    find = text.find
    # No tag, end tag or declaration can end after the last '>': past it every '<' is text. Without
    # this, a page that ends in thousands of unclosed "<a " retries a scan to the end at each of them.
    last_gt = text.rfind(">")
    while i < n:
        lt = find("<", i)
        if lt < 0 or lt > last_gt:
            break
        nxt = text[lt + 1:lt + 2]
        tok = None
        if nxt == "!":
            if text.startswith("<!--", lt):
                close = find("-->", lt + 4)
                end = n if close < 0 else close + 3
                tok = (COMMENT, lt, end, "")
            else:
                close = find(">", lt)
                end = n if close < 0 else close + 1
                tok = (OTHER, lt, end, "")
        elif nxt == "?":
            close = find(">", lt)
            end = n if close < 0 else close + 1
            tok = (OTHER, lt, end, "")
        elif nxt == "/":
            m = _END.match(text, lt)
            if m:
                tok = (END, lt, m.end(), m.group(1).lower())
        elif nxt.isalpha() and nxt.isascii():
            m = _START.match(text, lt)
            if m:
                tok = (START, lt, m.end(), m.group(1).lower())
        if tok is None:
            i = lt + 1  # a lone '<' is text
            continue
        if lt > text_start:
            append((TEXT, text_start, lt, ""))
        append(tok)
        i = tok[2]
        if tok[0] == START and tok[3] in RAWTEXT_TAGS and not text[tok[1]:tok[2]].endswith("/>"):
            close = _find_close(text, tok[3], i)
            if close > i:
                append((OTHER, i, close, ""))
            i = close
        text_start = i
    if text_start < n:
        append((TEXT, text_start, n, ""))
    return out


def _find_close(text: str, name: str, start: int) -> int:
    """Offset of ``</name`` after *start* (case-insensitive), or the end of the text."""
    lower_needle = "</" + name
    i = start
    n = len(text)
    while True:
        j = text.find("</", i)
        if j < 0:
            return n
        if text[j:j + len(lower_needle)].lower() == lower_needle:
            return j
        i = j + 2


def attributes(tag_source: str) -> dict[str, str]:
    """Attributes of a start tag given its source text (values unescaped lightly)."""
    import html

    m = _START.match(tag_source)
    if not m:
        return {}
    out: dict[str, str] = {}
    for a in _ATTR.finditer(m.group(2)):
        name = a.group(1).lower()
        val = a.group(2) or ""
        if val[:1] in "\"'":
            val = val[1:-1]
        out.setdefault(name, html.unescape(val))
    return out
