"""The HTML reader's front half in one Python pass: html_split's tokens and libxml2's tree together.

The pieces of html_split's ``re.split`` (``_SPLIT_RUNS``, a chunk at a time) are filed as tokens (offsets,
kinds) and, in the same loop, libxml2's tree rules (html_libxml2) are played on them to build the nodes:
which element holds which, and which element each text token belongs to.

A start tag, its text and its own end tag (``<span …>文字</span>``, ``<o:p></o:p>``: a third of the tokens
of a Word page) are one markup of the split.  In the body, for an element that is neither empty, nor void,
nor read as text, nor html, head or body, the three tokens are filed and the element built, holding its
text, in one step; it is pushed and popped at once, so libxml2's stack is not touched.  Elsewhere the run
is taken apart in the list of pieces (its end tag and the text after it become the next markup) and each
token goes the usual way.

It answers only where it is sure: wherever html_split would give up (a start tag whose quote never closes,
a raw-text element whose end tag is past the last '>'), where the page ends in a comment that does not
close, wherever libxml2 might read the page otherwise than the rules say (html_libxml2's docstring lists
where), it returns None, and the reader takes the tokens from html_split or html_tokens and the tree from
lxml's parse of the marked copy (html_tree).  Tests compare its tokens with html_tokens' and its tree
with lxml's (test_html_libxml2, test_html_onepass).
"""
from __future__ import annotations

from array import array
from struct import pack

from .html_libxml2 import (_CLOSED_BY, _EMPTY, _HTML_OR_HEAD, _INSERT_IN_BODY, _KELVIN, _ODD_NAME_CHAR, _PRIORITY,
                           _ROOTISH, _TAG_OPEN, _TEXT_CONTENT, _TEXTISH, _start_in_head)
from . import html_libxml2
from .html_split import _SPLIT_RUNS, _START_TAG, _chunks, _start_ends_at, _weights
from .html_tokens import COMMENT, END, OTHER, RAWTEXT_TAGS, START, TEXT, VOID_TAGS, _find_close
from .html_tree import Node
from ..source.compiled import load

__all__ = ["read_in_one_pass"]

_new = object.__new__


def _load_compiled():
    """readers/_onepass.c's module, or None (source/compiled.py says when)."""
    import os

    return load(__package__, "_onepass", os.path.dirname(__file__))


_compiled = _load_compiled()
USE_COMPILED = True  # tests turn it off to compare the two passes


def _compiled_context() -> tuple:
    """The tables and helpers the compiled pass plays the rules with: this module's, as they stand (the
    Python pass reads them at each call too, and tests change them to see the oracle fail)."""
    return (Node, _CLOSED_BY, VOID_TAGS, _ROOTISH, _HTML_OR_HEAD, _after_start(), RAWTEXT_TAGS, _TEXT_CONTENT,
            _PRIORITY, _start_in_head, _INSERT_IN_BODY, array)


def _after_start() -> dict:
    """What follows a start tag, by tag: False for an empty element (closed at once), True for one read as
    text; other tags are absent (pushed)."""
    return dict.fromkeys(_EMPTY, False) | dict.fromkeys(_TEXTISH, True)


# Runs taken apart in one chunk before the page is left to the tokenizer and lxml: each inserts its end tag into the
# chunk's list of pieces (a move of the pieces after it), so a chunk of nothing else would cost its length
# squared; a page has a few (its <title>).
_APART_PER_CHUNK = 64
_NO_MARKUP = ("", None, None, None, None)  # put before a chunk's first text: it is filed as any text after a markup


def read_in_one_pass(text: str) -> tuple[array, bytearray, Node, list[Node], list[int]] | None:
    """``(starts, kinds, root, nodes, comments)``: the tokens html_tokens.tokenize_compact gives (offsets as
    machine integers, kinds) and the tree lxml's parse of the marked copy gives (html_tree.lxml_tree), in
    one pass; or None where it is not sure (the caller then takes those two).

    The compiled pass (readers/_onepass.c, where it was built) answers first; where it gives up, this
    module's Python pass, the definition, does."""
    if not html_libxml2.ACTIVE:
        return None
    if _compiled is not None and USE_COMPILED:
        got = _compiled.read(text, Node("#root", -1, None), _compiled_context())
        if got is not None:
            return got
    return _read_in_one_pass_py(text)


def _read_in_one_pass_py(text: str) -> tuple[array, bytearray, Node, list[Node], list[int]] | None:
    """read_in_one_pass in Python: the definition, and the oracle of the compiled pass."""
    stop = text.rfind(">") + 1  # past the last '>' no markup can end: the rest is text
    weights: list[int] = []
    seen: list[str] = []
    n = len(text)
    offsets = array("q")
    chunk_offsets: list[int] = []  # the chunk's, moved into *offsets* at its end
    add = chunk_offsets.append
    kinds = bytearray()
    kind_add = kinds.append
    lowered: dict[str, str] = {}  # the name as written -> as filed (lower case), checked once
    lower = lowered.get
    runs_of: set[str] = set()  # names as written whose start, text and end may be taken at once (see below)
    odd_name = _ODD_NAME_CHAR.search

    root = Node("#root", -1, None)
    els: list[Node] = []
    el_add = els.append
    comments: list[int] = []
    owner = root
    own = root.items
    weight = iter(weights).__next__  # the list grows a chunk at a time, before the chunk's pieces come
    void, closed_by, rootish, html_or_head = VOID_TAGS, _CLOSED_BY, _ROOTISH, _HTML_OR_HEAD
    after_start = _after_start()
    open_names: list[str] = []  # libxml2's stack of open elements
    open_nodes: list[Node] = []  # of each, the node of the nearest start tag's element at or below it
    state = 0  # libxml2's ctxt->html
    in_head = True  # no body was opened yet
    careful = True  # in_head, or text_of is set: a start tag goes the long way
    rooted = False  # a top-level element was opened
    text_of = None  # the open element whose content libxml2 reads as text
    raw_content = -1  # the token of that element's content, as the split read it raw
    tag_open = _TAG_OPEN.search

    pos = 0
    k = 0  # the next token
    for pieces, quotes in _chunks(text, stop, weights, seen, _SPLIT_RUNS.split, 6):
        kinds_before = len(kinds)
        apart = 0  # runs taken apart in this chunk
        angle = "angle" in seen  # a text of this chunk (or one before) holds a '<'
        if len(pieces) % 6 == 0:
            pieces.append("")  # the chunk's last markup: the text after it opens the next chunk
        # The chunk's first text (after the last chunk's last markup) comes as the text after an empty markup
        pieces[0:0] = _NO_MARKUP
        it = iter(pieces)
        for piece, end_name, raw_name, start_name, inner, after in zip(it, it, it, it, it, it):
            if start_name is not None or raw_name is not None:
                if start_name is None:  # a raw-text element: its start tag and its content in one piece
                    m = _START_TAG.match(piece)
                    if m is None:
                        return None  # a start tag that fails at a quote: the split gives up
                    tag_end = m.end()
                    if pos + len(piece) >= stop and \
                            _find_close(text, raw_name.lower(), pos + tag_end) != pos + len(piece):
                        return None  # its end tag is past the split: the split gives up
                    start_name = raw_name
                tag = lower(start_name)
                if tag is None:
                    tag = lowered[start_name] = start_name.lower()
                    if odd_name(tag) is not None or _KELVIN in start_name:
                        return None
                    if tag not in rootish and tag not in void and tag not in after_start:
                        runs_of.add(start_name)
                if inner is not None and (careful or not open_names or start_name not in runs_of):
                    # Taken apart: the start tag now, its end tag and the text after it as the next markup.
                    apart += 1
                    if apart > _APART_PER_CHUNK:
                        return None  # each costs a move of the chunk's later pieces (see _APART_PER_CHUNK)
                    cut = len(start_name) + 3
                    at = len(pieces) - it.__length_hint__()
                    pieces[at:at] = (piece[-cut:], piece[2 - cut:-1], None, None, None, after)
                    after = inner
                    piece = piece[:-cut - len(inner)]
                    inner = None
                add(pos)
                kind_add(START)
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
                node = _new(Node)
                node.tag = tag
                node.tok = k
                node.parent = p
                p.items.append(node)
                el_add(node)
                if inner is not None:
                    # A start tag, its text and its end tag at once (in the body, an element of runs_of): the
                    # element holds the text and is closed at once (pushed and popped: neither).
                    e = pos + len(piece) - len(start_name) - 3  # where the end tag starts
                    if inner:
                        add(e - len(inner))
                        kind_add(TEXT)
                        node.items = [k + 1]
                        node.w = weight()  # (no '<' in it, and the element is no html or head)
                        k += 3
                    else:
                        node.items = []
                        node.w = 0
                        k += 2
                    add(e)
                    kind_add(END)
                    owner = p
                    own = p.items
                else:
                    node.items = []
                    node.w = 0
                    owner = p if tag in void else node
                    own = owner.items
                    kept = after_start.get(tag)  # None for most; False for an empty element, True for text
                    if kept is None:
                        open_names.append(tag)
                        open_nodes.append(node)
                    elif kept:
                        open_names.append(tag)
                        open_nodes.append(node)
                        # (a raw-text element's start tag never ends "/>": its pattern stops at a '>' after
                        # no '/')
                        if tag in RAWTEXT_TAGS and (raw_name is not None or not piece.endswith("/>")):
                            if tag not in _TEXT_CONTENT:
                                return None  # <noscript>: our tokenizer reads raw text, libxml2 markup
                            text_of, raw_content = tag, k + 1
                            careful = True
                        elif tag in _TEXT_CONTENT:
                            if tag == "plaintext":
                                return None
                            text_of, raw_content = tag, -1
                            careful = True
                    k += 1
                    if raw_name is not None and tag_end < len(piece):  # the raw content
                        add(pos + tag_end)
                        kind_add(OTHER)
                        if text_of is not None:
                            if k != raw_content:
                                return None
                            if text_of == "script" and piece.find("<!--", tag_end) >= 0:
                                return None  # libxml2's escaped script states may end it elsewhere
                        k += 1
            elif end_name is not None:
                name = lower(end_name)
                if name is None:
                    name = lowered[end_name] = end_name.lower()
                    if odd_name(name) is not None or _KELVIN in end_name:
                        return None
                if len(piece) != len(end_name) + 3:
                    return None  # not "</name>": libxml2 reads what follows the name otherwise
                add(pos)
                kind_add(END)
                k += 1
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
                # our text's owner, as html_tree._build_in_order follows it
                if owner.tag == name:  # the root's tag is no tag's name
                    owner = owner.parent
                    own = owner.items
                else:
                    up = owner.parent
                    while up is not None and up.tag != name:
                        up = up.parent
                    if up is not None and up is not root:
                        owner = up.parent
                        own = owner.items
            elif piece:  # (not the empty markup before the chunk's first text)
                add(pos)
                if piece[1] == "!" and piece.startswith("<!--"):
                    if len(piece) < 7 or not piece.endswith("-->"):
                        return None  # a comment that does not close: the split reads it apart
                    if text_of is not None:
                        return None
                    if piece.startswith("<!-->") or piece.startswith("<!--->") or "--!>" in piece:
                        return None  # libxml2 ends the comment elsewhere
                    kind_add(COMMENT)
                    comments.append(k)
                else:
                    kind_add(OTHER)
                    if text_of is not None:
                        return None  # (not the raw content, which comes with its start tag)
                k += 1
            pos += len(piece)
            if after:
                add(pos)
                kind_add(TEXT)
                own.append(k)
                k += 1
                w = weight()
                if w:
                    owner.w += w
                    if in_head and text_of is None or not open_names or open_names[-1] in html_or_head:
                        return None  # libxml2 implies elements for it (htmlStartCharData)
                    if angle and "<" in after and tag_open(after) is not None:
                        return None  # a tag to libxml2, not to our tokenizer
                pos += len(after)
        for q in quotes:
            if q > 0 and text[q - 1] != ">" and _start_ends_at(q, pos, chunk_offsets, kinds, kinds_before):
                return None  # a start tag that fails at a quote: the split gives up
        offsets.frombytes(pack(f"{len(chunk_offsets)}q", *chunk_offsets))
        chunk_offsets.clear()
    if pos < n:
        rest = text[pos:]
        offsets.append(pos)
        kind_add(TEXT)
        own.append(k)
        w = _weights([rest], seen)[0]
        if w:
            owner.w += w
            if in_head and text_of is None or not open_names or open_names[-1] in html_or_head:
                return None
            if "<" in rest and tag_open(rest) is not None:
                return None
    offsets.append(n)
    if text_of is not None or not els:
        return None
    els.insert(0, root)
    return offsets, kinds, root, els, comments
