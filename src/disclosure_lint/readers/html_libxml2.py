"""libxml2's HTML tree construction rules, which html_onepass plays on our own tokens so that most pages need
no lxml parse.

The HTML reader takes the tree's shape (which element holds which) from libxml2 and every offset from our
tokens.  Where a page goes to lxml, libxml2 parses the reader's marked copy of it: each start tag written as
its bare name and a marker, every other token as it stands.  What libxml2 makes of that copy follows a short
list of rules from its legacy tree builder (HTMLparser.c in libxml2 2.14, which lxml 6 ships): a start tag
closes the open element when the pair is in ``htmlStartClose``; ``html``, ``head`` and ``body`` are implied
where missing; an end tag closes the nearest open element of its name unless an element of higher end
priority stands between (``htmlEndPriority``), and is ignored when none is open; the empty elements close at
once.  This module holds those rules (the tables and :func:`_start_in_head`); html_onepass plays them in the
pass that files the tokens and builds the nodes.

It plays them only where it is sure to read the copy as libxml2 does, and gives up (the reader then lets
lxml parse the copy) wherever libxml2 would read a token otherwise than our tokenizer, or would act on
something the rules above do not cover:

- a '<' in a text token that libxml2 reads as markup (a start tag whose quote never closes, which our
  tokenizer leaves as text; "</ " and what follows, a bogus comment to libxml2);
- a tag name that is not plain ASCII (as filed, lower-cased, or as written: the KELVIN SIGN), an end tag
  that is not exactly ``</name>``, a comment libxml2 ends elsewhere (``<!-->``, ``<!--->``, ``--!>``), a
  script whose content holds ``<!--`` (libxml2's escaped script states), a ``<noscript>`` read as raw text
  (libxml2 reads its content as markup), ``<plaintext>``;
- anything but text inside an element libxml2 reads as text (``<title>``, ``<script/>``), or an end tag
  other than its own;
- text that is not blank where libxml2 would imply elements for it (before the body, in ``<html>`` or
  ``<head>``), a misplaced ``<html>``, ``<head>`` or second ``<body>`` (libxml2 drops those), anything after
  the root element closes, a page with no start tag.

So the answer, when there is one, is lxml's: tests (test_html_libxml2) compare the two on every real page,
the examples and fixtures, the synthetic reports and hypothesis-generated markup.  The rules are libxml2
2.14's, played whatever libxml2 the installed lxml carries (see :data:`ACTIVE`); lxml is imported only
where the reader gives up.
"""
from __future__ import annotations

from ..source.re_cache import compile_re
from .html_tokens import RAWTEXT_TAGS

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing
if TYPE_CHECKING:
    from .html_tree import Node

__all__ = ["ACTIVE"]


# Whether the reader plays the rules (tests turn it off to compare; off, every page goes to lxml).  The rules are libxml2 2.14's
# (HTMLparser.c of v2.14.6, which lxml 6 ships); they are played whatever libxml2 the installed lxml
# carries, so that a page the one pass is sure of gets the same tree everywhere, and an HTML lint needs
# no lxml at all (importing lxml.etree costs a process about 25 ms).  The tests compare the reader's tree
# with lxml's where lxml carries libxml2 2.14.
ACTIVE = True

# htmlStartClose: an open element (key) is closed by a start tag of these names.
_CLOSED_BY: dict[str, frozenset] = {
    "a": frozenset({"a", "fieldset", "table", "td", "th"}),
    "address": frozenset({"dd", "dl", "dt", "form", "li", "ul"}),
    "b": frozenset({"center", "p", "td", "th"}),
    "big": frozenset({"p"}),
    "caption": frozenset({"col", "colgroup", "tbody", "tfoot", "thead", "tr"}),
    "col": frozenset({"col", "colgroup", "tbody", "tfoot", "thead", "tr"}),
    "colgroup": frozenset({"colgroup", "tbody", "tfoot", "thead", "tr"}),
    "dd": frozenset({"dt"}),
    "dir": frozenset({"dd", "dl", "dt", "form", "ul"}),
    "dl": frozenset({"form", "li"}),
    "dt": frozenset({"dd", "dl"}),
    "font": frozenset({"center", "td", "th"}),
    "form": frozenset({"form"}),
    "h1": frozenset({"fieldset", "form", "li", "p", "table"}),
    "h2": frozenset({"fieldset", "form", "li", "p", "table"}),
    "h3": frozenset({"fieldset", "form", "li", "p", "table"}),
    "h4": frozenset({"fieldset", "form", "li", "p", "table"}),
    "h5": frozenset({"fieldset", "form", "li", "p", "table"}),
    "h6": frozenset({"fieldset", "form", "li", "p", "table"}),
    "head": frozenset({
        "a", "abbr", "acronym", "address", "b", "bdo", "big", "blockquote", "body", "br", "center", "cite", "code",
        "dd", "dfn", "dir", "div", "dl", "dt", "em", "fieldset", "font", "form", "frameset", "h1", "h2", "h3",
        "h4", "h5", "h6", "hr", "i", "iframe", "img", "kbd", "li", "listing", "map", "menu", "ol", "p", "pre",
        "q", "s", "samp", "small", "span", "strike", "strong", "sub", "sup", "table", "tt", "u", "ul", "var",
        "xmp"}),
    "hr": frozenset({"form"}),
    "i": frozenset({"center", "p", "td", "th"}),
    "legend": frozenset({"fieldset"}),
    "li": frozenset({"li"}),
    "link": frozenset({"body", "frameset"}),
    "listing": frozenset({"dd", "dl", "dt", "fieldset", "form", "li", "table", "ul"}),
    "menu": frozenset({"dd", "dl", "dt", "form", "ul"}),
    "ol": frozenset({"form"}),
    "option": frozenset({"optgroup", "option"}),
    "p": frozenset({
        "address", "blockquote", "body", "caption", "center", "col", "colgroup", "dd", "dir", "div", "dl", "dt",
        "fieldset", "form", "frameset", "h1", "h2", "h3", "h4", "h5", "h6", "head", "hr", "li", "listing",
        "menu", "ol", "p", "pre", "table", "tbody", "td", "tfoot", "th", "title", "tr", "ul", "xmp"}),
    "pre": frozenset({"dd", "dl", "dt", "fieldset", "form", "li", "table", "ul"}),
    "s": frozenset({"p"}),
    "script": frozenset({"noscript"}),
    "small": frozenset({"p"}),
    "span": frozenset({"td", "th"}),
    "strike": frozenset({"p"}),
    "style": frozenset({"body", "frameset"}),
    "tbody": frozenset({"tbody", "tfoot"}),
    "td": frozenset({"tbody", "td", "tfoot", "th", "tr"}),
    "tfoot": frozenset({"tbody"}),
    "th": frozenset({"tbody", "td", "tfoot", "th", "tr"}),
    "thead": frozenset({"tbody", "tfoot"}),
    "title": frozenset({"body", "frameset"}),
    "tr": frozenset({"tbody", "tfoot", "tr"}),
    "tt": frozenset({"p"}),
    "u": frozenset({"p", "td", "th"}),
    "ul": frozenset({"address", "form", "menu", "pre"}),
    "xmp": frozenset({"dd", "dl", "dt", "fieldset", "form", "li", "table", "ul"}),
}
# htmlEndPriority: an end tag closes only elements of lower or equal priority on its way (others: 100).
_PRIORITY = {"div": 150, "td": 160, "th": 160, "tr": 170, "thead": 180, "tbody": 180, "tfoot": 180,
             "table": 190, "head": 200, "body": 200, "html": 220}
# The elements html40ElementTable marks empty: closed as soon as opened.
_EMPTY = frozenset({"area", "base", "basefont", "br", "col", "frame", "hr", "img", "input", "isindex", "link",
                    "meta", "param"})
# Elements whose content libxml2 reads as text (its dataMode), and those htmlCheckImplied puts in a head.
_TEXT_CONTENT = frozenset({"iframe", "noembed", "noframes", "plaintext", "script", "style", "textarea", "title",
                           "xmp"})
_HEAD_ONLY = frozenset({"script", "style", "meta", "link", "title", "base"})
_NOT_IN_BODY = frozenset({"noframes", "frame", "frameset"})
_INSERT_IN_HEAD, _INSERT_IN_BODY = 3, 10  # libxml2's ctxt->html, once a head / a body was pushed
# A tag name libxml2 surely reads as our tokenizer does (lower-cased): no control character
# (the copy turns those into spaces), quote, '<', '=' or anything beyond ASCII.
_ODD_NAME_CHAR = compile_re(r"[^a-z0-9:_.\-]")
# The one character beyond ASCII that str.lower() makes ASCII ("K", KELVIN SIGN, to "k"): our tokenizers file a
# tag name holding it as plain letters, libxml2 reads it otherwise (a page holding one in a name is left to lxml).
_KELVIN = "\u212a"
# What libxml2 reads as the start of markup: in a text token (our tokenizer's text), it would be read otherwise.
_TAG_OPEN = compile_re(r"<[A-Za-z/!?]")


_ROOTISH = frozenset({"html", "head", "body"})
_HTML_OR_HEAD = frozenset({"html", "head"})
_TEXTISH = RAWTEXT_TAGS | _TEXT_CONTENT  # elements one tokenizer or the other reads as text


def _start_in_head(tag: str, open_names: list, open_nodes: list, state: int, rooted: bool, root: Node
                   ) -> tuple[int, bool] | None:
    # (root: the node of an implied html element's place, which no start tag's element holds)
    """What libxml2 does at a start tag *tag* before its element is pushed (htmlAutoClose,
    htmlCheckImplied, the checks of htmlParseStartTag), on the stack html_onepass keeps; the new
    ``(state, rooted)``, or None where the element would be dropped or a second top-level one begun."""
    while open_names:  # htmlAutoClose
        closers = _CLOSED_BY.get(open_names[-1])
        if closers is None or tag not in closers:
            break
        open_names.pop()
        open_nodes.pop()
    if tag == "html":
        if open_names:
            return None  # misplaced: dropped
    else:  # htmlCheckImplied
        if not open_names:
            if rooted:
                return None  # a second top-level element: lxml keeps only the first
            rooted = True
            open_names.append("html")
            open_nodes.append(root)
        if tag == "head":
            if len(open_names) != 1:
                return None  # misplaced: dropped
        elif tag == "body":
            if "body" in open_names:
                return None  # misplaced: dropped
        elif len(open_names) <= 1 and tag in _HEAD_ONLY:
            if state < _INSERT_IN_HEAD:
                open_names.append("head")
                open_nodes.append(open_nodes[-1])
                state = _INSERT_IN_HEAD
        elif tag not in _NOT_IN_BODY and state < _INSERT_IN_BODY and \
                "body" not in open_names and "head" not in open_names:
            open_names.append("body")
            open_nodes.append(open_nodes[-1])
            state = _INSERT_IN_BODY
    if not open_names:  # an html start tag at the top
        if rooted:
            return None  # a second top-level element: lxml keeps only the first
        rooted = True
    if tag == "head":
        state = max(state, _INSERT_IN_HEAD)
    elif tag == "body":
        state = _INSERT_IN_BODY
    return state, rooted
