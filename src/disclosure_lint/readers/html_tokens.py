"""A linear, position-keeping HTML tokenizer.

lxml builds the tree but reports only line numbers, so the offsets come from
here: every start tag, end tag, text run and comment is a token with its exact
``[start, end)`` in the decoded source.  The scan is a loop over ``str.find``
and anchored regular expressions with possessive quantifiers: no input makes it
backtrack.
"""
from __future__ import annotations

import re as _re
import sys as _sys

import regex

__all__ = ["tokenize", "TEXT", "START", "END", "COMMENT", "OTHER", "RAWTEXT_TAGS", "VOID_TAGS"]

TEXT, START, END, COMMENT, OTHER = range(5)

RAWTEXT_TAGS = frozenset({"script", "style", "xmp", "textarea", "noscript", "iframe", "noembed", "noframes"})
VOID_TAGS = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
                       "source", "track", "wbr", "basefont", "frame", "keygen", "spacer"})

_START = regex.compile(r"""<([A-Za-z][^\s/>\x00]*+)((?:[^>"']++|"[^"]*+"|'[^']*+')*+)>""")
_END = regex.compile(r"</([A-Za-z][^\s/>\x00]*+)[^>]*+>")
_ATTR = regex.compile(r"""([^\s"'>/=]++)(?:\s*+=\s*+("[^"]*+"|'[^']*+'|[^\s>]++))?""")


# Every piece of markup, one alternative per kind, each as the dispatch on the character after '<' used to
# read it: a comment (to its end or the text's), a declaration or processing instruction, an end tag
# (group 1), a start tag (groups 2, 3: name and attributes, as _START).  Possessive quantifiers: no input
# makes it backtrack.  The standard library's engine has them from Python 3.11 and is faster.
_MARKUP_PATTERN = (r"<(?:!--(?s:.*?)(?:-->|\Z)|[!?][^>]*+(?:>|\Z)|/([A-Za-z][^\s/>\x00]*+)[^>]*+>"
                   r"""|([A-Za-z][^\s/>\x00]*+)((?:[^>"']++|"[^"]*+"|'[^']*+')*+)>)""")
_MARKUP = (_re.compile if _sys.version_info >= (3, 11) else regex.compile)(_MARKUP_PATTERN)


def tokenize(text: str, marked: list | None = None, mark: str = "k") -> list[tuple[int, int, int, str]]:
    """Tokens ``(kind, start, end, name)``; ``name`` is the lower-case tag name for tags, '' otherwise.

    Text tokens never include markup.  The content of raw-text elements (script,
    style, …) becomes an OTHER token: it is not report content.  A '<' that starts
    no markup is text.  The markup is found by one compiled pattern (C); Python
    only files the matches.

    Given a list *marked*, the same pass fills it with the pieces of a copy of the text in which every
    start tag is replaced by its name and a marker attribute, ``<name mark="k">``, k its token number.
    """
    out: list[tuple[int, int, int, str]] = []
    append = out.append
    n = len(text)
    pos = 0  # everything before pos is tokenized
    startswith = text.startswith
    finditer = _MARKUP.finditer
    # No tag, end tag or declaration can end after the last '>': past it every '<' is text. Without
    # this, a page that ends in thousands of unclosed "<a " retries a scan to the end at each of them.
    stop = text.rfind(">") + 1
    restart = True
    mprev = 0  # the text up to here is in the marked copy
    while restart:
        restart = False
        for m in finditer(text, pos, stop):
            lt, end = m.span()
            if lt > pos:
                append((TEXT, pos, lt, ""))
            k = m.lastindex
            if k is None:
                if startswith("<!--", lt):
                    if end - lt < 7 or not startswith("-->", end - 3):
                        end = n  # an unclosed comment runs to the end of the text
                    append((COMMENT, lt, end, ""))
                else:
                    append((OTHER, lt, end, ""))
            elif k == 1:
                append((END, lt, end, m.group(1).lower()))
            else:
                name = m.group(2).lower()
                if marked is not None:
                    marked.append(text[mprev:lt])
                    marked.append(f'<{name} {mark}="{len(out)}">')
                    mprev = end
                append((START, lt, end, name))
                if name in RAWTEXT_TAGS and not startswith("/>", end - 2):
                    close = _find_close(text, name, end)
                    if close > end:
                        append((OTHER, end, close, ""))
                    # Markup inside the element is not markup: search again from its end tag (a match
                    # begun inside it could run past that end tag).
                    pos = close
                    restart = True
                    break
            pos = end
    if pos < n:
        append((TEXT, pos, n, ""))
    if marked is not None:
        marked.append(text[mprev:])
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
