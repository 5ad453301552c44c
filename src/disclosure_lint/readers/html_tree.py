"""The HTML reader's tree where lxml shapes it: lxml parses a marked copy of the page, and the nodes keep
our tokens.  (Most pages never come here: readers/html_onepass.py plays libxml2's rules on the tokens.)

Every start tag in the source is given a marker attribute in a copy of the page that lxml parses (made from
the tokens and fed to it a part at a time); a parser target records, for each marked element, its tag and
the nearest marked element around it.  The marked elements are the start tags, in order, when lxml keeps
them all (it almost always does); otherwise the copy is parsed again with each marker holding its start
tag's token.  One pass over the tokens then builds the nodes in source order and attributes each text token
to the node open where it stands in the source.  So the tree is lxml's and every character keeps its exact
source offset.
"""
from __future__ import annotations

from array import array
from itertools import compress, repeat

from ..i18n import _
from ..source import Span
from .html_tokens import _CONTROL_IN_NAME, COMMENT, END, RAWTEXT_TAGS, START, TEXT, VOID_TAGS

__all__ = ["MARK", "CopyParser", "Node", "lxml_tree", "parse_tree"]

# The marker attribute of the copy lxml parses. The copy keeps none of the page's own attributes, so a
# one-letter name cannot clash, and keeps the copy, the parse and every lookup short.
MARK = "k"
_CONTROL = {c: " " for c in list(range(0, 9)) + [11, 12] + list(range(14, 32)) + [0x7f]}
_CONTROLS = tuple(map(chr, _CONTROL))
# The same, on the copy's UTF-8 bytes: there a control character is one byte of its own, and every byte of a
# longer sequence is 0x80 or above (a lone surrogate too, with "surrogatepass").  So one memchr per control
# byte finds them with no false hits, where str's search on UCS-2 text stops at every character sharing the
# control's low byte (a CJK page has many), and the bytes are mapped as the str would have been.
_CONTROL_CODES = tuple(_CONTROL)
_CONTROL_BYTES = bytes(0x20 if i in _CONTROL else i for i in range(256))
_FLUSH_AT = 512  # pieces of the copy handed on to lxml at once (feed_copy)
# The copy is never cut right after these start tags (their content is raw or escapable text to lxml, even
# written as "<script/>"): lxml would be handed the start of their content on its own.
_NO_CUT_AFTER = RAWTEXT_TAGS | {"title", "plaintext"}


class Node:
    """An element of the page: its lower-case tag, its start tag's token, its items (child nodes and text
    tokens, in document order) and its parent."""
    __slots__ = ("tag", "tok", "items", "parent", "w")

    def __init__(self, tag: str, tok: int, parent: "Node | None") -> None:
        self.tag = tag
        self.tok = tok
        self.items: list = []  # Node or token index (text)
        self.parent = parent
        self.w = 0  # non-space characters of the node's own text; content_root makes it the node's weight


class _Structure:
    """A parser target recording, for each marked element lxml opens, its tag and the place of the nearest
    marked element open around it (an implied element, such as a <tbody> the page does not write, has no
    mark and passes its parent on), so lxml builds no tree.  The callbacks do as little as they can (there
    is one per element): two appends.  What they found is then made compact by C loops: the parents as
    machine integers, the tags lower-cased."""
    __slots__ = ("stack", "tags", "parents", "tops")

    def __init__(self) -> None:
        self.stack: list = [-1]
        self.tags: list[str] = []  # the tag of each marked element, in source order
        self.parents: list[int] = []  # the place (in these lists) of the marked element around it, or -1
        self.tops: list[int] = []  # where in the lists each top-level element starts

    def start(self, tag, attrib) -> None:
        stack = self.stack
        if len(stack) == 1:
            self.tops.append(len(self.tags))
        if MARK in attrib:
            tags = self.tags
            stack.append(len(tags))
            tags.append(tag)
            self.parents.append(stack[-2])
        else:
            stack.append(stack[-1])

    def end(self, tag) -> None:
        self.stack.pop()

    def close(self) -> None:
        return None

    def _kept(self) -> int:
        """How many of the elements found are in lxml's tree: only the first top-level element is its
        root; what libxml2 puts after it (content after </html>) is not in its tree."""
        return self.tops[1] if len(self.tops) > 1 else len(self.tags)

    def elements(self) -> tuple:
        """What was found, as columns (lower-case tags, parents) in source order; the lists go."""
        n = self._kept()
        tags, parents = self.tags, self.parents
        self.tags, self.parents = [], []
        del tags[n:], parents[n:]
        # libxml2 gives ASCII names lower-cased, so a test of all of them at once (C loops) nearly always
        # spares the per-tag mapping (a hash and a lookup per element). Exact: lower() changes no
        # character of the joined names only if it changes none of any name (a changed character, or Σ,
        # which becomes σ or ς by its context, would show).
        joined = "".join(tags)
        if joined.lower() != joined:
            lowered = {t: t.lower() for t in set(tags)}
            tags = list(map(lowered.__getitem__, tags))
        return tags, array("q", parents)


class _Numbered(_Structure):
    """The target for a copy whose markers hold their start tag's token (``<p k="12">``): for the pages
    where lxml drops start tags (a second <body>), so that its elements are not those of the start tags in
    order.  It also records the marks."""
    __slots__ = ("marks",)

    def __init__(self) -> None:
        super().__init__()
        self.marks: list[str] = []

    def start(self, tag, attrib) -> None:
        k = attrib.get(MARK)
        if k is not None:
            self.marks.append(k)
        super().start(tag, attrib)

    def numbers(self) -> array:
        """The marks of the elements found, as numbers (the start tags' tokens)."""
        marks = self.marks
        self.marks = []
        del marks[self._kept():]
        return array("q", map(int, marks))


_NOTHING = ([], array("q"))  # no elements (never changed)


def numbered_copy(text: str, starts, kinds: bytearray, names: list, mark: str = MARK) -> list[str]:
    """The pieces of the marked copy with each marker holding its start tag's token number,
    ``<name mark="k">``, made from the tokens."""
    out: list[str] = []
    add = out.append
    prev = 0
    tag_names = iter(names)
    for k, kind in enumerate(kinds):
        if kind == START:
            name = next(tag_names)
            bad = _CONTROL_IN_NAME.search(name)
            add(text[prev:starts[k]])
            add(f'<{name if bad is None else name[:bad.start()]} {mark}="{k}">')
            prev = starts[k + 1]
        elif kind == END:
            next(tag_names)
    add(text[prev:])
    return out


def _build(text: str, starts, kinds: bytearray, names: list, weights: list, elements: tuple, marks
           ) -> tuple[Node, list[Node], list[int]]:
    """One pass in source order builds the nodes and attributes the text, so every node's items come out
    in document order (a parent's start tag always comes before its children's): text to the node open
    where it stands in the source, end tags closing the nearest open node of their name (start tags lxml
    dropped are passed over).  *starts*, *kinds* and *names* are the compact tokens (html_tokens.tokenize_compact),
    *weights* the text tokens' (html_split.text_weights), *elements* what lxml found (tags, parents) and
    *marks* the start tag of each, or None when they are the start tags in order.
    Returns the root, every node in the order made and the comments' tokens."""
    root = Node("#root", -1, None)
    nodes = [root]  # the node of element i is nodes[i + 1]
    comments: list[int] = []
    owner = root
    own = root.items
    weight = iter(weights).__next__
    tags, parents = elements
    ordinal = marks is None  # every start tag is the next element's
    if not ordinal:
        marks = marks + array("q", [-1])  # a sentinel mark ends them
    i = 0
    nk = -1 if ordinal else marks[0]
    tag_names = iter(names)
    new = object.__new__
    for k, kind in enumerate(kinds):
        if kind == TEXT:
            own.append(k)
            owner.w += weight()
        elif kind == START:
            name = next(tag_names)
            if ordinal or k == nk:
                p = nodes[parents[i] + 1]
                # Node(tags[i], k, p), without a Python frame per element
                node = new(Node)
                node.tag = tags[i]
                node.tok = k
                node.items = []
                node.parent = p
                node.w = 0
                nodes.append(node)
                p.items.append(node)
                owner = p if name in VOID_TAGS else node
                own = owner.items
                i += 1
                if not ordinal:
                    nk = marks[i]
        elif kind == END:
            name = next(tag_names)
            n = owner
            while n is not None and n.tag != name:
                n = n.parent
            if n is not None and n is not root:
                owner = n.parent
                own = owner.items
        elif kind == COMMENT:
            comments.append(k)
    return root, nodes, comments


def _build_in_order(kinds: bytearray, names: list, weights: list, elements: tuple
                    ) -> tuple[Node, list[Node], list[int]]:
    """:func:`_build` when lxml's elements are the start tags in order (their names are the tags), as on
    almost every page, with less Python per token (tests compare the two):

    - the nodes are made blank at once by a C loop (``map``), the root after them, so that ``els[p]`` is an
      element's parent node with p = -1 (no marked parent) the root: no ``object.__new__`` call and no
      ``+ 1`` per element;
    - the parents as a list (a list's subscript is specialized, an array's makes an int object);
    - a start tag's name is its element's tag; an end tag's is read by position (no ``next()`` call),
      and an end tag closing the open node, as nearly all do, is taken without the walk up;
    - the kinds are tested most frequent first, with a running count instead of ``enumerate``."""
    tags, parents = elements
    if type(parents) is not list:
        parents = parents.tolist()
    root = Node("#root", -1, None)
    els = list(map(object.__new__, repeat(Node, len(parents))))
    els.append(root)
    comments: list[int] = []
    owner = root
    own = root.items
    weight = iter(weights).__next__
    void = VOID_TAGS
    start, end, text = START, END, TEXT
    i = 0  # the next element
    j = 0  # names[j] is the next start or end tag's name
    k = -1
    for kind in kinds:
        k += 1
        if kind == start:
            tag = names[j]  # the element's tag, as the tokens hold it: one string per name, not per element
            p = els[parents[i]]
            node = els[i]
            node.tag = tag
            node.tok = k
            node.items = []
            node.parent = p
            node.w = 0
            p.items.append(node)
            i += 1
            j += 1
            owner = p if tag in void else node
            own = owner.items
        elif kind == end:
            name = names[j]
            j += 1
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
        elif kind == text:
            own.append(k)
            owner.w += weight()
        elif kind == COMMENT:
            comments.append(k)
    els.pop()
    els.insert(0, root)
    return root, els, comments


class CopyParser:
    """lxml's parser of the marked copy, fed a part at a time as feed_copy makes it (its *flush*), so
    the copy never stands whole in memory, as a string or as bytes.  Fed in one part or in many, lxml finds
    the same elements (a test compares the two on real pages and on arbitrary markup cut anywhere)."""

    def __init__(self, problems: list, numbered: bool = False) -> None:
        self.problems = problems
        self.pieces: list[str] = []  # the copy's pieces not yet fed
        self.target = _Numbered() if numbered else _Structure()
        self.fed = False
        self.failed = False
        try:
            from lxml import etree
        except ImportError:  # pragma: no cover - lxml is a dependency
            self.parser = None
            return
        self.parser = etree.HTMLParser(target=self.target, recover=True, no_network=True, remove_comments=True,
                                       remove_pis=True, huge_tree=True, default_doctype=False, encoding="utf-8")

    def flush(self) -> None:
        """Feed the pieces so far, and let go of them."""
        part = "".join(self.pieces)
        self.pieces.clear()
        if not part or self.parser is None:
            return
        # Each start tag became its name and a marker; everything between stays as it is. lxml needs no
        # attributes to build the tree (we read them from our own tokens), and Word's style attributes
        # are most of a page's bytes: leaving them out makes the copy and the parse smaller.
        data = part.encode("utf-8", "surrogatepass")
        if any(c in data for c in _CONTROL_CODES):  # a memchr each: far faster than a character class
            data = data.translate(_CONTROL_BYTES)  # libxml2 refuses NUL and other control characters
        try:
            self.parser.feed(data)
            self.fed = True
        except Exception as exc:  # lxml raises various errors on pathological input
            self._failed(exc)

    def _failed(self, exc: Exception) -> None:
        self.problems.append(("DL002", _("the HTML could not be parsed into a tree ({error}); it is read as "
                                         "plain text", error=type(exc).__name__), Span(0, 0)))
        self.parser = None
        self.failed = True

    def finish(self) -> bool:
        """Once the whole copy is fed: whether lxml read it (nothing fed is no tree, and no error)."""
        self.flush()
        parser, self.parser = self.parser, None
        if parser is None or not self.fed:
            return False
        try:
            parser.close()
        except Exception as exc:
            self._failed(exc)
            return False
        return True


def parse_tree(text: str, tokens: tuple, copy: CopyParser, ordinal: bool = True
               ) -> tuple[Node, list[Node], list[int]]:
    """Let lxml finish parsing the marked copy (fed to *copy* by feed_copy), then build the Nodes with
    text attributed.

    Each start tag gives lxml at most one marked element, in source order, so when lxml found as many as
    there are start tags, with their names, the i-th element is the i-th start tag's.  Otherwise (lxml
    dropped a start tag, such as a second <body>, or read a name otherwise) the copy is made again with
    each marker holding its token, and parsed again: the marks then say which element is which (always,
    with *ordinal* false)."""
    starts, kinds, names, weights = tokens
    if not copy.finish():
        return _build(text, starts, kinds, names, weights, _NOTHING, array("q"))
    tags, parents = copy.target.elements()
    copy.target = None  # the parser and its target can stay in a reference cycle: let go of them now
    if ordinal and len(tags) == kinds.count(START) and \
            tags == list(compress(names, kinds.translate(_IS_START, _NOT_TAGS))):
        return _build_in_order(kinds, names, weights, (tags, parents))
    again = CopyParser(copy.problems, numbered=True)
    again.pieces = numbered_copy(text, starts, kinds, names)
    if not again.finish():
        return _build(text, starts, kinds, names, weights, _NOTHING, array("q"))
    marks = again.target.numbers()
    return _build(text, starts, kinds, names, weights, again.target.elements(), marks)


# Which of the start and end tags' names are start tags': their kinds, the others deleted, START to 1.
_IS_START = bytes(1 if i == START else 0 for i in range(256))
_NOT_TAGS = bytes(i for i in range(256) if i not in (START, END))


def lxml_tree(text: str, tokens: tuple, problems: list) -> tuple[Node, list[Node], list[int]]:
    """The nodes of the page from its tokens (``offsets, kinds, names, weights``), shaped as lxml builds
    the marked copy: made from the tokens and fed to it a part at a time (:func:`parse_tree`)."""
    copy = CopyParser(problems)
    feed_copy(text, tokens[0], tokens[1], tokens[2], copy)
    return parse_tree(text, tokens, copy)


def feed_copy(text: str, starts, kinds: bytearray, names: list, copy: CopyParser) -> None:
    """Make the marked copy from the tokens, each start tag as ``<name k>`` (its name up to a control
    character, as the tokenizers write it) and every other token as it stands, and feed it to *copy* a
    part at a time (so that it never stands whole in memory), cut only right after a marker."""
    pieces = copy.pieces
    add = pieces.append
    prev = 0
    j = 0
    for k, kind in enumerate(kinds):
        if kind == START:
            name = names[j]
            j += 1
            bad = _CONTROL_IN_NAME.search(name)
            if bad is not None:
                name = name[:bad.start()]
            add(text[prev:starts[k]])
            add(f"<{name} {MARK}>")
            prev = starts[k + 1]
            if len(pieces) >= _FLUSH_AT and name not in _NO_CUT_AFTER:
                copy.flush()
        elif kind == END:
            j += 1
    add(text[prev:])
