"""libxml2's HTML tree construction, followed on our own tokens, so that most pages need no lxml parse.

The HTML reader takes the tree's shape (which element holds which) from libxml2 and every offset from our
tokens.  libxml2 parses the reader's marked copy of the page: each start tag written as its bare name and a
marker, every other token as it stands.  What libxml2 makes of that copy follows a short list of rules from
its legacy tree builder (HTMLparser.c in libxml2 2.14, which lxml 6 ships): a start tag closes the open
element when the pair is in ``htmlStartClose``; ``html``, ``head`` and ``body`` are implied where missing; an
end tag closes the nearest open element of its name unless an element of higher end priority stands
between (``htmlEndPriority``), and is ignored when none is open; the empty elements close at once.  This
module plays those rules on the tokens, in the pass that builds the nodes, and gives each start tag's
element the parent html_tree._Structure records from lxml.

It plays them only where it is sure to read the copy as libxml2 does, and gives up (returns None, and the
reader lets lxml parse the copy as before) wherever libxml2 would read a token otherwise than our
tokenizer, or would act on something the rules above do not cover:

- a '<' in a text token that libxml2 reads as markup (a start tag whose quote never closes, which our
  tokenizer leaves as text; "</ " and what follows, a bogus comment to libxml2);
- a tag name that is not plain ASCII (as filed, lower-cased, or as written: the KELVIN SIGN), an end tag that is not exactly ``</name>``, a comment libxml2 ends
  elsewhere (``<!-->``, ``<!--->``, ``--!>``), a script whose content holds ``<!--`` (libxml2's escaped
  script states), a ``<noscript>`` read as raw text (libxml2 reads its content as markup), ``<plaintext>``;
- anything but text inside an element libxml2 reads as text (``<title>``, ``<script/>``), or an end tag
  other than its own;
- text that is not blank where libxml2 would imply elements for it (before the body, in ``<html>`` or
  ``<head>``), a misplaced ``<html>``, ``<head>`` or second ``<body>`` (libxml2 drops those), anything after
  the root element closes, a page with no start tag.

So the answer, when there is one, is lxml's: tests compare the two on every real page, the examples and
fixtures, the synthetic reports and hypothesis-generated markup.  The rules are libxml2 2.14's, played
whatever libxml2 the installed lxml carries (see :data:`ACTIVE`); lxml is imported only where the
emulation gives up.
"""
from __future__ import annotations

from itertools import repeat

from ..source.re_cache import compile_re
from .html_tokens import COMMENT, END, RAWTEXT_TAGS, START, TEXT, VOID_TAGS
from .html_tree import Node, lxml_tree

__all__ = ["ACTIVE", "build_as_libxml2", "build_tree"]


# Whether the reader plays the rules (tests turn it off to compare).  The rules are libxml2 2.14's
# (HTMLparser.c of v2.14.6, which lxml 6 ships); they are played whatever libxml2 the installed lxml
# carries, so that a page the emulation is sure of gets the same tree everywhere, and an HTML lint needs
# no lxml at all (importing lxml.etree costs a process about 25 ms).  The tests compare the emulation with
# lxml where lxml carries libxml2 2.14.
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
# A tag name libxml2 surely reads as our tokenizer does (names are lower-cased already): no control character
# (the copy turns those into spaces), quote, '<', '=' or anything beyond ASCII.
_ODD_NAME_CHAR = compile_re(r"[^a-z0-9:_.\-]")
# The one character beyond ASCII that str.lower() makes ASCII ("K", KELVIN SIGN, to "k"): our tokenizers file a
# tag name holding it as plain letters, libxml2 reads it otherwise (a page holding one in a name is left to lxml).
_KELVIN = "\u212a"
# What libxml2 reads as the start of markup: in a text token (our tokenizer's text), it would be read otherwise.
_TAG_OPEN = compile_re(r"<[A-Za-z/!?]")


def build_tree(text: str, tokens: tuple, problems: list, facts: list | tuple = ()
               ) -> tuple[Node, list[Node], list[int]]:
    """The nodes of the page from its tokens (``offsets, kinds, names, weights``): shaped as libxml2 would
    shape the marked copy, played on the tokens where that is sure (no lxml parse: :func:`build_as_libxml2`,
    with the split's *facts* if it gave them), or else as lxml shapes it (html_tree.lxml_tree)."""
    tree = build_as_libxml2(text, *tokens, *facts)
    return tree if tree is not None else lxml_tree(text, tokens, problems)


_ROOTISH = frozenset({"html", "head", "body"})
_HTML_OR_HEAD = frozenset({"html", "head"})
_TEXTISH = RAWTEXT_TAGS | _TEXT_CONTENT  # elements one tokenizer or the other reads as text


def build_as_libxml2(text: str, starts, kinds, names: list, weights: list, plain_ends: bool = False,
                     plain_texts: bool = False) -> tuple[Node, list[Node], list[int]] | None:
    """The tree html_tree builds from lxml's parse of the marked copy (``_build_in_order`` on the parents
    lxml gives), built from the tokens (*starts*, *kinds*, *names*) and the text tokens' *weights* alone,
    or None where libxml2 might read the copy otherwise (see the module's docstring; tests compare it with
    lxml's).  The loop of _build_in_order, with libxml2's stack of open elements beside it: the stack holds,
    for each open element, the node of the nearest start tag's element at or below it (the root for none),
    so that a start tag's parent is the node on top.  Past the page's head (once a body is open) a start tag
    other than html, head or body needs only htmlAutoClose; the rest, rare, goes through
    :func:`_start_in_head`.  *plain_ends* and *plain_texts* (html_split's facts) spare the loop looking at
    each end tag's length and into each text token for a '<'."""
    if not ACTIVE or _ODD_NAME_CHAR.search("".join(names)) is not None or \
            _KELVIN in text and _kelvin_in_a_name(text, starts, kinds, names):
        return None
    root = Node("#root", -1, None)
    els = list(map(object.__new__, repeat(Node, kinds.count(START))))
    if not els:
        return None
    comments: list[int] = []
    owner = root
    own = root.items
    weight = iter(weights).__next__
    void, closed_by, rootish, html_or_head = VOID_TAGS, _CLOSED_BY, _ROOTISH, _HTML_OR_HEAD
    after_start = dict.fromkeys(_EMPTY, False) | dict.fromkeys(_TEXTISH, True)
    start, end, text_kind = START, END, TEXT
    open_names: list[str] = []  # libxml2's stack of open elements
    open_nodes: list[Node] = []  # of each, the node of the nearest start tag's element at or below it
    state = 0  # libxml2's ctxt->html
    in_head = True  # no body was opened yet (state < _INSERT_IN_BODY)
    careful = True  # in_head, or text_of is set: a start tag goes the long way
    rooted = False  # a top-level element was opened
    text_of = None  # the open element whose content libxml2 reads as text
    raw_content = -1  # the token of that element's content, as our tokenizer read it raw
    tag_open = _TAG_OPEN.search
    check_ends, check_texts = not plain_ends, not plain_texts
    i = 0  # the next element
    j = 0  # names[j] is the next start or end tag's name
    k = -1
    for kind in kinds:
        k += 1
        if kind == start:
            tag = names[j]
            j += 1
            if careful or not open_names or tag in rootish:
                if text_of is not None:
                    return None
                got = _start_in_head(tag, open_names, open_nodes, state, rooted, root)
                if got is None:
                    return None
                state, rooted = got
                in_head = careful = state < _INSERT_IN_BODY
                p = open_nodes[-1] if open_nodes else root
            else:
                closers = closed_by.get(open_names[-1])
                while closers is not None and tag in closers:  # htmlAutoClose
                    open_names.pop()
                    open_nodes.pop()
                    if not open_names:
                        return None  # libxml2 would imply a second top-level element
                    closers = closed_by.get(open_names[-1])
                p = open_nodes[-1]
            node = els[i]
            node.tag = tag
            node.tok = k
            node.items = []
            node.parent = p
            node.w = 0
            p.items.append(node)
            i += 1
            owner = p if tag in void else node
            own = owner.items
            kept = after_start.get(tag)  # None for most; False for an empty element, True for text content
            if kept is None:
                open_names.append(tag)
                open_nodes.append(node)
            elif kept:
                open_names.append(tag)
                open_nodes.append(node)
                if tag in RAWTEXT_TAGS and not text.startswith("/>", starts[k + 1] - 2):
                    if tag not in _TEXT_CONTENT:
                        return None  # <noscript>: our tokenizer reads raw text, libxml2 markup
                    text_of, raw_content = tag, k + 1
                    careful = True
                elif tag in _TEXT_CONTENT:
                    if tag == "plaintext":
                        return None
                    text_of, raw_content = tag, -1
                    careful = True
        elif kind == end:
            name = names[j]
            j += 1
            if check_ends and starts[k + 1] - starts[k] != len(name) + 3:
                return None  # not "</name>": libxml2 reads what follows the name otherwise
            if text_of is not None:
                if name != text_of:
                    return None
                text_of = None
                careful = in_head
            if open_names and open_names[-1] == name:
                open_names.pop()
                open_nodes.pop()
            elif name in open_names:  # htmlAutoCloseOnClose
                priority = _PRIORITY.get(name, 100)
                at = len(open_names) - 1
                while open_names[at] != name:
                    if _PRIORITY.get(open_names[at], 100) > priority:
                        break  # the end tag is ignored
                    at -= 1
                else:
                    del open_names[at:], open_nodes[at:]
            # our text's owner, as _build_in_order follows it
            if owner.tag == name:  # the root's tag is no tag's name
                owner = owner.parent
                own = owner.items
            else:
                n = owner.parent
                while n is not None and n.tag != name:
                    n = n.parent
                if n is not None and n is not root:
                    owner = n.parent
                    own = owner.items
        elif kind == text_kind:
            own.append(k)
            w = weight()
            if w:  # (a '<' is not white space: a text of none holds no markup)
                owner.w += w
                if in_head and text_of is None or not open_names or open_names[-1] in html_or_head:
                    return None  # libxml2 implies elements for it (htmlStartCharData)
                if check_texts and text.find("<", starts[k], starts[k + 1]) >= 0 and \
                        tag_open(text, starts[k], starts[k + 1]) is not None:
                    return None  # a tag to libxml2, not to our tokenizer (one whose quote never closes, "</ ")
        elif kind == COMMENT:
            if text_of is not None:
                return None
            s, e = starts[k], starts[k + 1]
            if text.startswith("<!-->", s) or text.startswith("<!--->", s) or text.find("--!>", s, e) >= 0:
                return None  # libxml2 ends the comment elsewhere
            comments.append(k)
        elif text_of is not None:  # OTHER
            if k != raw_content:
                return None
            if text_of == "script" and text.find("<!--", starts[k], starts[k + 1]) >= 0:
                return None  # libxml2's escaped script states may end it elsewhere
    if text_of is not None:
        return None
    els.insert(0, root)
    return root, els, comments


def _kelvin_in_a_name(text: str, starts, kinds, names: list) -> bool:
    """Whether a start or end tag's name, as the page writes it, holds the KELVIN SIGN (its lower case, the
    name filed, is as long: str.lower() lengthens only "İ", which _ODD_NAME_CHAR refuses)."""
    j = 0
    for k, kind in enumerate(kinds):
        if kind == START or kind == END:
            at = starts[k] + (1 if kind == START else 2)
            if _KELVIN in text[at:at + len(names[j])]:
                return True
            j += 1
    return False


def _start_in_head(tag: str, open_names: list, open_nodes: list, state: int, rooted: bool, root: Node
                   ) -> tuple[int, bool] | None:
    # (root: the node of an implied html element's place, which no start tag's element holds)
    """What libxml2 does at a start tag *tag* before its element is pushed (htmlAutoClose,
    htmlCheckImplied, the checks of htmlParseStartTag), on the stack build_as_libxml2 keeps; the new
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
